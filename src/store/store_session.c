/*
 * store_session.c: login sessions. Only hashes of the session and CSRF tokens are
 * stored (SECURITY.md 15), so a copy of the database cannot be used to log in. A session
 * is never deleted when it ends: ended_ms is set, so it stays visible for audit and
 * store_session_get stops finding it.
 */
#include <string.h>

#include "store.h"

int store_session_insert(struct db *db, const struct session_row *s, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO session (token_hash, csrf_hash, org_id,"
                                    " worker_id, level, created_ms, last_seen_ms, ip)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                    e);
    if (!st)
        return e->code;
    db_bind_blob(st, 1, s->token_hash, SESSION_HASH_BYTES);
    db_bind_blob(st, 2, s->csrf_hash, SESSION_HASH_BYTES);
    db_bind_text(st, 3, s->org_id);
    db_bind_text(st, 4, s->worker_id);
    db_bind_int64(st, 5, s->level);
    db_bind_int64(st, 6, s->created_ms);
    db_bind_int64(st, 7, s->last_seen_ms);
    db_bind_text(st, 8, s->ip);
    int rc = db_step(st, e);
    return rc < 0 ? rc : PD_OK;
}

static void copy_text(char *out, size_t size, struct db_stmt *st, int col)
{
    size_t n;
    const char *p = db_col_textn(st, col, &n);
    memset(out, 0, size);
    if (n < size)
        memcpy(out, p, n);
}

int store_session_get(struct db *db, struct arena *a, const uint8_t *token_hash,
                      struct session_row *out, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT csrf_hash, worker_id, org_id, level, created_ms,"
                                    " last_seen_ms, ip FROM session"
                                    " WHERE token_hash = ? AND ended_ms IS NULL",
                                    e);
    if (!st)
        return e->code;
    db_bind_blob(st, 1, token_hash, SESSION_HASH_BYTES);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc == DB_DONE)
        return err_set(e, PD_ENOTFOUND, "session", "no such session");

    size_t n;
    const void *csrf = db_col_blob(st, 0, &n);
    *out = (struct session_row){0};
    memcpy(out->token_hash, token_hash, SESSION_HASH_BYTES);
    if (n == SESSION_HASH_BYTES)
        memcpy(out->csrf_hash, csrf, n);
    copy_text(out->worker_id, sizeof(out->worker_id), st, 1);
    copy_text(out->org_id, sizeof(out->org_id), st, 2);
    out->level = (enum session_level)db_col_int64(st, 3);
    out->created_ms = db_col_int64(st, 4);
    out->last_seen_ms = db_col_int64(st, 5);
    out->ip = db_col_is_null(st, 6) ? NULL : arena_strdup(a, db_col_text(st, 6));
    db_reset(st);
    return PD_OK;
}

int store_session_touch(struct db *db, const uint8_t *token_hash, int64_t now_ms, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE session SET last_seen_ms = ?"
                                    " WHERE token_hash = ? AND ended_ms IS NULL",
                                    e);
    if (!st)
        return e->code;
    db_bind_int64(st, 1, now_ms);
    db_bind_blob(st, 2, token_hash, SESSION_HASH_BYTES);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (db_changes(db) == 0)
        return err_set(e, PD_ENOTFOUND, "session", "no such session");
    return PD_OK;
}

/* Ending a session that already ended (or never existed) is not an error: logout is
 * idempotent. */
int store_session_end(struct db *db, const uint8_t *token_hash, int64_t now_ms, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE session SET ended_ms = ?"
                                    " WHERE token_hash = ? AND ended_ms IS NULL",
                                    e);
    if (!st)
        return e->code;
    db_bind_int64(st, 1, now_ms);
    db_bind_blob(st, 2, token_hash, SESSION_HASH_BYTES);
    int rc = db_step(st, e);
    return rc < 0 ? rc : PD_OK;
}

int store_session_end_worker(struct db *db, const char *worker_id, int64_t now_ms, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE session SET ended_ms = ?"
                                    " WHERE worker_id = ? AND ended_ms IS NULL",
                                    e);
    if (!st)
        return e->code;
    db_bind_int64(st, 1, now_ms);
    db_bind_text(st, 2, worker_id);
    int rc = db_step(st, e);
    return rc < 0 ? rc : PD_OK;
}

int store_session_count_open(struct db *db, int64_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db, "SELECT count(*) FROM session WHERE ended_ms IS NULL", e);
    if (!st)
        return e->code;
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    *n = db_col_int64(st, 0);
    db_reset(st);
    return PD_OK;
}
