/*
 * app.c: process-wide state of the use-case layer: configuration and a pool of database
 * connections, one per server thread. A request borrows one connection for its whole
 * life, so the statement cache of that connection stays warm and no two threads ever
 * share a SQLite handle.
 */
#include "app.h"

#include <pthread.h>
#include <string.h>

#include "../lib/log.h"
#include "../lib/mem.h"
#include "app_int.h"
#include "directory.h"

struct db_pool {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct db **idle;
    size_t nidle;
    size_t open; /* connections in existence */
    size_t max;
};

static void pool_init(struct db_pool *p, size_t max)
{
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    p->idle = xcalloc(max, sizeof(*p->idle));
    p->nidle = 0;
    p->open = 0;
    p->max = max;
}

static void pool_release_all(struct db_pool *p)
{
    for (size_t i = 0; i < p->nidle; i++)
        db_close(p->idle[i]);
    free(p->idle);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->cv);
}

/* NULL when a new connection cannot be opened; the reason is in e. */
static struct db *pool_acquire(struct app *app, struct pd_err *e)
{
    struct db_pool *p = app->pool;
    pthread_mutex_lock(&p->mu);
    while (p->nidle == 0 && p->open >= p->max)
        pthread_cond_wait(&p->cv, &p->mu);
    if (p->nidle > 0) {
        struct db *db = p->idle[--p->nidle];
        pthread_mutex_unlock(&p->mu);
        return db;
    }
    p->open++;
    pthread_mutex_unlock(&p->mu);

    struct db *db = db_open(app->cfg.db_target, e);
    if (!db) {
        pthread_mutex_lock(&p->mu);
        p->open--;
        pthread_cond_signal(&p->cv);
        pthread_mutex_unlock(&p->mu);
    }
    return db;
}

static void pool_give_back(struct app *app, struct db *db)
{
    struct db_pool *p = app->pool;
    if (db_in_txn(db))
        db_rollback(db); /* a use case that forgot to finish must not leak its lock */
    pthread_mutex_lock(&p->mu);
    p->idle[p->nidle++] = db;
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->mu);
}

struct app *app_new(const struct app_config *cfg, struct pd_err *e)
{
    if (!cfg->db_target || !*cfg->db_target) {
        err_set(e, PD_EINVAL, "db", "no database given");
        return NULL;
    }
    struct app *app = xcalloc(1, sizeof(*app));
    app->cfg = *cfg;
    app->cfg.db_target = xstrdup(cfg->db_target);
    app->cfg.trusted_proxies = cfg->trusted_proxies ? xstrdup(cfg->trusted_proxies) : NULL;
    if (app->cfg.session_idle_s <= 0 || app->cfg.session_idle_s > LIMIT_SESSION_IDLE_S)
        app->cfg.session_idle_s = LIMIT_SESSION_IDLE_S;
    if (app->cfg.session_absolute_s <= 0 || app->cfg.session_absolute_s > LIMIT_SESSION_ABSOLUTE_S)
        app->cfg.session_absolute_s = LIMIT_SESSION_ABSOLUTE_S;
    if (app->cfg.db_connections <= 0)
        app->cfg.db_connections = 1;
    app->pool = xcalloc(1, sizeof(*app->pool));
    pool_init(app->pool, (size_t)app->cfg.db_connections);
    auth_state_init(app);
    audit_gc_init(app);
    app->directories = directory_cache_new(LIMIT_DIRECTORY_ORGS);
    return app;
}

void app_free(struct app *app)
{
    if (!app)
        return;
    pool_release_all(app->pool);
    free(app->pool);
    auth_state_release(app);
    audit_gc_release(app);
    directory_cache_free(app->directories);
    free((char *)app->cfg.db_target);
    free((char *)app->cfg.trusted_proxies);
    free(app);
}

const struct app_config *app_config(const struct app *app)
{
    return &app->cfg;
}

void app_req_begin(struct app *app, struct app_req *r, struct arena *arena, const char *trace_id,
                   const char *client_ip)
{
    memset(r, 0, sizeof(*r));
    r->app = app;
    r->arena = arena;
    r->trace_id = trace_id;
    r->client_ip = client_ip ? client_ip : "unknown";
    r->db = pool_acquire(app, &r->err);
    if (!r->db)
        log_msg(LOG_ERROR, trace_id, "cannot open database: %s", r->err.detail);
    err_clear(&r->err);
}

void app_req_end(struct app_req *r)
{
    if (r->audit_deferred)
        log_msg(LOG_ERROR, r->trace_id, "a read ended without app_read_end: entries dropped");
    audit_defer_drop(r);
    directory_release_req(r);
    if (r->db)
        pool_give_back(r->app, r->db);
    r->db = NULL;
}

int app_audit_flush(struct app_req *r)
{
    size_t n = r->nowed;
    if (!n)
        return PD_OK;
    r->nowed = 0;
    bool borrowed = !r->db; /* the HTTP layer may have given its connection back */
    if (borrowed && !(r->db = pool_acquire(r->app, &r->err)))
        return r->err.code;
    int rc = audit_group_commit(r, r->owed, n);
    if (borrowed) {
        pool_give_back(r->app, r->db);
        r->db = NULL;
    }
    return rc;
}

int app_need_db(struct app_req *r)
{
    if (r->db)
        return PD_OK;
    return err_set(&r->err, PD_EUNAVAIL, NULL, "the database is not available");
}

int app_need_actor(struct app_req *r)
{
    if (!r->actor)
        return err_set(&r->err, PD_EUNAUTH, NULL, "not logged in");
    return app_need_db(r);
}
