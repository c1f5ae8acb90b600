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
};

struct audit_gc {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct gc_batch *head, *tail; /* queued, not yet taken by a leader */
    bool leading;                 /* a round is being written */
    uint64_t rounds, entries;
};

void audit_gc_init(struct app *app)
{
    struct audit_gc *gc = xcalloc(1, sizeof(*gc));
    pthread_mutex_init(&gc->mu, NULL);
    pthread_cond_init(&gc->cv, NULL);
    app->gc = gc;
}

void audit_gc_release(struct app *app)
{
    if (!app->gc)
        return;
    pthread_mutex_destroy(&app->gc->mu);
    pthread_cond_destroy(&app->gc->cv);
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

static int group_commit(struct app_req *r, struct audit_entry *const *entries, size_t n)
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
    return n ? group_commit(r, v, n) : PD_OK;
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
