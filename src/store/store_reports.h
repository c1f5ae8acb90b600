/*
 * store_reports.h: the aggregate reads behind the manager's reports (app/reports.c). Every
 * query is scoped to one organisation and returns counts or per-request dates, never a
 * name, a client or a text. Callers own the transaction and the role check. Dates are
 * YYYY-MM-DD and the period [from, to] is inclusive on the day a request was created
 * (substr(created_at, 1, 10), UTC). Strings are copied into the arena.
 */
#ifndef PD_STORE_REPORTS_H
#define PD_STORE_REPORTS_H

#include <stdint.h>

#include "store.h"

enum report_by {
    REPORT_BY_MONTH = 0, /* key YYYY-MM of the creation day */
    REPORT_BY_TEAM,      /* each team the requester is a member of now; key NULL: none */
    REPORT_BY_AREA,      /* the dossier's area, else the client's; key NULL: none */
};

struct report_count {
    const char *key;   /* month, team id or area id; NULL for "none" */
    const char *label; /* month, team name or area name; NULL for "none" */
    int64_t count;
};

/* Requests created in the period, grouped; rows ordered by key (month) or label, the
 * "none" row last. *total counts each request once. */
int store_report_requests(struct db *db, struct arena *a, const char *org_id, const char *from,
                          const char *to, enum report_by by, struct report_count **out, size_t *n,
                          int64_t *total, struct pd_err *e);

/* One request created in the period. */
struct report_match_row {
    const char *requested_on;     /* day the request was created */
    const char *assignment_on;    /* earliest start_on of the assigned expert's expert or
                                     bridging assignment on the dossier created at or after
                                     the request; NULL when none */
    const char *first_contact_on; /* earliest contact_on >= requested_on of a note (not an
                                     attempt) by the assigned expert on the dossier; NULL */
};
int store_report_match(struct db *db, struct arena *a, const char *org_id, const char *from,
                       const char *to, struct report_match_row **out, size_t *n, struct pd_err *e);

/* Active generalists of the organisation now, and how many of them made a request
 * (created in the period) or were the asker of a consultation held in the period. */
int store_report_reach(struct db *db, const char *org_id, const char *from, const char *to,
                       int64_t *generalists, int64_t *reached, struct pd_err *e);

#endif
