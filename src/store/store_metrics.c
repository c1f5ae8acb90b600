/*
 * store_metrics.c: counts for GET /metrics (store_metrics.h).
 */
#include "store_metrics.h"

int store_metrics_read(struct db *db, int64_t idle_since_ms, int64_t created_since_ms,
                       struct store_metrics *m, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT count(*) FROM session WHERE ended_ms IS NULL"
                                    " AND last_seen_ms > ? AND created_ms > ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_int64(st, 1, idle_since_ms);
    db_bind_int64(st, 2, created_since_ms);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    m->sessions_open = db_col_int64(st, 0);
    db_reset(st);

    st = db_prepare(db, "SELECT seq FROM audit_head WHERE id = 1", e);
    if (!st)
        return e->code;
    rc = db_step(st, e);
    if (rc < 0)
        return rc;
    m->audit_entries = rc == DB_ROW ? db_col_int64(st, 0) : 0;
    db_reset(st);
    return PD_OK;
}
