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

#define REPORT_MIN_CELL 5

/* ---- pure helpers (unit tested) ---- */

/* A count from 1 to REPORT_MIN_CELL - 1 is suppressed; 0 and larger counts are shown. */
bool report_suppressed(int64_t n);
/* The count as JSON: an integer, or the string "<5" when suppressed. */
json_t *report_count_json(int64_t n);
/* The count as text: "12", "0" or "<5" (static or in out, which holds 24 bytes). */
const char *report_count_text(int64_t n, char out[24]);
/* Nearest-rank percentile of the n values v (sorted in place, ascending): the value at
 * 1-based rank ceil(p * n / 100), p in 1..100. n must be > 0. The median is p = 50. */
int64_t report_percentile(int64_t *v, size_t n, int p);
/* num/den as a decimal string with two decimals, rounded half up ("0.88"); out holds 48
 * bytes; den must be > 0. */
const char *report_share(int64_t num, int64_t den, char out[48]);

/* ---- the reports ---- */

struct report_period {
    const char *from, *to; /* YYYY-MM-DD, inclusive */
};

struct report_requests {
    struct report_period period;
    const char *by; /* "month", "team" or "area" */
    struct report_count *rows;
    size_t n;
    int64_t total;
};

struct report_duration {
    int64_t n;           /* requests with this figure */
    bool shown;          /* n >= REPORT_MIN_CELL */
    int64_t median, p90; /* whole days, nearest rank; only when shown */
};

struct report_time {
    struct report_period period;
    int64_t requests;
    int64_t assigned; /* requests with an assignment */
    struct report_duration to_assignment, to_first_contact;
};

struct report_reach {
    struct report_period period;
    int64_t generalists, reached;
};

/* from/to NULL: the 365 days up to today; to NULL: today; from NULL: to minus 364 days.
 * Bad dates or from after to are PD_EINVAL naming the field; by NULL is "month", anything
 * but month, team or area is PD_EINVAL naming "by". */
int app_report_requests(struct app_req *r, const char *from, const char *to, const char *by,
                        struct report_requests *out);
int app_report_time(struct app_req *r, const char *from, const char *to, struct report_time *out);
int app_report_reach(struct app_req *r, const char *from, const char *to, struct report_reach *out);

json_t *report_requests_json(const struct report_requests *q);
json_t *report_time_json(const struct report_time *t);
json_t *report_reach_json(const struct report_reach *t);
/* The same figures as CSV (RFC 4180, CRLF, header row first), appended to b. */
void report_requests_csv(const struct report_requests *q, struct buf *b);
void report_time_csv(const struct report_time *t, struct buf *b);
void report_reach_csv(const struct report_reach *t, struct buf *b);

#endif
