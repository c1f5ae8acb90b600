/*
 * floor.c: the in-process floor of P1, P4 and P8 (docs/performance.md): what the endpoint
 * runs below HTTP, called in a loop by T threads, each call a request of its own (arena,
 * trace id, a borrowed connection, the session resolved from its token, the app function
 * with its access check and audit entry, commit).
 *
 *   floor --db TARGET --what timeline|timeline-read|search|access [--threads T] [--duration SECS]
 *         [--pairs N] [--workers W] [--seed S] [--audit-rows N]
 *
 * The database is one made by `peerdesk bench-gen` (organisation "bench"), a SQLite file
 * or a postgres:// URL. timeline: N (worker, dossier) pairs where the worker may read the
 * dossier (responsible, or actively assigned), drawn among W workers who log in first;
 * each call is app_timeline (limit 15) of a random pair. timeline-read: the same calls with
 * their audit entries left owed and dropped instead of written: what the page's queries
 * cost by themselves (session, access check, timeline, codes), the ceiling of P1 for as
 * long as the page runs these queries. search: app_note_search (top 20)
 * for a common word of the generated notes by a random one of those workers. access: the
 * access report (NEN 7513) of the client with the most audit rows, by a privacy officer
 * (privacy@bench.test, made here once when missing); --audit-rows N first appends reads
 * of that client's dossier to the audit log until it has N rows (P8 asks for 100,000).
 *
 * Every call must succeed: failures are counted, the first few are shown, and any makes
 * the exit status 1. The calls write (sessions, audit entries) to the database.
 */
#include <pthread.h>
#include <unistd.h>

#include "app/access.h"
#include "app/audit_query.h"
#include "app/timeline.h"
#include "inproc.h"
#include "lib/log.h"
#include "lib/ptime.h"
#include "store/store.h"

#define PROG "floor"

/* The benchmark's own read-only questions, to choose its inputs from the generated data
 * (each literal waived below: SQL otherwise lives in src/store/). */
#define PAIRS_SQL /* lint-allow sql-outside-store: bench input */                                  \
    "SELECT d.responsible_id, d.id FROM dossier d WHERE d.org_id = ?1"                             \
    " UNION SELECT a.worker_id, a.dossier_id FROM assignment a WHERE a.org_id = ?1"                \
    " AND (a.end_on IS NULL OR a.end_on >= ?2)"
#define BUSIEST_CLIENT_SQL /* lint-allow sql-outside-store: bench input */                         \
    "SELECT d.client_id, d.id, d.responsible_id,"                                                  \
    " (SELECT count(*) FROM audit_log l WHERE l.client_id = d.client_id) AS n"                     \
    " FROM dossier d WHERE d.org_id = ?1 AND d.client_id = coalesce("                              \
    "  (SELECT l.client_id FROM audit_log l WHERE l.org_id = ?1 AND l.client_id IS NOT NULL"       \
    "   GROUP BY l.client_id ORDER BY count(*) DESC, l.client_id LIMIT 1),"                        \
    "  (SELECT min(c.id) FROM client c WHERE c.org_id = ?1))"                                      \
    " ORDER BY d.opened_on DESC, d.id LIMIT 1"

enum what { WHAT_TIMELINE, WHAT_TIMELINE_READ, WHAT_SEARCH, WHAT_ACCESS };

struct pair {
    char worker[UUID_STR_BYTES];
    char dossier[UUID_STR_BYTES];
    size_t login; /* index into logins */
};

struct login {
    char worker[UUID_STR_BYTES];
    char token[TOKEN_STR_BYTES];
};

struct run {
    struct app *app;
    enum what what;
    int64_t end_ns;
    uint64_t seed;
    struct pair *pairs;
    size_t npairs;
    struct login *logins;
    size_t nlogins;
    char client_id[UUID_STR_BYTES]; /* access */
    const char *privacy_token;
};

struct worker_result {
    struct run *run;
    int index;
    struct bench_lat lat;
    long long ops, failures, items;
};

/* Common words of the generated notes (src/store/store_demo.c's fragments). */
static const char *const search_words[] = {
    "huisbezoek",  "telefonisch", "afspraak", "gesprek",   "schuldhulpverlening",
    "familie",     "schaamte",    "week",     "samen",     "dagstructuur",
    "wijkcentrum", "nachten",     "terugval", "brieven",   "koffie",
    "wandeling",   "hoop",        "regie",    "evalueren", "instantie",
};
#define N_WORDS (sizeof(search_words) / sizeof(search_words[0]))

static pthread_mutex_t show_lock = PTHREAD_MUTEX_INITIALIZER;
static int shown;

static void show_failure(const char *what, const struct pd_err *e)
{
    pthread_mutex_lock(&show_lock);
    if (shown++ < 5)
        fprintf(stderr, PROG ": %s failed: %s %s %s\n", what, err_slug(e->code), e->field,
                e->detail);
    pthread_mutex_unlock(&show_lock);
}

/* ---- one call ---- */

static int call_once(struct worker_result *w, struct bench_rng *rng)
{
    struct run *run = w->run;
    struct bench_req q;
    const char *token;
    const struct pair *p = NULL;
    const char *label = "";
    if (run->what == WHAT_TIMELINE || run->what == WHAT_TIMELINE_READ) {
        p = &run->pairs[bench_below(rng, run->npairs)];
        token = run->logins[p->login].token;
        label = "timeline";
    } else if (run->what == WHAT_SEARCH) {
        token = run->logins[bench_below(rng, run->nlogins)].token;
        label = "search";
    } else {
        token = run->privacy_token;
        label = "access report";
    }
    const char *word = search_words[bench_below(rng, N_WORDS)];

    int64_t t0 = bench_ns();
    int rc = bench_req_begin(run->app, &q)
                 ? bench_resolve(&q, token)
                 : err_set(&q.r.err, PD_EUNAVAIL, NULL, "no database connection");
    size_t n = 0;
    if (rc == PD_OK && (run->what == WHAT_TIMELINE || run->what == WHAT_TIMELINE_READ)) {
        struct timeline_row *rows;
        q.r.audit_async = run->what == WHAT_TIMELINE_READ; /* entries owed, not written */
        rc = app_timeline(&q.r, p->dossier, NULL, 15, &rows, &n);
        q.r.nowed = 0; /* ...and dropped: this mode measures the reads alone */
    } else if (rc == PD_OK && run->what == WHAT_SEARCH) {
        struct search_hit *hits;
        rc = app_note_search(&q.r, word, 20, &hits, &n);
    } else if (rc == PD_OK) {
        struct audit_report rep;
        rc = app_audit_access_report(&q.r, run->client_id, NULL, &rep);
        n = rep.n;
    }
    if (rc != PD_OK)
        show_failure(label, &q.r.err);
    bench_req_end(&q);
    bench_lat_add(&w->lat, bench_ns() - t0);
    w->ops++;
    w->items += (long long)n;
    if (rc != PD_OK)
        w->failures++;
    return rc;
}

static void *thread_main(void *arg)
{
    struct worker_result *w = arg;
    struct bench_rng rng = {w->run->seed * 1000003u + (uint64_t)w->index};
    while (bench_ns() < w->run->end_ns)
        call_once(w, &rng);
    return NULL;
}

/* ---- setup ---- */

static int fail_req(struct bench_req *q, const char *what)
{
    fprintf(stderr, PROG ": %s: %s %s %s\n", what, err_slug(q->r.err.code), q->r.err.field,
            q->r.err.detail);
    if (q->r.db && db_in_txn(q->r.db))
        db_rollback(q->r.db);
    bench_req_end(q);
    return -1;
}

static int cmp_pair_worker(const void *a, const void *b)
{
    const struct pair *x = a, *y = b;
    int c = strcmp(x->worker, y->worker);
    return c ? c : strcmp(x->dossier, y->dossier);
}

/* Every (worker, dossier) of the organisation where the worker may read the dossier:
 * its responsible generalist, or an active assignment (domain/access.c). */
static int load_pairs(struct bench_req *q, const char *org_id, struct pair **out, size_t *n)
{
    char today[PTIME_ISO_BYTES];
    ptime_fmt_iso(ptime_now_ms(), today);
    today[10] = '\0';
    struct db_stmt *st = db_prepare(q->r.db, PAIRS_SQL, &q->r.err);
    if (!st)
        return -1;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, today);
    size_t len = 0, cap = 4096;
    struct pair *v = malloc(cap * sizeof(*v));
    int rc;
    while (v && (rc = db_step(st, &q->r.err)) == DB_ROW) {
        if (len == cap)
            v = realloc(v, (cap *= 2) * sizeof(*v));
        if (!v)
            break;
        snprintf(v[len].worker, UUID_STR_BYTES, "%s", db_col_text(st, 0));
        snprintf(v[len].dossier, UUID_STR_BYTES, "%s", db_col_text(st, 1));
        len++;
    }
    db_reset(st);
    if (!v)
        abort();
    if (rc < 0) {
        free(v);
        return -1;
    }
    qsort(v, len, sizeof(*v), cmp_pair_worker);
    *out = v;
    *n = len;
    return 0;
}

static int worker_email(struct bench_req *q, const char *id, char *email, size_t cap)
{
    struct worker w;
    if (store_worker_by_id(q->r.db, &q->arena, id, &w, &q->r.err) != PD_OK)
        return -1;
    snprintf(email, cap, "%s", w.email);
    return 0;
}

/* Choose W workers at random among those with readable dossiers, log them in, and draw
 * npairs of their pairs (without repeats while there are enough). */
static int setup_pairs(struct run *run, const char *org_id, size_t want_pairs, size_t want_workers)
{
    struct bench_req q;
    struct pair *all;
    size_t nall;
    if (!bench_req_begin(run->app, &q))
        return fail_req(&q, "open the database");
    if (db_begin(q.r.db, DB_TXN_READ, &q.r.err) != PD_OK || load_pairs(&q, org_id, &all, &nall))
        return fail_req(&q, "read the dossiers");
    db_rollback(q.r.db);
    if (!nall) {
        fprintf(stderr, PROG ": the organisation has no dossiers\n");
        bench_req_end(&q);
        return -1;
    }
    /* distinct workers: runs of the sorted pairs */
    size_t *starts = malloc((nall + 1) * sizeof(*starts)), nw = 0;
    for (size_t i = 0; i < nall; i++)
        if (i == 0 || strcmp(all[i].worker, all[i - 1].worker) != 0)
            starts[nw++] = i;
    starts[nw] = nall;
    size_t *order = malloc(nw * sizeof(*order));
    for (size_t i = 0; i < nw; i++)
        order[i] = i;
    struct bench_rng rng = {run->seed};
    size_t take = want_workers < nw ? want_workers : nw;
    for (size_t i = 0; i < take; i++) {
        size_t j = i + bench_below(&rng, nw - i), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    run->logins = calloc(take, sizeof(*run->logins));
    size_t ncand = 0;
    for (size_t i = 0; i < take; i++)
        ncand += starts[order[i] + 1] - starts[order[i]];
    struct pair *cand = malloc(ncand * sizeof(*cand));
    ncand = 0;
    fprintf(stderr, PROG ": %zu readable (worker, dossier) pairs of %zu workers; logging in %zu\n",
            nall, nw, take);
    char(*emails)[256] = calloc(take, 256);
    for (size_t i = 0; i < take; i++) {
        struct login *l = &run->logins[i];
        memcpy(l->worker, all[starts[order[i]]].worker, UUID_STR_BYTES);
        if (worker_email(&q, l->worker, emails[i], sizeof(emails[i])))
            return fail_req(&q, "find a worker");
        for (size_t k = starts[order[i]]; k < starts[order[i] + 1]; k++) {
            cand[ncand] = all[k];
            cand[ncand++].login = i;
        }
    }
    bench_req_end(&q); /* a login borrows a connection of its own (there may be only one) */
    for (size_t i = 0; i < take; i++)
        if (bench_login(run->app, emails[i], run->logins[i].token) != PD_OK)
            return -1;
    free(emails);
    run->nlogins = take;
    size_t np = want_pairs;
    run->pairs = malloc(np * sizeof(*run->pairs));
    for (size_t i = 0; i < np; i++) {
        if (i < ncand) { /* a partial shuffle: distinct pairs first */
            size_t j = i + bench_below(&rng, ncand - i);
            struct pair t = cand[i];
            cand[i] = cand[j];
            cand[j] = t;
            run->pairs[i] = cand[i];
        } else {
            run->pairs[i] = cand[bench_below(&rng, ncand)];
        }
    }
    run->npairs = np;
    fprintf(stderr, PROG ": %zu pairs over %zu dossiers of %zu workers\n", np,
            np < ncand ? np : ncand, take);
    free(all);
    free(starts);
    free(order);
    free(cand);
    return 0;
}

/* The client of the organisation with the most audit entries (any client when none has
 * one), with the responsible generalist of its newest dossier. */
static int busiest_client(struct bench_req *q, const char *org_id, char client[UUID_STR_BYTES],
                          char dossier[UUID_STR_BYTES], char responsible[UUID_STR_BYTES],
                          long long *rows)
{
    struct db_stmt *st = db_prepare(q->r.db, BUSIEST_CLIENT_SQL, &q->r.err);
    if (!st)
        return -1;
    db_bind_text(st, 1, org_id);
    int rc = db_step(st, &q->r.err);
    if (rc == DB_ROW) {
        snprintf(client, UUID_STR_BYTES, "%s", db_col_text(st, 0));
        snprintf(dossier, UUID_STR_BYTES, "%s", db_col_text(st, 1));
        snprintf(responsible, UUID_STR_BYTES, "%s", db_col_text(st, 2));
        *rows = db_col_int64(st, 3);
    }
    db_reset(st);
    if (rc == DB_DONE)
        err_set(&q->r.err, PD_ENOTFOUND, "client", "the organisation has no clients");
    return rc == DB_ROW ? 0 : -1;
}

/* Append timeline.read entries of the responsible generalist for the client's dossier
 * until the client has `want` audit rows: through audit_write, so the hash chain holds. */
static int fill_audit(struct run *run, const char *dossier, const char *responsible, long long have,
                      long long want)
{
    struct bench_req q;
    char email[256], token[TOKEN_STR_BYTES];
    if (!bench_req_begin(run->app, &q))
        return fail_req(&q, "open the database");
    if (worker_email(&q, responsible, email, sizeof(email)))
        return fail_req(&q, "find the responsible generalist");
    bench_req_end(&q);
    if (bench_login(run->app, email, token) != PD_OK)
        return -1;
    fprintf(stderr, PROG ": appending %lld audit entries for the client\n", want - have);
    while (have < want) {
        struct dossier_access acc;
        if (!bench_req_begin(run->app, &q) || bench_resolve(&q, token) != PD_OK ||
            db_begin(q.r.db, DB_TXN_WRITE, &q.r.err) != PD_OK ||
            app_access_dossier(&q.r, dossier, NEED_DOSSIER_READ, "timeline.read", &acc) != PD_OK)
            return fail_req(&q, "fill the audit log");
        for (int i = 0; i < 5000 && have < want; i++, have++)
            if (audit_client(&q.r, &acc, "timeline.read", 'R', "dossier", dossier) != PD_OK)
                return fail_req(&q, "fill the audit log");
        if (db_commit(q.r.db, &q.r.err) != PD_OK)
            return fail_req(&q, "fill the audit log");
        bench_req_end(&q);
    }
    return 0;
}

static int setup_access(struct run *run, const char *org_id, long long want_rows, long long *rows,
                        char *token)
{
    struct bench_req q;
    char dossier[UUID_STR_BYTES], responsible[UUID_STR_BYTES];
    struct worker w;
    if (!bench_req_begin(run->app, &q))
        return fail_req(&q, "open the database");
    int rc = store_worker_by_email(q.r.db, &q.arena, "privacy@bench.test", &w, &q.r.err);
    if (rc == PD_ENOTFOUND) { /* bench-gen makes no privacy officer: add one, as `user add` */
        err_clear(&q.r.err);
        fprintf(stderr, PROG ": adding privacy@bench.test (privacy officer)\n");
        rc = app_user_add(&q.r, "bench", "privacy@bench.test", "Privacy Bench", "privacy_officer",
                          BENCH_PASSWORD, &w);
    }
    if (rc != PD_OK)
        return fail_req(&q, "the privacy officer");
    if (db_begin(q.r.db, DB_TXN_READ, &q.r.err) != PD_OK ||
        busiest_client(&q, org_id, run->client_id, dossier, responsible, rows))
        return fail_req(&q, "find the client with the most audit rows");
    db_rollback(q.r.db);
    bench_req_end(&q);
    if (want_rows > *rows) {
        if (fill_audit(run, dossier, responsible, *rows, want_rows))
            return -1;
        *rows = want_rows;
    }
    fprintf(stderr, PROG ": access report of client %s (%lld audit rows)\n", run->client_id, *rows);
    return bench_login(run->app, "privacy@bench.test", token);
}

int main(int argc, char **argv)
{
    struct bench_opt opts[] = {{"--db"},       {"--what"},       {"--threads"},
                               {"--duration"}, {"--pairs"},      {"--seed"},
                               {"--workers"},  {"--audit-rows"}, {NULL}};
    bench_parse(PROG, argc, argv, opts);
    const char *db = bench_get(opts, "--db"), *what_s = bench_get(opts, "--what");
    if (!db || !*db) {
        fprintf(stderr, "usage: " PROG " --db TARGET --what timeline|timeline-read|search|access"
                        " [--threads T] [--duration SECS] [--pairs N] [--workers W] [--seed S]"
                        " [--audit-rows N]\n" PROG ": --db is required\n");
        return 2;
    }
    struct run run = {0};
    if (what_s && strcmp(what_s, "timeline") == 0)
        run.what = WHAT_TIMELINE;
    else if (what_s && strcmp(what_s, "timeline-read") == 0)
        run.what = WHAT_TIMELINE_READ;
    else if (what_s && strcmp(what_s, "search") == 0)
        run.what = WHAT_SEARCH;
    else if (what_s && strcmp(what_s, "access") == 0)
        run.what = WHAT_ACCESS;
    else {
        fprintf(stderr, PROG ": --what must be timeline, search or access\n");
        return 2;
    }
    int threads = (int)bench_int(PROG, opts, "--threads", run.what == WHAT_ACCESS ? 1 : 4, 1, 256);
    double duration = bench_num(PROG, opts, "--duration", 10, 0.01, 86400);
    size_t npairs = (size_t)bench_int(PROG, opts, "--pairs", 2000, 1, 10000000);
    size_t nworkers = (size_t)bench_int(PROG, opts, "--workers", 64, 1, 100000);
    long long audit_rows = bench_int(PROG, opts, "--audit-rows", 0, 0, 100000000);
    run.seed = (uint64_t)bench_int(PROG, opts, "--seed", 1, 0, INT64_MAX);
    if (!getenv("PEERDESK_LOG_LEVEL"))
        log_set_level(LOG_WARN);

    struct pd_err e;
    err_clear(&e);
    struct app_config cfg = {.db_target = db, .db_connections = threads};
    if (strncmp(db, "postgres", 8) != 0 && access(db, F_OK) != 0) {
        fprintf(stderr, PROG ": %s does not exist (make it with peerdesk bench-gen)\n", db);
        return 1;
    }
    run.app = app_new(&cfg, &e);
    if (!run.app) {
        fprintf(stderr, PROG ": %s\n", e.detail);
        return 1;
    }
    struct bench_req q;
    struct org org;
    if (!bench_req_begin(run.app, &q) ||
        store_org_by_slug(q.r.db, &q.arena, "bench", &org, &q.r.err) != PD_OK) {
        fail_req(&q, "the organisation 'bench' (made by peerdesk bench-gen)");
        app_free(run.app);
        return 1;
    }
    char org_id[UUID_STR_BYTES];
    memcpy(org_id, org.id, UUID_STR_BYTES);
    const char *backend = db_backend(q.r.db);
    bench_req_end(&q);

    char privacy_token[TOKEN_STR_BYTES];
    long long client_rows = 0;
    int rc = run.what == WHAT_ACCESS
                 ? setup_access(&run, org_id, audit_rows, &client_rows, privacy_token)
                 : setup_pairs(&run, org_id, npairs, nworkers);
    if (rc) {
        app_free(run.app);
        return 1;
    }
    run.privacy_token = privacy_token;

    fprintf(stderr, PROG ": %s, %d thread(s), %.1f s\n", what_s, threads, duration);
    struct worker_result *res = calloc((size_t)threads, sizeof(*res));
    pthread_t *tid = calloc((size_t)threads, sizeof(*tid));
    int64_t t0 = bench_ns();
    run.end_ns = t0 + (int64_t)(duration * 1e9);
    for (int i = 0; i < threads; i++) {
        res[i] = (struct worker_result){.run = &run, .index = i};
        if (pthread_create(&tid[i], NULL, thread_main, &res[i]) != 0) {
            fprintf(stderr, PROG ": cannot start thread %d\n", i);
            return 1;
        }
    }
    struct bench_lat all = {0};
    long long ops = 0, failures = 0, items = 0;
    for (int i = 0; i < threads; i++) {
        pthread_join(tid[i], NULL);
        ops += res[i].ops;
        failures += res[i].failures;
        items += res[i].items;
        bench_lat_merge(&all, &res[i].lat);
    }
    double secs = (double)(bench_ns() - t0) / 1e9;

    json_t *j = json_pack("{s:s, s:s, s:i, s:I, s:I, s:f, s:f}", "what", what_s, "backend", backend,
                          "threads", threads, "ops", (json_int_t)ops, "failures",
                          (json_int_t)failures, "seconds", (double)(int64_t)(secs * 1000) / 1000,
                          "ops_per_s", (double)(int64_t)(ops / secs * 10) / 10);
    json_object_set_new(j, "latency_us", bench_lat_json(&all));
    double per_op = ops ? (double)items / (double)ops : 0;
    if (run.what == WHAT_TIMELINE || run.what == WHAT_TIMELINE_READ) {
        json_object_set_new(j, "pairs", json_integer((json_int_t)run.npairs));
        json_object_set_new(j, "workers", json_integer((json_int_t)run.nlogins));
        json_object_set_new(j, "items_per_op", json_real((double)(int64_t)(per_op * 10) / 10));
    } else if (run.what == WHAT_SEARCH) {
        json_object_set_new(j, "workers", json_integer((json_int_t)run.nlogins));
        json_object_set_new(j, "hits_per_op", json_real((double)(int64_t)(per_op * 10) / 10));
    } else {
        json_object_set_new(j, "client_audit_rows_at_start", json_integer((json_int_t)client_rows));
        json_object_set_new(j, "rows_per_op", json_real((double)(int64_t)(per_op * 10) / 10));
    }
    bench_print(j);
    free(all.ns);
    free(res);
    free(tid);
    free(run.pairs);
    free(run.logins);
    app_free(run.app);
    if (failures)
        fprintf(stderr, PROG ": %lld of %lld calls failed\n", failures, ops);
    return failures ? 1 : 0;
}
