/*
 * h_rights.c: a client's rights, for the privacy officer (app/rights.h;
 * docs/client-rights.md).
 *
 *   GET  /api/v1/rights-requests              -> {today, items: [RightsRequest]}
 *   POST /api/v1/rights-requests {client_code, kind, received_on?, note?} -> 201
 *   GET  /api/v1/rights-requests/{id}         -> RightsRequest (ETag)
 *   POST /api/v1/rights-requests/{id}/extend {months, reason}           (If-Match)
 *   POST /api/v1/rights-requests/{id}/close {status, done_on?, note?}   (If-Match)
 *   POST /api/v1/clients/{id}/erase {request_id, confirm_code} -> {client_id, removed, purge}
 *   GET  /api/v1/retention-rules              -> {items: [RetentionRule]}
 *   PUT  /api/v1/retention-rules/{category} {years} -> {items}
 */
#include <microhttpd.h>

#include "../app/rights.h"
#include "conditional.h"
#include "h_rights.h"
#include "handlers.h"
#include "http_int.h"

static const char *const kinds[] = {
    "access", "erasure", "rectification", "restriction", "objection", "portability", NULL};
static const char *const statuses[] = {"open", "done", "refused", NULL};
static const char *const closing[] = {"done", "refused", NULL};
static const char *const deadline_states[] = {"overdue", "due_soon", "on_time", "closed", NULL};

static const struct jfield client_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "client", NULL, NULL},
    {"code", JT_STRING, JF_REQUIRED, 0, 0, "the client's code", NULL, NULL},
};
static const struct jschema client_schema = JSCHEMA("RightsRequestClient", client_fields);

static const struct jfield request_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "rights request", NULL, NULL},
    {"reference", JT_STRING, JF_REQUIRED, 0, 0, "AVG-YYYY-NNNN, per organisation", NULL, NULL},
    {"client", JT_OBJECT, JF_REQUIRED | JF_NULLABLE, 0, 0, "null once the client is erased", NULL,
     &client_schema},
    {"kind", JT_STRING, JF_REQUIRED, 0, 0, "the right invoked (AVG art. 15-21)", kinds, NULL},
    {"received_on", JT_DATE, JF_REQUIRED, 0, 0, "day of receipt", NULL, NULL},
    {"due_on", JT_DATE, JF_REQUIRED, 0, 0, "received_on + 1 month (art. 12(3))", NULL, NULL},
    {"extended_due_on", JT_DATE, JF_REQUIRED | JF_NULLABLE, 0, 0,
     "after an extension: received_on + 2 or 3 months", NULL, NULL},
    {"extension_reason", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "why it was extended", NULL,
     NULL},
    {"deadline_on", JT_DATE, JF_REQUIRED, 0, 0, "the deadline that applies", NULL, NULL},
    {"days_left", JT_INTEGER, JF_REQUIRED | JF_NULLABLE, 0, 0,
     "days from today to deadline_on (negative: overdue); null when closed", NULL, NULL},
    {"deadline_status", JT_STRING, JF_REQUIRED, 0, 0,
     "overdue, due_soon (within 7 days), on_time, closed", deadline_states, NULL},
    {"status", JT_STRING, JF_REQUIRED, 0, 0, "open, done or refused", statuses, NULL},
    {"done_on", JT_DATE, JF_REQUIRED | JF_NULLABLE, 0, 0, "day it was closed", NULL, NULL},
    {"note", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "note (refusal: the reason)", NULL, NULL},
    {"erased_at", JT_DATETIME, JF_REQUIRED | JF_NULLABLE, 0, 0,
     "when the client was erased (then client and free text are gone)", NULL, NULL},
    {"created_at", JT_DATETIME, JF_REQUIRED, 0, 0, "registered at", NULL, NULL},
    {"updated_at", JT_DATETIME, JF_REQUIRED, 0, 0, "last change", NULL, NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 1, 0, "for If-Match", NULL, NULL},
};
const struct jschema h_schema_rights_request = JSCHEMA("RightsRequest", request_fields);

static const struct jfield list_fields[] = {
    {"today", JT_DATE, JF_REQUIRED, 0, 0, "the day the deadline status is computed for", NULL,
     NULL},
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "open first by deadline, then closed, newest first",
     NULL, &h_schema_rights_request},
};
const struct jschema h_schema_rights_request_list = JSCHEMA("RightsRequestList", list_fields);

static const struct jfield create_fields[] = {
    {"client_code", JT_STRING, JF_REQUIRED, 1, LIMIT_NAME_BYTES, "the client's code", NULL, NULL},
    {"kind", JT_STRING, JF_REQUIRED, 0, 0, "the right invoked", kinds, NULL},
    {"received_on", JT_DATE, JF_NULLABLE, 0, 0, "day of receipt (default today; not later)", NULL,
     NULL},
    {"note", JT_STRING, JF_NULLABLE, 1, RIGHTS_NOTE_CHARS, "note", NULL, NULL},
};
const struct jschema h_schema_rights_request_create = JSCHEMA("RightsRequestCreate", create_fields);

static const struct jfield extend_fields[] = {
    {"months", JT_INTEGER, JF_REQUIRED, 1, 2, "further months (at most two in all)", NULL, NULL},
    {"reason", JT_STRING, JF_REQUIRED, 1, RIGHTS_REASON_CHARS,
     "why (told to the client within the first month)", NULL, NULL},
};
const struct jschema h_schema_rights_request_extend = JSCHEMA("RightsRequestExtend", extend_fields);

static const struct jfield close_fields[] = {
    {"status", JT_STRING, JF_REQUIRED, 0, 0, "done or refused (erasure: refused only)", closing,
     NULL},
    {"done_on", JT_DATE, JF_NULLABLE, 0, 0, "default today; from received_on up to today", NULL,
     NULL},
    {"note", JT_STRING, JF_NULLABLE, 1, RIGHTS_NOTE_CHARS, "required when refused: the reason",
     NULL, NULL},
};
const struct jschema h_schema_rights_request_close = JSCHEMA("RightsRequestClose", close_fields);

static const struct jfield erase_fields[] = {
    {"request_id", JT_UUID, JF_REQUIRED, 0, 0, "the client's open erasure request", NULL, NULL},
    {"confirm_code", JT_STRING, JF_REQUIRED, 1, LIMIT_NAME_BYTES, "the client's code, typed again",
     NULL, NULL},
};
const struct jschema h_schema_client_erase = JSCHEMA("ClientErase", erase_fields);

static const struct jfield removed_fields[] = {
    {"table", JT_STRING, JF_REQUIRED, 0, 0, "database table", NULL, NULL},
    {"how", JT_STRING, JF_REQUIRED, 0, 0,
     "deleted; unlinked (row kept without the link and its text); anonymised", NULL, NULL},
    {"rows", JT_INTEGER, JF_REQUIRED, 0, 0, "rows affected", NULL, NULL},
};
static const struct jschema removed_schema = JSCHEMA("ErasedTable", removed_fields);

static const struct jfield purge_fields[] = {
    {"fts_optimized", JT_BOOLEAN, JF_REQUIRED, 0, 0, "the full-text index was merged", NULL, NULL},
    {"wal_truncated", JT_BOOLEAN, JF_REQUIRED, 0, 0, "the WAL was checkpointed and truncated", NULL,
     NULL},
};
static const struct jschema purge_schema = JSCHEMA("ErasePurge", purge_fields);

static const struct jfield erased_fields[] = {
    {"client_id", JT_UUID, JF_REQUIRED, 0, 0, "the erased client", NULL, NULL},
    {"removed", JT_ARRAY, JF_REQUIRED, 0, 0, "per table, in erase order", NULL, &removed_schema},
    {"purge", JT_OBJECT, JF_REQUIRED, 0, 0, "after the commit", NULL, &purge_schema},
};
const struct jschema h_schema_client_erased = JSCHEMA("ClientErased", erased_fields);

static const char *const categories[] = {"dossier", "rights_request", "audit_log", NULL};
static const struct jfield rule_fields[] = {
    {"category", JT_STRING, JF_REQUIRED, 0, 0, "record category", categories, NULL},
    {"years", JT_INTEGER, JF_REQUIRED, 1, 100, "retention in years", NULL, NULL},
    {"default_years", JT_INTEGER, JF_REQUIRED, 1, 100, "the default", NULL, NULL},
    {"min_years", JT_INTEGER, JF_REQUIRED, 1, 100, "the least it can be set to", NULL, NULL},
    {"set", JT_BOOLEAN, JF_REQUIRED, 0, 0, "set by the organisation", NULL, NULL},
    {"pruned", JT_BOOLEAN, JF_REQUIRED, 0, 0,
     "peerdesk removes what has passed (peerdesk retention --apply); false for the audit log", NULL,
     NULL},
};
static const struct jschema rule_schema = JSCHEMA("RetentionRule", rule_fields);

static const struct jfield rules_fields[] = {
    {"items", JT_ARRAY, JF_REQUIRED, 3, 3, "every category", NULL, &rule_schema},
};
const struct jschema h_schema_retention_list = JSCHEMA("RetentionRuleList", rules_fields);

static const struct jfield set_fields[] = {
    {"years", JT_INTEGER, JF_REQUIRED, 1, 100, "years (at least the category's minimum)", NULL,
     NULL},
};
const struct jschema h_schema_retention_set = JSCHEMA("RetentionRuleSet", set_fields);

static int reply_one(struct http_req *req, int rc, const struct rights_request *q)
{
    if (rc)
        return rc;
    http_set_etag(req, q->version);
    return http_reply_json(req, MHD_HTTP_OK, rights_request_to_json(q, rights_today(&req->app)));
}

int h_rights_list(struct http_req *req)
{
    struct rights_request *qs;
    size_t n;
    int rc = app_rights_list(&req->app, &qs, &n);
    if (rc)
        return rc;
    const char *today = rights_today(&req->app);
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, rights_request_to_json(&qs[i], today));
    return http_reply_json(req, MHD_HTTP_OK,
                           pdjson_pack("{s:s, s:o}", "today", today, "items", arr));
}

int h_rights_create(struct http_req *req)
{
    struct rights_request q;
    const json_t *j = req->json;
    int rc = app_rights_create(&req->app, pdjson_str(j, "client_code", NULL),
                               pdjson_str(j, "kind", NULL), pdjson_str(j, "received_on", NULL),
                               pdjson_str(j, "note", NULL), &q);
    if (rc)
        return rc;
    http_set_etag(req, q.version);
    return http_reply_json(req, MHD_HTTP_CREATED,
                           rights_request_to_json(&q, rights_today(&req->app)));
}

int h_rights_get(struct http_req *req)
{
    struct rights_request q;
    return reply_one(req, app_rights_get(&req->app, http_param(req, "id"), &q), &q);
}

int h_rights_extend(struct http_req *req)
{
    struct rights_request q;
    int64_t version;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    const json_t *j = req->json;
    return reply_one(req,
                     app_rights_extend(&req->app, http_param(req, "id"), version,
                                       (int)pdjson_int(j, "months", 0),
                                       pdjson_str(j, "reason", NULL), &q),
                     &q);
}

int h_rights_close(struct http_req *req)
{
    struct rights_request q;
    int64_t version;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    const json_t *j = req->json;
    return reply_one(req,
                     app_rights_close(&req->app, http_param(req, "id"), version,
                                      pdjson_str(j, "status", NULL), pdjson_str(j, "done_on", NULL),
                                      pdjson_str(j, "note", NULL), &q),
                     &q);
}

int h_client_erase(struct http_req *req)
{
    struct erase_outcome o;
    int rc = app_client_erase(&req->app, http_param(req, "id"),
                              pdjson_str(req->json, "request_id", NULL),
                              pdjson_str(req->json, "confirm_code", NULL), &o);
    return rc ? rc : http_reply_json(req, MHD_HTTP_OK, erase_outcome_to_json(&o));
}

static int reply_rules(struct http_req *req, int rc, const struct retention_rule *rules)
{
    if (rc)
        return rc;
    json_t *arr = json_array();
    for (size_t i = 0; i < RETENTION_CATEGORIES; i++)
        json_array_append_new(arr, retention_rule_to_json(&rules[i]));
    return http_reply_json(req, MHD_HTTP_OK, pdjson_pack("{s:o}", "items", arr));
}

int h_retention_list(struct http_req *req)
{
    struct retention_rule rules[RETENTION_CATEGORIES];
    return reply_rules(req, app_retention_rules(&req->app, rules), rules);
}

int h_retention_set(struct http_req *req)
{
    struct retention_rule rules[RETENTION_CATEGORIES];
    return reply_rules(req,
                       app_retention_set(&req->app, http_param(req, "category"),
                                         (int)pdjson_int(req->json, "years", 0), rules),
                       rules);
}
