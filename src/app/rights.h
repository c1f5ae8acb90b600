/*
 * rights.h: a client's rights under the AVG/GDPR, for the privacy officer
 * (docs/client-rights.md; SECURITY.md 11-12):
 *
 *  - the register of rights requests (art. 15-21) with their deadline (art. 12(3): one
 *    month from receipt, extendable once by at most two further months with a reason,
 *    announced within the first month);
 *  - the erasure of a client (art. 17): every row in every table that holds their data,
 *    in one transaction with its audit entry, then the purge that makes the content
 *    unrecoverable from the database file, its WAL and the full-text index;
 *  - retention per record category, and the scan that finds (and with apply erases)
 *    clients whose retention has passed (the `peerdesk retention` command).
 *
 * Every function is for a privacy officer (PD_EFORBID otherwise, audited as denied); the
 * retention scan and apply also run without an actor, from the command line, audited as
 * the actor "cli". Dates are YYYY-MM-DD (UTC); arrays and strings live in r->arena.
 */
#ifndef PD_APP_RIGHTS_H
#define PD_APP_RIGHTS_H

#include <jansson.h>

#include "../store/store_rights.h"
#include "app.h"

#define RIGHTS_NOTE_CHARS   2000
#define RIGHTS_REASON_CHARS 1000
#define RIGHTS_SOON_DAYS    7 /* an open request due within this many days is flagged */

/* Today (UTC), YYYY-MM-DD, in r->arena: the day deadlines are computed for. */
const char *rights_today(struct app_req *r);

/* `months` after the date s, clamped to the last day of the month (31 Jan + 1 month is
 * 28/29 Feb: a period in months ends on the same date, else the month's last day). */
const char *rights_add_months(struct arena *a, const char *s, int months);

/* Register a request of the client with code client_code: kind one of access, erasure,
 * rectification, restriction, objection, portability; received_on NULL (today) or a day
 * not in the future; note NULL or up to RIGHTS_NOTE_CHARS characters. */
int app_rights_create(struct app_req *r, const char *client_code, const char *kind,
                      const char *received_on, const char *note, struct rights_request *out);
int app_rights_list(struct app_req *r, struct rights_request **out, size_t *n);
int app_rights_get(struct app_req *r, const char *id, struct rights_request *out);
/* Extend the deadline of an open request by months (1 or 2, once) with a reason; only
 * while the first month runs (today <= due_on). */
int app_rights_extend(struct app_req *r, const char *id, int64_t version, int months,
                      const char *reason, struct rights_request *out);
/* Close an open request: status done or refused (refused needs a note: the reason the
 * client is told); done_on NULL (today) or a day from received_on up to today. An erasure
 * request is done only by erasing the client (app_client_erase). */
int app_rights_close(struct app_req *r, const char *id, int64_t version, const char *status,
                     const char *done_on, const char *note, struct rights_request *out);
/* {id, reference, client: {id, code} | null, kind, received_on, due_on, extended_due_on,
 * extension_reason, deadline_on, days_left, deadline_status (overdue, due_soon, on_time,
 * closed), status, done_on, note, erased_at, created_at, updated_at, version} */
json_t *rights_request_to_json(const struct rights_request *q, const char *today);

/* ---- erasure (erasure.c) ---- */

struct erase_outcome {
    char client_id[UUID_STR_BYTES];
    const char *code;
    struct erase_result removed;
    struct purge_result purge;
};

/* Erase client_id for the open erasure request request_id, confirmed by the client's code
 * typed again (confirm_code). A missing client is PD_ENOTFOUND; a request that is not an
 * open erasure request of this client is PD_EINVAL naming request_id, a wrong code
 * PD_EINVAL naming confirm_code (both audited as denied). */
int app_client_erase(struct app_req *r, const char *client_id, const char *request_id,
                     const char *confirm_code, struct erase_outcome *out);
json_t *erase_outcome_to_json(const struct erase_outcome *o);

/* ---- retention (retention.c) ---- */

struct retention_rule {
    const char *category; /* dossier, rights_request, audit_log */
    int years;
    int default_years;
    int min_years;
    bool set;    /* years set by the organisation (else the default) */
    bool pruned; /* peerdesk removes what has passed (the audit log: never) */
};
#define RETENTION_CATEGORIES 3

int app_retention_rules(struct app_req *r, struct retention_rule out[RETENTION_CATEGORIES]);
/* Set the years of a category: at least its minimum (PD_EINVAL naming years), an unknown
 * category is PD_ENOTFOUND. */
int app_retention_set(struct app_req *r, const char *category, int years,
                      struct retention_rule out[RETENTION_CATEGORIES]);
json_t *retention_rule_to_json(const struct retention_rule *rule);

/* What has passed its retention on `today` (NULL: today), over every organisation: the
 * clients and the closed rights requests. Audited as retention.scan. */
struct retention_scan {
    struct retention_client *clients;
    size_t nclients;
    struct rights_request *requests;
    size_t nrequests;
};
int app_retention_scan(struct app_req *r, const char *today, struct retention_scan *out);
/* Called after each erasure or removal of app_retention_apply: i counts from 0. */
typedef void (*retention_progress_fn)(void *ctx, size_t i, size_t total, const char *what,
                                      const char *code, const struct erase_result *removed);
/* Erase every client of the scan (each in its own transaction, audited client.erase by
 * "cli" with basis retention), delete the expired register rows, then purge once. */
int app_retention_apply(struct app_req *r, const struct retention_scan *scan,
                        retention_progress_fn progress, void *ctx, struct purge_result *purge);

#endif
