/*
 * h_consult.c: the expert's consultation log and case discussions.
 *
 *   POST  /api/v1/consultations {channel, theme, summary, response, asker_id?, formal?,
 *                                minutes?, held_on?, dossier_id?}       -> 201 Consultation
 *   GET   /api/v1/consultations?after=&limit=&all=1                     -> ConsultationPage
 *   GET   /api/v1/consultations/{id}                                    -> Consultation (ETag)
 *   PATCH /api/v1/consultations/{id} {any of the above} + If-Match      -> Consultation
 *   POST  /api/v1/case-discussions {held_on, outcome, expert_ids, team_id?, presenter_id?,
 *                                   dossier_id?, summary?}              -> 201 CaseDiscussion
 *   GET   /api/v1/case-discussions?after=&limit=                        -> CaseDiscussionPage
 *
 * Four fields make a consultation, so it is logged in seconds. A consultation or case
 * discussion linked to a dossier is client data (need-to-know and audit in app/consult.c).
 */
#include <microhttpd.h>
#include <string.h>

#include "../app/consult.h"
#include "conditional.h"
#include "handlers.h"
#include "http_int.h"

static const char *const responses[] = {"advice", "joined_conversation", "became_request", NULL};
static const char *const outcomes[] = {"expert_joins", "advice", "none", NULL};

static const struct jfield consult_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "consultation id", NULL, NULL},
    {"expert_id", JT_UUID, JF_REQUIRED, 0, 0, "the expert who was asked", NULL, NULL},
    {"asker_id", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0, "the colleague who asked", NULL, NULL},
    {"channel", JT_STRING, JF_REQUIRED, 0, 0, "code of vocabulary channel", NULL, NULL},
    {"formal", JT_BOOLEAN, JF_REQUIRED, 0, 0, "asked formally (case discussion, appointment)", NULL,
     NULL},
    {"theme", JT_STRING, JF_REQUIRED, 0, 0, "code of generic_theme or experience_area", NULL, NULL},
    {"summary", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0,
     "question and answer; null in the team view and when the dossier is out of reach", NULL, NULL},
    {"response", JT_STRING, JF_REQUIRED, 0, 0, "what the expert did", responses, NULL},
    {"minutes", JT_INTEGER, JF_REQUIRED, 0, 1440, "time spent", NULL, NULL},
    {"dossier_id", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0, "linked dossier, if any", NULL, NULL},
    {"held_on", JT_DATE, JF_REQUIRED, 0, 0, "date of the consultation", NULL, NULL},
    {"created_at", JT_DATETIME, JF_REQUIRED, 0, 0, "logged at", NULL, NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 0, 0, "record version (If-Match)", NULL, NULL},
};
const struct jschema h_schema_consultation = JSCHEMA("Consultation", consult_fields);

/* Strings are capped generously here; the use case names the field with the exact rule. */
static const struct jfield consult_create_fields[] = {
    {"channel", JT_STRING, JF_REQUIRED, 1, 200, "code of vocabulary channel", NULL, NULL},
    {"theme", JT_STRING, JF_REQUIRED, 1, 200, "code of generic_theme or experience_area", NULL,
     NULL},
    {"summary", JT_STRING, JF_REQUIRED, 0, 20000, "question and answer in a few lines", NULL, NULL},
    {"response", JT_STRING, JF_REQUIRED, 0, 0, "what the expert did", responses, NULL},
    {"asker_id", JT_UUID, JF_NULLABLE, 0, 0, "the colleague who asked (optional)", NULL, NULL},
    {"formal", JT_BOOLEAN, 0, 0, 0, "asked formally (default false)", NULL, NULL},
    {"minutes", JT_INTEGER, 0, 0, 1440, "time spent (default 0)", NULL, NULL},
    {"held_on", JT_DATE, 0, 0, 0, "date (default today)", NULL, NULL},
    {"dossier_id", JT_UUID, JF_NULLABLE, 0, 0,
     "link a dossier (needs write access; makes it client data)", NULL, NULL},
};
const struct jschema h_schema_consultation_create =
    JSCHEMA("ConsultationCreate", consult_create_fields);

static const struct jfield consult_patch_fields[] = {
    {"channel", JT_STRING, 0, 1, 200, "code of vocabulary channel", NULL, NULL},
    {"theme", JT_STRING, 0, 1, 200, "code of generic_theme or experience_area", NULL, NULL},
    {"summary", JT_STRING, 0, 0, 20000, "question and answer", NULL, NULL},
    {"response", JT_STRING, 0, 0, 0, "what the expert did", responses, NULL},
    {"asker_id", JT_UUID, JF_NULLABLE, 0, 0, "the colleague who asked; null clears", NULL, NULL},
    {"formal", JT_BOOLEAN, 0, 0, 0, "asked formally", NULL, NULL},
    {"minutes", JT_INTEGER, 0, 0, 1440, "time spent", NULL, NULL},
    {"held_on", JT_DATE, 0, 0, 0, "date", NULL, NULL},
    {"dossier_id", JT_UUID, 0, 0, 0, "link a dossier to an unlinked consultation", NULL, NULL},
};
const struct jschema h_schema_consultation_patch =
    JSCHEMA("ConsultationPatch", consult_patch_fields);

static const struct jfield consult_page_fields[] = {
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "newest first", NULL, &h_schema_consultation},
    {"next", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0, "cursor for the next page (after=)", NULL,
     NULL},
};
const struct jschema h_schema_consultation_page = JSCHEMA("ConsultationPage", consult_page_fields);

static const struct jfield discussion_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "case discussion id", NULL, NULL},
    {"held_on", JT_DATE, JF_REQUIRED, 0, 0, "date", NULL, NULL},
    {"team_id", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0, "team that held it", NULL, NULL},
    {"presenter_id", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0, "who brought the case in", NULL,
     NULL},
    {"dossier_id", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0, "linked dossier, if any", NULL, NULL},
    {"outcome", JT_STRING, JF_REQUIRED, 0, 0, "what came of it", outcomes, NULL},
    {"summary", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0,
     "summary; null when none or the dossier is out of reach", NULL, NULL},
    {"expert_ids", JT_ARRAY, JF_REQUIRED, 0, 0, "experts present", NULL, NULL},
    {"created_by", JT_UUID, JF_REQUIRED, 0, 0, "who recorded it", NULL, NULL},
    {"created_at", JT_DATETIME, JF_REQUIRED, 0, 0, "recorded at", NULL, NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 0, 0, "record version", NULL, NULL},
};
const struct jschema h_schema_discussion = JSCHEMA("CaseDiscussion", discussion_fields);

static const struct jfield discussion_create_fields[] = {
    {"held_on", JT_DATE, JF_REQUIRED, 0, 0, "date", NULL, NULL},
    {"outcome", JT_STRING, JF_REQUIRED, 0, 0, "what came of it", outcomes, NULL},
    {"expert_ids", JT_ARRAY, JF_REQUIRED, 0, LIMIT_DISCUSSION_EXPERTS, "experts present", NULL,
     NULL},
    {"team_id", JT_UUID, JF_NULLABLE, 0, 0, "team that held it (optional)", NULL, NULL},
    {"presenter_id", JT_UUID, JF_NULLABLE, 0, 0, "who brought the case in (optional)", NULL, NULL},
    {"dossier_id", JT_UUID, JF_NULLABLE, 0, 0,
     "link a dossier (needs write access; makes it client data)", NULL, NULL},
    {"summary", JT_STRING, JF_NULLABLE, 0, 20000, "summary (optional)", NULL, NULL},
};
const struct jschema h_schema_discussion_create =
    JSCHEMA("CaseDiscussionCreate", discussion_create_fields);

static const struct jfield discussion_page_fields[] = {
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "newest first", NULL, &h_schema_discussion},
    {"next", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0, "cursor for the next page (after=)", NULL,
     NULL},
};
const struct jschema h_schema_discussion_page =
    JSCHEMA("CaseDiscussionPage", discussion_page_fields);

/* The input of POST and PATCH: what the body names, -1 / NULL for what it does not. */
static void consult_input(const json_t *j, struct consult_input *in)
{
    json_t *asker = json_object_get(j, "asker_id");
    memset(in, 0, sizeof(*in));
    in->asker_id = json_is_null(asker) ? "" : pdjson_str(j, "asker_id", NULL);
    in->channel = pdjson_str(j, "channel", NULL);
    in->formal =
        json_is_boolean(json_object_get(j, "formal")) ? pdjson_bool(j, "formal", false) : -1;
    in->theme = pdjson_str(j, "theme", NULL);
    in->summary = pdjson_str(j, "summary", NULL);
    in->response = pdjson_str(j, "response", NULL);
    in->minutes =
        json_is_integer(json_object_get(j, "minutes")) ? (int)pdjson_int(j, "minutes", 0) : -1;
    in->held_on = pdjson_str(j, "held_on", NULL);
    in->dossier_id = pdjson_str(j, "dossier_id", NULL);
}

int h_consult_create(struct http_req *req)
{
    struct consult_input in;
    struct consult_rec c;
    consult_input(req->json, &in);
    if (!in.summary)
        in.summary = "";
    int rc = app_consult_create(&req->app, &in, &c);
    if (rc)
        return rc;
    http_set_etag(req, c.version);
    return http_reply_json(req, MHD_HTTP_CREATED, consult_to_json(&c));
}

int h_consult_list(struct http_req *req)
{
    struct consult_rec *cs;
    size_t n;
    int limit;
    int rc = h_page_limit(req, &limit);
    if (rc)
        return rc;
    const char *all = http_query(req, "all");
    if (all && strcmp(all, "1") != 0 && strcmp(all, "0") != 0)
        return err_set(&req->app.err, PD_EINVAL, "all", "1 or 0");
    rc = app_consult_list(&req->app, all && strcmp(all, "1") == 0, http_query(req, "after"),
                          limit + 1, &cs, &n);
    if (rc)
        return rc;
    json_t *items = json_array();
    for (size_t i = 0; i < n && i < (size_t)limit; i++)
        json_array_append_new(items, consult_to_json(&cs[i]));
    const char *next = n > (size_t)limit ? cs[limit - 1].id : NULL;
    return http_reply_json(
        req, MHD_HTTP_OK,
        pdjson_pack("{s:o, s:o}", "items", items, "next", pdjson_str_or_null(next)));
}

int h_consult_get(struct http_req *req)
{
    struct consult_rec c;
    int rc = app_consult_get(&req->app, http_param(req, "id"), &c);
    if (rc)
        return rc;
    http_set_etag(req, c.version);
    return http_reply_json(req, MHD_HTTP_OK, consult_to_json(&c));
}

int h_consult_patch(struct http_req *req)
{
    struct consult_input in;
    struct consult_rec out;
    int64_t version;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    consult_input(req->json, &in);
    memset(&out, 0, sizeof(out));
    int rc = app_consult_update(&req->app, http_param(req, "id"), version, &in, &out);
    if (rc == PD_ESTALE)
        return http_reply_stale(req, out.version ? consult_to_json(&out) : NULL);
    if (rc)
        return rc;
    http_set_etag(req, out.version);
    return http_reply_json(req, MHD_HTTP_OK, consult_to_json(&out));
}

int h_discussion_create(struct http_req *req)
{
    const json_t *j = req->json;
    json_t *ids = json_object_get(j, "expert_ids");
    size_t n = json_array_size(ids);
    const char **experts = arena_array(&req->arena, n ? n : 1, sizeof(char *));
    for (size_t i = 0; i < n; i++)
        experts[i] = json_string_value(json_array_get(ids, i));
    struct discussion_input in = {.held_on = pdjson_str(j, "held_on", NULL),
                                  .team_id = pdjson_str(j, "team_id", NULL),
                                  .presenter_id = pdjson_str(j, "presenter_id", NULL),
                                  .dossier_id = pdjson_str(j, "dossier_id", NULL),
                                  .outcome = pdjson_str(j, "outcome", NULL),
                                  .summary = pdjson_str(j, "summary", NULL),
                                  .expert_ids = experts,
                                  .nexperts = n};
    struct discussion_rec d;
    int rc = app_discussion_create(&req->app, &in, &d);
    if (rc)
        return rc;
    return http_reply_json(req, MHD_HTTP_CREATED, discussion_to_json(&d));
}

int h_discussion_list(struct http_req *req)
{
    struct discussion_rec *ds;
    size_t n;
    int limit;
    int rc = h_page_limit(req, &limit);
    if (rc)
        return rc;
    rc = app_discussion_list(&req->app, http_query(req, "after"), limit + 1, &ds, &n);
    if (rc)
        return rc;
    json_t *items = json_array();
    for (size_t i = 0; i < n && i < (size_t)limit; i++)
        json_array_append_new(items, discussion_to_json(&ds[i]));
    const char *next = n > (size_t)limit ? ds[limit - 1].id : NULL;
    return http_reply_json(
        req, MHD_HTTP_OK,
        pdjson_pack("{s:o, s:o}", "items", items, "next", pdjson_str_or_null(next)));
}
