/*
 * store_curriculum.c: see store_curriculum.h.
 */
#include "store_curriculum.h"

#include <string.h>

#include "store_util.h"

#define UNIT_COLS                                                                                  \
    "id, org_id, code, title_nl, title_en, goals_nl, goals_en, sort, active, created_by,"          \
    " created_at, version"

static void unit_row(struct db_stmt *st, struct arena *a, struct local_unit_rec *u)
{
    memset(u, 0, sizeof(*u));
    store_col_id(st, 0, u->id);
    store_col_id(st, 1, u->org_id);
    u->code = store_col_str(a, st, 2);
    u->title_nl = store_col_str(a, st, 3);
    u->title_en = store_col_str(a, st, 4);
    u->goals_nl = store_col_str(a, st, 5);
    u->goals_en = store_col_str(a, st, 6);
    u->sort = (int)db_col_int64(st, 7);
    u->active = db_col_int64(st, 8) != 0;
    store_col_id(st, 9, u->created_by);
    u->created_at = store_col_str(a, st, 10);
    u->version = db_col_int64(st, 11);
}

int store_local_unit_insert(struct db *db, const struct local_unit_rec *u, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO curriculum_local_unit (" UNIT_COLS ")"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, u->id);
    db_bind_text(st, 2, u->org_id);
    db_bind_text(st, 3, u->code);
    db_bind_text(st, 4, u->title_nl);
    db_bind_text(st, 5, u->title_en);
    db_bind_text(st, 6, u->goals_nl ? u->goals_nl : "");
    db_bind_text(st, 7, u->goals_en ? u->goals_en : "");
    db_bind_int64(st, 8, u->sort);
    db_bind_int64(st, 9, u->active ? 1 : 0);
    db_bind_text(st, 10, u->created_by);
    db_bind_text(st, 11, u->created_at);
    return store_step_done(st, e);
}

int store_local_unit_get(struct db *db, struct arena *a, const char *org_id, const char *code,
                         struct local_unit_rec *out, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT " UNIT_COLS " FROM curriculum_local_unit WHERE org_id = ? AND code = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, code);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc != DB_ROW)
        return err_set(e, PD_ENOTFOUND, NULL, "no such unit");
    unit_row(st, a, out);
    db_reset(st);
    return PD_OK;
}

int store_local_unit_update(struct db *db, const struct local_unit_rec *u, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE curriculum_local_unit SET title_nl = ?, title_en = ?,"
                                    " goals_nl = ?, goals_en = ?, active = ?,"
                                    " version = version + 1"
                                    " WHERE org_id = ? AND code = ? AND version = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, u->title_nl);
    db_bind_text(st, 2, u->title_en);
    db_bind_text(st, 3, u->goals_nl);
    db_bind_text(st, 4, u->goals_en);
    db_bind_int64(st, 5, u->active ? 1 : 0);
    db_bind_text(st, 6, u->org_id);
    db_bind_text(st, 7, u->code);
    db_bind_int64(st, 8, u->version);
    return store_step_versioned(db, st, "unit", e);
}

int store_local_unit_list(struct db *db, struct arena *a, const char *org_id,
                          struct local_unit_rec **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT " UNIT_COLS " FROM curriculum_local_unit"
                                    " WHERE org_id = ? ORDER BY sort, code",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    size_t cap = 8, len = 0;
    struct local_unit_rec *v = arena_array(a, cap, sizeof(*v));
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        unit_row(st, a, &v[len++]);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

int store_local_unit_max_sort(struct db *db, const char *org_id, int *out, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT COALESCE(MAX(sort), 0) FROM curriculum_local_unit WHERE org_id = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    *out = rc == DB_ROW ? (int)db_col_int64(st, 0) : 0;
    db_reset(st);
    return PD_OK;
}

#define ASSIGN_COLS                                                                                \
    "id, org_id, code, unit_code, replaces, label, output, competencies, text_nl, text_en,"        \
    " active, created_by, created_at, version"

static void assign_row(struct db_stmt *st, struct arena *a, struct local_assignment_rec *l)
{
    memset(l, 0, sizeof(*l));
    store_col_id(st, 0, l->id);
    store_col_id(st, 1, l->org_id);
    l->code = store_col_str(a, st, 2);
    l->unit_code = store_col_str(a, st, 3);
    l->replaces = store_col_opt(a, st, 4);
    l->label = store_col_str(a, st, 5);
    l->output = store_col_str(a, st, 6);
    l->competencies = store_col_str(a, st, 7);
    l->text_nl = store_col_str(a, st, 8);
    l->text_en = store_col_str(a, st, 9);
    l->active = db_col_int64(st, 10) != 0;
    store_col_id(st, 11, l->created_by);
    l->created_at = store_col_str(a, st, 12);
    l->version = db_col_int64(st, 13);
}

/* A second active replacement of one seeded code trips the partial unique index, whose
 * last column is "replaces"; the code's own uniqueness says "code". */
static int step_unique(struct db_stmt *st, struct pd_err *e)
{
    int rc = db_step(st, e);
    if (rc == PD_ECONFLICT && strcmp(e->field, "replaces") == 0) {
        err_clear(e);
        return err_set(e, PD_ECONFLICT, "replaces", "this assignment is already replaced");
    }
    return rc < 0 ? rc : PD_OK;
}

int store_local_assignment_insert(struct db *db, const struct local_assignment_rec *l,
                                  struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO curriculum_local_assignment (" ASSIGN_COLS ")"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, l->id);
    db_bind_text(st, 2, l->org_id);
    db_bind_text(st, 3, l->code);
    db_bind_text(st, 4, l->unit_code);
    db_bind_text(st, 5, l->replaces);
    db_bind_text(st, 6, l->label);
    db_bind_text(st, 7, l->output);
    db_bind_text(st, 8, l->competencies ? l->competencies : "");
    db_bind_text(st, 9, l->text_nl);
    db_bind_text(st, 10, l->text_en);
    db_bind_int64(st, 11, l->active ? 1 : 0);
    db_bind_text(st, 12, l->created_by);
    db_bind_text(st, 13, l->created_at);
    return step_unique(st, e);
}

int store_local_assignment_get(struct db *db, struct arena *a, const char *org_id, const char *code,
                               struct local_assignment_rec *out, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT " ASSIGN_COLS " FROM curriculum_local_assignment"
                                    " WHERE org_id = ? AND code = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, code);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc != DB_ROW)
        return err_set(e, PD_ENOTFOUND, NULL, "no such assignment");
    assign_row(st, a, out);
    db_reset(st);
    return PD_OK;
}

int store_local_assignment_update(struct db *db, const struct local_assignment_rec *l,
                                  struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE curriculum_local_assignment SET label = ?, output = ?,"
                                    " competencies = ?, text_nl = ?, text_en = ?, active = ?,"
                                    " version = version + 1"
                                    " WHERE org_id = ? AND code = ? AND version = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, l->label);
    db_bind_text(st, 2, l->output);
    db_bind_text(st, 3, l->competencies ? l->competencies : "");
    db_bind_text(st, 4, l->text_nl);
    db_bind_text(st, 5, l->text_en);
    db_bind_int64(st, 6, l->active ? 1 : 0);
    db_bind_text(st, 7, l->org_id);
    db_bind_text(st, 8, l->code);
    db_bind_int64(st, 9, l->version);
    int rc = step_unique(st, e);
    if (rc)
        return rc;
    if (db_changes(db) == 0)
        return err_set(e, PD_ESTALE, "If-Match", "the assignment changed since you read it");
    return PD_OK;
}

int store_local_assignment_list(struct db *db, struct arena *a, const char *org_id,
                                struct local_assignment_rec **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT " ASSIGN_COLS " FROM curriculum_local_assignment"
                                    " WHERE org_id = ? ORDER BY unit_code, code",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    size_t cap = 16, len = 0;
    struct local_assignment_rec *v = arena_array(a, cap, sizeof(*v));
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        assign_row(st, a, &v[len++]);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

int store_local_assignment_count(struct db *db, const char *org_id, const char *unit_code, int *out,
                                 struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT COUNT(*) FROM curriculum_local_assignment"
                                    " WHERE org_id = ? AND unit_code = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, unit_code);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    *out = rc == DB_ROW ? (int)db_col_int64(st, 0) : 0;
    db_reset(st);
    return PD_OK;
}
