/*
 * store_throttle.c: consecutive failed logins per account key (SECURITY.md 14). The key
 * is a keyed hash made by app/, so this table never holds an email address. A success
 * clears the row; the delay policy itself lives in app/auth.c.
 */
#include "store.h"

int store_throttle_get(struct db *db, const uint8_t *key_hash, struct throttle_row *out,
                       struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT failures, last_failure_ms FROM login_throttle WHERE key_hash = ?", e);
    if (!st)
        return e->code;
    db_bind_blob(st, 1, key_hash, SESSION_HASH_BYTES);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    *out = (struct throttle_row){0};
    if (rc == DB_ROW) {
        out->failures = db_col_int64(st, 0);
        out->last_failure_ms = db_col_int64(st, 1);
        db_reset(st);
    }
    return PD_OK;
}

int store_throttle_fail(struct db *db, const uint8_t *key_hash, int64_t now_ms, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO login_throttle (key_hash, failures,"
                                    " last_failure_ms) VALUES (?, 1, ?)"
                                    " ON CONFLICT (key_hash) DO UPDATE SET"
                                    " failures = login_throttle.failures + 1,"
                                    " last_failure_ms = excluded.last_failure_ms",
                                    e);
    if (!st)
        return e->code;
    db_bind_blob(st, 1, key_hash, SESSION_HASH_BYTES);
    db_bind_int64(st, 2, now_ms);
    int rc = db_step(st, e);
    return rc < 0 ? rc : PD_OK;
}

int store_throttle_clear(struct db *db, const uint8_t *key_hash, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db, "DELETE FROM login_throttle WHERE key_hash = ?", e);
    if (!st)
        return e->code;
    db_bind_blob(st, 1, key_hash, SESSION_HASH_BYTES);
    int rc = db_step(st, e);
    return rc < 0 ? rc : PD_OK;
}
