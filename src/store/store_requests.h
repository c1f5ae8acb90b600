/*
 * store_requests.h: deployment requests with their codes (store_requests.c), and the
 * experts' side of matching: experience profiles, the facts the matcher needs about each
 * expert, and the organisation's match weights (store_profiles.c). Migration 0003.
 *
 * Callers own the transaction and the need-to-know check (app/access.h). Strings and
 * arrays are copied into the given arena. Versioned updates run `WHERE ... AND version =
 * ?` and bump the version; zero rows changed is PD_ESTALE.
 */
#ifndef PD_STORE_REQUESTS_H
#define PD_STORE_REQUESTS_H

#include "../domain/match.h"
#include "store.h"

/* ---- requests (store_requests.c) ---- */

struct request_rec {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    char dossier_id[UUID_STR_BYTES];
    char requester_id[UUID_STR_BYTES];
    const char *status;
    const char *match_basis;
    const char *phase; /* early | stuck | bridging */
    const char *channel;
    const char *question;
    const char *preferred_expert_id; /* NULL: none */
    bool client_informed;
    const char *client_informed_on; /* NULL: not recorded */
    const char *decided_by;         /* NULL until decided */
    const char *decided_at;
    const char *decision_note;
    const char *assigned_expert_id;
    const char *created_at;
    const char *updated_at;
    int64_t version;
    /* codes by vocabulary: deployment_reason, experience_area, generic_theme */
    const char **reasons;
    size_t nreasons;
    const char **areas;
    size_t nareas;
    const char **themes;
    size_t nthemes;
    /* filled by reads: the dossier's area and its cluster (NULL when unknown) */
    const char *area_id;
    const char *cluster_id;
};

/* Insert the request and its codes. */
int store_request_insert(struct db *db, const struct request_rec *q, struct pd_err *e);
/* One request of the organisation, with its codes; PD_ENOTFOUND when there is none. */
int store_request_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                      struct request_rec *out, struct pd_err *e);
/* Requests of the organisation with status `status` (NULL: the open ones: submitted and
 * in review), oldest first, after the id `after` (NULL: from the start), at most limit. */
int store_request_list(struct db *db, struct arena *a, const char *org_id, const char *status,
                       const char *after, int limit, struct request_rec **out, size_t *n,
                       struct pd_err *e);
/* status, decided_by, decided_at, decision_note, assigned_expert_id, updated_at from q,
 * where the version is still q->version; PD_ESTALE otherwise. */
int store_request_update(struct db *db, const struct request_rec *q, struct pd_err *e);
/* Does the dossier have a request that is submitted or in review? */
int store_request_open_on(struct db *db, const char *dossier_id, bool *yes, struct pd_err *e);

/* ---- experts, profiles and weights (store_profiles.c) ---- */

struct profile_item {
    const char *vocab; /* experience_area | generic_theme */
    const char *code;
    const char *visibility; /* coordinators | colleagues */
};

/* An expert as the directory and the matcher see them. Without a stored profile the
 * defaults of migration 0003 apply and version is 0. */
struct expert_row {
    char worker_id[UUID_STR_BYTES];
    const char *name;
    int capacity;
    bool available;
    int caseload;           /* expert and bridging assignments active today on open dossiers */
    const char *updated_at; /* NULL without a profile */
    int64_t version;
    int fte_pct;                /* 0..100, -1 unknown (set by admins: expert_time.h) */
    const char *qualification;  /* "mbo3", "mbo4", "hbo"; NULL unknown */
    struct profile_item *items; /* by vocab, code */
    size_t nitems;
    const char **area_ids; /* areas of the neighbourhood teams the expert is in */
    const char **cluster_ids;
    size_t nareas; /* both arrays have this length; a cluster may be NULL */
};

/* Active workers of the organisation holding the expert role (only `only_id` unless
 * NULL), by id after `after` (NULL: from the start), at most `limit` (-1: all). today is
 * YYYY-MM-DD (the caseload counts assignments not ended before it). */
int store_expert_rows(struct db *db, struct arena *a, const char *org_id, const char *today,
                      const char *only_id, const char *after, int limit, struct expert_row **out,
                      size_t *n, struct pd_err *e);
/* The workers who worked with the requester: an expert or bridging_expert assignment on a
 * dossier other than dossier_id where the requester is responsible or assigned. Ids by
 * byte order, each once, in the arena; not only experts (callers look theirs up). */
int store_worked_with(struct db *db, struct arena *a, const char *requester_id,
                      const char *dossier_id, char (**ids)[UUID_STR_BYTES], size_t *n,
                      struct pd_err *e);
/* The version of the organisation's expert directory: migration 0014's triggers bump it in
 * the transaction of every change that can change a row of store_expert_rows. */
int store_directory_version(struct db *db, const char *org_id, int64_t *version, struct pd_err *e);
/* Is worker_id an active worker of org_id holding the expert role? */
int store_is_active_expert(struct db *db, const char *org_id, const char *worker_id, bool *yes,
                           struct pd_err *e);

/* Write the profile of p->worker_id: insert when p->version is 0 (PD_ESTALE when one
 * exists by now), else update where the version is still p->version. Items replace the
 * stored ones. On success p->version is the new version. */
int store_profile_put(struct db *db, const char *org_id, struct expert_row *p, const char *now,
                      struct pd_err *e);

struct weights_rec {
    struct match_weights w;
    const char *updated_at; /* NULL: the defaults, never stored */
    int64_t version;        /* 0: the defaults */
};
int store_weights_get(struct db *db, struct arena *a, const char *org_id, struct weights_rec *out,
                      struct pd_err *e);
/* Insert (w->version 0) or update where the version still matches; PD_ESTALE
 * otherwise. On success w->version is the new version. */
int store_weights_put(struct db *db, const char *org_id, struct weights_rec *w, const char *now,
                      struct pd_err *e);

#endif
