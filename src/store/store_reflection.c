/*
 * store_reflection.c: see store_reflection.h.
 */
#include "store_reflection.h"

#include <string.h>

#include "store_util.h"

#define REFL_COLS                                                                                  \
    "id, org_id, author_id, happened_on, what_shared, why_shared, permission, checked_after,"      \
    " balance, over_identification, over_identification_note, undirected, undirected_note,"        \
    " unprocessed, unprocessed_note, golden_rules, note, shared_with, shared_at, created_at,"      \
    " updated_at, version"

static void refl_row(struct db_stmt *st, struct arena *a, struct reflection_rec *f)
{
    memset(f, 0, sizeof(*f));
    store_col_id(st, 0, f->id);
    store_col_id(st, 1, f->org_id);
    store_col_id(st, 2, f->author_id);
    f->happened_on = store_col_str(a, st, 3);
    f->what_shared = store_col_str(a, st, 4);
    f->why_shared = store_col_str(a, st, 5);
    f->permission = store_col_str(a, st, 6);
    f->checked_after = store_col_str(a, st, 7);
    f->balance = store_col_str(a, st, 8);
    f->over_identification = db_col_int64(st, 9) != 0;
    f->over_identification_note = store_col_opt(a, st, 10);
    f->undirected = db_col_int64(st, 11) != 0;
    f->undirected_note = store_col_opt(a, st, 12);
    f->unprocessed = db_col_int64(st, 13) != 0;
    f->unprocessed_note = store_col_opt(a, st, 14);
    f->golden_rules = store_col_str(a, st, 15);
    f->note = store_col_opt(a, st, 16);
    f->shared_with = store_col_opt(a, st, 17);
    f->shared_at = store_col_opt(a, st, 18);
    f->created_at = store_col_str(a, st, 19);
    f->updated_at = store_col_str(a, st, 20);
    f->version = db_col_int64(st, 21);
}

/* The 16 content columns from ?first on, in REFL_COLS order (happened_on .. shared_at). */
static void bind_content(struct db_stmt *st, int first, const struct reflection_rec *f)
{
    db_bind_text(st, first, f->happened_on);
    db_bind_text(st, first + 1, f->what_shared);
    db_bind_text(st, first + 2, f->why_shared ? f->why_shared : "");
    db_bind_text(st, first + 3, f->permission);
    db_bind_text(st, first + 4, f->checked_after);
    db_bind_text(st, first + 5, f->balance);
    db_bind_int64(st, first + 6, f->over_identification ? 1 : 0);
    db_bind_text(st, first + 7, f->over_identification_note);
    db_bind_int64(st, first + 8, f->undirected ? 1 : 0);
    db_bind_text(st, first + 9, f->undirected_note);
    db_bind_int64(st, first + 10, f->unprocessed ? 1 : 0);
    db_bind_text(st, first + 11, f->unprocessed_note);
    db_bind_text(st, first + 12, f->golden_rules ? f->golden_rules : "");
    db_bind_text(st, first + 13, f->note);
    db_bind_text(st, first + 14, f->shared_with);
    db_bind_text(st, first + 15, f->shared_at);
}

int store_reflection_insert(struct db *db, const struct reflection_rec *f, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO reflection (" REFL_COLS ")"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                                    " ?, ?, ?, ?, 1)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, f->id);
    db_bind_text(st, 2, f->org_id);
    db_bind_text(st, 3, f->author_id);
    bind_content(st, 4, f);
    db_bind_text(st, 20, f->created_at);
    db_bind_text(st, 21, f->updated_at);
    return store_step_done(st, e);
}

int store_reflection_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                         struct reflection_rec *out, struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT " REFL_COLS " FROM reflection WHERE id = ? AND org_id = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, org_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc != DB_ROW)
        return err_set(e, PD_ENOTFOUND, NULL, "no such reflection");
    refl_row(st, a, out);
    db_reset(st);
    return PD_OK;
}

int store_reflection_update(struct db *db, const struct reflection_rec *f, struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db,
                   "UPDATE reflection SET happened_on = ?1, what_shared = ?2, why_shared = ?3,"
                   " permission = ?4, checked_after = ?5, balance = ?6, over_identification = ?7,"
                   " over_identification_note = ?8, undirected = ?9, undirected_note = ?10,"
                   " unprocessed = ?11, unprocessed_note = ?12, golden_rules = ?13, note = ?14,"
                   " shared_with = ?15, shared_at = ?16, updated_at = ?17, version = version + 1"
                   " WHERE id = ?18 AND org_id = ?19 AND version = ?20",
                   e);
    if (!st)
        return e->code;
    bind_content(st, 1, f);
    db_bind_text(st, 17, f->updated_at);
    db_bind_text(st, 18, f->id);
    db_bind_text(st, 19, f->org_id);
    db_bind_int64(st, 20, f->version);
    return store_step_versioned(db, st, "reflection", e);
}

int store_reflection_delete(struct db *db, const char *org_id, const char *id, int64_t version,
                            struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db, "DELETE FROM reflection WHERE id = ? AND org_id = ? AND version = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, org_id);
    db_bind_int64(st, 3, version);
    return store_step_versioned(db, st, "reflection", e);
}

int store_reflection_list(struct db *db, struct arena *a, const char *org_id, const char *author_id,
                          const char *shared_with, const char *after, int limit,
                          struct reflection_rec **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db,
                   "SELECT " REFL_COLS " FROM reflection WHERE org_id = ?1"
                   " AND ((CAST(?2 AS TEXT) IS NOT NULL AND author_id = ?2)"
                   "   OR (CAST(?3 AS TEXT) IS NOT NULL AND shared_with = ?3))"
                   " AND (CAST(?4 AS TEXT) IS NULL OR id < ?4) ORDER BY id DESC LIMIT ?5",
                   e);
    size_t cap = 16, len = 0;
    struct reflection_rec *v = arena_array(a, cap, sizeof(*v));
    int rc;
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, author_id);
    db_bind_text(st, 3, shared_with);
    db_bind_text(st, 4, after);
    db_bind_int64(st, 5, limit);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        refl_row(st, a, &v[len++]);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}
