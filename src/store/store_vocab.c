/*
 * store_vocab.c: see store_vocab.h.
 */
#include "store_vocab.h"

#include <string.h>

#include "store_util.h"

int store_vocab_seed(struct db *db, const char *org_id, const struct vocab_entry *v,
                     struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO vocab (org_id, vocab, code, label_nl,"
                                    " label_en, source, sort, active, version)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, 1, 1) ON CONFLICT DO NOTHING",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, v->vocab);
    db_bind_text(st, 3, v->code);
    db_bind_text(st, 4, v->label_nl);
    db_bind_text(st, 5, v->label_en);
    db_bind_text(st, 6, v->source ? v->source : "");
    db_bind_int64(st, 7, v->sort);
    int rc = db_step(st, e);
    return rc < 0 ? rc : PD_OK;
}

int store_vocab_insert(struct db *db, const char *org_id, const struct vocab_entry *v,
                       struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db,
                   "INSERT INTO vocab (org_id, vocab, code, label_nl, label_en, source, sort,"
                   " active, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
                   " (SELECT coalesce(max(sort), 0) + 1 FROM vocab WHERE org_id = ?1"
                   "  AND vocab = ?2), 1, 1)",
                   e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, v->vocab);
    db_bind_text(st, 3, v->code);
    db_bind_text(st, 4, v->label_nl);
    db_bind_text(st, 5, v->label_en);
    db_bind_text(st, 6, v->source ? v->source : "");
    int rc = db_step(st, e);
    if (rc == PD_ECONFLICT) {
        err_clear(e);
        return err_set(e, PD_ECONFLICT, "code", "this code exists already");
    }
    return rc < 0 ? rc : PD_OK;
}

int store_vocab_state(struct db *db, const char *org_id, const char *vocab, const char *code,
                      bool *found, bool *active, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT active FROM vocab WHERE org_id = ? AND vocab = ?"
                                    " AND code = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, vocab);
    db_bind_text(st, 3, code);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    *found = rc == DB_ROW;
    *active = *found && db_col_int64(st, 0) != 0;
    db_reset(st);
    return PD_OK;
}

static void vocab_read(struct db_stmt *st, struct arena *a, struct vocab_entry *v)
{
    v->vocab = store_col_str(a, st, 0);
    v->code = store_col_str(a, st, 1);
    v->label_nl = store_col_str(a, st, 2);
    v->label_en = store_col_str(a, st, 3);
    v->source = store_col_str(a, st, 4);
    v->sort = db_col_int64(st, 5);
    v->active = db_col_int64(st, 6) != 0;
    v->version = db_col_int64(st, 7);
}

int store_vocab_get(struct db *db, struct arena *a, const char *org_id, const char *vocab,
                    const char *code, struct vocab_entry *out, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT vocab, code, label_nl, label_en, source, sort, active,"
                                    " version FROM vocab WHERE org_id = ? AND vocab = ?"
                                    " AND code = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, vocab);
    db_bind_text(st, 3, code);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc != DB_ROW)
        return err_set(e, PD_ENOTFOUND, NULL, "no such code");
    vocab_read(st, a, out);
    db_reset(st);
    return PD_OK;
}

int store_vocab_list(struct db *db, struct arena *a, const char *org_id, const char *vocab,
                     struct vocab_entry **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db,
                   "SELECT vocab, code, label_nl, label_en, source, sort, active,"
                   " version FROM vocab WHERE org_id = ?1"
                   " AND (CAST(?2 AS TEXT) IS NULL OR vocab = ?2) ORDER BY vocab, sort, code",
                   e);
    size_t cap = 64, len = 0;
    struct vocab_entry *v = arena_array(a, cap, sizeof(*v));
    int rc;

    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, vocab);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        vocab_read(st, a, &v[len++]);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

int store_vocab_update(struct db *db, const char *org_id, const struct vocab_entry *v,
                       int64_t version, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE vocab SET label_nl = ?, label_en = ?, active = ?,"
                                    " version = version + 1 WHERE org_id = ? AND vocab = ?"
                                    " AND code = ? AND version = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, v->label_nl);
    db_bind_text(st, 2, v->label_en);
    db_bind_int64(st, 3, v->active ? 1 : 0);
    db_bind_text(st, 4, org_id);
    db_bind_text(st, 5, v->vocab);
    db_bind_text(st, 6, v->code);
    db_bind_int64(st, 7, version);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (db_changes(db) == 0) {
        bool found, active;
        if (store_vocab_state(db, org_id, v->vocab, v->code, &found, &active, e) != PD_OK)
            return e->code;
        return found ? err_set(e, PD_ESTALE, "If-Match", "the code changed since you read it")
                     : err_set(e, PD_ENOTFOUND, NULL, "no such code");
    }
    return PD_OK;
}
