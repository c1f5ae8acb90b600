/*
 * clients.h: clients, their dossiers and consent: the use cases of the generalist who
 * registers a client and of everyone who works in the shared dossier.
 *
 * Need-to-know: every function reaches client data only through app_access_dossier()
 * (app/access.h) in its own write transaction and writes exactly one audit entry with the
 * responsible generalist as "on behalf of" (lists: one per dossier shown). A dossier or
 * client the actor may not see answers PD_ENOTFOUND, like a missing one.
 *
 * Versioned writes take the version the caller read (If-Match); when it moved they fail
 * with PD_ESTALE and fill *out with the current record, so the caller can show it.
 * Returned strings live in r->arena.
 */
#ifndef PD_APP_CLIENTS_H
#define PD_APP_CLIENTS_H

#include "../store/store_clients.h"
#include "app.h"

/* Named caps of this slice (also in src/lib/limits.h is where shared caps go). */
#define CLIENT_CODE_MAX    40  /* pseudonymous code: letters, digits, '-', '_' */
#define CLIENT_CONTACT_MAX 500 /* free contact details */

/* The fields a client is created or changed with. NULL / 0 = not recorded. */
struct client_input {
    const char *code;
    const char *name;
    const char *contact;
    int birth_year;
    const char *area_id;
    /* For updates: which of the four optional fields the change names (others kept). */
    bool set_name, set_contact, set_birth_year, set_area_id;
};

/* A dossier as the dossier answer shows it. */
struct dossier_view {
    struct dossier_rec d;
    struct client_rec client;
    struct worker responsible;
    struct assignment_rec *assignments; /* active on today */
    size_t nassignments;
    struct consent_rec *consents;
    size_t nconsents;
};

/* A generalist registers a client and opens a dossier for them in one step; the actor
 * becomes the responsible generalist. goal_type "stabilise" | "progress". Audited as
 * client.create. Code taken: PD_ECONFLICT "code". */
int app_client_create(struct app_req *r, const struct client_input *in, const char *goal_type,
                      struct client_rec *client, struct dossier_rec *dossier);
/* The client, if the actor may read one of the client's dossiers (client.read). */
int app_client_get(struct app_req *r, const char *id, struct client_rec *out);
/* Change the fields in->set_* names (the code stays); needs write access to one of
 * the client's dossiers (client.update). */
int app_client_update(struct app_req *r, const char *id, int64_t version,
                      const struct client_input *in, struct client_rec *out);

/* "My" dossiers: responsible or actively assigned; status NULL, "open" or "closed";
 * cursor `after` (a dossier id). One dossier.list entry per dossier returned. */
int app_dossier_list_mine(struct app_req *r, const char *status, const char *after, int limit,
                          struct dossier_rec **out, size_t *n);
/* The dossier with client, responsible generalist, active assignments and consents. */
int app_dossier_get(struct app_req *r, const char *id, struct dossier_view *out);
/* Change goal_type / area_id / keep_warm (NULL / NULL / -1 keep); area_id "" clears. */
int app_dossier_update(struct app_req *r, const char *id, int64_t version, const char *goal_type,
                       const char *area_id, int keep_warm, struct dossier_view *out);
/* Hand final responsibility to another active generalist of the organisation. */
int app_dossier_set_responsible(struct app_req *r, const char *id, int64_t version,
                                const char *worker_id, struct dossier_view *out);
/* Record consent: kind expert_involvement | plan | scaling_down, on a date. */
int app_consent_add(struct app_req *r, const char *dossier_id, const char *kind, bool given,
                    const char *recorded_on, struct consent_rec *out);

/* JSON views (caller decrefs). The client view includes name and contact: only call it
 * for an actor who passed need-to-know. */
json_t *client_to_json(const struct client_rec *c);
json_t *dossier_summary_to_json(const struct dossier_rec *d);
json_t *dossier_view_to_json(const struct dossier_view *v);
json_t *assignment_to_json(const struct assignment_rec *s);
json_t *consent_to_json(const struct consent_rec *c);

/* Shared checks for this slice's use cases (and others that take dates). */
/* A date "YYYY-MM-DD"; PD_EINVAL naming field otherwise. */
int app_check_date(struct app_req *r, const char *s, const char *field);
/* An area of the actor's organisation, PD_EINVAL naming field otherwise. */
int app_check_area(struct app_req *r, const char *id, const char *field);

#endif
