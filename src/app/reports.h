/*
 * reports.h: the manager's reports on what experience experts add (issue 6, practice.md
 * §7 item 15), as aggregates only: no report exposes a person or a client. Every count
 * from 1 to 4 is shown as "<5" (0 stays 0), and a figure derived from fewer than
 * REPORT_MIN_CELL requests or people is withheld. docs/reports.md defines each figure.
 *
 * Managers and administrators read them (the route table checks the roles); every read
 * writes one audit entry report.read (record_type report, record_id the report's name) in
 * the same transaction as the read, without any of its content. Arrays live in r->arena.
 */
#ifndef PD_APP_REPORTS_H
#define PD_APP_REPORTS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "../lib/buf.h"
#include "../store/store_reports.h"
#include "app.h"
#include "report_table.h"

/* ---- the reports ---- */

struct report_period {
    const char *from, *to; /* YYYY-MM-DD, inclusive */
};

struct report_requests {
    struct report_period period;
    const char *by; /* "month", "team" or "area" */
    bool split;     /* split=level: rows per key and level (group), the total unsplit */
    struct report_count *rows;
    size_t n;
    int64_t total;
};

struct report_duration {
    int64_t n;           /* requests with this figure */
    bool shown;          /* n >= REPORT_MIN_CELL */
    int64_t median, p90; /* whole days, nearest rank; only when shown */
};

/* The figures of time to match over a set of requests. */
struct report_time_figures {
    const char *group; /* with split=level: mbo3, mbo4, hbo, unknown or none */
    int64_t requests;
    int64_t assigned; /* requests with an assignment */
    struct report_duration to_assignment, to_first_contact;
};

struct report_time {
    struct report_period period;
    int64_t requests;
    int64_t assigned; /* requests with an assignment */
    struct report_duration to_assignment, to_first_contact;
    bool split;
    struct report_time_figures groups[5]; /* with split: the levels with requests, in order */
    size_t ngroups;
};

struct report_reach {
    struct report_period period;
    int64_t generalists, reached;
};

/* from/to NULL: the 365 days up to today; to NULL: today; from NULL: to minus 364 days.
 * Bad dates or from after to are PD_EINVAL naming the field; by NULL is "month", anything
 * but month, team or area is PD_EINVAL naming "by". split NULL or "level" (by the assigned
 * expert's level, "none" when no expert is assigned), else PD_EINVAL naming "split"; reach
 * cannot be split (generalists have no level): any split is PD_EINVAL naming "split". */
int app_report_requests(struct app_req *r, const char *from, const char *to, const char *by,
                        const char *split, struct report_requests *out);
int app_report_time(struct app_req *r, const char *from, const char *to, const char *split,
                    struct report_time *out);
int app_report_reach(struct app_req *r, const char *from, const char *to, const char *split,
                     struct report_reach *out);

json_t *report_requests_json(const struct report_requests *q);
json_t *report_time_json(const struct report_time *t);
json_t *report_reach_json(const struct report_reach *t);
/* The same figures as CSV (RFC 4180, CRLF, header row first), appended to b. */
void report_requests_csv(const struct report_requests *q, struct buf *b);
void report_time_csv(const struct report_time *t, struct buf *b);
void report_reach_csv(const struct report_reach *t, struct buf *b);

/* ---- the table reports (reports_more.c, shape in report_table.h) ----
 *
 * caseload, mix, themes, intensity, evaluations, closures, hours, referrals. Query values
 * may be NULL (defaults); by, split and vocab are checked per report and a bad one is
 * PD_EINVAL naming it, before anything is read or audited. An unknown name is
 * PD_ENOTFOUND. */
struct report_query {
    const char *from, *to, *by, *split, *vocab;
};
int app_report_table(struct app_req *r, const char *name, const struct report_query *q,
                     struct report_table *out);

/* Shared by reports.c and reports_more.c: the period with its defaults (PD_EINVAL naming
 * from or to); split NULL is false, "level" true, anything else PD_EINVAL naming split;
 * and the write transaction with the report.read audit entry. */
int report_check_period(struct app_req *r, const char *from, const char *to,
                        struct report_period *p);
int report_check_split(struct app_req *r, const char *split, bool *out);
int report_begin(struct app_req *r, const char *report);

#endif
