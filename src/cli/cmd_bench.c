/*
 * cmd_bench.c: `peerdesk bench-gen`: a fresh database holding a large organisation for the
 * benchmarks (docs/performance.md). Refuses a database that exists and is not empty.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "../app/vocab.h"
#include "../lib/ptime.h"
#include "../store/store.h"
#include "../store/store_demo.h"
#include "cli.h"

int cmd_bench_gen(int argc, char **argv)
{
    static const char *const extra[] = {"scale=", "seed=", NULL};
    struct cli_req c;
    struct stat sb;

    if (cli_parse(argc, argv, "bench-gen", extra) != 0)
        return 1;
    const char *db = cli_get("db"), *sc = cli_get("scale"), *sd = cli_get("seed");
    char *end = NULL;
    double scale = sc ? strtod(sc, &end) : 1.0;
    if (sc && (end == sc || *end || !(scale > 0 && scale <= 100))) {
        fprintf(stderr, "peerdesk: bench-gen: --scale must be a number above 0, at most 100\n");
        return 2;
    }
    unsigned long long seed = 1;
    if (sd) {
        seed = strtoull(sd, &end, 10);
        if (end == sd || *end) {
            fprintf(stderr, "peerdesk: bench-gen: --seed must be a whole number\n");
            return 2;
        }
    }
    if (db && stat(db, &sb) == 0 && sb.st_size > 0) {
        fprintf(stderr, "peerdesk: bench-gen: %s exists and is not empty; give a new file\n", db);
        return 1;
    }
    if (cli_req_begin(&c, "bench-gen") != 0)
        return 1;
    struct app_req *r = &c.r;
    int64_t t0 = ptime_mono_ns();
    struct demo_counts n = {0};
    int experts = 0, generalists = 0;
    if (store_migrate(r->db, store_migration_count, &r->err) != PD_OK ||
        vocab_seed_all(r) != PD_OK ||
        app_bench_gen(r, scale, (uint64_t)seed, &n, &experts, &generalists) != PD_OK) {
        int rc = cli_error("bench-gen", &r->err);
        cli_req_end(&c);
        return rc;
    }
    fprintf(stderr,
            "bench-gen: done: %d experts, %d generalists, %d clients, %d requests, %d notes, "
            "%d consultations in %.1f s\n",
            experts, generalists, n.clients, n.requests, n.notes, n.consultations,
            (double)(ptime_mono_ns() - t0) / 1e9);
    cli_req_end(&c);
    return 0;
}
