/*
 * requests.h: asking for an experience expert and allocating one (practice.md §2.3 steps
 * 1-4): the expert's own profile, the directory of experts, deployment requests and
 * their state machine (domain/request.h), matching (domain/match.h) and its weights.
 *
 * Need-to-know. A request hangs off a dossier: every use case on one goes through
 * app_access_dossier() in its own write transaction and writes one audit entry with the
 * responsible generalist as "on behalf of". The requester side (responsible generalist,
 * assigned workers) sees the whole request; coordinators of an expert team see only its
 * summary (codes, phase, basis, channel, area, age; never the question, the client or
 * the dossier) and only while it is open. Allocating (review, matches, decision) needs
 * app_access_coordinator() and NEED_ALLOCATE. The coordinator queue writes one audit
 * entry per call (record type request_list), not one per summary: a summary carries no
 * client data.
 *
 * Profiles hold codes only, never a narrative. An item the expert shows to coordinators
 * only never reaches another viewer (directory or matches).
 *
 * Versioned writes take the version the caller read (If-Match). PD_ESTALE fills *out
 * with the current record. Returned memory lives in r->arena.
 */
#ifndef PD_APP_REQUESTS_H
#define PD_APP_REQUESTS_H

#include "../domain/match.h"
#include "../store/store_requests.h"
#include "app.h"

/* ---- profiles and the directory (profiles.c) ---- */

/* The actor's own profile (defaults with version 0 when none is stored). */
int app_profile_get(struct app_req *r, struct expert_row *out);
/* Replace the actor's profile. version: the one read (If-Match), 0 when none was sent:
 * allowed only while no profile is stored (else PD_EPRECOND). Items: vocab
 * experience_area | generic_theme, an active code, visibility coordinators | colleagues;
 * a code twice is PD_EINVAL "items[i]". Audited as profile.update. */
int app_profile_put(struct app_req *r, int64_t version, int capacity, bool available,
                    const struct profile_item *items, size_t nitems, struct expert_row *out);
/* The organisation's experts by id. *coordinator_view: the actor coordinates in an expert
 * team and sees every item, capacity and caseload; anyone else gets the items shown to
 * colleagues and availability only (the rows are filtered here, not by the caller). */
int app_expert_directory(struct app_req *r, const char *after, int limit, struct expert_row **out,
                         size_t *n, bool *coordinator_view);
/* The store's expert rows as the matcher's input, in the arena, worked_with_requester
 * false (what the expert directory holds: directory.h; bench/match ranks the same). */
struct match_expert *match_input_from_rows(struct arena *a, const struct expert_row *rows,
                                           size_t n);
json_t *expert_row_to_json(const struct expert_row *x, bool coordinator_view);
json_t *profile_to_json(const struct expert_row *x);

/* Match weights of the organisation (coordinator or admin). Defaults: version 0. */
int app_weights_get(struct app_req *r, struct weights_rec *out);
/* version 0 only while none are stored (else PD_EPRECOND); each weight 0..100.
 * Audited as match_weights.update. */
int app_weights_put(struct app_req *r, int64_t version, const struct match_weights *w,
                    struct weights_rec *out);
json_t *weights_to_json(const struct weights_rec *w);

/* ---- requests (requests.c) ---- */

struct request_input {
    const char **reasons; /* deployment_reason, at least one */
    size_t nreasons;
    const char **areas; /* experience_area */
    size_t nareas;
    const char **themes; /* generic_theme */
    size_t nthemes;
    const char *match_basis; /* vocab match_basis */
    const char *phase;       /* early | stuck | bridging */
    const char *question;
    const char *channel;             /* vocab channel */
    const char *preferred_expert_id; /* NULL: none */
    bool client_informed;
    const char *client_informed_on; /* YYYY-MM-DD, only when informed; NULL: not recorded */
};

/* Submit a request on a dossier (NEED_REQUEST_SUBMIT; one open request per dossier:
 * PD_ECONFLICT "dossier_id"). Audited as request.create. */
int app_request_create(struct app_req *r, const char *dossier_id, const struct request_input *in,
                       struct request_rec *out);
/* The coordinator queue: summaries with status (NULL: open ones), by id after `after`.
 * One request.list audit entry per call. */
int app_request_queue(struct app_req *r, const char *status, const char *after, int limit,
                      struct request_rec **out, size_t *n);
/* One request (request.read). *full: the actor is on the requester's side; otherwise
 * (coordinator) only the summary may be shown. */
int app_request_get(struct app_req *r, const char *id, struct request_rec *out, bool *full);
/* submitted -> in_review (request.review). */
int app_request_review(struct app_req *r, const char *id, int64_t version, struct request_rec *out);
/* Ranked experts for an open request (request.match): coordinators only. The experts come
 * from the organisation's cached directory (directory.h), who worked with the requester
 * from one query per call; the ranking points into the directory, which r holds until
 * app_req_end. */
int app_request_matches(struct app_req *r, const char *id, struct request_rec *req,
                        struct match_ranking *out);
/* What app_request_matches does between its access check and its audit entry, in r's open
 * transaction: the weights, the directory, who worked with the requester, the ranking
 * (bench/match times it on its own as load_rank). */
int app_request_rank(struct app_req *r, const struct request_rec *q, struct match_ranking *out);

struct request_decision {
    const char *outcome;   /* assigned | advice_only | redirected | declined */
    const char *expert_id; /* assigned only: an active expert of the organisation */
    const char *note;      /* NULL: none */
    /* assigned only: the expert's assignment (app_assignment_create) */
    const char *start_on;  /* NULL: today */
    const char *pattern;   /* vocab intensity_pattern */
    const char *agreed_on; /* when the pattern was agreed with the client */
};
/* in_review -> outcome (request.decide). `assigned` creates the expert's assignment on
 * the dossier in the same transaction. */
int app_request_decide(struct app_req *r, const char *id, int64_t version,
                       const struct request_decision *d, struct request_rec *out);

json_t *request_to_json(const struct request_rec *q);         /* everything */
json_t *request_summary_to_json(const struct request_rec *q); /* for coordinators */
json_t *match_ranking_to_json(const struct match_ranking *k);

#endif
