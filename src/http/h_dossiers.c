/*
 * h_dossiers.c: the shared dossier, its assignments and consent records.
 *
 *   GET   /api/v1/dossiers?status=&after=&limit=      -> {items: [DossierSummary], next}
 *   GET   /api/v1/dossiers/{id}                       -> Dossier (ETag)
 *   PATCH /api/v1/dossiers/{id} {goal_type?, area_id?, keep_warm?} + If-Match
 *   POST  /api/v1/dossiers/{id}/responsible {worker_id} + If-Match -> Dossier
 *   POST  /api/v1/dossiers/{id}/assignments {worker_id, role, start_on, intensity}
 *                                                     -> 201 Assignment
 *   POST  /api/v1/assignments/{id}/intensity {pattern, agreed_on} + If-Match
 *   POST  /api/v1/assignments/{id}/end {end_on} + If-Match
 *   POST  /api/v1/dossiers/{id}/consents {kind, given, recorded_on} -> 201 Consent
 *
 * "Mine" lists the dossiers where the actor is responsible or actively assigned. Every
 * answer about one dossier has gone through need-to-know; a dossier the actor may not
 * see is 404 like one that does not exist.
 */
#include <microhttpd.h>
#include <string.h>

#include "../app/assignments.h"
#include "../app/clients.h"
#include "conditional.h"
#include "handlers.h"
#include "http_int.h"

static const char *const goal_types[] = {"stabilise", "progress", NULL};
static const char *const statuses[] = {"open", "closed", NULL};
static const char *const roles_all[] = {"generalist", "expert", "bridging_expert", NULL};
static const char *const roles_add[] = {"generalist", "bridging_expert", NULL};
static const char *const consent_kinds[] = {"expert_involvement", "plan", "scaling_down", NULL};

static const struct jfield summary_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "dossier id", NULL, NULL},
    {"client_id", JT_UUID, JF_REQUIRED, 0, 0, "client", NULL, NULL},
    {"client_code", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "client's code", NULL, NULL},
    {"responsible_id", JT_UUID, JF_REQUIRED, 0, 0, "responsible generalist", NULL, NULL},
    {"status", JT_STRING, JF_REQUIRED, 0, 0, "open or closed", statuses, NULL},
    {"goal_type", JT_STRING, JF_REQUIRED, 0, 0, "stabilise or progress", goal_types, NULL},
    {"area_id", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0, "area", NULL, NULL},
    {"keep_warm", JT_BOOLEAN, JF_REQUIRED, 0, 0, "keeping the line warm", NULL, NULL},
    {"opened_on", JT_DATE, JF_REQUIRED, 0, 0, "opened on", NULL, NULL},
    {"closed_on", JT_DATE, JF_REQUIRED | JF_NULLABLE, 0, 0, "closed on", NULL, NULL},
    {"closure_reason", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "closure_reason code", NULL,
     NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 0, 0, "record version (If-Match)", NULL, NULL},
};
const struct jschema h_schema_dossier_summary = JSCHEMA("DossierSummary", summary_fields);

static const struct jfield intensity_fields[] = {
    {"pattern", JT_STRING, JF_REQUIRED, 1, 64, "intensity_pattern code", NULL, NULL},
    {"agreed_on", JT_DATE, JF_REQUIRED, 0, 0, "agreed with the client on", NULL, NULL},
};
const struct jschema h_schema_intensity = JSCHEMA("Intensity", intensity_fields);

static const struct jfield assignment_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "assignment id", NULL, NULL},
    {"dossier_id", JT_UUID, JF_REQUIRED, 0, 0, "dossier", NULL, NULL},
    {"worker_id", JT_UUID, JF_REQUIRED, 0, 0, "worker", NULL, NULL},
    {"worker_name", JT_STRING, JF_REQUIRED, 0, 0, "worker's name", NULL, NULL},
    {"role", JT_STRING, JF_REQUIRED, 0, 0, "role on this dossier", roles_all, NULL},
    {"start_on", JT_DATE, JF_REQUIRED, 0, 0, "start", NULL, NULL},
    {"end_on", JT_DATE, JF_REQUIRED | JF_NULLABLE, 0, 0, "end", NULL, NULL},
    {"intensity", JT_OBJECT, JF_REQUIRED | JF_NULLABLE, 0, 0, "current intensity", NULL,
     &h_schema_intensity},
    {"version", JT_INTEGER, JF_REQUIRED, 0, 0, "record version (If-Match)", NULL, NULL},
};
const struct jschema h_schema_assignment = JSCHEMA("Assignment", assignment_fields);

static const struct jfield consent_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "consent id", NULL, NULL},
    {"client_id", JT_UUID, JF_REQUIRED, 0, 0, "client", NULL, NULL},
    {"dossier_id", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0, "dossier", NULL, NULL},
    {"kind", JT_STRING, JF_REQUIRED, 0, 0, "what was agreed", consent_kinds, NULL},
    {"given", JT_BOOLEAN, JF_REQUIRED, 0, 0, "agreed (true) or refused (false)", NULL, NULL},
    {"recorded_on", JT_DATE, JF_REQUIRED, 0, 0, "date of the conversation", NULL, NULL},
    {"recorded_by", JT_UUID, JF_REQUIRED, 0, 0, "worker who recorded it", NULL, NULL},
};
const struct jschema h_schema_consent = JSCHEMA("Consent", consent_fields);

static const struct jfield person_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "worker id", NULL, NULL},
    {"name", JT_STRING, JF_REQUIRED, 0, 0, "name", NULL, NULL},
};
static const struct jschema person_schema = JSCHEMA("WorkerRef", person_fields);

static const struct jfield dossier_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "dossier id", NULL, NULL},
    {"client_id", JT_UUID, JF_REQUIRED, 0, 0, "client", NULL, NULL},
    {"client_code", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "client's code", NULL, NULL},
    {"responsible_id", JT_UUID, JF_REQUIRED, 0, 0, "responsible generalist", NULL, NULL},
    {"status", JT_STRING, JF_REQUIRED, 0, 0, "open or closed", statuses, NULL},
    {"goal_type", JT_STRING, JF_REQUIRED, 0, 0, "stabilise or progress", goal_types, NULL},
    {"area_id", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0, "area", NULL, NULL},
    {"keep_warm", JT_BOOLEAN, JF_REQUIRED, 0, 0, "keeping the line warm", NULL, NULL},
    {"opened_on", JT_DATE, JF_REQUIRED, 0, 0, "opened on", NULL, NULL},
    {"closed_on", JT_DATE, JF_REQUIRED | JF_NULLABLE, 0, 0, "closed on", NULL, NULL},
    {"closure_reason", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "closure_reason code", NULL,
     NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 0, 0, "record version (If-Match)", NULL, NULL},
    {"client", JT_OBJECT, JF_REQUIRED, 0, 0, "the client", NULL, &h_schema_client},
    {"responsible", JT_OBJECT, JF_REQUIRED, 0, 0, "responsible generalist", NULL, &person_schema},
    {"assignments", JT_ARRAY, JF_REQUIRED, 0, 0, "active assignments", NULL, &h_schema_assignment},
    {"consents", JT_ARRAY, JF_REQUIRED, 0, 0, "the client's consent records", NULL,
     &h_schema_consent},
};
const struct jschema h_schema_dossier = JSCHEMA("Dossier", dossier_fields);

static const struct jfield page_fields[] = {
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "dossiers by id", NULL, &h_schema_dossier_summary},
    {"next", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0, "cursor for ?after=, null at the end", NULL,
     NULL},
};
const struct jschema h_schema_dossier_page = JSCHEMA("DossierPage", page_fields);

static const struct jfield patch_fields[] = {
    {"goal_type", JT_STRING, 0, 0, 0, "stabilise or progress", goal_types, NULL},
    {"area_id", JT_UUID, JF_NULLABLE, 0, 0, "area; null clears", NULL, NULL},
    {"keep_warm", JT_BOOLEAN, 0, 0, 0, "keep the line warm", NULL, NULL},
};
const struct jschema h_schema_dossier_patch = JSCHEMA("DossierPatch", patch_fields);

static const struct jfield responsible_fields[] = {
    {"worker_id", JT_UUID, JF_REQUIRED, 0, 0, "an active generalist of the organisation", NULL,
     NULL},
};
const struct jschema h_schema_dossier_responsible =
    JSCHEMA("DossierResponsible", responsible_fields);

static const struct jfield assignment_add_fields[] = {
    {"worker_id", JT_UUID, JF_REQUIRED, 0, 0, "worker to assign", NULL, NULL},
    {"role", JT_STRING, JF_REQUIRED, 0, 0, "experts come from requests", roles_add, NULL},
    {"start_on", JT_DATE, JF_REQUIRED, 0, 0, "start", NULL, NULL},
    {"intensity", JT_OBJECT, JF_REQUIRED, 0, 0, "agreed intensity", NULL, &h_schema_intensity},
};
const struct jschema h_schema_assignment_add = JSCHEMA("AssignmentAdd", assignment_add_fields);

static const struct jfield end_fields[] = {
    {"end_on", JT_DATE, JF_REQUIRED, 0, 0, "last day", NULL, NULL},
};
const struct jschema h_schema_assignment_end = JSCHEMA("AssignmentEnd", end_fields);

static const struct jfield consent_add_fields[] = {
    {"kind", JT_STRING, JF_REQUIRED, 0, 0, "what was agreed", consent_kinds, NULL},
    {"given", JT_BOOLEAN, JF_REQUIRED, 0, 0, "agreed (true) or refused (false)", NULL, NULL},
    {"recorded_on", JT_DATE, JF_REQUIRED, 0, 0, "date of the conversation", NULL, NULL},
};
const struct jschema h_schema_consent_add = JSCHEMA("ConsentAdd", consent_add_fields);

int h_dossiers_list(struct http_req *req)
{
    struct dossier_rec *ds;
    size_t n;
    int limit;
    int rc = h_page_limit(req, &limit);
    if (rc)
        return rc;
    rc = app_dossier_list_mine(&req->app, http_query(req, "status"), http_query(req, "after"),
                               limit + 1, &ds, &n);
    if (rc)
        return rc;
    json_t *items = json_array();
    for (size_t i = 0; i < n && i < (size_t)limit; i++)
        json_array_append_new(items, dossier_summary_to_json(&ds[i]));
    const char *next = n > (size_t)limit ? ds[limit - 1].id : NULL;
    return http_reply_json(
        req, MHD_HTTP_OK,
        pdjson_pack("{s:o, s:o}", "items", items, "next", pdjson_str_or_null(next)));
}

static int reply_view(struct http_req *req, int rc, const struct dossier_view *v)
{
    if (rc == PD_ESTALE)
        return http_reply_stale(req, v->d.version ? dossier_view_to_json(v) : NULL);
    if (rc)
        return rc;
    http_set_etag(req, v->d.version);
    return http_reply_json(req, MHD_HTTP_OK, dossier_view_to_json(v));
}

int h_dossiers_get(struct http_req *req)
{
    struct dossier_view v;
    return reply_view(req, app_dossier_get(&req->app, http_param(req, "id"), &v), &v);
}

int h_dossiers_patch(struct http_req *req)
{
    struct dossier_view v;
    int64_t version;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    const json_t *j = req->json;
    json_t *area = json_object_get(j, "area_id");
    json_t *kw = json_object_get(j, "keep_warm");
    memset(&v, 0, sizeof(v));
    int rc = app_dossier_update(&req->app, http_param(req, "id"), version,
                                pdjson_str(j, "goal_type", NULL),
                                !area                  ? NULL
                                : json_is_string(area) ? json_string_value(area)
                                                       : "",
                                json_is_boolean(kw) ? json_is_true(kw) : -1, &v);
    return reply_view(req, rc, &v);
}

int h_dossiers_responsible(struct http_req *req)
{
    struct dossier_view v;
    int64_t version;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    memset(&v, 0, sizeof(v));
    int rc = app_dossier_set_responsible(&req->app, http_param(req, "id"), version,
                                         pdjson_str(req->json, "worker_id", ""), &v);
    return reply_view(req, rc, &v);
}

int h_dossiers_assign(struct http_req *req)
{
    struct assignment_rec s;
    const json_t *j = req->json;
    const json_t *in = json_object_get(j, "intensity");
    int rc = app_assignment_add(&req->app, http_param(req, "id"), pdjson_str(j, "worker_id", ""),
                                pdjson_str(j, "role", ""), pdjson_str(j, "start_on", ""),
                                pdjson_str(in, "pattern", ""), pdjson_str(in, "agreed_on", ""), &s);
    if (rc)
        return rc;
    http_set_etag(req, s.version);
    return http_reply_json(req, MHD_HTTP_CREATED, assignment_to_json(&s));
}

static int reply_assignment(struct http_req *req, int rc, const struct assignment_rec *s)
{
    if (rc == PD_ESTALE)
        return http_reply_stale(req, assignment_to_json(s));
    if (rc)
        return rc;
    http_set_etag(req, s->version);
    return http_reply_json(req, MHD_HTTP_OK, assignment_to_json(s));
}

int h_assignments_intensity(struct http_req *req)
{
    struct assignment_rec s;
    int64_t version;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    int rc = app_assignment_intensity(&req->app, http_param(req, "id"), version,
                                      pdjson_str(req->json, "pattern", ""),
                                      pdjson_str(req->json, "agreed_on", ""), &s);
    return reply_assignment(req, rc, &s);
}

int h_assignments_end(struct http_req *req)
{
    struct assignment_rec s;
    int64_t version;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    int rc = app_assignment_end(&req->app, http_param(req, "id"), version,
                                pdjson_str(req->json, "end_on", ""), &s);
    return reply_assignment(req, rc, &s);
}

int h_dossiers_consent(struct http_req *req)
{
    struct consent_rec c;
    int rc = app_consent_add(&req->app, http_param(req, "id"), pdjson_str(req->json, "kind", ""),
                             pdjson_bool(req->json, "given", false),
                             pdjson_str(req->json, "recorded_on", ""), &c);
    if (rc)
        return rc;
    return http_reply_json(req, MHD_HTTP_CREATED, consent_to_json(&c));
}
