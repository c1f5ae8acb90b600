/*
 * app_metrics.c: the database's counts for GET /metrics (app_metrics.h).
 */
#include "app_metrics.h"

#include "../lib/ptime.h"
#include "../lib/uuid.h"
#include "app_int.h"

int app_metrics_read(struct app *app, struct store_metrics *m, struct pd_err *e)
{
    struct arena arena;
    struct app_req r;
    char trace[UUID_STR_BYTES];
    const struct app_config *cfg = app_config(app);
    int64_t now = ptime_now_ms();

    arena_init(&arena);
    uuid7_new(trace);
    app_req_begin(app, &r, &arena, trace, "local");
    int rc = app_need_db(&r);
    if (rc == PD_OK && (rc = db_begin(r.db, DB_TXN_READ, &r.err)) == PD_OK) {
        rc = store_metrics_read(r.db, now - (int64_t)cfg->session_idle_s * 1000,
                                now - (int64_t)cfg->session_absolute_s * 1000, m, &r.err);
        db_rollback(r.db);
    }
    if (rc != PD_OK)
        *e = r.err;
    app_req_end(&r);
    arena_release(&arena);
    return rc;
}
