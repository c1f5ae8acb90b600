/*
 * consult.h: the expert's work outside a dossier (practice.md §3.1, §3.2, §3.4):
 * consultations (a colleague asks for advice, mostly informally, logged in seconds) and
 * case discussions with their outcome.
 *
 * Neither is client data by itself. Linking a dossier makes it client data: the link
 * needs write access to that dossier (app_access_dossier, NEED_DOSSIER_WRITE), and every
 * later read or write of the linked record goes through app_access_dossier again and is
 * audited with audit_client (on behalf of the responsible generalist). Unlinked records
 * are audited without a client. Strings returned live in r->arena.
 */
#ifndef PD_APP_CONSULT_H
#define PD_APP_CONSULT_H

#include "../store/store_consult.h"
#include "app.h"

/* What a consultation is logged or changed with. NULL / -1 = not given (defaults on
 * create, keep on update). asker_id and dossier_id: "" clears on update. */
struct consult_input {
    const char *asker_id;
    const char *channel; /* vocabulary channel */
    int formal;          /* 0, 1; -1 = not given (create: 0) */
    const char *theme;   /* a generic_theme or an experience_area code */
    const char *summary; /* 1..LIMIT_CONSULT_SUMMARY_CHARS characters */
    const char *response;
    int minutes;         /* 0..1440; -1 = not given (create: 0) */
    const char *held_on; /* YYYY-MM-DD, not in the future; create: today */
    const char *dossier_id;
};

/* An expert logs a consultation (consultation.create). */
int app_consult_create(struct app_req *r, const struct consult_input *in, struct consult_rec *out);
/* The author reads one (consultation.read); linked: the dossier must still be readable. */
int app_consult_get(struct app_req *r, const char *id, struct consult_rec *out);
/* The author changes one at `version` (consultation.update). PD_ESTALE: *out is current. */
int app_consult_update(struct app_req *r, const char *id, int64_t version,
                       const struct consult_input *in, struct consult_rec *out);
/* The actor's own consultations, newest first (cursor: an id). all: a coordinator in an
 * expert team sees the team's entries; then every summary is left out (NULL). In the own
 * list a linked entry keeps its summary only while its dossier is readable (audited
 * consultation.list per such entry), else the summary is NULL. */
int app_consult_list(struct app_req *r, bool all, const char *after, int limit,
                     struct consult_rec **out, size_t *n);

struct discussion_input {
    const char *held_on;
    const char *team_id;
    const char *presenter_id;
    const char *dossier_id;
    const char *outcome; /* expert_joins | advice | none */
    const char *summary;
    const char *const *expert_ids;
    size_t nexperts;
};

/* An expert or coordinator records a case discussion (case_discussion.create). */
int app_discussion_create(struct app_req *r, const struct discussion_input *in,
                          struct discussion_rec *out);
/* Discussions the actor attended or created, newest first; linked ones as in the list of
 * consultations (summary NULL when the dossier is not readable). */
int app_discussion_list(struct app_req *r, const char *after, int limit,
                        struct discussion_rec **out, size_t *n);

json_t *consult_to_json(const struct consult_rec *c);
json_t *discussion_to_json(const struct discussion_rec *d);

#endif
