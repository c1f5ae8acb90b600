/*
 * timeline.h: the shared dossier's timeline: contact notes (and contact attempts),
 * evaluations, referrals, bridging periods, closing and reopening, the merged timeline
 * both workers read, the evaluation prompt and the note search (practice.md §2.3 steps
 * 7-14, §7.9-§7.11).
 *
 * Need-to-know: every function reaches client data through app_access_dossier() in its
 * own write transaction and writes exactly one audit entry with the responsible
 * generalist as "on behalf of" (the timeline: one per call; the evaluation prompt: one
 * per dossier listed; the search: one "search" entry without the query text). A dossier
 * the actor may not see answers PD_ENOTFOUND, like a missing one.
 *
 * Writes on a closed dossier by someone who may read it fail with PD_ECONFLICT ("reopen
 * it first") instead of the not-found answer of access_decide, since the actor knows the
 * dossier anyway. Versioned writes take the version the caller read (If-Match); when it
 * moved they fail with PD_ESTALE and fill *out with the current record. Such refusals are
 * audited with outcome "failure". Returned strings live in r->arena.
 */
#ifndef PD_APP_TIMELINE_H
#define PD_APP_TIMELINE_H

#include "../store/store_clients.h"
#include "../store/store_notes.h"
#include "app.h"

/* The fields of a note. For updates, set_* says which fields the change names. */
struct note_input {
    const char *kind;       /* contact_kind code */
    const char *contact_on; /* YYYY-MM-DD, not in the future */
    int minutes;            /* 0..1440 */
    bool attempt;           /* only with kind phone, message or visit */
    const char *body;       /* 1..LIMIT_NOTE_CHARS characters */
    const char *const *activities;
    size_t nactivities;
    const char *const *approaches;
    size_t napproaches;
    bool set_kind, set_contact_on, set_minutes, set_attempt, set_body, set_activities,
        set_approaches;
};

struct close_input {
    const char *reason; /* closure_reason code */
    const char *const *outcomes_client;
    size_t noutcomes_client;
    const char *const *outcomes_generalist;
    size_t noutcomes_generalist;
    const char *note; /* required when the reason is no_response (re-registration note) */
};

/* ---- notes (notes.c) ---- */
/* NEED_DOSSIER_WRITE; author_role from the actor's relationship to the dossier. */
int app_note_create(struct app_req *r, const char *dossier_id, const struct note_input *in,
                    struct note_rec *out);
int app_note_get(struct app_req *r, const char *id, struct note_rec *out);
/* Only the author changes a note (PD_EFORBID for the other workers). */
int app_note_update(struct app_req *r, const char *id, int64_t version, const struct note_input *in,
                    struct note_rec *out);

/* ---- evaluations, referrals, bridging (notes.c) ---- */
/* planned_by is the actor: reports show who drives the evaluations. */
int app_evaluation_plan(struct app_req *r, const char *dossier_id, const char *planned_on,
                        struct evaluation_rec *out);
/* Record that the evaluation was held (or correct it). dossier_id may be NULL; when given,
 * the evaluation must belong to it. */
int app_evaluation_hold(struct app_req *r, const char *dossier_id, const char *id, int64_t version,
                        const char *held_on, const char *summary, struct evaluation_rec *out);
int app_referral_add(struct app_req *r, const char *dossier_id, const char *service,
                     const char *referred_on, bool accompanied, const char *note,
                     struct referral_rec *out);
/* The keeper must be the responsible generalist or actively assigned on the dossier. */
int app_bridging_start(struct app_req *r, const char *dossier_id, const char *awaited,
                       const char *waiting_since, const char *keeper_id, struct bridging_rec *out);
/* dossier_id may be NULL; when given, the bridging period must belong to it. version 0:
 * no If-Match given (ending is one-way; a second end is PD_ECONFLICT). */
int app_bridging_end(struct app_req *r, const char *dossier_id, const char *id, int64_t version,
                     const char *ended_on, struct bridging_rec *out);

/* ---- closing and reopening (closing.c) ---- */
/* NEED_DOSSIER_MANAGE (the responsible generalist). Ends every running assignment and
 * bridging period today, records reason, outcomes and note. *out: the dossier after (or,
 * with PD_ESTALE, as it is now). */
int app_dossier_close(struct app_req *r, const char *dossier_id, int64_t version,
                      const struct close_input *in, struct dossier_rec *out);
/* Re-registration: status open again, closure cleared; `note` optional. */
int app_dossier_reopen(struct app_req *r, const char *dossier_id, int64_t version, const char *note,
                       struct dossier_rec *out);

/* ---- reading (timeline.c) ---- */
/* NEED_DOSSIER_READ; newest first; `after` an item id from an earlier page (PD_EINVAL
 * "after" when it is not one of this dossier's). One timeline.read entry per call. */
int app_timeline(struct app_req *r, const char *dossier_id, const char *after, int limit,
                 struct timeline_row **out, size_t *n);

struct due_item {
    struct due_row row;
    const char *reason;      /* "planned_passed" | "no_activity" */
    const char *quiet_since; /* the newest of opening, note, held evaluation */
};
/* My open dossiers (responsible or assigned) that call for an evaluation now. */
int app_evaluations_due(struct app_req *r, struct due_item **out, size_t *n);

/* The FTS5 expression for a user's query: each whitespace-separated word becomes one
 * double-quoted prefix query ("schuld"*; inner quotes doubled), so no input is FTS5
 * syntax and a word finds longer words it starts. PD_EINVAL "q"
 * when empty, over LIMIT_SEARCH_QUERY_CHARS or over LIMIT_SEARCH_TERMS words. */
int app_search_expr(struct app_req *r, const char *q, const char **expr);
/* Notes the actor may read that match q, best first, at most limit (1..20). Audited as one
 * "search" entry (record_type note_search) that never contains q. */
int app_note_search(struct app_req *r, const char *q, int limit, struct search_hit **out,
                    size_t *n);

/* JSON views (caller decrefs). */
json_t *note_to_json(const struct note_rec *n);
json_t *evaluation_to_json(const struct evaluation_rec *v);
json_t *referral_to_json(const struct referral_rec *f);
json_t *bridging_to_json(const struct bridging_rec *b);
struct jsonw;
/* One timeline item as the API gives it (schema TimelineItem), written straight out. */
void timeline_row_write(struct jsonw *w, const struct timeline_row *t);
json_t *due_item_to_json(const struct due_item *d);
json_t *search_hit_to_json(const struct search_hit *h);

#endif
