/*
 * audit_commit.c: reads of client data and the group commit of their audit entries
 * (see app_int.h for the contract; PERFORMANCE.md P1).
 *
 * Why. An audit entry must be durable before the data it records leaves (SECURITY.md 1-3).
 * When each read took the write lock to append its entry, reads ran one at a time with
 * one fsync each: the disk's fsync rate was the ceiling of every dossier page. Now a read
 * runs in a snapshot, beside other reads and the writer, and only its entries queue here.
 *
 * How (leader and followers, as in database group commit). A request appends its batch
 * to the queue and waits. If no round is running it becomes the leader: it takes every
 * batch queued so far, writes them all in one write transaction on its own connection
 * (one head read, one head update: store_audit_append_many) and commits: one fsync for
 * all of them. Then it marks them done and wakes the waiting. Batches queued meanwhile
 * wait for the next round, led by one of their own requests. No extra thread, no extra
 * connection, and a lone request pays exactly what it paid before.
 *
 * The writer (the server's way). A waiting request still holds a server thread, and with
 * 4 threads a round can never hold more than 4 entries: at 64 connections every page
 * paid for a commit of its own, and every commit makes every other connection's page
 * cache stale (WAL), so each page read its pages back from the OS. When the HTTP layer
 * can hold an answer (r->audit_async), app_read_end leaves the entries owed; the HTTP
 * layer suspends the connection and hands them to the audit writer, a thread with a
 * connection of its own that writes everything queued since its last round in one
 * transaction and then lets each answer go (app_audit_submit). Server threads never wait
 * for the disk, rounds hold as many entries as there are connections waiting, and one
 * commit serves them all. Measured on P1 (bench/run): see docs/performance.md.
 *
 * Failure. A round commits or fails as a whole: every request in a failed round answers
 * with the error (a full disk latches every later write, db.h), none with its data.
 */
#include <pthread.h>
#include <string.h>

#include "../lib/log.h"
#include "../lib/mem.h"
#include "app_int.h"

struct gc_batch {
    struct audit_entry *const *entries;
    size_t n;
    bool done;
    int rc;
    struct pd_err err;
    struct gc_batch *next;
    /* a writer job: called when written (the batch lives in the request's arena) */
    app_audit_done_fn done_fn;
    void *done_cls;
};

struct audit_gc {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct gc_batch *head, *tail; /* queued, not yet taken by a leader */
    bool leading;                 /* a round is being written */
    uint64_t rounds, entries;
    /* the writer thread (app_audit_writer_start), with a queue of its own */
    pthread_cond_t wcv;
    struct gc_batch *whead, *wtail;
    struct db *wdb;
    pthread_t writer;
    bool enabled;  /* hand-overs accepted (app_audit_writer_start) */
    bool writing;  /* the thread runs */
    bool stopping; /* app_audit_writer_stop: write what is queued, then end */
};

void audit_gc_init(struct app *app)
{
    struct audit_gc *gc = xcalloc(1, sizeof(*gc));
    pthread_mutex_init(&gc->mu, NULL);
    pthread_cond_init(&gc->cv, NULL);
    pthread_cond_init(&gc->wcv, NULL);
    app->gc = gc;
}

void audit_gc_release(struct app *app)
{
    if (!app->gc)
        return;
    app_audit_writer_stop(app);
    pthread_mutex_destroy(&app->gc->mu);
    pthread_cond_destroy(&app->gc->cv);
    pthread_cond_destroy(&app->gc->wcv);
    free(app->gc);
    app->gc = NULL;
}

void audit_gc_stats(const struct app *app, uint64_t *rounds, uint64_t *entries)
{
    struct audit_gc *gc = app->gc;
    pthread_mutex_lock(&gc->mu);
    *rounds = gc->rounds;
    *entries = gc->entries;
    pthread_mutex_unlock(&gc->mu);
}

/* One round: every entry of the taken batches, in queue order, one transaction. */
static int write_round(struct db *db, struct gc_batch *take, struct arena *a, size_t total,
                       struct pd_err *e)
{
    struct audit_entry **all = arena_array(a, total, sizeof(*all));
    size_t k = 0;
    for (struct gc_batch *b = take; b; b = b->next)
        for (size_t i = 0; i < b->n; i++)
            all[k++] = b->entries[i];
    if (db_begin(db, DB_TXN_WRITE, e) != PD_OK)
        return e->code;
    if (store_audit_append_many(db, all, total, e) != PD_OK || db_commit(db, e) != PD_OK) {
        db_rollback(db);
        return e->code;
    }
    return PD_OK;
}

int audit_group_commit(struct app_req *r, struct audit_entry *const *entries, size_t n)
{
    struct audit_gc *gc = r->app->gc;
    struct gc_batch me = {.entries = entries, .n = n};

    pthread_mutex_lock(&gc->mu);
    if (gc->tail)
        gc->tail->next = &me;
    else
        gc->head = &me;
    gc->tail = &me;
    while (!me.done) {
        if (gc->leading) {
            pthread_cond_wait(&gc->cv, &gc->mu);
            continue;
        }
        /* Lead a round: take the whole queue (it holds at least this batch). */
        struct gc_batch *take = gc->head;
        gc->head = gc->tail = NULL;
        gc->leading = true;
        pthread_mutex_unlock(&gc->mu);

        size_t total = 0;
        for (struct gc_batch *b = take; b; b = b->next)
            total += b->n;
        struct pd_err e;
        err_clear(&e);
        int rc = write_round(r->db, take, r->arena, total, &e);
        if (rc != PD_OK)
            log_msg(LOG_ERROR, r->trace_id, "group commit of %zu audit entries failed", total);

        pthread_mutex_lock(&gc->mu);
        for (struct gc_batch *b = take, *next; b; b = next) {
            next = b->next; /* b belongs to a waiting request: read next before done */
            b->rc = rc;
            b->err = e;
            b->done = true;
        }
        if (rc == PD_OK) {
            gc->rounds++;
            gc->entries += total;
        }
        gc->leading = false;
        pthread_cond_broadcast(&gc->cv);
    }
    pthread_mutex_unlock(&gc->mu);
    if (me.rc != PD_OK)
        r->err = me.err;
    return me.rc;
}

int app_read_begin(struct app_req *r)
{
    if (app_need_db(r) != PD_OK)
        return r->err.code;
    audit_defer_drop(r);
    if (db_begin(r->db, DB_TXN_READ, &r->err) != PD_OK)
        return r->err.code;
    r->audit_deferred = true;
    return PD_OK;
}

int app_read_end(struct app_req *r)
{
    if (!r->audit_deferred) {
        log_msg(LOG_ERROR, r->trace_id, "app_read_end without app_read_begin");
        return err_set(&r->err, PD_EINTERNAL, NULL, "internal error");
    }
    r->audit_deferred = false;
    if (db_commit(r->db, &r->err) != PD_OK) {
        audit_defer_drop(r);
        return r->err.code;
    }
    size_t n = r->npending;
    struct audit_entry *const *v = r->pending;
    r->pending = NULL;
    r->npending = r->cap_pending = 0;
    if (n && r->audit_async) { /* the caller holds the answer until they are written */
        if (r->nowed + n > r->cap_owed) {
            size_t cap = r->cap_owed ? r->cap_owed : 4;
            while (cap < r->nowed + n)
                cap *= 2;
            struct audit_entry **o = arena_array(r->arena, cap, sizeof(*o));
            if (r->nowed)
                memcpy(o, r->owed, r->nowed * sizeof(*o));
            r->owed = o;
            r->cap_owed = cap;
        }
        memcpy(r->owed + r->nowed, v, n * sizeof(*v));
        r->nowed += n;
        return PD_OK;
    }
    return n ? audit_group_commit(r, v, n) : PD_OK;
}

size_t app_audit_owed(const struct app_req *r)
{
    return r->nowed;
}

/* ---- the writer thread ---- */

static void *writer_main(void *arg)
{
    struct audit_gc *gc = arg;
    struct arena a;
    arena_init(&a);
    pthread_mutex_lock(&gc->mu);
    for (;;) {
        while (!gc->whead && !gc->stopping)
            pthread_cond_wait(&gc->wcv, &gc->mu);
        if (!gc->whead)
            break; /* stopping, and nothing left */
        struct gc_batch *take = gc->whead;
        gc->whead = gc->wtail = NULL;
        pthread_mutex_unlock(&gc->mu);

        size_t total = 0;
        for (struct gc_batch *b = take; b; b = b->next)
            total += b->n;
        struct pd_err e;
        err_clear(&e);
        int rc = write_round(gc->wdb, take, &a, total, &e);
        if (rc != PD_OK)
            log_msg(LOG_ERROR, NULL, "audit writer: a round of %zu entries failed: %s", total,
                    e.detail);
        arena_release(&a);
        arena_init(&a);
        for (struct gc_batch *b = take, *next; b; b = next) {
            next = b->next; /* b lives in its request's arena: gone once done_fn returns */
            b->done_fn(b->done_cls, rc, &e);
        }
        pthread_mutex_lock(&gc->mu);
        if (rc == PD_OK) {
            gc->rounds++;
            gc->entries += total;
        }
    }
    pthread_mutex_unlock(&gc->mu);
    arena_release(&a);
    return NULL;
}

void app_audit_writer_start(struct app *app)
{
    struct audit_gc *gc = app->gc;
    pthread_mutex_lock(&gc->mu);
    gc->enabled = true;
    pthread_mutex_unlock(&gc->mu);
}

void app_audit_writer_stop(struct app *app)
{
    struct audit_gc *gc = app->gc;
    pthread_mutex_lock(&gc->mu);
    bool running = gc->writing;
    gc->enabled = false;
    gc->stopping = true;
    pthread_cond_signal(&gc->wcv);
    pthread_mutex_unlock(&gc->mu);
    if (running)
        pthread_join(gc->writer, NULL);
    pthread_mutex_lock(&gc->mu);
    if (running)
        log_msg(LOG_INFO, NULL, "audit writer stopped rounds=%llu entries=%llu",
                (unsigned long long)gc->rounds, (unsigned long long)gc->entries);
    gc->writing = gc->stopping = false;
    struct db *db = gc->wdb;
    gc->wdb = NULL;
    pthread_mutex_unlock(&gc->mu);
    if (db)
        db_close(db);
}

/* The thread and its connection, at the first hand-over (with gc->mu held). */
static int writer_launch(struct app *app, struct pd_err *e)
{
    struct audit_gc *gc = app->gc;
    struct db *db = db_open(app->cfg.db_target, e);
    if (!db)
        return e->code;
    gc->wdb = db;
    if (pthread_create(&gc->writer, NULL, writer_main, gc) != 0) {
        db_close(db);
        gc->wdb = NULL;
        return err_set(e, PD_EUNAVAIL, NULL, "cannot start the audit writer thread");
    }
    gc->writing = true;
    return PD_OK;
}

int app_audit_submit(struct app_req *r, app_audit_done_fn done, void *cls)
{
    struct audit_gc *gc = r->app->gc;
    if (!r->nowed)
        return err_set(&r->err, PD_EINTERNAL, NULL, "nothing owed to the audit log");
    struct gc_batch *b = arena_alloc(r->arena, sizeof(*b));
    *b = (struct gc_batch){.entries = r->owed, .n = r->nowed, .done_fn = done, .done_cls = cls};
    pthread_mutex_lock(&gc->mu);
    if (!gc->enabled || gc->stopping) {
        pthread_mutex_unlock(&gc->mu);
        return err_set(&r->err, PD_EUNAVAIL, NULL, "the audit writer is not running");
    }
    if (!gc->writing && writer_launch(r->app, &r->err) != PD_OK) {
        pthread_mutex_unlock(&gc->mu);
        log_msg(LOG_ERROR, r->trace_id, "audit writer: %s", r->err.detail);
        return r->err.code;
    }
    r->nowed = 0;
    if (gc->wtail)
        gc->wtail->next = b;
    else
        gc->whead = b;
    gc->wtail = b;
    pthread_cond_signal(&gc->wcv);
    pthread_mutex_unlock(&gc->mu);
    return PD_OK;
}

static const char *keep(struct app_req *r, const char *s)
{
    return s ? arena_strdup(r->arena, s) : NULL;
}

int audit_defer(struct app_req *r, const struct audit_entry *en)
{
    if (store_audit_check(en, &r->err) != PD_OK)
        return r->err.code;
    if (r->npending == r->cap_pending) {
        size_t cap = r->cap_pending ? r->cap_pending * 2 : 4;
        struct audit_entry **v = arena_array(r->arena, cap, sizeof(*v));
        if (r->npending)
            memcpy(v, r->pending, r->npending * sizeof(*v));
        r->pending = v;
        r->cap_pending = cap;
    }
    /* A copy whose text lives in the arena: the caller's strings may be on its stack. */
    struct audit_entry *x = arena_alloc(r->arena, sizeof(*x));
    *x = *en;
    x->event = keep(r, en->event);
    x->outcome = keep(r, en->outcome);
    x->org_id = keep(r, en->org_id);
    x->actor_user_id = keep(r, en->actor_user_id);
    x->actor_role = keep(r, en->actor_role);
    x->on_behalf_user_id = keep(r, en->on_behalf_user_id);
    x->client_id = keep(r, en->client_id);
    x->record_type = keep(r, en->record_type);
    x->record_id = keep(r, en->record_id);
    x->access_basis = keep(r, en->access_basis);
    x->client_ip = keep(r, en->client_ip);
    x->trace_id = keep(r, en->trace_id);
    r->pending[r->npending++] = x;
    return PD_OK;
}

void audit_defer_drop(struct app_req *r)
{
    r->audit_deferred = false;
    r->pending = NULL;
    r->npending = r->cap_pending = 0;
}
