/*
 * h_requests.c: deployment requests, from a generalist's question to a coordinator's
 * decision, and the ranked experts a coordinator decides with.
 *
 *   POST /api/v1/dossiers/{id}/requests   RequestCreate -> 201 Request   (generalist)
 *   GET  /api/v1/requests?status=&after=&limit=  -> {items: [RequestSummary], next}
 *   GET  /api/v1/requests/{id}            -> Request (requester side) | RequestSummary
 *   POST /api/v1/requests/{id}/review     + If-Match -> RequestSummary  (coordinator)
 *   GET  /api/v1/requests/{id}/matches    -> MatchList                  (coordinator)
 *   POST /api/v1/requests/{id}/decision   Decision + If-Match -> RequestSummary
 *
 * Coordinators only ever get summaries: codes, phase, basis, channel, area and age; never
 * the question, the dossier or the client. The queue writes one audit entry per call.
 */
#include <microhttpd.h>
#include <string.h>

#include "../app/requests.h"
#include "conditional.h"
#include "handlers.h"
#include "http_int.h"

static const char *const phases[] = {"early", "stuck", "bridging", NULL};
static const char *const statuses[] = {"submitted",  "in_review", "assigned", "advice_only",
                                       "redirected", "declined",  NULL};
static const char *const outcomes[] = {"assigned", "advice_only", "redirected", "declined", NULL};

static const struct jfield create_fields[] = {
    {"reasons", JT_ARRAY, JF_REQUIRED, 1, LIMIT_REQUEST_CODES, "deployment_reason codes", NULL,
     NULL},
    {"areas", JT_ARRAY, 0, 0, LIMIT_REQUEST_CODES, "experience_area codes needed", NULL, NULL},
    {"themes", JT_ARRAY, 0, 0, LIMIT_REQUEST_CODES, "generic_theme codes needed", NULL, NULL},
    {"match_basis", JT_STRING, JF_REQUIRED, 1, 64, "match_basis code", NULL, NULL},
    {"phase", JT_STRING, JF_REQUIRED, 0, 0, "early, stuck or bridging", phases, NULL},
    {"question", JT_STRING, JF_REQUIRED, 1, LIMIT_REQUEST_QUESTION_CHARS, "the short question",
     NULL, NULL},
    {"channel", JT_STRING, JF_REQUIRED, 1, 64, "channel code: how the request came", NULL, NULL},
    {"preferred_expert_id", JT_UUID, JF_NULLABLE, 0, 0, "an expert the requester has in mind", NULL,
     NULL},
    {"client_informed", JT_BOOLEAN, JF_REQUIRED, 0, 0, "the client knows an expert is asked", NULL,
     NULL},
    {"client_informed_on", JT_DATE, JF_NULLABLE, 0, 0, "when the client was informed", NULL, NULL},
};
const struct jschema h_schema_request_create = JSCHEMA("RequestCreate", create_fields);

#define SUMMARY_FIELDS                                                                             \
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "request id", NULL, NULL},                                  \
        {"status", JT_STRING, JF_REQUIRED, 0, 0, "state", statuses, NULL},                         \
        {"reasons", JT_ARRAY, JF_REQUIRED, 0, 0, "deployment_reason codes", NULL, NULL},           \
        {"areas", JT_ARRAY, JF_REQUIRED, 0, 0, "experience_area codes", NULL, NULL},               \
        {"themes", JT_ARRAY, JF_REQUIRED, 0, 0, "generic_theme codes", NULL, NULL},                \
        {"match_basis", JT_STRING, JF_REQUIRED, 0, 0, "match_basis code", NULL, NULL},             \
        {"phase", JT_STRING, JF_REQUIRED, 0, 0, "phase", phases, NULL},                            \
        {"channel", JT_STRING, JF_REQUIRED, 0, 0, "channel code", NULL, NULL},                     \
        {"area_id", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0, "the dossier's area", NULL, NULL},   \
        {"cluster_id", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0, "its cluster", NULL, NULL},       \
        {"preferred_expert_id",                                                                    \
         JT_UUID,                                                                                  \
         JF_REQUIRED | JF_NULLABLE,                                                                \
         0,                                                                                        \
         0,                                                                                        \
         "preferred expert",                                                                       \
         NULL,                                                                                     \
         NULL},                                                                                    \
        {"created_at", JT_DATETIME, JF_REQUIRED, 0, 0, "submitted at", NULL, NULL},                \
        {"age_days", JT_INTEGER, JF_REQUIRED, 0, 0, "whole days since submission", NULL, NULL},    \
    {                                                                                              \
        "version", JT_INTEGER, JF_REQUIRED, 0, 0, "record version (If-Match)", NULL, NULL          \
    }

static const struct jfield summary_fields[] = {SUMMARY_FIELDS};
const struct jschema h_schema_request_summary = JSCHEMA("RequestSummary", summary_fields);

static const struct jfield request_fields[] = {
    SUMMARY_FIELDS,
    {"dossier_id", JT_UUID, JF_REQUIRED, 0, 0, "the dossier", NULL, NULL},
    {"requester_id", JT_UUID, JF_REQUIRED, 0, 0, "who asked", NULL, NULL},
    {"question", JT_STRING, JF_REQUIRED, 0, 0, "the short question", NULL, NULL},
    {"client_informed", JT_BOOLEAN, JF_REQUIRED, 0, 0, "client informed", NULL, NULL},
    {"client_informed_on", JT_DATE, JF_REQUIRED | JF_NULLABLE, 0, 0, "when", NULL, NULL},
    {"decided_by", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0, "coordinator who decided", NULL, NULL},
    {"decided_at", JT_DATETIME, JF_REQUIRED | JF_NULLABLE, 0, 0, "when", NULL, NULL},
    {"decision_note", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "note with the decision", NULL,
     NULL},
    {"assigned_expert_id", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0, "the expert assigned", NULL,
     NULL},
    {"updated_at", JT_DATETIME, JF_REQUIRED, 0, 0, "last change", NULL, NULL},
};
const struct jschema h_schema_request = JSCHEMA("Request", request_fields);

static const struct jfield page_fields[] = {
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "summaries, oldest first", NULL,
     &h_schema_request_summary},
    {"next", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0, "cursor for the next page (after=)", NULL,
     NULL},
};
const struct jschema h_schema_request_page = JSCHEMA("RequestPage", page_fields);

static const struct jfield decision_fields[] = {
    {"outcome", JT_STRING, JF_REQUIRED, 0, 0, "the decision", outcomes, NULL},
    {"expert_id", JT_UUID, 0, 0, 0, "required when assigned: the expert", NULL, NULL},
    {"note", JT_STRING, JF_NULLABLE, 1, LIMIT_DECISION_NOTE_CHARS,
     "why, for the requester (required when declined)", NULL, NULL},
    {"start_on", JT_DATE, 0, 0, 0, "assigned: first day (default today)", NULL, NULL},
    {"pattern", JT_STRING, 0, 1, 64, "required when assigned: intensity_pattern code", NULL, NULL},
    {"agreed_on", JT_DATE, 0, 0, 0,
     "required when assigned: when the pattern was agreed with the client", NULL, NULL},
};
const struct jschema h_schema_request_decision = JSCHEMA("RequestDecision", decision_fields);

static const struct jfield reason_fields[] = {
    {"factor", JT_STRING, JF_REQUIRED, 0, 0, "factor code", NULL, NULL},
    {"points", JT_INTEGER, JF_REQUIRED, 0, 0, "points; the points add up to the score", NULL, NULL},
    {"reason", JT_STRING, JF_REQUIRED, 0, 0, "reason code", NULL, NULL},
    {"codes", JT_ARRAY, JF_REQUIRED, 0, 0, "requested codes the expert covers", NULL, NULL},
};
static const struct jschema reason_schema = JSCHEMA("MatchReason", reason_fields);

static const struct jfield match_fields[] = {
    {"expert_id", JT_UUID, JF_REQUIRED, 0, 0, "the expert", NULL, NULL},
    {"name", JT_STRING, JF_REQUIRED, 0, 0, "name", NULL, NULL},
    {"available", JT_BOOLEAN, JF_REQUIRED, 0, 0, "available or not (never why)", NULL, NULL},
    {"score", JT_INTEGER, JF_REQUIRED, 0, 0, "sum of the explanation's points", NULL, NULL},
    {"explanation", JT_ARRAY, JF_REQUIRED, 0, 0, "one line per factor", NULL, &reason_schema},
};
static const struct jschema match_schema = JSCHEMA("Match", match_fields);

static const struct jfield unmet_fields[] = {
    {"vocab", JT_STRING, JF_REQUIRED, 0, 0, "experience_area or generic_theme", NULL, NULL},
    {"code", JT_STRING, JF_REQUIRED, 0, 0, "a requested code no expert covers", NULL, NULL},
};
static const struct jschema unmet_schema = JSCHEMA("Unmet", unmet_fields);

static const struct jfield match_list_fields[] = {
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "available first, then score, then id", NULL,
     &match_schema},
    {"unmet", JT_ARRAY, JF_REQUIRED, 0, 0, "requested codes no expert covers", NULL, &unmet_schema},
};
const struct jschema h_schema_match_list = JSCHEMA("MatchList", match_list_fields);

/* A JSON array of strings (checked by the schema) as an arena array. */
static const char **strings(struct http_req *req, const char *name, size_t *n)
{
    json_t *arr = json_object_get(req->json, name);
    *n = json_is_array(arr) ? json_array_size(arr) : 0;
    const char **v = arena_array(&req->arena, *n ? *n : 1, sizeof(*v));
    for (size_t i = 0; i < *n; i++)
        v[i] = json_string_value(json_array_get(arr, i));
    return v;
}

int h_request_create(struct http_req *req)
{
    struct request_rec q;
    struct request_input in = {
        .match_basis = pdjson_str(req->json, "match_basis", ""),
        .phase = pdjson_str(req->json, "phase", ""),
        .question = pdjson_str(req->json, "question", ""),
        .channel = pdjson_str(req->json, "channel", ""),
        .preferred_expert_id = pdjson_str(req->json, "preferred_expert_id", NULL),
        .client_informed = pdjson_bool(req->json, "client_informed", false),
        .client_informed_on = pdjson_str(req->json, "client_informed_on", NULL),
    };
    in.reasons = strings(req, "reasons", &in.nreasons);
    in.areas = strings(req, "areas", &in.nareas);
    in.themes = strings(req, "themes", &in.nthemes);
    int rc = app_request_create(&req->app, http_param(req, "id"), &in, &q);
    if (rc)
        return rc;
    http_set_etag(req, q.version);
    return http_reply_json(req, MHD_HTTP_CREATED, request_to_json(&q));
}

int h_request_queue(struct http_req *req)
{
    struct request_rec *qs;
    size_t n;
    int limit;
    int rc = h_page_limit(req, &limit);
    if (rc)
        return rc;
    rc = app_request_queue(&req->app, http_query(req, "status"), http_query(req, "after"),
                           limit + 1, &qs, &n);
    if (rc)
        return rc;
    json_t *items = json_array();
    for (size_t i = 0; i < n && i < (size_t)limit; i++)
        json_array_append_new(items, request_summary_to_json(&qs[i]));
    const char *next = n > (size_t)limit ? qs[limit - 1].id : NULL;
    return http_reply_json(
        req, MHD_HTTP_OK,
        pdjson_pack("{s:o, s:o}", "items", items, "next", pdjson_str_or_null(next)));
}

int h_request_get(struct http_req *req)
{
    struct request_rec q;
    bool full = false;
    int rc = app_request_get(&req->app, http_param(req, "id"), &q, &full);
    if (rc)
        return rc;
    http_set_etag(req, q.version);
    return http_reply_json(req, MHD_HTTP_OK,
                           full ? request_to_json(&q) : request_summary_to_json(&q));
}

int h_request_review(struct http_req *req)
{
    struct request_rec q;
    int64_t version;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    int rc = app_request_review(&req->app, http_param(req, "id"), version, &q);
    if (rc == PD_ESTALE)
        return http_reply_stale(req, request_summary_to_json(&q));
    if (rc)
        return rc;
    http_set_etag(req, q.version);
    return http_reply_json(req, MHD_HTTP_OK, request_summary_to_json(&q));
}

int h_request_matches(struct http_req *req)
{
    struct request_rec q;
    struct match_ranking k;
    int rc = app_request_matches(&req->app, http_param(req, "id"), &q, &k);
    if (rc)
        return rc;
    return http_reply_json(req, MHD_HTTP_OK, match_ranking_to_json(&k));
}

int h_request_decide(struct http_req *req)
{
    struct request_rec q;
    int64_t version;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    struct request_decision d = {.outcome = pdjson_str(req->json, "outcome", ""),
                                 .expert_id = pdjson_str(req->json, "expert_id", NULL),
                                 .note = pdjson_str(req->json, "note", NULL),
                                 .start_on = pdjson_str(req->json, "start_on", NULL),
                                 .pattern = pdjson_str(req->json, "pattern", NULL),
                                 .agreed_on = pdjson_str(req->json, "agreed_on", NULL)};
    int rc = app_request_decide(&req->app, http_param(req, "id"), version, &d, &q);
    if (rc == PD_ESTALE)
        return http_reply_stale(req, request_summary_to_json(&q));
    if (rc)
        return rc;
    http_set_etag(req, q.version);
    return http_reply_json(req, MHD_HTTP_OK, request_summary_to_json(&q));
}
