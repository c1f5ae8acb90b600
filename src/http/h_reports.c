/*
 * h_reports.c: the manager's aggregate reports (app/reports.c, docs/reports.md).
 *
 *   GET /api/v1/reports/requests?from&to&by=month|team|area
 *       -> {period: {from, to}, by, rows: [{key, label, count}], total}
 *   GET /api/v1/reports/time-to-match?from&to
 *       -> {period, requests, assigned, suppressed, to_assignment_days: {n, median, p90},
 *           to_first_contact_days: {n, median, p90}}
 *   GET /api/v1/reports/reach?from&to -> {period, generalists, reached, share}
 *
 * A count is a number, or the string "<5" for 1 to 4. With ?format=csv, or an Accept
 * header that names text/csv, the same figures come as text/csv with a header row and
 * Content-Disposition: attachment.
 */
#include <microhttpd.h>
#include <string.h>

#include "../app/reports.h"
#include "h_reports.h"
#include "handlers.h"
#include "http_int.h"

#define COUNT_DOC "a number, or the string \"<5\" for 1 to 4 (0 stays 0)"

static const struct jfield period_fields[] = {
    {"from", JT_DATE, JF_REQUIRED, 0, 0, "first day, inclusive", NULL, NULL},
    {"to", JT_DATE, JF_REQUIRED, 0, 0, "last day, inclusive", NULL, NULL},
};
static const struct jschema period_schema = JSCHEMA("ReportPeriod", period_fields);

static const char *const bys[] = {"month", "team", "area", NULL};

static const struct jfield row_fields[] = {
    {"key", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0,
     "YYYY-MM, team id or area id; null: no team or no area", NULL, NULL},
    {"label", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "month, team name or area name", NULL,
     NULL},
    {"count", JT_INTEGER, JF_REQUIRED, 0, 0, COUNT_DOC, NULL, NULL},
};
static const struct jschema row_schema = JSCHEMA("ReportRow", row_fields);

static const struct jfield requests_fields[] = {
    {"period", JT_OBJECT, JF_REQUIRED, 0, 0, "the period", NULL, &period_schema},
    {"by", JT_STRING, JF_REQUIRED, 0, 0, "grouping", bys, NULL},
    {"rows", JT_ARRAY, JF_REQUIRED, 0, 0, "groups with at least one request", NULL, &row_schema},
    {"total", JT_INTEGER, JF_REQUIRED, 0, 0, "requests in the period; " COUNT_DOC, NULL, NULL},
};
const struct jschema h_schema_report_requests = JSCHEMA("ReportRequests", requests_fields);

static const struct jfield duration_fields[] = {
    {"n", JT_INTEGER, JF_REQUIRED, 0, 0, "requests with this figure; " COUNT_DOC, NULL, NULL},
    {"median", JT_INTEGER, JF_REQUIRED | JF_NULLABLE, 0, 0, "days, nearest rank; null when n < 5",
     NULL, NULL},
    {"p90", JT_INTEGER, JF_REQUIRED | JF_NULLABLE, 0, 0, "days, nearest rank; null when n < 5",
     NULL, NULL},
};
static const struct jschema duration_schema = JSCHEMA("ReportDuration", duration_fields);

static const struct jfield time_fields[] = {
    {"period", JT_OBJECT, JF_REQUIRED, 0, 0, "the period", NULL, &period_schema},
    {"requests", JT_INTEGER, JF_REQUIRED, 0, 0, "requests in the period; " COUNT_DOC, NULL, NULL},
    {"assigned", JT_INTEGER, JF_REQUIRED, 0, 0, "of which with an assignment; " COUNT_DOC, NULL,
     NULL},
    {"suppressed", JT_BOOLEAN, JF_REQUIRED, 0, 0, "fewer than 5 requests", NULL, NULL},
    {"to_assignment_days", JT_OBJECT, JF_REQUIRED, 0, 0, "request to assignment start", NULL,
     &duration_schema},
    {"to_first_contact_days", JT_OBJECT, JF_REQUIRED, 0, 0,
     "request to the assigned expert's first contact", NULL, &duration_schema},
};
const struct jschema h_schema_report_time = JSCHEMA("ReportTimeToMatch", time_fields);

static const struct jfield reach_fields[] = {
    {"period", JT_OBJECT, JF_REQUIRED, 0, 0, "the period", NULL, &period_schema},
    {"generalists", JT_INTEGER, JF_REQUIRED, 0, 0, "active generalists; " COUNT_DOC, NULL, NULL},
    {"reached", JT_INTEGER, JF_REQUIRED, 0, 0,
     "of whom requested or consulted an expert in the period; " COUNT_DOC, NULL, NULL},
    {"share", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0,
     "reached / generalists, two decimals (\"0.88\"); null when a count is withheld", NULL, NULL},
};
const struct jschema h_schema_report_reach = JSCHEMA("ReportReach", reach_fields);

/* ?format=csv, or an Accept header naming text/csv (and ?format is not json). */
static bool wants_csv(const struct http_req *req)
{
    const char *f = http_query(req, "format");
    if (f)
        return strcmp(f, "csv") == 0;
    const char *accept = http_header(req, "Accept");
    return accept && strstr(accept, "text/csv") != NULL;
}

static int reply_csv(struct http_req *req, struct buf *b, const char *name)
{
    size_t len;
    char *bytes = buf_detach(b, &len);
    http_add_header(req, "Content-Disposition",
                    arena_printf(&req->arena, "attachment; filename=\"%s.csv\"", name));
    return http_reply_bytes(req, MHD_HTTP_OK, "text/csv; charset=utf-8", bytes, len);
}

static int bad_format(struct http_req *req)
{
    const char *f = http_query(req, "format");
    if (f && strcmp(f, "csv") != 0 && strcmp(f, "json") != 0)
        return err_set(&req->app.err, PD_EINVAL, "format", "csv or json");
    return PD_OK;
}

int h_report_requests(struct http_req *req)
{
    struct report_requests q;
    if (bad_format(req) != PD_OK)
        return req->app.err.code;
    int rc = app_report_requests(&req->app, http_query(req, "from"), http_query(req, "to"),
                                 http_query(req, "by"), &q);
    if (rc)
        return rc;
    if (wants_csv(req)) {
        struct buf b;
        buf_init(&b, LIMIT_RESPONSE_BYTES);
        report_requests_csv(&q, &b);
        return reply_csv(req, &b, arena_printf(&req->arena, "requests-by-%s", q.by));
    }
    return http_reply_json(req, MHD_HTTP_OK, report_requests_json(&q));
}

int h_report_time(struct http_req *req)
{
    struct report_time t;
    if (bad_format(req) != PD_OK)
        return req->app.err.code;
    int rc = app_report_time(&req->app, http_query(req, "from"), http_query(req, "to"), &t);
    if (rc)
        return rc;
    if (wants_csv(req)) {
        struct buf b;
        buf_init(&b, LIMIT_RESPONSE_BYTES);
        report_time_csv(&t, &b);
        return reply_csv(req, &b, "time-to-match");
    }
    return http_reply_json(req, MHD_HTTP_OK, report_time_json(&t));
}

int h_report_reach(struct http_req *req)
{
    struct report_reach t;
    if (bad_format(req) != PD_OK)
        return req->app.err.code;
    int rc = app_report_reach(&req->app, http_query(req, "from"), http_query(req, "to"), &t);
    if (rc)
        return rc;
    if (wants_csv(req)) {
        struct buf b;
        buf_init(&b, LIMIT_RESPONSE_BYTES);
        report_reach_csv(&t, &b);
        return reply_csv(req, &b, "reach");
    }
    return http_reply_json(req, MHD_HTTP_OK, report_reach_json(&t));
}
