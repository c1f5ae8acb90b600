/*
 * export.h: the client's right of access (AVG art. 15; SECURITY.md 6 and 10): one action
 * gives the privacy officer everything peerdesk holds about one client, with the NEN 7513
 * access report, as one JSON document (http/h_export.c also prints it as HTML).
 */
#ifndef PD_APP_EXPORT_H
#define PD_APP_EXPORT_H

#include <jansson.h>

#include "app.h"

/* The export of client_id of the actor's organisation, for a privacy officer only (else
 * PD_EFORBID, audited as denied). An unknown id, a malformed one or a client of another
 * organisation is PD_ENOTFOUND, audited as denied. The reads and the entry `event`
 * (action 'E', the client's id) share one transaction: no entry, no export. *out is the
 * document ({format, version, exported_at, client, dossiers, consents, requests,
 * consultations, case_discussions, break_glass, rights_requests, access_report,
 * tables}), owned by the
 * caller; *code the client's code (arena). */
int app_client_export(struct app_req *r, const char *event, const char *client_id, json_t **out,
                      const char **code);

#endif
