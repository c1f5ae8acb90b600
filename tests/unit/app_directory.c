/*
 * app_directory.c: the per-process expert directories (app/directory.h) over a temporary
 * database: a miss builds and a hit shares the same directory; a change (a profile saved:
 * migration 0014's trigger) is seen by the next lookup while a request still ranking with
 * the old one keeps it intact; a request on an older snapshot builds its own and leaves
 * the newer one cached; another day is another key; the table keeps at most
 * LIMIT_DIRECTORY_ORGS organisations, least recently used out first, and an evicted
 * directory stays valid for the request holding it; threads looking up and changing at
 * once (ASan watches the references).
 */
#include <ftw.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/directory.h"
#include "domain/role.h"
#include "lib/limits.h"
#include "lib/uuid.h"
#include "store/store_requests.h"
#include "tap.h"

#define NORGS   (LIMIT_DIRECTORY_ORGS + 1)
#define TODAY   "2026-03-02"
#define THREADS 4

static char dir[] = "/tmp/pd-app-directory-XXXXXX";
static char path[300];
static struct app *app;
static struct org orgs[NORGS];
static struct worker experts[NORGS];

struct call {
    struct arena arena;
    struct app_req r;
    struct actor actor;
    char trace[UUID_STR_BYTES];
};

/* A request acting as the expert of organisation i (NORGS: nobody), in a read transaction. */
static struct app_req *begin(struct call *c, size_t i)
{
    arena_init(&c->arena);
    uuid7_new(c->trace);
    app_req_begin(app, &c->r, &c->arena, c->trace, "127.0.0.1");
    if (i < NORGS) {
        memset(&c->actor, 0, sizeof(c->actor));
        memcpy(c->actor.org_id, orgs[i].id, UUID_STR_BYTES);
        memcpy(c->actor.user_id, experts[i].id, UUID_STR_BYTES);
        c->actor.roles = ROLE_EXPERT;
        c->actor.level = SESSION_FULL;
        c->r.actor = &c->actor;
        if (db_begin(c->r.db, DB_TXN_READ, &c->r.err) != PD_OK)
            fprintf(stderr, "begin: %s\n", c->r.err.detail);
    }
    return &c->r;
}

static void end(struct call *c)
{
    if (c->r.db && db_in_txn(c->r.db))
        db_rollback(c->r.db);
    app_req_end(&c->r);
    arena_release(&c->arena);
}

static int rm(const char *p, const struct stat *sb, int flag, struct FTW *f)
{
    (void)sb, (void)flag, (void)f;
    return remove(p);
}

static const struct expert_directory *get(struct call *c, size_t i, const char *today)
{
    const struct expert_directory *d = NULL;
    if (directory_acquire(begin(c, i), today, &d) != PD_OK)
        return NULL;
    return d;
}

static uint64_t builds(void)
{
    uint64_t h, b;
    directory_cache_stats(app, &h, &b);
    return b;
}

static uint64_t hits(void)
{
    uint64_t h, b;
    directory_cache_stats(app, &h, &b);
    return h;
}

/* Save the profile of organisation i's expert with this capacity (the trigger bumps the
 * organisation's directory version in the same transaction). */
static int set_capacity(size_t i, int capacity)
{
    struct call c;
    struct expert_row *x;
    size_t n;
    struct app_req *r = begin(&c, NORGS);
    int rc = db_begin(r->db, DB_TXN_WRITE, &r->err);
    if (rc == PD_OK)
        rc = store_expert_rows(r->db, &c.arena, orgs[i].id, TODAY, experts[i].id, NULL, 1, &x, &n,
                               &r->err);
    if (rc == PD_OK && n == 1) {
        x->capacity = capacity;
        rc = store_profile_put(r->db, orgs[i].id, x, "2026-03-02T10:00:00.000Z", &r->err);
    }
    if (rc == PD_OK)
        rc = db_commit(r->db, &r->err);
    end(&c);
    return rc;
}

static void setup(void)
{
    struct call c;
    if (!mkdtemp(dir))
        abort();
    snprintf(path, sizeof(path), "%s/pd.db", dir);
    struct pd_err e;
    err_clear(&e);
    struct app_config cfg = {.db_target = path, .db_connections = THREADS + 2};
    app = app_new(&cfg, &e);
    struct app_req *r = begin(&c, NORGS);
    ok(store_migrate(r->db, store_migration_count, &r->err) == PD_OK, "migrated");
    for (size_t i = 0; i < NORGS; i++) {
        struct org *o = &orgs[i];
        struct worker *w = &experts[i];
        uuid7_new(o->id);
        o->slug = arena_printf(&c.arena, "org%zu", i);
        o->name = o->slug;
        o->created_at = "2026-01-01T00:00:00.000Z";
        o->version = 1;
        uuid7_new(w->id);
        memcpy(w->org_id, o->id, UUID_STR_BYTES);
        w->email = arena_printf(&c.arena, "expert%zu@example.test", i);
        w->name = arena_printf(&c.arena, "Expert %zu", i);
        w->roles = ROLE_EXPERT;
        w->status = WORKER_ACTIVE;
        w->pw_hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA";
        w->created_at = w->updated_at = "2026-01-01T00:00:00.000Z";
        w->version = 1;
        if (store_org_insert(r->db, o, &r->err) != PD_OK ||
            store_worker_insert(r->db, w, &r->err) != PD_OK)
            fprintf(stderr, "setup: %s\n", r->err.detail);
    }
    end(&c);
    for (size_t i = 0; i < NORGS; i++) { /* those strings were the arena's; only ids are used */
        orgs[i].slug = orgs[i].name = NULL;
        experts[i].email = experts[i].name = NULL;
    }
}

struct worker_arg {
    int failures;
    unsigned seed;
};

static void *hammer(void *p)
{
    struct worker_arg *a = p;
    for (int k = 0; k < 200; k++) {
        struct call c;
        size_t i = (size_t)(rand_r(&a->seed) % 4);
        const struct expert_directory *d = get(&c, i, TODAY);
        /* read all of it while others look up, replace and release */
        if (!d || d->n != 1 || strcmp(d->experts[0].id, experts[i].id) != 0 ||
            d->experts[0].capacity < 1)
            a->failures++;
        end(&c);
    }
    return NULL;
}

int main(void)
{
    setup();
    subtest("a miss builds, a hit shares")
    {
        struct call a, b;
        uint64_t b0 = builds(), h0 = hits();
        const struct expert_directory *da = get(&a, 0, TODAY);
        ok(da && da->n == 1, "one expert in the first organisation");
        is_str(da ? da->experts[0].name : "", "Expert 0", "with the name from the database");
        is_int(da ? da->experts[0].capacity : 0, 8, "and the default capacity (no profile)");
        ok(da && !da->experts[0].worked_with_requester, "never worked with anyone in the cache");
        is_int((int)(builds() - b0), 1, "built once");
        const struct expert_directory *db = get(&b, 0, TODAY);
        ok(db == da, "the next request shares it");
        is_int((int)(hits() - h0), 1, "from memory");
        end(&a);
        end(&b);
    }
    subtest("a change is seen; the old directory lives on for its request")
    {
        struct call old, now;
        const struct expert_directory *d0 = get(&old, 0, TODAY);
        uint64_t b0 = builds();
        ok(set_capacity(0, 5) == PD_OK, "the expert saves a profile with capacity 5");
        const struct expert_directory *d1 = get(&now, 0, TODAY);
        ok(d1 && d1 != d0, "the next lookup gets another directory");
        is_int((int)(builds() - b0), 1, "built from the database");
        is_int(d1 ? d1->experts[0].capacity : 0, 5, "with the new capacity");
        ok(d1 && d0 && d1->version > d0->version, "at a higher version");
        is_int(d0 ? d0->experts[0].capacity : 0, 8, "the old one is intact for its request");
        end(&old); /* its last reference: freed here (ASan would see a later use) */
        end(&now);
        struct call again;
        ok(get(&again, 0, TODAY) == d1, "the new one stays cached");
        end(&again);
    }
    subtest("an older snapshot builds its own and leaves the newer cached")
    {
        struct call snap, now, later;
        int64_t v0 = -1;
        struct app_req *rs = begin(&snap, 0);
        ok(store_directory_version(rs->db, orgs[0].id, &v0, &rs->err) == PD_OK,
           "a request starts its snapshot");
        ok(set_capacity(0, 6) == PD_OK, "another saves capacity 6");
        const struct expert_directory *dn = get(&now, 0, TODAY);
        is_int(dn ? dn->experts[0].capacity : 0, 6, "a new request sees 6");
        uint64_t b0 = builds();
        const struct expert_directory *ds = NULL;
        ok(directory_acquire(rs, TODAY, &ds) == PD_OK, "the old snapshot asks");
        ok(ds && ds != dn && ds->version == v0, "and gets its own version");
        is_int(ds ? ds->experts[0].capacity : 0, 5, "as it was in its snapshot");
        is_int((int)(builds() - b0), 1, "built for it");
        end(&snap);
        ok(get(&later, 0, TODAY) == dn, "the newer one is still the cached one");
        end(&now);
        end(&later);
    }
    subtest("another day is another key")
    {
        struct call a, b, c;
        const struct expert_directory *d0 = get(&a, 0, TODAY);
        uint64_t b0 = builds();
        const struct expert_directory *d1 = get(&b, 0, "2026-03-03");
        ok(d1 && d1 != d0, "the next day builds");
        is_str(d1 ? d1->today : "", "2026-03-03", "counted for that day");
        is_int((int)(builds() - b0), 1, "once");
        ok(get(&c, 0, "2026-03-03") == d1, "and keeps it");
        end(&a);
        end(&b);
        end(&c);
    }
    subtest("at most LIMIT_DIRECTORY_ORGS organisations, least recently used out first")
    {
        struct call held;
        const struct expert_directory *h = get(&held, 1, TODAY);
        ok(h != NULL, "organisation 1 is held by a request");
        /* 0 and 1 are cached; 2..NORGS-1 are 15 more: 17 > 16 evicts the oldest, 0 */
        struct call c0;
        get(&c0, 0, "2026-03-03");
        end(&c0); /* 0 used after 1: 1 is now the least recently used */
        for (size_t i = 2; i < NORGS; i++) {
            struct call c;
            ok(get(&c, i, TODAY) != NULL, "organisation %zu", i);
            end(&c);
        }
        is_str(h->experts[0].name, "Expert 1", "the evicted directory is intact for its request");
        end(&held);
        uint64_t b0 = builds();
        struct call c1, c16;
        get(&c16, NORGS - 1, TODAY);
        is_int((int)(builds() - b0), 0, "the newest is still cached");
        get(&c1, 1, TODAY);
        is_int((int)(builds() - b0), 1, "the least recently used was evicted");
        end(&c1);
        end(&c16);
    }
    subtest("threads looking up while the directory changes")
    {
        pthread_t t[THREADS];
        struct worker_arg args[THREADS];
        for (int i = 0; i < THREADS; i++) {
            args[i] = (struct worker_arg){0, (unsigned)i + 1};
            pthread_create(&t[i], NULL, hammer, &args[i]);
        }
        int changes = 0;
        for (int k = 0; k < 20; k++)
            changes += set_capacity((size_t)k % 4, 1 + k % 9) == PD_OK;
        int failures = 0;
        for (int i = 0; i < THREADS; i++) {
            pthread_join(t[i], NULL);
            failures += args[i].failures;
        }
        is_int(changes, 20, "every change was saved");
        is_int(failures, 0, "every lookup found its organisation's expert");
    }
    app_free(app);
    nftw(dir, rm, 8, FTW_DEPTH | FTW_PHYS);
    return done_testing();
}
