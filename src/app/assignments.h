/*
 * assignments.h: who works on a dossier in which role, and at what intensity.
 *
 * The role is per assignment (generalist, expert, bridging_expert), not per person. Expert
 * assignments come from allocating a request (app/requests, which calls
 * app_assignment_create inside its own transaction); the responsible generalist adds
 * generalists and bridging experts directly. Intensity is a history: each change adds a
 * row with the date it was agreed with the client; the newest is current.
 */
#ifndef PD_APP_ASSIGNMENTS_H
#define PD_APP_ASSIGNMENTS_H

#include "../store/store_clients.h"
#include "access.h"
#include "app.h"

/* Inside the caller's open write transaction, after the caller's own access check (acc
 * names the dossier): check the worker (active, of the organisation, holding the role:
 * generalist for "generalist", expert for "expert" and "bridging_expert"), the dates and
 * the pattern (vocabulary intensity_pattern), refuse a second active assignment of the
 * same worker in the same role (PD_ECONFLICT "worker_id"), insert the assignment and its
 * first intensity. Writes no audit entry: the caller's one entry covers it. On failure
 * r->err names the field; the caller rolls back (app_fail). */
int app_assignment_create(struct app_req *r, const struct dossier_access *acc,
                          const char *worker_id, const char *role, const char *start_on,
                          const char *pattern, const char *agreed_on, struct assignment_rec *out);

/* POST /dossiers/{id}/assignments: NEED_DOSSIER_MANAGE; role generalist or
 * bridging_expert. Audited as assignment.create. */
int app_assignment_add(struct app_req *r, const char *dossier_id, const char *worker_id,
                       const char *role, const char *start_on, const char *pattern,
                       const char *agreed_on, struct assignment_rec *out);
/* Scale up or down: NEED_DOSSIER_WRITE on the assignment's dossier; the assignment must
 * still run. PD_ESTALE (with *out current) when the version moved. */
int app_assignment_intensity(struct app_req *r, const char *assignment_id, int64_t version,
                             const char *pattern, const char *agreed_on,
                             struct assignment_rec *out);
/* End an assignment on end_on (not before its start): NEED_DOSSIER_MANAGE, or the
 * assigned worker ending their own. PD_ESTALE as above. */
int app_assignment_end(struct app_req *r, const char *assignment_id, int64_t version,
                       const char *end_on, struct assignment_rec *out);

#endif
