/*
 * inproc.h: what the in-process benchmarks (bench/floor.c, bench/match.c) share: their
 * command-line options, a seeded random generator, latency samples and their summary, and
 * logging in a worker the real way (app_session_create, then app_session_resolve per
 * call, as the HTTP layer does). See docs/performance.md, "In-process benchmarks".
 *
 * Each program prints one JSON object on stdout and its progress on stderr; it exits 2 on
 * a usage error (naming the option) and 1 on any failure. Header-only (static inline): the
 * Makefile builds each bench/X.c on its own.
 */
#ifndef PD_BENCH_INPROC_H
#define PD_BENCH_INPROC_H

#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app.h"
#include "lib/arena.h"
#include "lib/uuid.h"

/* The password of every bench-gen and demo worker (docs/performance.md). */
#define BENCH_PASSWORD "ervaring-telt"
#define BENCH_IP       "127.0.0.1"

/* ---- options ---- */

struct bench_opt {
    const char *name; /* "--threads" */
    const char *value;
};

/* Collect "--name VALUE" / "--name=VALUE" pairs for the names in opts (NULL-terminated
 * names; values filled). Exits 2 naming the option on anything else. */
static inline void bench_parse(const char *prog, int argc, char **argv, struct bench_opt *opts)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *eq = strchr(a, '=');
        size_t len = eq ? (size_t)(eq - a) : strlen(a);
        struct bench_opt *o = NULL;
        for (struct bench_opt *p = opts; p->name; p++)
            if (strlen(p->name) == len && strncmp(p->name, a, len) == 0)
                o = p;
        if (!o) {
            fprintf(stderr, "%s: unknown option %s\n", prog, a);
            exit(2);
        }
        if (!eq && i + 1 >= argc) {
            fprintf(stderr, "%s: %s needs a value\n", prog, o->name);
            exit(2);
        }
        o->value = eq ? eq + 1 : argv[++i];
    }
}

static inline const char *bench_get(const struct bench_opt *opts, const char *name)
{
    for (const struct bench_opt *p = opts; p->name; p++)
        if (strcmp(p->name, name) == 0)
            return p->value;
    return NULL;
}

/* A whole number in [min, max] or dflt when absent; exits 2 naming the option otherwise. */
static inline long long bench_int(const char *prog, const struct bench_opt *opts, const char *name,
                                  long long dflt, long long min, long long max)
{
    const char *v = bench_get(opts, name);
    if (!v)
        return dflt;
    char *end = NULL;
    long long x = strtoll(v, &end, 10);
    if (end == v || *end || x < min || x > max) {
        fprintf(stderr, "%s: %s must be a whole number from %lld to %lld\n", prog, name, min, max);
        exit(2);
    }
    return x;
}

static inline double bench_num(const char *prog, const struct bench_opt *opts, const char *name,
                               double dflt, double min, double max)
{
    const char *v = bench_get(opts, name);
    if (!v)
        return dflt;
    char *end = NULL;
    double x = strtod(v, &end);
    if (end == v || *end || !(x >= min && x <= max)) {
        fprintf(stderr, "%s: %s must be a number from %g to %g\n", prog, name, min, max);
        exit(2);
    }
    return x;
}

/* ---- time and randomness ---- */

static inline int64_t bench_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* splitmix64: deterministic for a seed, one per thread. */
struct bench_rng {
    uint64_t s;
};

static inline uint64_t bench_rand(struct bench_rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Uniform in [0, n), n > 0. */
static inline size_t bench_below(struct bench_rng *r, size_t n)
{
    return (size_t)(bench_rand(r) % n);
}

/* ---- latency samples ---- */

struct bench_lat {
    int64_t *ns;
    size_t n, cap;
};

static inline void bench_lat_add(struct bench_lat *l, int64_t ns)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 1024;
        l->ns = realloc(l->ns, l->cap * sizeof(*l->ns));
        if (!l->ns)
            abort();
    }
    l->ns[l->n++] = ns;
}

/* Append the samples of src to dst and free src's. */
static inline void bench_lat_merge(struct bench_lat *dst, struct bench_lat *src)
{
    for (size_t i = 0; i < src->n; i++)
        bench_lat_add(dst, src->ns[i]);
    free(src->ns);
    *src = (struct bench_lat){0};
}

static inline int bench_cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The q-quantile (0..1) in microseconds; sorts the samples. 0 without samples. */
static inline double bench_lat_us(struct bench_lat *l, double q)
{
    if (!l->n)
        return 0;
    qsort(l->ns, l->n, sizeof(*l->ns), bench_cmp_i64);
    size_t i = (size_t)(q * (double)(l->n - 1) + 0.5);
    return (double)l->ns[i] / 1000.0;
}

/* {"p50","p95","p99","max"} in microseconds, one decimal. */
static inline json_t *bench_lat_json(struct bench_lat *l)
{
    return json_pack("{s:f, s:f, s:f, s:f}", "p50",
                     (double)(int64_t)(bench_lat_us(l, 0.5) * 10) / 10, "p95",
                     (double)(int64_t)(bench_lat_us(l, 0.95) * 10) / 10, "p99",
                     (double)(int64_t)(bench_lat_us(l, 0.99) * 10) / 10, "max",
                     (double)(int64_t)(bench_lat_us(l, 1.0) * 10) / 10);
}

/* Print the report on stdout (and free it). */
static inline void bench_print(json_t *j)
{
    json_dumpf(j, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    fputc('\n', stdout);
    fflush(stdout);
    json_decref(j);
}

/* ---- requests and logins ---- */

/* One request's state, as the server keeps it per HTTP request. */
struct bench_req {
    struct arena arena;
    struct app_req r;
    struct actor actor;
    char trace[UUID_STR_BYTES];
};

/* Borrow a connection (a new arena and trace id). False, with the reason on stderr, when
 * there is no database. */
static inline bool bench_req_begin(struct app *app, struct bench_req *q)
{
    arena_init(&q->arena);
    uuid7_new(q->trace);
    app_req_begin(app, &q->r, &q->arena, q->trace, BENCH_IP);
    return q->r.db != NULL;
}

static inline void bench_req_end(struct bench_req *q)
{
    app_req_end(&q->r);
    arena_release(&q->arena);
}

/* Log in email with the bench password; token receives the session cookie value. */
static inline int bench_login(struct app *app, const char *email, char token[TOKEN_STR_BYTES])
{
    struct bench_req q;
    struct session_grant g;
    if (!bench_req_begin(app, &q)) {
        bench_req_end(&q);
        return -1;
    }
    int rc = app_session_create(&q.r, email, BENCH_PASSWORD, &g);
    if (rc != PD_OK)
        fprintf(stderr, "login %s: %s %s\n", email, q.r.err.field, q.r.err.detail);
    else
        memcpy(token, g.token, TOKEN_STR_BYTES);
    bench_req_end(&q);
    return rc;
}

/* What the HTTP layer does first on every call: the cookie's session becomes r->actor. */
static inline int bench_resolve(struct bench_req *q, const char *token)
{
    int rc = app_session_resolve(&q->r, token, &q->actor);
    if (rc == PD_OK)
        q->r.actor = &q->actor;
    return rc;
}

#endif
