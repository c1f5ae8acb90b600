/*
 * directory.c: the per-process cache of expert directories (what and why: directory.h).
 *
 * A small table of at most `max` entries, one per organisation, under one mutex; an entry
 * counts its references (the table's own and one per request using it). Building happens
 * outside the mutex with the request's connection, so two requests that miss at once may
 * both build: the later one to finish keeps the newer of the two in the table, and each
 * request ranks with the directory it built or found, which is right for its transaction.
 */
#include "directory.h"

#include <assert.h>
#include <pthread.h>
#include <string.h>

#include "../lib/log.h"
#include "../lib/mem.h"
#include "app_int.h"
#include "requests.h"

struct dir_entry {
    struct expert_directory d; /* first: a directory pointer is its entry */
    struct arena arena;        /* everything d points to */
    int refs;                  /* under the cache's mutex */
    uint64_t used;             /* the cache's tick at the last lookup */
};

struct directory_cache {
    pthread_mutex_t mu;
    struct dir_entry **slot; /* slot[0..n): one per organisation */
    size_t n, max;
    uint64_t tick, hits, builds;
};

struct directory_cache *directory_cache_new(size_t max_orgs)
{
    assert(max_orgs > 0);
    struct directory_cache *c = xcalloc(1, sizeof(*c));
    pthread_mutex_init(&c->mu, NULL);
    c->slot = xcalloc(max_orgs, sizeof(*c->slot));
    c->max = max_orgs;
    return c;
}

static void entry_free(struct dir_entry *x)
{
    arena_release(&x->arena);
    free(x);
}

/* Drop one reference, under the mutex; true when it was the last (free it after). */
static bool unref_locked(struct dir_entry *x)
{
    assert(x->refs > 0);
    return --x->refs == 0;
}

void directory_cache_free(struct directory_cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        /* at exit no request holds one: the table's reference is the last */
        if (unref_locked(c->slot[i]))
            entry_free(c->slot[i]);
        else
            log_error("directory: an entry is still in use at exit");
    }
    free(c->slot);
    pthread_mutex_destroy(&c->mu);
    free(c);
}

static struct dir_entry *find_locked(struct directory_cache *c, const char *org_id, size_t *at)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->slot[i]->d.org_id, org_id) == 0) {
            *at = i;
            return c->slot[i];
        }
    return NULL;
}

/* The cached directory for the key, with a reference for the caller, or NULL. */
static struct dir_entry *lookup(struct directory_cache *c, const char *org_id, int64_t version,
                                const char *today)
{
    size_t at;
    pthread_mutex_lock(&c->mu);
    struct dir_entry *x = find_locked(c, org_id, &at);
    if (x && x->d.version == version && strcmp(x->d.today, today) == 0) {
        x->refs++;
        x->used = ++c->tick;
        c->hits++;
    } else {
        x = NULL;
    }
    pthread_mutex_unlock(&c->mu);
    return x;
}

/* Is a newer than b (a later version, or the same version on a later day)? */
static bool newer(const struct expert_directory *a, const struct expert_directory *b)
{
    return a->version > b->version || (a->version == b->version && strcmp(a->today, b->today) > 0);
}

/* Keep x (built with one reference, the caller's) in the table unless a newer one for its
 * organisation is there already; evict the least recently used when full. */
static void keep(struct directory_cache *c, struct dir_entry *x)
{
    struct dir_entry *drop = NULL;
    size_t at;
    pthread_mutex_lock(&c->mu);
    c->builds++;
    struct dir_entry *old = find_locked(c, x->d.org_id, &at);
    if (old && !newer(&x->d, &old->d)) {
        pthread_mutex_unlock(&c->mu);
        return; /* the caller's reference is the only one: freed at release */
    }
    if (!old && c->n == c->max) {
        at = 0;
        for (size_t i = 1; i < c->n; i++)
            if (c->slot[i]->used < c->slot[at]->used)
                at = i;
        old = c->slot[at];
    } else if (!old) {
        at = c->n++;
    }
    if (old && unref_locked(old))
        drop = old;
    x->refs++; /* the table's */
    x->used = ++c->tick;
    c->slot[at] = x;
    pthread_mutex_unlock(&c->mu);
    if (drop)
        entry_free(drop);
}

static void release(struct directory_cache *c, struct dir_entry *x)
{
    pthread_mutex_lock(&c->mu);
    bool last = unref_locked(x);
    pthread_mutex_unlock(&c->mu);
    if (last)
        entry_free(x);
}

/* Build the directory of the actor's organisation in r's transaction; one reference. */
static int build(struct app_req *r, int64_t version, const char *today, struct dir_entry **out)
{
    struct dir_entry *x = xcalloc(1, sizeof(*x));
    struct expert_row *rows;
    size_t n;
    arena_init(&x->arena);
    if (store_expert_rows(r->db, &x->arena, r->actor->org_id, today, NULL, NULL, -1, &rows, &n,
                          &r->err) != PD_OK) {
        entry_free(x);
        return r->err.code;
    }
    memcpy(x->d.org_id, r->actor->org_id, UUID_STR_BYTES);
    x->d.version = version;
    snprintf(x->d.today, sizeof(x->d.today), "%s", today);
    x->d.experts = match_input_from_rows(&x->arena, rows, n);
    x->d.n = n;
    x->refs = 1;
    *out = x;
    return PD_OK;
}

int directory_acquire(struct app_req *r, const char *today, const struct expert_directory **out)
{
    struct directory_cache *c = r->app->directories;
    int64_t version;
    assert(!r->directory); /* one per request */
    if (store_directory_version(r->db, r->actor->org_id, &version, &r->err) != PD_OK)
        return r->err.code;
    struct dir_entry *x = lookup(c, r->actor->org_id, version, today);
    if (!x) {
        if (build(r, version, today, &x) != PD_OK)
            return r->err.code;
        keep(c, x);
    }
    r->directory = &x->d;
    *out = &x->d;
    return PD_OK;
}

void directory_release_req(struct app_req *r)
{
    if (!r->directory)
        return;
    release(r->app->directories, (struct dir_entry *)r->directory);
    r->directory = NULL;
}

void directory_cache_stats(const struct app *app, uint64_t *hits, uint64_t *builds)
{
    struct directory_cache *c = app->directories;
    pthread_mutex_lock(&c->mu);
    *hits = c->hits;
    *builds = c->builds;
    pthread_mutex_unlock(&c->mu);
}
