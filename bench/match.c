/*
 * match.c: P3, "rank all experts of an organisation for one request <= 1 ms for 1,000
 * experts, linear in experts" (docs/performance.md), measured four ways for each N:
 *
 *   pure      match_rank_experts on N synthesised experts (a fresh arena per ranking)
 *   load_rank what the endpoint does without its access check and audit entry
 *             (app_request_rank, in a read transaction): the weights, the directory
 *             version and the cached expert directory (app/directory.h), who worked with
 *             the requester, the ranking
 *   endpoint  the whole app call of GET /requests/{id}/matches, warm: the coordinator's
 *             session resolved, app_request_matches (access check, load_rank, audit entry
 *             through the group commit)
 *   cold      the same call first after a change of an expert's profile (made untimed
 *             just before): the directory is built from the database (store_expert_rows)
 *
 *   match [--experts 125,250,500,1000,2000] [--reps R] [--seed S] [--dir DIR]
 *
 * For the last two, each N gets a fresh SQLite database in DIR (default: a new directory
 * under $TMPDIR, removed afterwards) made as `peerdesk init` makes one, holding one
 * organisation: three clusters with two wijken each, a neighbourhood team per wijk, an
 * expert team with a coordinator, 20 generalists, N experts with profiles, and N open
 * dossiers on which the experts have their caseload (plus ended assignments, and some
 * work with the requester). The request is submitted by a generalist through
 * app_request_create. Profiles, in both cases: 3-8 codes of the real vocabularies
 * (experience_area, generic_theme), a quarter of them shown to coordinators only;
 * capacity 4-10; one in ten experts unavailable.
 */
#include <ftw.h>
#include <unistd.h>

#include "app/directory.h"
#include "app/requests.h"
#include "domain/role.h"
#include "app/vocab.h"
#include "app/vocab_data.h"
#include "inproc.h"
#include "lib/log.h"
#include "lib/ptime.h"
#include "store/store_clients.h"

#define PROG       "match"
#define MAX_SIZES  16
#define N_CLUSTERS 3
#define N_WIJKEN   6
#define N_GENERAL  20
#define DAY_MS     (24LL * 60 * 60 * 1000)
#define MAX_CODES  64

struct codes {
    const char *v[MAX_CODES];
    size_t n;
};

static void vocab_codes(const char *vocab, struct codes *out)
{
    out->n = 0;
    for (size_t i = 0; i < vocab_seed_count && out->n < MAX_CODES; i++)
        if (strcmp(vocab_seeds[i].vocab, vocab) == 0)
            out->v[out->n++] = vocab_seeds[i].code;
}

/* k distinct codes of c (k <= c->n) into out. */
static void draw_codes(struct bench_rng *rng, const struct codes *c, size_t k, const char **out)
{
    const char *tmp[MAX_CODES];
    memcpy(tmp, c->v, c->n * sizeof(*tmp));
    for (size_t i = 0; i < k; i++) {
        size_t j = i + bench_below(rng, c->n - i);
        const char *t = tmp[i];
        tmp[i] = tmp[j];
        tmp[j] = t;
        out[i] = tmp[i];
    }
}

static struct codes areas_v, themes_v;

/* One synthetic profile: 3-8 items, areas first; the rest of the expert's facts. */
struct profile {
    struct profile_item items[8];
    size_t nitems;
    int capacity, caseload;
    bool available, with_requester;
    size_t wijk[2], nwijk;
};

static void make_profile(struct bench_rng *rng, struct profile *p)
{
    size_t n = 3 + bench_below(rng, 6), na = 1 + bench_below(rng, n - 1);
    const char *codes[8];
    if (na > 5)
        na = 5;
    draw_codes(rng, &areas_v, na, codes);
    draw_codes(rng, &themes_v, n - na, codes + na);
    for (size_t i = 0; i < n; i++)
        p->items[i] = (struct profile_item){i < na ? "experience_area" : "generic_theme", codes[i],
                                            bench_below(rng, 4) ? "colleagues" : "coordinators"};
    p->nitems = n;
    p->capacity = 4 + (int)bench_below(rng, 7);
    p->caseload = (int)bench_below(rng, (size_t)p->capacity + 2);
    p->available = bench_below(rng, 10) != 0;
    p->with_requester = bench_below(rng, 20) == 0;
    p->nwijk = 1 + bench_below(rng, 2);
    p->wijk[0] = bench_below(rng, N_WIJKEN);
    p->wijk[1] = (p->wijk[0] + 1 + bench_below(rng, N_WIJKEN - 1)) % N_WIJKEN;
}

struct figures {
    double p50, p99; /* us per ranking */
};

static struct figures summarise(struct bench_lat *l)
{
    struct figures f = {bench_lat_us(l, 0.5), bench_lat_us(l, 0.99)};
    free(l->ns);
    *l = (struct bench_lat){0};
    return f;
}

/* ---- (a) the pure ranking ---- */

static struct figures run_pure(size_t n, int reps, uint64_t seed)
{
    struct bench_rng rng = {seed};
    struct arena a;
    arena_init(&a);
    static const char *const wijk_ids[N_WIJKEN] = {"w0", "w1", "w2", "w3", "w4", "w5"};
    static const char *const cluster_ids[N_CLUSTERS] = {"c0", "c1", "c2"};
    struct match_expert *xs = arena_array(&a, n, sizeof(*xs));
    for (size_t i = 0; i < n; i++) {
        struct profile p;
        make_profile(&rng, &p);
        struct match_item *items = arena_array(&a, p.nitems, sizeof(*items));
        for (size_t j = 0; j < p.nitems; j++)
            items[j] = (struct match_item){
                strcmp(p.items[j].vocab, "experience_area") == 0 ? MATCH_AREA_CODE
                                                                 : MATCH_THEME_CODE,
                p.items[j].code, strcmp(p.items[j].visibility, "coordinators") == 0};
        const char **ar = arena_array(&a, p.nwijk, sizeof(char *));
        const char **cl = arena_array(&a, p.nwijk, sizeof(char *));
        for (size_t j = 0; j < p.nwijk; j++) {
            ar[j] = wijk_ids[p.wijk[j]];
            cl[j] = cluster_ids[p.wijk[j] / 2];
        }
        xs[i] = (struct match_expert){.id = arena_printf(&a, "expert-%06zu", i),
                                      .name = "Ervaringsdeskundige",
                                      .items = items,
                                      .nitems = p.nitems,
                                      .capacity = p.capacity,
                                      .caseload = p.caseload,
                                      .available = p.available,
                                      .area_ids = ar,
                                      .nareas = p.nwijk,
                                      .cluster_ids = cl,
                                      .nclusters = p.nwijk,
                                      .worked_with_requester = p.with_requester};
    }
    const char *ra[3], *rt[3];
    size_t nra = 2 + bench_below(&rng, 2), nrt = 2 + bench_below(&rng, 2);
    draw_codes(&rng, &areas_v, nra, ra);
    draw_codes(&rng, &themes_v, nrt, rt);
    struct match_request mq = {.areas = ra,
                               .nareas = nra,
                               .themes = rt,
                               .nthemes = nrt,
                               .area_id = wijk_ids[1],
                               .cluster_id = cluster_ids[0],
                               .preferred_expert_id = xs[n / 2].id};
    struct match_weights w = match_weights_default();
    struct bench_lat lat = {0};
    size_t sink = 0;
    for (int i = 0; i < reps; i++) {
        struct arena ra_;
        struct match_ranking k;
        int64_t t0 = bench_ns();
        arena_init(&ra_);
        match_rank_experts(&ra_, &mq, xs, n, &w, true, &k);
        sink += k.n;
        arena_release(&ra_);
        bench_lat_add(&lat, bench_ns() - t0);
    }
    if (sink != n * (size_t)reps)
        fprintf(stderr, PROG ": the ranking lost experts (%zu of %zu)\n", sink, n * (size_t)reps);
    arena_release(&a);
    return summarise(&lat);
}

/* ---- (b) the database ---- */

struct org_ids {
    char org[UUID_STR_BYTES];
    char cluster[N_CLUSTERS][UUID_STR_BYTES];
    char wijk[N_WIJKEN][UUID_STR_BYTES];
    char nteam[N_WIJKEN][UUID_STR_BYTES];
    char xteam[UUID_STR_BYTES];
    char coordinator[UUID_STR_BYTES];
    char general[N_GENERAL][UUID_STR_BYTES];
    char request_dossier[UUID_STR_BYTES];
    char request[UUID_STR_BYTES];
    char expert0[UUID_STR_BYTES]; /* the profile changed before each cold call */
};

static int fail(struct bench_req *q, const char *what)
{
    fprintf(stderr, PROG ": %s: %s %s %s\n", what, err_slug(q->r.err.code), q->r.err.field,
            q->r.err.detail);
    if (q->r.db && db_in_txn(q->r.db))
        db_rollback(q->r.db);
    bench_req_end(q);
    return -1;
}

static int add_worker(struct bench_req *q, const struct org_ids *o, const char *email,
                      const char *name, unsigned roles, const char *hash, const char *now,
                      char id[UUID_STR_BYTES])
{
    struct worker w = {.email = email,
                       .name = name,
                       .roles = roles,
                       .status = WORKER_ACTIVE,
                       .pw_hash = hash,
                       .created_at = now,
                       .updated_at = now,
                       .version = 1};
    uuid7_new(w.id);
    memcpy(w.org_id, o->org, UUID_STR_BYTES);
    memcpy(id, w.id, UUID_STR_BYTES);
    return store_worker_insert(q->r.db, &w, &q->r.err);
}

static int add_dossier(struct bench_req *q, const struct org_ids *o, const char *responsible,
                       const char *wijk, const char *code, const char *now, const char *today,
                       char id[UUID_STR_BYTES])
{
    struct client_rec c = {
        .code = code, .area_id = wijk, .created_at = now, .updated_at = now, .version = 1};
    uuid7_new(c.id);
    memcpy(c.org_id, o->org, UUID_STR_BYTES);
    memcpy(c.created_by, responsible, UUID_STR_BYTES);
    struct dossier_rec d = {.status = "open",
                            .goal_type = "progress",
                            .area_id = wijk,
                            .opened_on = today,
                            .created_at = now,
                            .updated_at = now,
                            .version = 1};
    uuid7_new(d.id);
    memcpy(d.org_id, o->org, UUID_STR_BYTES);
    memcpy(d.client_id, c.id, UUID_STR_BYTES);
    memcpy(d.responsible_id, responsible, UUID_STR_BYTES);
    memcpy(id, d.id, UUID_STR_BYTES);
    if (store_client_insert(q->r.db, &c, &q->r.err) != PD_OK)
        return q->r.err.code;
    return store_dossier_insert(q->r.db, &d, &q->r.err);
}

static int add_assignment(struct bench_req *q, const struct org_ids *o, const char *dossier,
                          const char *worker, const char *start, const char *end, const char *now)
{
    struct assignment_rec s = {
        .role = "expert", .start_on = start, .end_on = end, .created_at = now, .version = 1};
    uuid7_new(s.id);
    memcpy(s.org_id, o->org, UUID_STR_BYTES);
    memcpy(s.dossier_id, dossier, UUID_STR_BYTES);
    memcpy(s.worker_id, worker, UUID_STR_BYTES);
    return store_assignment_insert(q->r.db, &s, &q->r.err);
}

static int add_places(struct bench_req *q, struct org_ids *o)
{
    static const char *const clusters[N_CLUSTERS] = {"Noord", "Zuid", "West"};
    static const char *const wijken[N_WIJKEN] = {"Overvecht", "Zuilen", "Kanaleneiland",
                                                 "Hoograven", "Lombok", "Oog in Al"};
    for (size_t i = 0; i < N_CLUSTERS + N_WIJKEN; i++) {
        bool wk = i >= N_CLUSTERS;
        struct area a = {.kind = wk ? AREA_WIJK : AREA_CLUSTER,
                         .name = wk ? wijken[i - N_CLUSTERS] : clusters[i],
                         .parent_id = wk ? o->cluster[(i - N_CLUSTERS) / 2] : NULL,
                         .version = 1};
        uuid7_new(a.id);
        memcpy(a.org_id, o->org, UUID_STR_BYTES);
        memcpy(wk ? o->wijk[i - N_CLUSTERS] : o->cluster[i], a.id, UUID_STR_BYTES);
        if (store_area_insert(q->r.db, &a, &q->r.err) != PD_OK)
            return q->r.err.code;
    }
    for (size_t i = 0; i <= N_WIJKEN; i++) {
        bool x = i == N_WIJKEN;
        struct team t = {.kind = x ? TEAM_EXPERT : TEAM_NEIGHBOURHOOD,
                         .name = x ? "Team Ervaringsdeskundigen"
                                   : arena_printf(&q->arena, "Buurtteam %s", wijken[i]),
                         .area_id = x ? NULL : o->wijk[i],
                         .version = 1};
        uuid7_new(t.id);
        memcpy(t.org_id, o->org, UUID_STR_BYTES);
        memcpy(x ? o->xteam : o->nteam[i], t.id, UUID_STR_BYTES);
        if (store_team_insert(q->r.db, &t, &q->r.err) != PD_OK)
            return q->r.err.code;
    }
    return PD_OK;
}

/* The organisation with its N experts, in one transaction. */
static int fill_org(struct bench_req *q, struct org_ids *o, size_t n, uint64_t seed)
{
    struct bench_rng rng = {seed};
    char hash[PWHASH_STR_BYTES], now[PTIME_ISO_BYTES], today[11], past[PTIME_ISO_BYTES],
        ended[PTIME_ISO_BYTES];
    int64_t t = ptime_now_ms();
    ptime_fmt_iso(t, now);
    snprintf(today, sizeof(today), "%.10s", now);
    ptime_fmt_iso(t - 200 * DAY_MS, past);
    ptime_fmt_iso(t - 30 * DAY_MS, ended);
    past[10] = ended[10] = '\0';
    struct org org = {.slug = "match", .name = "Matching bench", .created_at = now, .version = 1};
    uuid7_new(org.id);
    memcpy(o->org, org.id, UUID_STR_BYTES);
    if (auth_hash_password(BENCH_PASSWORD, hash, sizeof(hash), &q->r.err) != PD_OK ||
        db_begin(q->r.db, DB_TXN_WRITE, &q->r.err) != PD_OK ||
        store_org_insert(q->r.db, &org, &q->r.err) != PD_OK ||
        vocab_seed_org(&q->r, org.id) != PD_OK || add_places(q, o) != PD_OK ||
        add_worker(q, o, "coordinator@match.test", "Coördinator", ROLE_COORDINATOR, hash, now,
                   o->coordinator) != PD_OK ||
        store_team_add_member(q->r.db, o->org, o->xteam, o->coordinator, &q->r.err) != PD_OK)
        return -1;
    for (size_t i = 0; i < N_GENERAL; i++)
        if (add_worker(q, o, arena_printf(&q->arena, "generalist%zu@match.test", i + 1),
                       arena_printf(&q->arena, "Generalist %zu", i + 1), ROLE_GENERALIST, hash, now,
                       o->general[i]) != PD_OK ||
            store_team_add_member(q->r.db, o->org, o->nteam[i % N_WIJKEN], o->general[i],
                                  &q->r.err) != PD_OK)
            return -1;
    /* The dossier of the request: the requester's (generalist 1), in the first wijk. */
    if (add_dossier(q, o, o->general[0], o->wijk[0], "REQ-1", now, today, o->request_dossier))
        return -1;
    /* N open dossiers: the experts' caseload lives on them. */
    char(*pool)[UUID_STR_BYTES] = arena_array(&q->arena, n, UUID_STR_BYTES);
    for (size_t i = 0; i < n; i++) {
        size_t g = bench_below(&rng, N_GENERAL);
        if (add_dossier(q, o, o->general[g], o->wijk[g % N_WIJKEN],
                        arena_printf(&q->arena, "C-%06zu", i), now, past, pool[i]) != PD_OK)
            return -1;
    }
    for (size_t i = 0; i < n; i++) {
        struct profile p;
        struct expert_row x = {0};
        make_profile(&rng, &p);
        if (add_worker(q, o, arena_printf(&q->arena, "expert%zu@match.test", i + 1),
                       arena_printf(&q->arena, "Ervaringsdeskundige %zu", i + 1), ROLE_EXPERT, hash,
                       now, x.worker_id) != PD_OK ||
            store_team_add_member(q->r.db, o->org, o->xteam, x.worker_id, &q->r.err) != PD_OK)
            return -1;
        for (size_t j = 0; j < p.nwijk; j++)
            if (store_team_add_member(q->r.db, o->org, o->nteam[p.wijk[j]], x.worker_id,
                                      &q->r.err) != PD_OK)
                return -1;
        x.capacity = p.capacity;
        x.available = p.available;
        x.items = p.items;
        x.nitems = p.nitems;
        if (store_profile_put(q->r.db, o->org, &x, now, &q->r.err) != PD_OK)
            return -1;
        if (i == 0)
            memcpy(o->expert0, x.worker_id, UUID_STR_BYTES);
        /* the caseload, as many ended assignments, and now and then work with the requester */
        for (int k = 0; k < 2 * p.caseload; k++)
            if (add_assignment(q, o, pool[bench_below(&rng, n)], x.worker_id, past,
                               k < p.caseload ? NULL : ended, now) != PD_OK)
                return -1;
        if (p.with_requester) {
            char d[UUID_STR_BYTES];
            if (add_dossier(q, o, o->general[0], o->wijk[0], arena_printf(&q->arena, "R-%06zu", i),
                            now, past, d) != PD_OK ||
                add_assignment(q, o, d, x.worker_id, past, ended, now) != PD_OK)
                return -1;
        }
    }
    return db_commit(q->r.db, &q->r.err);
}

/* The requester submits the request the real way (app_request_create). */
static int submit_request(struct app *app, struct org_ids *o, uint64_t seed)
{
    struct bench_rng rng = {seed ^ 0x5eed};
    char token[TOKEN_STR_BYTES];
    struct bench_req q;
    struct request_rec out;
    if (bench_login(app, "generalist1@match.test", token) != PD_OK)
        return -1;
    const char *ra[3], *rt[3];
    struct codes reasons, basis, channels;
    vocab_codes("deployment_reason", &reasons);
    vocab_codes("match_basis", &basis);
    vocab_codes("channel", &channels);
    size_t nra = 2 + bench_below(&rng, 2), nrt = 2 + bench_below(&rng, 2);
    draw_codes(&rng, &areas_v, nra, ra);
    draw_codes(&rng, &themes_v, nrt, rt);
    struct request_input in = {.reasons = reasons.v,
                               .nreasons = 1,
                               .areas = ra,
                               .nareas = nra,
                               .themes = rt,
                               .nthemes = nrt,
                               .match_basis = basis.v[0],
                               .phase = "stuck",
                               .question = "Cliënt loopt vast; kan iemand met ervaring aansluiten?",
                               .channel = channels.v[0],
                               .client_informed = true};
    if (!bench_req_begin(app, &q) || bench_resolve(&q, token) != PD_OK ||
        app_request_create(&q.r, o->request_dossier, &in, &out) != PD_OK)
        return fail(&q, "submit the request");
    memcpy(o->request, out.id, UUID_STR_BYTES);
    bench_req_end(&q);
    return 0;
}

struct db_figures {
    struct figures load_rank, endpoint, cold;
    size_t ranked;
    uint64_t hits, builds; /* of the directory cache */
};

/* A change the directory must notice: the first expert's profile written again as it is
 * (its version moves, so migration 0014's trigger bumps the organisation's). */
static int touch_profile(struct app *app, const struct org_ids *o, const char *today)
{
    struct bench_req q;
    struct expert_row *x;
    size_t n;
    char now[PTIME_ISO_BYTES];
    ptime_fmt_iso(ptime_now_ms(), now);
    if (!bench_req_begin(app, &q) || db_begin(q.r.db, DB_TXN_WRITE, &q.r.err) != PD_OK ||
        store_expert_rows(q.r.db, &q.arena, o->org, today, o->expert0, NULL, 1, &x, &n, &q.r.err) !=
            PD_OK ||
        n != 1 || store_profile_put(q.r.db, o->org, x, now, &q.r.err) != PD_OK ||
        db_commit(q.r.db, &q.r.err) != PD_OK)
        return fail(&q, "change a profile");
    bench_req_end(&q);
    return 0;
}

/* One timed call of the endpoint; *ranked is how many experts it ranked. */
static int endpoint_call(struct app *app, const struct org_ids *o, const char *token,
                         struct bench_lat *lat, size_t *ranked)
{
    struct bench_req q;
    struct request_rec rq;
    struct match_ranking k;
    int64_t t0 = bench_ns();
    if (!bench_req_begin(app, &q) || bench_resolve(&q, token) != PD_OK ||
        app_request_matches(&q.r, o->request, &rq, &k) != PD_OK)
        return fail(&q, "rank the experts");
    bench_req_end(&q);
    bench_lat_add(lat, bench_ns() - t0);
    *ranked = k.n;
    return 0;
}

static int run_db(const char *dir, size_t n, int reps, uint64_t seed, struct db_figures *out)
{
    char path[4200], token[TOKEN_STR_BYTES];
    snprintf(path, sizeof(path), "%s/match-%zu.db", dir, n);
    struct pd_err e;
    err_clear(&e);
    struct app_config cfg = {.db_target = path, .db_connections = 1};
    struct app *app = app_new(&cfg, &e);
    struct org_ids *o = calloc(1, sizeof(*o));
    struct bench_req q;
    int rc = -1;
    if (!app) {
        fprintf(stderr, PROG ": %s\n", e.detail);
        free(o);
        return -1;
    }
    /* as `peerdesk init` */
    if (!bench_req_begin(app, &q) ||
        store_migrate(q.r.db, store_migration_count, &q.r.err) != PD_OK ||
        vocab_seed_all(&q.r) != PD_OK || fill_org(&q, o, n, seed) != PD_OK) {
        fail(&q, "make the organisation");
        goto out;
    }
    bench_req_end(&q);
    if (submit_request(app, o, seed) || bench_login(app, "coordinator@match.test", token))
        goto out;

    struct bench_lat lr = {0}, ep = {0}, cd = {0};
    char today[PTIME_ISO_BYTES];
    ptime_fmt_iso(ptime_now_ms(), today);
    today[10] = '\0';
    for (int i = 0; i < reps; i++) {
        /* load + rank, as app_request_matches does between its access check and audit */
        struct request_rec rq;
        struct match_ranking k;
        if (!bench_req_begin(app, &q) || bench_resolve(&q, token) != PD_OK ||
            db_begin(q.r.db, DB_TXN_READ, &q.r.err) != PD_OK ||
            store_request_get(q.r.db, &q.arena, o->org, o->request, &rq, &q.r.err) != PD_OK) {
            fail(&q, "read the request");
            goto out;
        }
        int64_t t0 = bench_ns();
        if (app_request_rank(&q.r, &rq, &k) != PD_OK) {
            fail(&q, "load and rank the experts");
            goto out;
        }
        bench_lat_add(&lr, bench_ns() - t0);
        db_rollback(q.r.db);
        bench_req_end(&q);
        if (k.n != n) {
            fprintf(stderr, PROG ": ranked %zu experts of %zu\n", k.n, n);
            goto out;
        }

        /* warm: the endpoint's whole call with the directory in memory */
        if (endpoint_call(app, o, token, &ep, &out->ranked))
            goto out;
    }
    /* cold: the first call after a change (apart, so that the warm figures are not those
     * of a page cache each build has just churned) */
    for (int i = 0; i < reps; i++)
        if (touch_profile(app, o, today) || endpoint_call(app, o, token, &cd, &out->ranked))
            goto out;
    directory_cache_stats(app, &out->hits, &out->builds);
    out->load_rank = summarise(&lr);
    out->endpoint = summarise(&ep);
    out->cold = summarise(&cd);
    rc = 0;
out:
    free(o);
    app_free(app);
    return rc;
}

/* ---- report ---- */

static json_t *fig_json(struct figures f, size_t n)
{
    /* us_per_expert from the printed p50, so the two printed figures agree. */
    double p50 = (double)(int64_t)(f.p50 * 10) / 10;
    return json_pack("{s:f, s:f, s:f}", "p50_us", p50, "p99_us", (double)(int64_t)(f.p99 * 10) / 10,
                     "us_per_expert", (double)(int64_t)(p50 / (double)n * 10000) / 10000);
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static size_t parse_sizes(const char *s, size_t *out)
{
    size_t n = 0;
    while (s && *s) {
        char *end = NULL;
        long long v = strtoll(s, &end, 10);
        if (end == s || v < 1 || v > 100000 || (*end && *end != ',') || n == MAX_SIZES) {
            fprintf(stderr,
                    PROG ": --experts must be up to %d numbers 1..100000, comma-separated\n",
                    MAX_SIZES);
            exit(2);
        }
        out[n++] = (size_t)v;
        s = *end ? end + 1 : end;
    }
    return n;
}

int main(int argc, char **argv)
{
    struct bench_opt opts[] = {{"--experts"}, {"--reps"}, {"--seed"}, {"--dir"}, {NULL}};
    bench_parse(PROG, argc, argv, opts);
    size_t sizes[MAX_SIZES];
    const char *ex = bench_get(opts, "--experts");
    size_t nsizes = parse_sizes(ex ? ex : "125,250,500,1000,2000", sizes);
    if (!nsizes) {
        fprintf(stderr, PROG ": --experts is empty\n");
        return 2;
    }
    int reps = (int)bench_int(PROG, opts, "--reps", 200, 1, 1000000);
    uint64_t seed = (uint64_t)bench_int(PROG, opts, "--seed", 1, 0, INT64_MAX);
    if (!getenv("PEERDESK_LOG_LEVEL"))
        log_set_level(LOG_WARN);
    vocab_codes("experience_area", &areas_v);
    vocab_codes("generic_theme", &themes_v);
    if (areas_v.n < 5 || themes_v.n < 8) {
        fprintf(stderr, PROG ": the vocabularies are too small for the profiles\n");
        return 1;
    }

    char tmpl[4000];
    const char *dir = bench_get(opts, "--dir");
    bool own_dir = !dir;
    if (own_dir) {
        const char *t = getenv("TMPDIR");
        snprintf(tmpl, sizeof(tmpl), "%s/pd-match-XXXXXX", t && *t ? t : "/tmp");
        if (!mkdtemp(tmpl)) {
            perror(PROG ": mkdtemp");
            return 1;
        }
        dir = tmpl;
    }

    json_t *rows = json_array();
    struct figures first[4] = {0}, last[4] = {0};
    int rc = 0;
    for (size_t i = 0; i < nsizes && rc == 0; i++) {
        size_t n = sizes[i];
        fprintf(stderr, PROG ": %zu experts: pure ranking\n", n);
        struct figures pure = run_pure(n, reps, seed + n);
        fprintf(stderr, PROG ": %zu experts: database (%s)\n", n, dir);
        struct db_figures dbf = {0};
        if (run_db(dir, n, reps, seed + n, &dbf)) {
            rc = 1;
            break;
        }
        json_array_append_new(rows,
                              json_pack("{s:I, s:o, s:o, s:o, s:o, s:I, s:{s:I, s:I}}", "experts",
                                        (json_int_t)n, "pure", fig_json(pure, n), "load_rank",
                                        fig_json(dbf.load_rank, n), "endpoint",
                                        fig_json(dbf.endpoint, n), "cold", fig_json(dbf.cold, n),
                                        "ranked", (json_int_t)dbf.ranked, "directory", "hits",
                                        (json_int_t)dbf.hits, "builds", (json_int_t)dbf.builds));
        struct figures f[4] = {pure, dbf.load_rank, dbf.endpoint, dbf.cold};
        for (int k = 0; k < 4; k++) {
            f[k].p50 /= (double)n; /* us per expert */
            if (i == 0)
                first[k] = f[k];
            last[k] = f[k];
        }
    }
    if (own_dir)
        nftw(dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
    if (rc) {
        json_decref(rows);
        return 1;
    }
    json_t *lin = json_pack("{s:f, s:f, s:f, s:f}", "pure",
                            (double)(int64_t)(last[0].p50 / first[0].p50 * 100) / 100, "load_rank",
                            (double)(int64_t)(last[1].p50 / first[1].p50 * 100) / 100, "endpoint",
                            (double)(int64_t)(last[2].p50 / first[2].p50 * 100) / 100, "cold",
                            (double)(int64_t)(last[3].p50 / first[3].p50 * 100) / 100);
    bench_print(json_pack("{s:s, s:i, s:o, s:o}", "what", "match", "reps", reps, "sizes", rows,
                          "linearity", lin));
    return 0;
}
