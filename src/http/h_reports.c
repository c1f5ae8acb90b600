/*
 * h_reports.c: the manager's aggregate reports (app/reports.c, docs/reports.md).
 *
 *   GET /api/v1/reports/requests?from&to&by=month|team|area&split=level
 *       -> {period: {from, to}, by, split, rows: [{key, label, group, count}], total}
 *   GET /api/v1/reports/time-to-match?from&to&split=level
 *       -> {period, requests, assigned, suppressed, to_assignment_days: {n, median, p90},
 *           to_first_contact_days: {n, median, p90}, split, groups (with split only)}
 *   GET /api/v1/reports/reach?from&to -> {period, generalists, reached, share}; no split
 *   GET /api/v1/reports/<table report>: see below
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
static const char *const levels[] = {"mbo3", "mbo4", "hbo", "unknown", "none", NULL};
static const char *const splits[] = {"level", NULL};

static const struct jfield row_fields[] = {
    {"key", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0,
     "YYYY-MM, team id or area id; null: no team or no area", NULL, NULL},
    {"label", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "month, team name or area name", NULL,
     NULL},
    {"group", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0,
     "with split=level: the assigned expert's level (none: no expert assigned); else null", levels,
     NULL},
    {"count", JT_INTEGER, JF_REQUIRED, 0, 0, COUNT_DOC, NULL, NULL},
};
static const struct jschema row_schema = JSCHEMA("ReportRow", row_fields);

static const struct jfield requests_fields[] = {
    {"period", JT_OBJECT, JF_REQUIRED, 0, 0, "the period", NULL, &period_schema},
    {"by", JT_STRING, JF_REQUIRED, 0, 0, "grouping", bys, NULL},
    {"split", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "level, or null", splits, NULL},
    {"rows", JT_ARRAY, JF_REQUIRED, 0, 0,
     "groups with at least one request (with split: per key and level)", NULL, &row_schema},
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

static const struct jfield time_group_fields[] = {
    {"group", JT_STRING, JF_REQUIRED, 0, 0, "the assigned expert's level; none: not assigned",
     levels, NULL},
    {"requests", JT_INTEGER, JF_REQUIRED, 0, 0, "requests of this group; " COUNT_DOC, NULL, NULL},
    {"assigned", JT_INTEGER, JF_REQUIRED, 0, 0, "of which with an assignment; " COUNT_DOC, NULL,
     NULL},
    {"suppressed", JT_BOOLEAN, JF_REQUIRED, 0, 0, "fewer than 5 requests", NULL, NULL},
    {"to_assignment_days", JT_OBJECT, JF_REQUIRED, 0, 0, "request to assignment start", NULL,
     &duration_schema},
    {"to_first_contact_days", JT_OBJECT, JF_REQUIRED, 0, 0,
     "request to the assigned expert's first contact", NULL, &duration_schema},
};
static const struct jschema time_group_schema =
    JSCHEMA("ReportTimeToMatchGroup", time_group_fields);

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
    {"split", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "level, or null", splits, NULL},
    {"groups", JT_ARRAY, 0, 0, 0, "with split=level only: the same figures per level with requests",
     NULL, &time_group_schema},
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
                                 http_query(req, "by"), http_query(req, "split"), &q);
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
    int rc = app_report_time(&req->app, http_query(req, "from"), http_query(req, "to"),
                             http_query(req, "split"), &t);
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
    int rc = app_report_reach(&req->app, http_query(req, "from"), http_query(req, "to"),
                              http_query(req, "split"), &t);
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

/* ---- the table reports (report_table.h) ----
 *
 *   GET /api/v1/reports/{caseload,mix,themes,intensity,evaluations,closures,hours,referrals}
 *       ?from&to&split=level&by=...&vocab=...&format=csv|json
 *       -> {report, period, split, columns: [{key, kind}], rows: [{key, label, vocab, group,
 *           values}], total}
 */

static const char *const kinds[] = {"count", "days", "hours", "ratio", "share", NULL};

static const struct jfield column_fields[] = {
    {"key", JT_STRING, JF_REQUIRED, 0, 0, "the measure: the member of values and total", NULL,
     NULL},
    {"kind", JT_STRING, JF_REQUIRED, 0, 0,
     "count: a number or \"<5\"; days: whole days or null; hours: \"12.5\" or null; ratio: "
     "\"7.3\" or null; share: \"0.88\" or null",
     kinds, NULL},
};
static const struct jschema column_schema = JSCHEMA("ReportColumn", column_fields);

#define TABLE_SCHEMA(var, name, rows_schema_name, values_fields, key_doc)                          \
    static const struct jschema var##_values = JSCHEMA(name "Values", values_fields);              \
    static const struct jfield var##_row_fields[] = {                                              \
        {"key", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, key_doc, NULL, NULL},                  \
        {"label", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0,                                      \
         "team name or month; null for a code (the vocabulary has the labels)", NULL, NULL},       \
        {"vocab", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0,                                      \
         "the vocabulary of key when key is a code", NULL, NULL},                                  \
        {"group", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0,                                      \
         "qualification level with split=level (none: no expert), else null", levels, NULL},       \
        {"values", JT_OBJECT, JF_REQUIRED, 0, 0, "one value per column", NULL, &var##_values},     \
    };                                                                                             \
    static const struct jschema var##_row = JSCHEMA(rows_schema_name, var##_row_fields);           \
    static const struct jfield var##_fields[] = {                                                  \
        {"report", JT_STRING, JF_REQUIRED, 0, 0, "the report's name", NULL, NULL},                 \
        {"period", JT_OBJECT, JF_REQUIRED, 0, 0, "the period", NULL, &period_schema},              \
        {"split", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "level, or null", splits, NULL},     \
        {"columns", JT_ARRAY, JF_REQUIRED, 0, 0, "the measures in order", NULL, &column_schema},   \
        {"rows", JT_ARRAY, JF_REQUIRED, 0, 0, "the rows", NULL, &var##_row},                       \
        {"total", JT_OBJECT, JF_REQUIRED | JF_NULLABLE, 0, 0, "the unsplit total, or null", NULL,  \
         &var##_values},                                                                           \
    };                                                                                             \
    const struct jschema var = JSCHEMA(name, var##_fields)

#define COUNT_COL(name, doc)                                                                       \
    {                                                                                              \
        name, JT_INTEGER, JF_REQUIRED | JF_NULLABLE, 0, 0, doc "; " COUNT_DOC, NULL, NULL          \
    }
#define TEXT_COL(name, doc)                                                                        \
    {                                                                                              \
        name, JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, doc, NULL, NULL                          \
    }
#define DAYS_COL(name, doc)                                                                        \
    {                                                                                              \
        name, JT_INTEGER, JF_REQUIRED | JF_NULLABLE, 0, 0,                                         \
            doc "; whole days, nearest rank; null "                                                \
                "when based on fewer than 5",                                                      \
            NULL, NULL                                                                             \
    }

static const struct jfield caseload_values[] = {
    COUNT_COL("experts", "active workers with an expert profile"),
    TEXT_COL("fte", "sum of their expert FTE, one decimal; null when fewer than 5 have one"),
    COUNT_COL("active", "open expert and bridging assignments on open dossiers on `to`"),
    TEXT_COL("per_expert", "active / experts, one decimal; null when a count is withheld"),
    TEXT_COL("per_fte", "active / fte over experts with a known FTE, one decimal; or null"),
};
TABLE_SCHEMA(h_schema_report_caseload, "ReportCaseload", "ReportCaseloadRow", caseload_values,
             "expert team id (by=team; null: no expert team) or \"total\"");

static const struct jfield mix_values[] = {
    COUNT_COL("co_support", "requests created in the period and decided assigned"),
    COUNT_COL("advice_only", "requests decided advice_only"),
    COUNT_COL("redirected", "requests decided redirected"),
    COUNT_COL("declined", "requests decided declined"),
    COUNT_COL("open", "requests not decided yet"),
    COUNT_COL("consultations", "consultations held in the period"),
    COUNT_COL("bridging", "bridging episodes whose waiting started in the period"),
};
TABLE_SCHEMA(h_schema_report_mix, "ReportMix", "ReportMixRow", mix_values,
             "YYYY-MM (by=month) or \"total\"");

static const struct jfield themes_values[] = {
    COUNT_COL("requests", "requests created in the period with this code"),
    COUNT_COL("assigned", "of which decided assigned"),
    COUNT_COL("unmet", "of which the code is on no active, available expert's profile today; "
                       "null for deployment_reason"),
};
TABLE_SCHEMA(h_schema_report_themes, "ReportThemes", "ReportThemesRow", themes_values,
             "a code of vocab (?vocab=experience_area|deployment_reason|generic_theme)");

static const struct jfield intensity_values[] = {
    COUNT_COL("assignments", "assignments with a phase of this pattern in the period"),
    DAYS_COL("median_days", "median phase length"),
    DAYS_COL("p90_days", "p90 of the phase length"),
};
TABLE_SCHEMA(h_schema_report_intensity, "ReportIntensity", "ReportIntensityRow", intensity_values,
             "an intensity_pattern code");

static const struct jfield evaluations_values[] = {
    COUNT_COL("planned", "evaluations planned in the period"),
    COUNT_COL("held", "evaluations held in the period"),
    COUNT_COL("overdue", "planned before today, not held, dossier open (today)"),
    COUNT_COL("overdue_30", "of which planned more than 30 days ago"),
};
TABLE_SCHEMA(h_schema_report_evaluations, "ReportEvaluations", "ReportEvaluationsRow",
             evaluations_values,
             "team id of the responsible generalist (by=team; null: no team) or \"total\"");

static const struct jfield closures_values[] = {
    COUNT_COL("dossiers", "dossiers closed in the period with this code"),
    DAYS_COL("median_days_open", "median of opened_on to closed_on"),
};
TABLE_SCHEMA(h_schema_report_closures, "ReportClosures", "ReportClosuresRow", closures_values,
             "a closure_reason, outcome_client or outcome_generalist code (see vocab)");

/* by=total has hours, experts, share; by=month one member per role type code instead, so
 * none is required here. */
#define HOURS_TYPE_COL(code)                                                                       \
    {                                                                                              \
        code, JT_STRING, JF_NULLABLE, 0, 0,                                                        \
            "by=month: hours of this role type, one decimal; null when 1 to 4 experts", NULL, NULL \
    }
static const struct jfield hours_values[] = {
    {"hours", JT_STRING, JF_NULLABLE, 0, 0,
     "by=total: hours, one decimal; null when 1 to 4 experts are behind them", NULL, NULL},
    {"experts", JT_INTEGER, JF_NULLABLE, 0, 0,
     "by=total: experts with time of this role type; " COUNT_DOC, NULL, NULL},
    {"share", JT_STRING, JF_NULLABLE, 0, 0,
     "by=total: share of all expert hours (of the level group with split), two decimals; or "
     "null",
     NULL, NULL},
    HOURS_TYPE_COL("supporter"),
    HOURS_TYPE_COL("expertise_promoter"),
    HOURS_TYPE_COL("policy_influencer"),
    HOURS_TYPE_COL("researcher"),
    HOURS_TYPE_COL("innovator"),
};
TABLE_SCHEMA(h_schema_report_hours, "ReportHours", "ReportHoursRow", hours_values,
             "a role_type code; with by=month YYYY-MM, and values then has one member per "
             "role type code (hours, as the hours column)");

static const struct jfield referrals_values[] = {
    COUNT_COL("referrals", "referrals made in the period to this service"),
    COUNT_COL("accompanied", "of which accompanied"),
};
TABLE_SCHEMA(h_schema_report_referrals, "ReportReferrals", "ReportReferralsRow", referrals_values,
             "a referral_service code");

/* One handler for every table report. */
static int table_report(struct http_req *req, const char *name)
{
    struct report_table t;
    struct report_query q = {
        .from = http_query(req, "from"),
        .to = http_query(req, "to"),
        .by = http_query(req, "by"),
        .split = http_query(req, "split"),
        .vocab = http_query(req, "vocab"),
    };
    if (bad_format(req) != PD_OK)
        return req->app.err.code;
    int rc = app_report_table(&req->app, name, &q, &t);
    if (rc)
        return rc;
    if (wants_csv(req)) {
        struct buf b;
        buf_init(&b, LIMIT_RESPONSE_BYTES);
        report_table_csv(&t, &b);
        return reply_csv(req, &b, t.file);
    }
    return http_reply_json(req, MHD_HTTP_OK, report_table_json(&t));
}

int h_report_caseload(struct http_req *req)
{
    return table_report(req, "caseload");
}

int h_report_mix(struct http_req *req)
{
    return table_report(req, "mix");
}

int h_report_themes(struct http_req *req)
{
    return table_report(req, "themes");
}

int h_report_intensity(struct http_req *req)
{
    return table_report(req, "intensity");
}

int h_report_evaluations(struct http_req *req)
{
    return table_report(req, "evaluations");
}

int h_report_closures(struct http_req *req)
{
    return table_report(req, "closures");
}

int h_report_hours(struct http_req *req)
{
    return table_report(req, "hours");
}

int h_report_referrals(struct http_req *req)
{
    return table_report(req, "referrals");
}
