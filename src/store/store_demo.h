/*
 * store_demo.h: the believable work of a demo organisation (init --demo): experience
 * profiles, clients with dossiers opened over the past months, requests in every state,
 * co-support with months of contact notes by both workers, evaluations, referrals,
 * bridging periods, closed dossiers and consultations. Deterministic for a given seed.
 *
 * Runs inside the caller's write transaction, after the organisation's vocabularies have
 * been seeded (codes are drawn from them) and its workers exist.
 */
#ifndef PD_STORE_DEMO_H
#define PD_STORE_DEMO_H

#include <stdint.h>

#include "store.h"

struct demo_people {
    const char *org_id;
    const char *const *generalists;     /* worker ids */
    const char *const *generalist_wijk; /* the wijk (area id) each generalist works in */
    size_t n_generalists;
    const char *const *experts; /* worker ids of the expert team */
    size_t n_experts;
    const char *coordinator;   /* decides on requests */
    const char *const *wijken; /* area ids */
    size_t n_wijken;
};

struct demo_counts {
    int clients, dossiers, requests, notes, consultations;
};

/* The size of the organisation's work. store_demo_fill uses the demo's (60 clients, 40
 * consultations, about ten months); bench-gen scales it. notes and requests are totals the
 * stories are held to (0: as many as the stories make); span_days is how far back dossiers
 * open. tick, when set, is called after each client (to commit in batches, report progress). */
struct demo_size {
    int clients, requests, notes, consultations, span_days;
    int (*tick)(void *arg, const struct demo_counts *n, struct pd_err *e);
    void *arg;
};

int store_demo_fill_sized(struct db *db, struct arena *a, const struct demo_people *p,
                          int64_t now_ms, uint64_t seed, const struct demo_size *z,
                          struct demo_counts *out, struct pd_err *e);

int store_demo_fill(struct db *db, struct arena *a, const struct demo_people *p, int64_t now_ms,
                    uint64_t seed, struct demo_counts *out, struct pd_err *e);

#endif
