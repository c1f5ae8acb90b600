/*
 * audit_query.h: the privacy officer reads the audit log (NEN 7513, SECURITY.md 5-6).
 *
 * Two questions: a filtered page of the organisation's log, newest first, and the access
 * report of one client ("who looked at my file"), oldest first. Only a privacy officer
 * may ask, and only about their own organisation. Each answer is itself audited with one
 * entry, written in the same write transaction as the read and committed before the
 * answer leaves (fail closed): audit.read, and audit.access_report naming the client.
 * The entry is appended after the rows are read, so an answer shows the log as it was
 * when asked and the next read shows this one.
 *
 * Filters arrive as the caller received them (query-string text, NULL when absent) and
 * are checked here: a bad one is PD_EINVAL naming it, and writes no entry. Returned
 * strings live in r->arena.
 */
#ifndef PD_APP_AUDIT_QUERY_H
#define PD_APP_AUDIT_QUERY_H

#include "../store/store_audit_query.h"
#include "app.h"

/* Named caps of this slice. */
#define AUDIT_EVENT_MAX 64 /* an event type such as "break_glass.start" */

/* What the privacy officer narrows the log to; NULL = any. */
struct audit_query {
    const char *before;    /* cursor: a seq from an earlier page's `next` */
    const char *event;     /* exact event type */
    const char *outcome;   /* success | failure | denied */
    const char *actor_id;  /* uuid of the acting worker */
    const char *client_id; /* uuid of the client */
    const char *from;      /* YYYY-MM-DD, UTC, inclusive */
    const char *to;        /* YYYY-MM-DD, UTC, inclusive */
};

/* At most `limit` entries of the actor's organisation matching q, newest first (ask for
 * one more than you show to learn whether there is a next page). Audited audit.read
 * (carrying client_id when q names one). Not a privacy officer: PD_EFORBID, audited as
 * denied. */
int app_audit_page(struct app_req *r, const struct audit_query *q, int limit,
                   struct audit_row **out, size_t *n);

/* The access report of one client of the actor's organisation. */
struct audit_report {
    char client_id[UUID_STR_BYTES];
    const char *client_code;
    struct audit_row *items; /* oldest first */
    size_t n;
};

/* Give exactly one of client_id and client_code (else PD_EINVAL naming one of them). A
 * client that is not in the actor's organisation is PD_ENOTFOUND ("no such client"),
 * audited as denied. Audited audit.access_report with the client's id. */
int app_audit_access_report(struct app_req *r, const char *client_id, const char *client_code,
                            struct audit_report *out);

/* An entry as the API shows it: no client IP, no chain hashes; break_glass is true when
 * the access basis was break-the-glass. Caller owns the reference. */
json_t *audit_row_to_json(const struct audit_row *row);

#endif
