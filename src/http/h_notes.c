/*
 * h_notes.c: writing the dossier timeline.
 *
 *   POST  /api/v1/dossiers/{id}/notes {kind, contact_on, minutes?, body, attempt?,
 *                                      activities?, approaches?}          -> 201 Note
 *   GET   /api/v1/notes/{id}                                             -> Note (ETag)
 *   PATCH /api/v1/notes/{id} {any of the above} + If-Match (author only) -> Note
 *   POST  /api/v1/dossiers/{id}/evaluations {planned_on}                 -> 201 Evaluation
 *   PATCH /api/v1/dossiers/{id}/evaluations/{eid} {held_on, summary?} + If-Match
 *   POST  /api/v1/dossiers/{id}/referrals {service, referred_on, accompanied?, note?}
 *   POST  /api/v1/dossiers/{id}/bridging {awaited, waiting_since, keeper_id}
 *   POST  /api/v1/dossiers/{id}/bridging/{bid}/end {ended_on} (+ If-Match, optional)
 *   POST  /api/v1/bridging/{id}/end                  (the same, by the period's id alone)
 *   POST  /api/v1/dossiers/{id}/close {reason, outcomes_client?, outcomes_generalist?,
 *                                      note?} + If-Match                 -> DossierSummary
 *   POST  /api/v1/dossiers/{id}/reopen {reason?} + If-Match              -> DossierSummary
 *
 * A dossier the actor may not see is 404 like a missing one; a write on a closed dossier
 * the actor can read is 409; a stale If-Match is 412 with the current record.
 */
#include <microhttpd.h>
#include <string.h>

#include "../app/clients.h"
#include "../app/timeline.h"
#include "conditional.h"
#include "handlers.h"
#include "http_int.h"

static const char *const author_roles[] = {"generalist", "expert", "bridging_expert", NULL};

static const struct jfield note_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "note id", NULL, NULL},
    {"dossier_id", JT_UUID, JF_REQUIRED, 0, 0, "dossier", NULL, NULL},
    {"author_id", JT_UUID, JF_REQUIRED, 0, 0, "who wrote it", NULL, NULL},
    {"author_role", JT_STRING, JF_REQUIRED, 0, 0, "in which role", author_roles, NULL},
    {"kind", JT_STRING, JF_REQUIRED, 0, 0, "contact_kind code", NULL, NULL},
    {"contact_on", JT_DATE, JF_REQUIRED, 0, 0, "date of the contact", NULL, NULL},
    {"minutes", JT_INTEGER, JF_REQUIRED, 0, 1440, "duration", NULL, NULL},
    {"attempt", JT_BOOLEAN, JF_REQUIRED, 0, 0, "a contact attempt without response", NULL, NULL},
    {"body", JT_STRING, JF_REQUIRED, 1, LIMIT_NOTE_CHARS, "the note", NULL, NULL},
    {"activities", JT_ARRAY, JF_REQUIRED, 0, LIMIT_NOTE_CODES, "activity codes", NULL, NULL},
    {"approaches", JT_ARRAY, JF_REQUIRED, 0, LIMIT_NOTE_CODES, "approach codes", NULL, NULL},
    {"created_at", JT_DATETIME, JF_REQUIRED, 0, 0, "written at", NULL, NULL},
    {"updated_at", JT_DATETIME, JF_REQUIRED, 0, 0, "last changed at", NULL, NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 0, 0, "record version (If-Match)", NULL, NULL},
};
const struct jschema h_schema_note = JSCHEMA("Note", note_fields);

static const struct jfield note_create_fields[] = {
    {"kind", JT_STRING, JF_REQUIRED, 1, 64, "contact_kind code", NULL, NULL},
    {"contact_on", JT_DATE, JF_REQUIRED, 0, 0, "date of the contact, not in the future", NULL,
     NULL},
    {"minutes", JT_INTEGER, 0, 0, 1440, "duration in minutes (default 0)", NULL, NULL},
    {"body", JT_STRING, JF_REQUIRED, 1, LIMIT_NOTE_CHARS, "the note", NULL, NULL},
    {"attempt", JT_BOOLEAN, 0, 0, 0, "a contact attempt without response (phone, message, visit)",
     NULL, NULL},
    {"activities", JT_ARRAY, 0, 0, LIMIT_NOTE_CODES, "activity codes", NULL, NULL},
    {"approaches", JT_ARRAY, 0, 0, LIMIT_NOTE_CODES, "approach codes", NULL, NULL},
};
const struct jschema h_schema_note_create = JSCHEMA("NoteCreate", note_create_fields);

static const struct jfield note_patch_fields[] = {
    {"kind", JT_STRING, 0, 1, 64, "contact_kind code", NULL, NULL},
    {"contact_on", JT_DATE, 0, 0, 0, "date of the contact", NULL, NULL},
    {"minutes", JT_INTEGER, 0, 0, 1440, "duration in minutes", NULL, NULL},
    {"body", JT_STRING, 0, 1, LIMIT_NOTE_CHARS, "the note", NULL, NULL},
    {"attempt", JT_BOOLEAN, 0, 0, 0, "a contact attempt", NULL, NULL},
    {"activities", JT_ARRAY, 0, 0, LIMIT_NOTE_CODES, "activity codes (replaces)", NULL, NULL},
    {"approaches", JT_ARRAY, 0, 0, LIMIT_NOTE_CODES, "approach codes (replaces)", NULL, NULL},
};
const struct jschema h_schema_note_patch = JSCHEMA("NotePatch", note_patch_fields);

static const struct jfield evaluation_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "evaluation id", NULL, NULL},
    {"dossier_id", JT_UUID, JF_REQUIRED, 0, 0, "dossier", NULL, NULL},
    {"planned_on", JT_DATE, JF_REQUIRED, 0, 0, "planned for", NULL, NULL},
    {"planned_by", JT_UUID, JF_REQUIRED, 0, 0, "who planned it", NULL, NULL},
    {"held_on", JT_DATE, JF_REQUIRED | JF_NULLABLE, 0, 0, "held on", NULL, NULL},
    {"summary", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, LIMIT_TIMELINE_TEXT, "summary", NULL,
     NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 0, 0, "record version (If-Match)", NULL, NULL},
};
const struct jschema h_schema_evaluation = JSCHEMA("Evaluation", evaluation_fields);

static const struct jfield evaluation_plan_fields[] = {
    {"planned_on", JT_DATE, JF_REQUIRED, 0, 0, "date of the evaluation", NULL, NULL},
};
const struct jschema h_schema_evaluation_plan = JSCHEMA("EvaluationPlan", evaluation_plan_fields);

static const struct jfield evaluation_held_fields[] = {
    {"held_on", JT_DATE, JF_REQUIRED, 0, 0, "held on, not in the future", NULL, NULL},
    {"summary", JT_STRING, JF_NULLABLE, 0, LIMIT_TIMELINE_TEXT, "what came out of it", NULL, NULL},
};
const struct jschema h_schema_evaluation_held = JSCHEMA("EvaluationHeld", evaluation_held_fields);

static const struct jfield referral_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "referral id", NULL, NULL},
    {"dossier_id", JT_UUID, JF_REQUIRED, 0, 0, "dossier", NULL, NULL},
    {"service", JT_STRING, JF_REQUIRED, 0, 0, "referral_service code", NULL, NULL},
    {"referred_on", JT_DATE, JF_REQUIRED, 0, 0, "referred on", NULL, NULL},
    {"accompanied", JT_BOOLEAN, JF_REQUIRED, 0, 0, "the worker went along", NULL, NULL},
    {"note", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, LIMIT_TIMELINE_TEXT, "note", NULL, NULL},
    {"created_by", JT_UUID, JF_REQUIRED, 0, 0, "recorded by", NULL, NULL},
};
const struct jschema h_schema_referral = JSCHEMA("Referral", referral_fields);

static const struct jfield referral_create_fields[] = {
    {"service", JT_STRING, JF_REQUIRED, 1, 64, "referral_service code", NULL, NULL},
    {"referred_on", JT_DATE, JF_REQUIRED, 0, 0, "referred on, not in the future", NULL, NULL},
    {"accompanied", JT_BOOLEAN, 0, 0, 0, "the worker went along (default false)", NULL, NULL},
    {"note", JT_STRING, JF_NULLABLE, 0, LIMIT_TIMELINE_TEXT, "note", NULL, NULL},
};
const struct jschema h_schema_referral_create = JSCHEMA("ReferralCreate", referral_create_fields);

static const struct jfield bridging_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "bridging id", NULL, NULL},
    {"dossier_id", JT_UUID, JF_REQUIRED, 0, 0, "dossier", NULL, NULL},
    {"awaited", JT_STRING, JF_REQUIRED, 0, 0, "referral_service code of the awaited service", NULL,
     NULL},
    {"waiting_since", JT_DATE, JF_REQUIRED, 0, 0, "waiting since", NULL, NULL},
    {"keeper_id", JT_UUID, JF_REQUIRED, 0, 0, "who keeps contact", NULL, NULL},
    {"ended_on", JT_DATE, JF_REQUIRED | JF_NULLABLE, 0, 0, "ended on", NULL, NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 0, 0, "record version (If-Match)", NULL, NULL},
};
const struct jschema h_schema_bridging = JSCHEMA("Bridging", bridging_fields);

static const struct jfield bridging_create_fields[] = {
    {"awaited", JT_STRING, JF_REQUIRED, 1, 64, "referral_service code of the awaited service", NULL,
     NULL},
    {"waiting_since", JT_DATE, JF_REQUIRED, 0, 0, "waiting since, not in the future", NULL, NULL},
    {"keeper_id", JT_UUID, JF_REQUIRED, 0, 0,
     "who keeps contact: the responsible generalist or a worker assigned on the dossier", NULL,
     NULL},
};
const struct jschema h_schema_bridging_create = JSCHEMA("BridgingCreate", bridging_create_fields);

static const struct jfield bridging_end_fields[] = {
    {"ended_on", JT_DATE, JF_REQUIRED, 0, 0, "last day, not in the future", NULL, NULL},
};
const struct jschema h_schema_bridging_end = JSCHEMA("BridgingEnd", bridging_end_fields);

static const struct jfield close_fields[] = {
    {"reason", JT_STRING, JF_REQUIRED, 1, 64, "closure_reason code", NULL, NULL},
    {"outcomes_client", JT_ARRAY, 0, 0, LIMIT_NOTE_CODES, "outcome_client codes", NULL, NULL},
    {"outcomes_generalist", JT_ARRAY, 0, 0, LIMIT_NOTE_CODES, "outcome_generalist codes", NULL,
     NULL},
    {"note", JT_STRING, JF_NULLABLE, 0, LIMIT_TIMELINE_TEXT,
     "closing note; required with reason no_response (for re-registration)", NULL, NULL},
};
const struct jschema h_schema_dossier_close = JSCHEMA("DossierClose", close_fields);

static const struct jfield reopen_fields[] = {
    {"reason", JT_STRING, JF_NULLABLE, 0, LIMIT_TIMELINE_TEXT, "re-registration note", NULL, NULL},
};
const struct jschema h_schema_dossier_reopen = JSCHEMA("DossierReopen", reopen_fields);

/* The strings of a JSON array member (checked by the schema) into an arena array. */
static const char *const *str_list(struct http_req *req, const json_t *obj, const char *name,
                                   size_t *n)
{
    const json_t *a = json_object_get(obj, name);
    *n = json_is_array(a) ? json_array_size(a) : 0;
    if (!*n)
        return NULL;
    const char **v = arena_array(&req->arena, *n, sizeof(*v));
    for (size_t i = 0; i < *n; i++)
        v[i] = json_string_value(json_array_get(a, i));
    return v;
}

static void note_input_read(struct http_req *req, struct note_input *in)
{
    const json_t *j = req->json;
    memset(in, 0, sizeof(*in));
    in->set_kind = json_is_string(json_object_get(j, "kind"));
    in->kind = pdjson_str(j, "kind", NULL);
    in->set_contact_on = json_is_string(json_object_get(j, "contact_on"));
    in->contact_on = pdjson_str(j, "contact_on", NULL);
    in->set_minutes = json_is_integer(json_object_get(j, "minutes"));
    in->minutes = (int)pdjson_int(j, "minutes", 0);
    in->set_attempt = json_is_boolean(json_object_get(j, "attempt"));
    in->attempt = pdjson_bool(j, "attempt", false);
    in->set_body = json_is_string(json_object_get(j, "body"));
    in->body = pdjson_str(j, "body", NULL);
    in->set_activities = json_is_array(json_object_get(j, "activities"));
    in->activities = str_list(req, j, "activities", &in->nactivities);
    in->set_approaches = json_is_array(json_object_get(j, "approaches"));
    in->approaches = str_list(req, j, "approaches", &in->napproaches);
}

static int reply_note(struct http_req *req, int rc, int status, const struct note_rec *n)
{
    if (rc == PD_ESTALE)
        return http_reply_stale(req, n->version ? note_to_json(n) : NULL);
    if (rc)
        return rc;
    http_set_etag(req, n->version);
    return http_reply_json(req, status, note_to_json(n));
}

int h_notes_create(struct http_req *req)
{
    struct note_input in;
    struct note_rec n;
    note_input_read(req, &in);
    int rc = app_note_create(&req->app, http_param(req, "id"), &in, &n);
    return reply_note(req, rc, MHD_HTTP_CREATED, &n);
}

int h_notes_get(struct http_req *req)
{
    struct note_rec n;
    int rc = app_note_get(&req->app, http_param(req, "id"), &n);
    return reply_note(req, rc, MHD_HTTP_OK, &n);
}

int h_notes_patch(struct http_req *req)
{
    struct note_input in;
    struct note_rec n;
    int64_t version;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    note_input_read(req, &in);
    memset(&n, 0, sizeof(n));
    int rc = app_note_update(&req->app, http_param(req, "id"), version, &in, &n);
    return reply_note(req, rc, MHD_HTTP_OK, &n);
}

static int reply_evaluation(struct http_req *req, int rc, int status,
                            const struct evaluation_rec *v)
{
    if (rc == PD_ESTALE)
        return http_reply_stale(req, v->version ? evaluation_to_json(v) : NULL);
    if (rc)
        return rc;
    http_set_etag(req, v->version);
    return http_reply_json(req, status, evaluation_to_json(v));
}

int h_evaluations_create(struct http_req *req)
{
    struct evaluation_rec v;
    int rc = app_evaluation_plan(&req->app, http_param(req, "id"),
                                 pdjson_str(req->json, "planned_on", ""), &v);
    return reply_evaluation(req, rc, MHD_HTTP_CREATED, &v);
}

int h_evaluations_patch(struct http_req *req)
{
    struct evaluation_rec v;
    int64_t version;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    memset(&v, 0, sizeof(v));
    int rc = app_evaluation_hold(&req->app, http_param(req, "id"), http_param(req, "eid"), version,
                                 pdjson_str(req->json, "held_on", ""),
                                 pdjson_str(req->json, "summary", NULL), &v);
    return reply_evaluation(req, rc, MHD_HTTP_OK, &v);
}

int h_referrals_create(struct http_req *req)
{
    struct referral_rec f;
    const json_t *j = req->json;
    int rc =
        app_referral_add(&req->app, http_param(req, "id"), pdjson_str(j, "service", ""),
                         pdjson_str(j, "referred_on", ""), pdjson_bool(j, "accompanied", false),
                         pdjson_str(j, "note", NULL), &f);
    if (rc)
        return rc;
    return http_reply_json(req, MHD_HTTP_CREATED, referral_to_json(&f));
}

static int reply_bridging(struct http_req *req, int rc, int status, const struct bridging_rec *b)
{
    if (rc == PD_ESTALE)
        return http_reply_stale(req, b->version ? bridging_to_json(b) : NULL);
    if (rc)
        return rc;
    http_set_etag(req, b->version);
    return http_reply_json(req, status, bridging_to_json(b));
}

int h_bridging_create(struct http_req *req)
{
    struct bridging_rec b;
    const json_t *j = req->json;
    int rc =
        app_bridging_start(&req->app, http_param(req, "id"), pdjson_str(j, "awaited", ""),
                           pdjson_str(j, "waiting_since", ""), pdjson_str(j, "keeper_id", ""), &b);
    return reply_bridging(req, rc, MHD_HTTP_CREATED, &b);
}

int h_bridging_end(struct http_req *req)
{
    struct bridging_rec b;
    int64_t version;
    /* If-Match is optional here: ending is one-way (a second end is 409), so there is no
     * newer state a missing version could overwrite. Given, it is checked. */
    version = 0;
    if (http_header(req, "If-Match") && http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    memset(&b, 0, sizeof(b));
    /* Two paths: /bridging/{id}/end and /dossiers/{id}/bridging/{bid}/end. */
    const char *bid = http_param(req, "bid");
    int rc = app_bridging_end(&req->app, bid ? http_param(req, "id") : NULL,
                              bid ? bid : http_param(req, "id"), version,
                              pdjson_str(req->json, "ended_on", ""), &b);
    return reply_bridging(req, rc, MHD_HTTP_OK, &b);
}

static int reply_dossier(struct http_req *req, int rc, const struct dossier_rec *d)
{
    if (rc == PD_ESTALE)
        return http_reply_stale(req, d->version ? dossier_summary_to_json(d) : NULL);
    if (rc)
        return rc;
    http_set_etag(req, d->version);
    return http_reply_json(req, MHD_HTTP_OK, dossier_summary_to_json(d));
}

int h_dossiers_close(struct http_req *req)
{
    struct close_input in = {0};
    struct dossier_rec d;
    int64_t version;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    const json_t *j = req->json;
    in.reason = pdjson_str(j, "reason", "");
    in.note = pdjson_str(j, "note", NULL);
    in.outcomes_client = str_list(req, j, "outcomes_client", &in.noutcomes_client);
    in.outcomes_generalist = str_list(req, j, "outcomes_generalist", &in.noutcomes_generalist);
    memset(&d, 0, sizeof(d));
    return reply_dossier(req, app_dossier_close(&req->app, http_param(req, "id"), version, &in, &d),
                         &d);
}

int h_dossiers_reopen(struct http_req *req)
{
    struct dossier_rec d;
    int64_t version;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    memset(&d, 0, sizeof(d));
    int rc = app_dossier_reopen(&req->app, http_param(req, "id"), version,
                                pdjson_str(req->json, "reason", NULL), &d);
    return reply_dossier(req, rc, &d);
}
