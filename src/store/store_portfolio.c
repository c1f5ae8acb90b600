/*
 * store_portfolio.c: see store_portfolio.h.
 */
#include "store_portfolio.h"

#include <string.h>

#include "store_util.h"

/* ---- evidence ---- */

#define EVIDENCE_COLS                                                                              \
    "id, org_id, owner_id, kind, title, body, url, file_name, content_type, file_size,"            \
    " created_at, updated_at, version"

static void evidence_row(struct db_stmt *st, struct arena *a, struct evidence_rec *v)
{
    memset(v, 0, sizeof(*v));
    store_col_id(st, 0, v->id);
    store_col_id(st, 1, v->org_id);
    store_col_id(st, 2, v->owner_id);
    v->kind = store_col_str(a, st, 3);
    v->title = store_col_str(a, st, 4);
    v->body = store_col_str(a, st, 5);
    v->url = store_col_opt(a, st, 6);
    v->file_name = store_col_opt(a, st, 7);
    v->content_type = store_col_opt(a, st, 8);
    v->file_size = db_col_int64(st, 9);
    v->created_at = store_col_str(a, st, 10);
    v->updated_at = store_col_str(a, st, 11);
    v->version = db_col_int64(st, 12);
}

static int refs_insert(struct db *db, const struct evidence_rec *v, const char *kind,
                       const char *const *codes, size_t n, struct pd_err *e)
{
    for (size_t i = 0; i < n; i++) {
        struct db_stmt *st = db_prepare(
            db,
            "INSERT INTO portfolio_evidence_ref"
            " (org_id, evidence_id, ref_kind, code) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            e);
        if (!st)
            return e->code;
        db_bind_text(st, 1, v->org_id);
        db_bind_text(st, 2, v->id);
        db_bind_text(st, 3, kind);
        db_bind_text(st, 4, codes[i]);
        if (store_step_done(st, e) != PD_OK)
            return e->code;
    }
    return PD_OK;
}

static int refs_write(struct db *db, const struct evidence_rec *v, struct pd_err *e)
{
    if (refs_insert(db, v, "assignment", v->assignments, v->nassignments, e) != PD_OK)
        return e->code;
    return refs_insert(db, v, "competency", v->competencies, v->ncompetencies, e);
}

/* Fill the references of items [0, n) (one query per item: portfolios are small). */
static int refs_read(struct db *db, struct arena *a, struct evidence_rec *v, size_t n,
                     struct pd_err *e)
{
    for (size_t i = 0; i < n; i++) {
        struct db_stmt *st = db_prepare(db,
                                        "SELECT ref_kind, code FROM portfolio_evidence_ref"
                                        " WHERE evidence_id = ? ORDER BY ref_kind, code",
                                        e);
        if (!st)
            return e->code;
        db_bind_text(st, 1, v[i].id);
        size_t cap = 8, na = 0, nc = 0;
        const char **as = arena_array(a, cap, sizeof(char *));
        const char **cs = arena_array(a, cap, sizeof(char *));
        size_t acap = cap, ccap = cap;
        int rc;
        while ((rc = db_step(st, e)) == DB_ROW) {
            const char *kind = db_col_text(st, 0);
            const char *code = store_col_str(a, st, 1);
            if (strcmp(kind, "assignment") == 0) {
                if (na == acap)
                    as = store_grow(a, as, &acap, sizeof(char *));
                as[na++] = code;
            } else {
                if (nc == ccap)
                    cs = store_grow(a, cs, &ccap, sizeof(char *));
                cs[nc++] = code;
            }
        }
        if (rc < 0)
            return rc;
        v[i].assignments = as;
        v[i].nassignments = na;
        v[i].competencies = cs;
        v[i].ncompetencies = nc;
    }
    return PD_OK;
}

int store_evidence_insert(struct db *db, const struct evidence_rec *v, const void *data, size_t len,
                          struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO portfolio_evidence (" EVIDENCE_COLS ", file_data)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, v->id);
    db_bind_text(st, 2, v->org_id);
    db_bind_text(st, 3, v->owner_id);
    db_bind_text(st, 4, v->kind);
    db_bind_text(st, 5, v->title);
    db_bind_text(st, 6, v->body ? v->body : "");
    db_bind_text(st, 7, v->url);
    db_bind_text(st, 8, v->file_name);
    db_bind_text(st, 9, v->content_type);
    if (data)
        db_bind_int64(st, 10, (int64_t)len);
    else
        db_bind_null(st, 10);
    db_bind_text(st, 11, v->created_at);
    db_bind_text(st, 12, v->updated_at);
    if (data)
        db_bind_blob(st, 13, data, len);
    else
        db_bind_null(st, 13);
    if (store_step_done(st, e) != PD_OK)
        return e->code;
    return refs_write(db, v, e);
}

int store_evidence_get(struct db *db, struct arena *a, const char *org_id, const char *owner_id,
                       const char *id, struct evidence_rec *out, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT " EVIDENCE_COLS " FROM portfolio_evidence"
                                    " WHERE id = ? AND org_id = ? AND owner_id = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, org_id);
    db_bind_text(st, 3, owner_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc != DB_ROW)
        return err_set(e, PD_ENOTFOUND, NULL, "no such evidence");
    evidence_row(st, a, out);
    db_reset(st);
    return refs_read(db, a, out, 1, e);
}

int store_evidence_file(struct db *db, struct arena *a, const char *org_id, const char *id,
                        const void **data, size_t *len, struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT file_data FROM portfolio_evidence WHERE id = ? AND org_id = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, org_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc != DB_ROW || db_col_is_null(st, 0)) {
        db_reset(st);
        return err_set(e, PD_ENOTFOUND, NULL, "no such file");
    }
    size_t n = 0;
    const void *p = db_col_blob(st, 0, &n);
    void *copy = arena_alloc(a, n ? n : 1);
    if (n)
        memcpy(copy, p, n);
    *data = copy;
    *len = n;
    db_reset(st);
    return PD_OK;
}

int store_evidence_update(struct db *db, const struct evidence_rec *v, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE portfolio_evidence SET title = ?, body = ?, url = ?,"
                                    " updated_at = ?, version = version + 1"
                                    " WHERE id = ? AND org_id = ? AND owner_id = ? AND version = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, v->title);
    db_bind_text(st, 2, v->body ? v->body : "");
    db_bind_text(st, 3, v->url);
    db_bind_text(st, 4, v->updated_at);
    db_bind_text(st, 5, v->id);
    db_bind_text(st, 6, v->org_id);
    db_bind_text(st, 7, v->owner_id);
    db_bind_int64(st, 8, v->version);
    if (store_step_versioned(db, st, "evidence", e) != PD_OK)
        return e->code;
    st = db_prepare(db, "DELETE FROM portfolio_evidence_ref WHERE evidence_id = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, v->id);
    if (store_step_done(st, e) != PD_OK)
        return e->code;
    return refs_write(db, v, e);
}

int store_evidence_delete(struct db *db, const char *org_id, const char *owner_id, const char *id,
                          struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db, "DELETE FROM portfolio_evidence WHERE id = ? AND org_id = ? AND owner_id = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, org_id);
    db_bind_text(st, 3, owner_id);
    if (store_step_done(st, e) != PD_OK)
        return e->code;
    if (db_changes(db) == 0)
        return err_set(e, PD_ENOTFOUND, NULL, "no such evidence");
    return PD_OK;
}

int store_evidence_list(struct db *db, struct arena *a, const char *org_id, const char *owner_id,
                        int limit, struct evidence_rec **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT " EVIDENCE_COLS " FROM portfolio_evidence"
                                    " WHERE org_id = ? AND owner_id = ? ORDER BY id DESC LIMIT ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, owner_id);
    db_bind_int64(st, 3, limit);
    size_t cap = 16, len = 0;
    struct evidence_rec *v = arena_array(a, cap, sizeof(*v));
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        evidence_row(st, a, &v[len++]);
    }
    if (rc < 0)
        return rc;
    if (refs_read(db, a, v, len, e) != PD_OK)
        return e->code;
    *out = v;
    *n = len;
    return PD_OK;
}

/* ---- feedback ---- */

int store_feedback_insert(struct db *db, const struct feedback_rec *f, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO portfolio_feedback (id, org_id, owner_id,"
                                    " evidence_id, unit_code, author_id, body, created_at)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, f->id);
    db_bind_text(st, 2, f->org_id);
    db_bind_text(st, 3, f->owner_id);
    db_bind_text(st, 4, f->evidence_id);
    db_bind_text(st, 5, f->unit_code);
    db_bind_text(st, 6, f->author_id);
    db_bind_text(st, 7, f->body);
    db_bind_text(st, 8, f->created_at);
    return store_step_done(st, e);
}

int store_feedback_list(struct db *db, struct arena *a, const char *org_id, const char *owner_id,
                        struct feedback_rec **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db,
                   "SELECT f.id, f.org_id, f.owner_id, f.evidence_id, f.unit_code, f.author_id,"
                   " w.name, f.body, f.created_at FROM portfolio_feedback f"
                   " JOIN worker w ON w.id = f.author_id"
                   " WHERE f.org_id = ? AND f.owner_id = ? ORDER BY f.created_at, f.id",
                   e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, owner_id);
    size_t cap = 16, len = 0;
    struct feedback_rec *v = arena_array(a, cap, sizeof(*v));
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        struct feedback_rec *f = &v[len++];
        memset(f, 0, sizeof(*f));
        store_col_id(st, 0, f->id);
        store_col_id(st, 1, f->org_id);
        store_col_id(st, 2, f->owner_id);
        f->evidence_id = store_col_opt(a, st, 3);
        f->unit_code = store_col_opt(a, st, 4);
        store_col_id(st, 5, f->author_id);
        f->author_name = store_col_str(a, st, 6);
        f->body = store_col_str(a, st, 7);
        f->created_at = store_col_str(a, st, 8);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

/* ---- sign-offs ---- */

#define SIGNOFF_COLS                                                                               \
    "s.id, s.org_id, s.owner_id, s.unit_code, s.trainer_id, w.name, s.note, s.signed_at,"          \
    " s.withdrawn_at, s.withdrawn_by, s.withdraw_reason, s.version"

static void signoff_row(struct db_stmt *st, struct arena *a, struct signoff_rec *s)
{
    memset(s, 0, sizeof(*s));
    store_col_id(st, 0, s->id);
    store_col_id(st, 1, s->org_id);
    store_col_id(st, 2, s->owner_id);
    s->unit_code = store_col_str(a, st, 3);
    store_col_id(st, 4, s->trainer_id);
    s->trainer_name = store_col_str(a, st, 5);
    s->note = store_col_str(a, st, 6);
    s->signed_at = store_col_str(a, st, 7);
    s->withdrawn_at = store_col_opt(a, st, 8);
    s->withdrawn_by = store_col_opt(a, st, 9);
    s->withdraw_reason = store_col_opt(a, st, 10);
    s->version = db_col_int64(st, 11);
}

int store_signoff_insert(struct db *db, const struct signoff_rec *s, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO portfolio_signoff (id, org_id, owner_id,"
                                    " unit_code, trainer_id, note, signed_at, version)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, 1)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, s->id);
    db_bind_text(st, 2, s->org_id);
    db_bind_text(st, 3, s->owner_id);
    db_bind_text(st, 4, s->unit_code);
    db_bind_text(st, 5, s->trainer_id);
    db_bind_text(st, 6, s->note);
    db_bind_text(st, 7, s->signed_at);
    int rc = db_step(st, e);
    if (rc == PD_ECONFLICT) {
        err_clear(e);
        return err_set(e, PD_ECONFLICT, "unit", "this unit is already signed off");
    }
    return rc < 0 ? rc : PD_OK;
}

int store_signoff_get(struct db *db, struct arena *a, const char *org_id, const char *owner_id,
                      const char *id, struct signoff_rec *out, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT " SIGNOFF_COLS " FROM portfolio_signoff s"
                                    " JOIN worker w ON w.id = s.trainer_id"
                                    " WHERE s.id = ? AND s.org_id = ? AND s.owner_id = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, org_id);
    db_bind_text(st, 3, owner_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc != DB_ROW)
        return err_set(e, PD_ENOTFOUND, NULL, "no such sign-off");
    signoff_row(st, a, out);
    db_reset(st);
    return PD_OK;
}

int store_signoff_withdraw(struct db *db, const struct signoff_rec *s, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE portfolio_signoff SET withdrawn_at = ?,"
                                    " withdrawn_by = ?, withdraw_reason = ?, version = version + 1"
                                    " WHERE id = ? AND org_id = ? AND version = ?"
                                    " AND withdrawn_at IS NULL",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, s->withdrawn_at);
    db_bind_text(st, 2, s->withdrawn_by);
    db_bind_text(st, 3, s->withdraw_reason);
    db_bind_text(st, 4, s->id);
    db_bind_text(st, 5, s->org_id);
    db_bind_int64(st, 6, s->version);
    return store_step_versioned(db, st, "sign-off", e);
}

int store_signoff_list(struct db *db, struct arena *a, const char *org_id, const char *owner_id,
                       struct signoff_rec **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT " SIGNOFF_COLS " FROM portfolio_signoff s"
                                    " JOIN worker w ON w.id = s.trainer_id"
                                    " WHERE s.org_id = ? AND s.owner_id = ?"
                                    " ORDER BY s.signed_at, s.id",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, owner_id);
    size_t cap = 8, len = 0;
    struct signoff_rec *v = arena_array(a, cap, sizeof(*v));
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        signoff_row(st, a, &v[len++]);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

/* ---- learning groups ---- */

int store_trains(struct db *db, const char *org_id, const char *trainer_id, const char *student_id,
                 bool *yes, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT 1 FROM learning_group_member t"
                                    " JOIN learning_group_member s ON s.group_id = t.group_id"
                                    " WHERE t.org_id = ? AND t.worker_id = ? AND t.role = 'trainer'"
                                    " AND s.worker_id = ? AND s.role = 'student' LIMIT 1",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, trainer_id);
    db_bind_text(st, 3, student_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    *yes = rc == DB_ROW;
    db_reset(st);
    return PD_OK;
}

int store_learners_of(struct db *db, struct arena *a, const char *org_id, const char *trainer_id,
                      struct learner_rec **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db,
                   "SELECT s.worker_id, w.name, g.name"
                   " FROM learning_group_member t"
                   " JOIN learning_group_member s ON s.group_id = t.group_id AND s.role = 'student'"
                   " JOIN learning_group g ON g.id = t.group_id"
                   " JOIN worker w ON w.id = s.worker_id AND w.status = 'active'"
                   " WHERE t.org_id = ? AND t.worker_id = ? AND t.role = 'trainer'"
                   " ORDER BY w.name, s.worker_id, g.name, g.id",
                   e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, trainer_id);
    size_t cap = 16, len = 0;
    struct learner_rec *v = arena_array(a, cap, sizeof(*v));
    int rc;
    /* A row per student and group, the groups "; "-joined here: SQLite's group_concat and
     * PostgreSQL's string_agg have no common spelling. */
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len > 0 && strcmp(v[len - 1].id, db_col_text(st, 0)) == 0) {
            v[len - 1].groups = arena_printf(a, "%s; %s", v[len - 1].groups, db_col_text(st, 2));
            continue;
        }
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        store_col_id(st, 0, v[len].id);
        v[len].name = store_col_str(a, st, 1);
        v[len].groups = store_col_str(a, st, 2);
        len++;
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}
