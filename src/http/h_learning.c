/*
 * h_learning.c: the curriculum framework and the learning portfolio (routes_learning.inc).
 *
 *   GET   /api/v1/curriculum                          -> Curriculum (seed + local items)
 *   GET   /api/v1/curriculum/units/{code}             -> CurriculumUnit
 *   POST  /api/v1/curriculum/local-units              -> 201 CurriculumUnit
 *   PATCH /api/v1/curriculum/local-units/{code}       -> CurriculumUnit (If-Match)
 *   POST  /api/v1/curriculum/local-assignments        -> 201 CurriculumAssignment
 *   PATCH /api/v1/curriculum/local-assignments/{code} -> CurriculumAssignment (If-Match)
 *   GET   /api/v1/learning/students                   -> Learners (a trainer's students)
 *   GET   /api/v1/portfolio/{worker}                  -> Portfolio ("me" or a worker id)
 *   POST  /api/v1/portfolio/{worker}/evidence         -> 201 Evidence
 *   GET|PATCH|DELETE /api/v1/portfolio/{worker}/evidence/{id}, GET .../{id}/file
 *   POST  /api/v1/portfolio/{worker}/feedback         -> 201 Feedback
 *   POST  /api/v1/portfolio/{worker}/signoffs         -> 201 SignOff
 *   POST  /api/v1/portfolio/{worker}/signoffs/{id}/withdraw -> SignOff (If-Match)
 *
 * Who may do what is decided in app/curriculum.c and app/portfolio.c; the portfolio routes
 * are open to every role at the route level so that an outsider's answer is the 404 of a
 * random id, never a 403 that tells the portfolio exists.
 */
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>

#include "../app/curriculum.h"
#include "../app/portfolio.h"
#include "../lib/buf.h"
#include "conditional.h"
#include "h_learning.h"
#include "http_int.h"

/* ---- schemas ---- */

static const char *const kinds[] = {"text", "file", "link", NULL};

static const struct jfield cur_assignment_fields[] = {
    {"code", JT_STRING, JF_REQUIRED, 0, 0, "BM1-01; local: <unit>-L01", NULL, NULL},
    {"unit", JT_STRING, JF_REQUIRED, 0, 0, "unit code", NULL, NULL},
    {"label", JT_STRING, JF_REQUIRED, 0, 0, "code of labels", NULL, NULL},
    {"output", JT_STRING, JF_REQUIRED, 0, 0, "code of outputs", NULL, NULL},
    {"competencies", JT_ARRAY, JF_REQUIRED, 0, 0, "competency codes it exercises", NULL, NULL},
    {"dilemmas", JT_ARRAY, JF_REQUIRED, 0, 0, "dilemma codes", NULL, NULL},
    {"tasks", JT_ARRAY, JF_REQUIRED, 0, 0, "BCP task codes", NULL, NULL},
    {"inferred", JT_ARRAY, JF_REQUIRED, 0, 0, "links we inferred, not stated in the source", NULL,
     NULL},
    {"text_nl", JT_STRING, JF_REQUIRED, 0, 0, "paraphrase in Dutch", NULL, NULL},
    {"text_en", JT_STRING, JF_REQUIRED, 0, 0, "paraphrase in English", NULL, NULL},
    {"source", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "source line (L637); null when local",
     NULL, NULL},
    {"local", JT_BOOLEAN, JF_REQUIRED, 0, 0, "the institution's own", NULL, NULL},
    {"active", JT_BOOLEAN, JF_REQUIRED, 0, 0, "in use", NULL, NULL},
    {"counts", JT_BOOLEAN, JF_REQUIRED, 0, 0, "counts for progress (active, not replaced)", NULL,
     NULL},
    {"replaces", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "the seeded code it stands in for",
     NULL, NULL},
    {"replaced_by", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "the local code standing in", NULL,
     NULL},
    {"version", JT_INTEGER, JF_REQUIRED | JF_NULLABLE, 0, 0, "local: version (If-Match)", NULL,
     NULL},
};
const struct jschema h_schema_cur_assignment =
    JSCHEMA("CurriculumAssignment", cur_assignment_fields);

static const struct jfield cur_unit_fields[] = {
    {"code", JT_STRING, JF_REQUIRED, 0, 0, "BM1 .. PM4, or a local code", NULL, NULL},
    {"type", JT_STRING, JF_REQUIRED, 0, 0, "code of unit_types", NULL, NULL},
    {"title_nl", JT_STRING, JF_REQUIRED, 0, 0, "title in Dutch", NULL, NULL},
    {"title_en", JT_STRING, JF_REQUIRED, 0, 0, "title in English", NULL, NULL},
    {"source", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "source lines", NULL, NULL},
    {"local", JT_BOOLEAN, JF_REQUIRED, 0, 0, "the institution's own", NULL, NULL},
    {"active", JT_BOOLEAN, JF_REQUIRED, 0, 0, "in use", NULL, NULL},
    {"goals", JT_ARRAY, JF_REQUIRED, 0, 0, "goals {n, text_nl, text_en, source}", NULL, NULL},
    {"assignment_count", JT_INTEGER, JF_REQUIRED, 0, 0, "assignments that count", NULL, NULL},
    {"assignments", JT_ARRAY, 0, 0, 0, "in order", NULL, &h_schema_cur_assignment},
    {"competencies", JT_ARRAY, 0, 0, 0, "GET of one unit: competencies tied to it", NULL, NULL},
    {"dilemmas", JT_ARRAY, 0, 0, 0, "GET of one unit: its dilemmas", NULL, NULL},
    {"version", JT_INTEGER, JF_REQUIRED | JF_NULLABLE, 0, 0, "local: version (If-Match)", NULL,
     NULL},
};
const struct jschema h_schema_cur_unit = JSCHEMA("CurriculumUnit", cur_unit_fields);

static const struct jfield curriculum_fields[] = {
    {"version", JT_STRING, JF_REQUIRED, 0, 0, "edition of the seed", NULL, NULL},
    {"units", JT_ARRAY, JF_REQUIRED, 0, 0, "in order, local ones last", NULL, &h_schema_cur_unit},
    {"core_tasks", JT_ARRAY, JF_REQUIRED, 0, 0, "KT1-KT3", NULL, NULL},
    {"task_areas", JT_ARRAY, JF_REQUIRED, 0, 0, "client, organisation, profession", NULL, NULL},
    {"tasks", JT_ARRAY, JF_REQUIRED, 0, 0, "C1-C4, O1-O6, P1-P3 with activities", NULL, NULL},
    {"competencies", JT_ARRAY, JF_REQUIRED, 0, 0, "GC0, GC1-GC8, SC1-SC7 with indicators", NULL,
     NULL},
    {"dilemmas", JT_ARRAY, JF_REQUIRED, 0, 0, "D1-D5", NULL, NULL},
    {"unit_types", JT_ARRAY, JF_REQUIRED, 0, 0, "code table", NULL, NULL},
    {"labels", JT_ARRAY, JF_REQUIRED, 0, 0, "code table of assignment labels", NULL, NULL},
    {"outputs", JT_ARRAY, JF_REQUIRED, 0, 0, "code table of output types", NULL, NULL},
};
const struct jschema h_schema_curriculum = JSCHEMA("Curriculum", curriculum_fields);

static const struct jfield local_unit_create_fields[] = {
    {"code", JT_STRING, JF_REQUIRED, 2, 12, "capitals, digits, '-'; not a seeded code", NULL, NULL},
    {"title_nl", JT_STRING, JF_REQUIRED, 1, CUR_LOCAL_TITLE_CHARS, "title in Dutch", NULL, NULL},
    {"title_en", JT_STRING, JF_REQUIRED, 1, CUR_LOCAL_TITLE_CHARS, "title in English", NULL, NULL},
    {"goals_nl", JT_STRING, 0, 0, CUR_LOCAL_GOALS_CHARS, "goals in Dutch", NULL, NULL},
    {"goals_en", JT_STRING, 0, 0, CUR_LOCAL_GOALS_CHARS, "goals in English", NULL, NULL},
};
const struct jschema h_schema_local_unit_create =
    JSCHEMA("LocalUnitCreate", local_unit_create_fields);

static const struct jfield local_unit_patch_fields[] = {
    {"title_nl", JT_STRING, 0, 1, CUR_LOCAL_TITLE_CHARS, "title in Dutch", NULL, NULL},
    {"title_en", JT_STRING, 0, 1, CUR_LOCAL_TITLE_CHARS, "title in English", NULL, NULL},
    {"goals_nl", JT_STRING, 0, 0, CUR_LOCAL_GOALS_CHARS, "goals in Dutch", NULL, NULL},
    {"goals_en", JT_STRING, 0, 0, CUR_LOCAL_GOALS_CHARS, "goals in English", NULL, NULL},
    {"active", JT_BOOLEAN, 0, 0, 0, "false takes it out of use", NULL, NULL},
};
const struct jschema h_schema_local_unit_patch = JSCHEMA("LocalUnitPatch", local_unit_patch_fields);

static const struct jfield local_assignment_create_fields[] = {
    {"unit", JT_STRING, JF_REQUIRED, 1, 12, "a seeded or own unit", NULL, NULL},
    {"replaces", JT_STRING, 0, 1, 12, "a seeded assignment of that unit to stand in for", NULL,
     NULL},
    {"label", JT_STRING, 0, 1, 40, "code of labels (default opdracht)", NULL, NULL},
    {"output", JT_STRING, JF_REQUIRED, 1, 40, "code of outputs", NULL, NULL},
    {"competencies", JT_ARRAY, 0, 0, CUR_LOCAL_CODES, "competency codes", NULL, NULL},
    {"text_nl", JT_STRING, JF_REQUIRED, 1, CUR_LOCAL_TEXT_CHARS, "in Dutch", NULL, NULL},
    {"text_en", JT_STRING, JF_REQUIRED, 1, CUR_LOCAL_TEXT_CHARS, "in English", NULL, NULL},
};
const struct jschema h_schema_local_assignment_create =
    JSCHEMA("LocalAssignmentCreate", local_assignment_create_fields);

static const struct jfield local_assignment_patch_fields[] = {
    {"label", JT_STRING, 0, 1, 40, "code of labels", NULL, NULL},
    {"output", JT_STRING, 0, 1, 40, "code of outputs", NULL, NULL},
    {"competencies", JT_ARRAY, 0, 0, CUR_LOCAL_CODES, "competency codes (replace)", NULL, NULL},
    {"text_nl", JT_STRING, 0, 1, CUR_LOCAL_TEXT_CHARS, "in Dutch", NULL, NULL},
    {"text_en", JT_STRING, 0, 1, CUR_LOCAL_TEXT_CHARS, "in English", NULL, NULL},
    {"active", JT_BOOLEAN, 0, 0, 0, "false takes it out of use", NULL, NULL},
};
const struct jschema h_schema_local_assignment_patch =
    JSCHEMA("LocalAssignmentPatch", local_assignment_patch_fields);

static const struct jfield learners_fields[] = {
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0,
     "{id, name, groups, evidence_count, units, units_signed_off, assignments_total, "
     "assignments_with_evidence, progress}",
     NULL, NULL},
};
const struct jschema h_schema_learners = JSCHEMA("Learners", learners_fields);

static const struct jfield evidence_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "evidence id", NULL, NULL},
    {"owner_id", JT_UUID, JF_REQUIRED, 0, 0, "whose portfolio", NULL, NULL},
    {"kind", JT_STRING, JF_REQUIRED, 0, 0, "what it is", kinds, NULL},
    {"title", JT_STRING, JF_REQUIRED, 0, 0, "title", NULL, NULL},
    {"body", JT_STRING, JF_REQUIRED, 0, 0, "the text, or a note with a file or link", NULL, NULL},
    {"url", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "link only", NULL, NULL},
    {"file", JT_OBJECT, JF_REQUIRED | JF_NULLABLE, 0, 0, "file only: {name, content_type, size}",
     NULL, NULL},
    {"assignments", JT_ARRAY, JF_REQUIRED, 0, 0, "assignment codes", NULL, NULL},
    {"competencies", JT_ARRAY, JF_REQUIRED, 0, 0, "competency codes", NULL, NULL},
    {"created_at", JT_DATETIME, JF_REQUIRED, 0, 0, "added at", NULL, NULL},
    {"updated_at", JT_DATETIME, JF_REQUIRED, 0, 0, "changed at", NULL, NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 0, 0, "record version (If-Match)", NULL, NULL},
};
const struct jschema h_schema_evidence = JSCHEMA("Evidence", evidence_fields);

static const struct jfield evidence_create_fields[] = {
    {"kind", JT_STRING, JF_REQUIRED, 0, 0, "what it is", kinds, NULL},
    {"title", JT_STRING, JF_REQUIRED, 1, PORTFOLIO_TITLE_CHARS, "title", NULL, NULL},
    {"body", JT_STRING, 0, 0, PORTFOLIO_TEXT_CHARS, "text (required for kind text) or a note", NULL,
     NULL},
    {"url", JT_STRING, 0, 1, PORTFOLIO_URL_BYTES, "link: an http:// or https:// address", NULL,
     NULL},
    {"file_name", JT_STRING, 0, 1, PORTFOLIO_FILE_NAME, "file: its name", NULL, NULL},
    {"content_type", JT_STRING, 0, 1, 100,
     "file: application/pdf, image/png, image/jpeg or text/plain (checked against the bytes)", NULL,
     NULL},
    {"data", JT_STRING, 0, 1, PORTFOLIO_FILE_B64_CHARS, "file: the bytes in base64 (<= 512 KiB)",
     NULL, NULL},
    {"assignments", JT_ARRAY, 0, 0, PORTFOLIO_REFS, "assignment codes", NULL, NULL},
    {"competencies", JT_ARRAY, 0, 0, PORTFOLIO_REFS, "competency codes", NULL, NULL},
};
const struct jschema h_schema_evidence_create = JSCHEMA("EvidenceCreate", evidence_create_fields);

static const struct jfield evidence_patch_fields[] = {
    {"title", JT_STRING, 0, 1, PORTFOLIO_TITLE_CHARS, "title", NULL, NULL},
    {"body", JT_STRING, 0, 0, PORTFOLIO_TEXT_CHARS, "text or note", NULL, NULL},
    {"url", JT_STRING, 0, 1, PORTFOLIO_URL_BYTES, "link only", NULL, NULL},
    {"assignments", JT_ARRAY, 0, 0, PORTFOLIO_REFS, "replace the assignment codes", NULL, NULL},
    {"competencies", JT_ARRAY, 0, 0, PORTFOLIO_REFS, "replace the competency codes", NULL, NULL},
};
const struct jschema h_schema_evidence_patch = JSCHEMA("EvidencePatch", evidence_patch_fields);

static const struct jfield feedback_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "feedback id", NULL, NULL},
    {"evidence_id", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0, "on this item", NULL, NULL},
    {"unit", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "or on this unit", NULL, NULL},
    {"author_id", JT_UUID, JF_REQUIRED, 0, 0, "the trainer", NULL, NULL},
    {"author_name", JT_STRING, JF_REQUIRED, 0, 0, "the trainer's name", NULL, NULL},
    {"body", JT_STRING, JF_REQUIRED, 0, 0, "the feedback", NULL, NULL},
    {"created_at", JT_DATETIME, JF_REQUIRED, 0, 0, "given at", NULL, NULL},
};
const struct jschema h_schema_feedback = JSCHEMA("Feedback", feedback_fields);

static const struct jfield feedback_create_fields[] = {
    {"evidence_id", JT_UUID, 0, 0, 0, "on this item (or unit)", NULL, NULL},
    {"unit", JT_STRING, 0, 1, 12, "on this unit (or evidence_id)", NULL, NULL},
    {"body", JT_STRING, JF_REQUIRED, 1, PORTFOLIO_FEEDBACK_CHARS, "the feedback", NULL, NULL},
};
const struct jschema h_schema_feedback_create = JSCHEMA("FeedbackCreate", feedback_create_fields);

static const struct jfield signoff_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "sign-off id", NULL, NULL},
    {"unit", JT_STRING, JF_REQUIRED, 0, 0, "unit code", NULL, NULL},
    {"trainer_id", JT_UUID, JF_REQUIRED, 0, 0, "who signed", NULL, NULL},
    {"trainer_name", JT_STRING, JF_REQUIRED, 0, 0, "their name", NULL, NULL},
    {"note", JT_STRING, JF_REQUIRED, 0, 0, "the trainer's note", NULL, NULL},
    {"signed_at", JT_DATETIME, JF_REQUIRED, 0, 0, "signed at", NULL, NULL},
    {"withdrawn_at", JT_DATETIME, JF_REQUIRED | JF_NULLABLE, 0, 0, "withdrawn at", NULL, NULL},
    {"withdrawn_by", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0, "withdrawn by", NULL, NULL},
    {"withdraw_reason", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "why", NULL, NULL},
    {"standing", JT_BOOLEAN, JF_REQUIRED, 0, 0, "not withdrawn", NULL, NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 0, 0, "record version (If-Match)", NULL, NULL},
};
const struct jschema h_schema_signoff = JSCHEMA("SignOff", signoff_fields);

static const struct jfield signoff_create_fields[] = {
    {"unit", JT_STRING, JF_REQUIRED, 1, 12, "unit code", NULL, NULL},
    {"note", JT_STRING, JF_REQUIRED, 1, PORTFOLIO_NOTE_CHARS, "the trainer's note", NULL, NULL},
};
const struct jschema h_schema_signoff_create = JSCHEMA("SignOffCreate", signoff_create_fields);

static const struct jfield signoff_withdraw_fields[] = {
    {"reason", JT_STRING, JF_REQUIRED, 1, PORTFOLIO_NOTE_CHARS, "why it is withdrawn", NULL, NULL},
};
const struct jschema h_schema_signoff_withdraw =
    JSCHEMA("SignOffWithdraw", signoff_withdraw_fields);

static const struct jfield portfolio_fields[] = {
    {"owner", JT_OBJECT, JF_REQUIRED, 0, 0, "{id, name}", NULL, NULL},
    {"viewer", JT_STRING, JF_REQUIRED, 0, 0, "owner or trainer", NULL, NULL},
    {"may_sign_off", JT_BOOLEAN, JF_REQUIRED, 0, 0, "the viewer is a trainer of the owner", NULL,
     NULL},
    {"evidence", JT_ARRAY, JF_REQUIRED, 0, 0, "newest first", NULL, &h_schema_evidence},
    {"feedback", JT_ARRAY, JF_REQUIRED, 0, 0, "oldest first", NULL, &h_schema_feedback},
    {"signoffs", JT_ARRAY, JF_REQUIRED, 0, 0, "standing and withdrawn, oldest first", NULL,
     &h_schema_signoff},
    {"progress", JT_OBJECT, JF_REQUIRED, 0, 0,
     "{units: [{unit, assignments_total, assignments_with_evidence, evidence_count, signed_off, "
     "signoff}], competencies: [{code, evidence_count}]}",
     NULL, NULL},
};
const struct jschema h_schema_portfolio = JSCHEMA("Portfolio", portfolio_fields);

/* ---- helpers ---- */

/* A JSON array of strings as an arena array. */
static const char **str_array(struct http_req *req, const json_t *a, size_t *n)
{
    *n = json_array_size(a);
    const char **v = arena_array(&req->arena, *n ? *n : 1, sizeof(char *));
    for (size_t i = 0; i < *n; i++)
        v[i] = json_string_value(json_array_get(a, i));
    return v;
}

static int reply_versioned(struct http_req *req, int status, json_t *body, int64_t version)
{
    if (version > 0)
        http_set_etag(req, version);
    return http_reply_json(req, status, body);
}

/* ---- curriculum ---- */

int h_curriculum_get(struct http_req *req)
{
    json_t *out;
    int rc = app_curriculum_get(&req->app, &out);
    return rc ? rc : http_reply_json(req, MHD_HTTP_OK, out);
}

int h_curriculum_unit_get(struct http_req *req)
{
    json_t *out;
    int rc = app_curriculum_unit(&req->app, http_param(req, "code"), &out);
    return rc ? rc : http_reply_json(req, MHD_HTTP_OK, out);
}

static int active_of(const json_t *j)
{
    json_t *a = json_object_get(j, "active");
    return json_is_boolean(a) ? json_is_true(a) : -1;
}

int h_local_unit_create(struct http_req *req)
{
    const json_t *j = req->json;
    struct local_unit_input in = {.code = pdjson_str(j, "code", NULL),
                                  .title_nl = pdjson_str(j, "title_nl", NULL),
                                  .title_en = pdjson_str(j, "title_en", NULL),
                                  .goals_nl = pdjson_str(j, "goals_nl", NULL),
                                  .goals_en = pdjson_str(j, "goals_en", NULL),
                                  .active = 1};
    json_t *out;
    int64_t v = 0;
    int rc = app_local_unit_create(&req->app, &in, &out, &v);
    return rc ? rc : reply_versioned(req, MHD_HTTP_CREATED, out, v);
}

int h_local_unit_patch(struct http_req *req)
{
    int64_t version, v = 0;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    const json_t *j = req->json;
    struct local_unit_input in = {.title_nl = pdjson_str(j, "title_nl", NULL),
                                  .title_en = pdjson_str(j, "title_en", NULL),
                                  .goals_nl = pdjson_str(j, "goals_nl", NULL),
                                  .goals_en = pdjson_str(j, "goals_en", NULL),
                                  .active = active_of(j)};
    json_t *out = NULL;
    int rc = app_local_unit_update(&req->app, http_param(req, "code"), version, &in, &out, &v);
    if (rc == PD_ESTALE)
        return http_reply_stale(req, out);
    return rc ? rc : reply_versioned(req, MHD_HTTP_OK, out, v);
}

static void assignment_input(struct http_req *req, struct local_assignment_input *in)
{
    const json_t *j = req->json;
    json_t *comps = json_object_get(j, "competencies");
    memset(in, 0, sizeof(*in));
    in->unit = pdjson_str(j, "unit", NULL);
    in->replaces = pdjson_str(j, "replaces", NULL);
    in->label = pdjson_str(j, "label", NULL);
    in->output = pdjson_str(j, "output", NULL);
    in->text_nl = pdjson_str(j, "text_nl", NULL);
    in->text_en = pdjson_str(j, "text_en", NULL);
    in->has_competencies = comps != NULL;
    in->competencies = str_array(req, comps, &in->ncompetencies);
    in->active = active_of(j);
}

int h_local_assignment_create(struct http_req *req)
{
    struct local_assignment_input in;
    assignment_input(req, &in);
    json_t *out;
    int64_t v = 0;
    int rc = app_local_assignment_create(&req->app, &in, &out, &v);
    return rc ? rc : reply_versioned(req, MHD_HTTP_CREATED, out, v);
}

int h_local_assignment_patch(struct http_req *req)
{
    int64_t version, v = 0;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    struct local_assignment_input in;
    assignment_input(req, &in);
    json_t *out = NULL;
    int rc =
        app_local_assignment_update(&req->app, http_param(req, "code"), version, &in, &out, &v);
    if (rc == PD_ESTALE)
        return http_reply_stale(req, out);
    return rc ? rc : reply_versioned(req, MHD_HTTP_OK, out, v);
}

/* ---- portfolio ---- */

int h_learning_students(struct http_req *req)
{
    json_t *out;
    int rc = app_learning_students(&req->app, &out);
    return rc ? rc : http_reply_json(req, MHD_HTTP_OK, out);
}

int h_portfolio_get(struct http_req *req)
{
    json_t *out;
    int rc = app_portfolio_get(&req->app, http_param(req, "worker"), &out);
    return rc ? rc : http_reply_json(req, MHD_HTTP_OK, out);
}

static void evidence_input(struct http_req *req, struct evidence_input *in)
{
    const json_t *j = req->json;
    json_t *as = json_object_get(j, "assignments"), *cs = json_object_get(j, "competencies");
    memset(in, 0, sizeof(*in));
    in->kind = pdjson_str(j, "kind", NULL);
    in->title = pdjson_str(j, "title", NULL);
    in->body = pdjson_str(j, "body", NULL);
    in->url = pdjson_str(j, "url", NULL);
    in->file_name = pdjson_str(j, "file_name", NULL);
    in->content_type = pdjson_str(j, "content_type", NULL);
    in->data_b64 = pdjson_str(j, "data", NULL);
    in->assignments = str_array(req, as, &in->nassignments);
    in->competencies = str_array(req, cs, &in->ncompetencies);
    in->has_refs = as || cs;
}

int h_evidence_create(struct http_req *req)
{
    struct evidence_input in;
    evidence_input(req, &in);
    json_t *out;
    int64_t v = 0;
    int rc = app_evidence_create(&req->app, http_param(req, "worker"), &in, &out, &v);
    return rc ? rc : reply_versioned(req, MHD_HTTP_CREATED, out, v);
}

int h_evidence_get(struct http_req *req)
{
    json_t *out;
    int64_t v = 0;
    int rc =
        app_evidence_get(&req->app, http_param(req, "worker"), http_param(req, "id"), &out, &v);
    return rc ? rc : reply_versioned(req, MHD_HTTP_OK, out, v);
}

int h_evidence_patch(struct http_req *req)
{
    int64_t version, v = 0;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    struct evidence_input in;
    evidence_input(req, &in);
    json_t *out = NULL;
    int rc = app_evidence_update(&req->app, http_param(req, "worker"), http_param(req, "id"),
                                 version, &in, &out, &v);
    if (rc == PD_ESTALE)
        return http_reply_stale(req, out);
    return rc ? rc : reply_versioned(req, MHD_HTTP_OK, out, v);
}

int h_evidence_delete(struct http_req *req)
{
    int rc = app_evidence_delete(&req->app, http_param(req, "worker"), http_param(req, "id"));
    return rc ? rc : http_reply_empty(req, MHD_HTTP_NO_CONTENT);
}

/* attachment; filename="<ASCII, others as _>"; filename*=UTF-8''<percent-encoded> */
static const char *disposition(struct http_req *req, const char *name)
{
    struct buf b;
    buf_init(&b, 4096);
    buf_printf(&b, "attachment; filename=\"");
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        buf_printf(&b, "%c", *p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\' ? *p : '_');
    buf_printf(&b, "\"; filename*=UTF-8''");
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~", *p))
            buf_printf(&b, "%c", *p);
        else
            buf_printf(&b, "%%%02X", *p);
    }
    const char *s = arena_strdup(&req->arena, buf_cstr(&b));
    buf_release(&b);
    return s;
}

int h_evidence_file(struct http_req *req)
{
    const void *data;
    size_t len;
    const char *type, *name;
    int rc = app_evidence_file(&req->app, http_param(req, "worker"), http_param(req, "id"), &data,
                               &len, &type, &name);
    if (rc)
        return rc;
    char *bytes = malloc(len ? len : 1);
    if (!bytes)
        abort();
    memcpy(bytes, data, len);
    http_add_header(req, "Content-Disposition", disposition(req, name));
    return http_reply_bytes(req, MHD_HTTP_OK, type, bytes, len);
}

int h_feedback_create(struct http_req *req)
{
    const json_t *j = req->json;
    json_t *out;
    int rc = app_feedback_create(&req->app, http_param(req, "worker"),
                                 pdjson_str(j, "evidence_id", NULL), pdjson_str(j, "unit", NULL),
                                 pdjson_str(j, "body", NULL), &out);
    return rc ? rc : http_reply_json(req, MHD_HTTP_CREATED, out);
}

int h_signoff_create(struct http_req *req)
{
    const json_t *j = req->json;
    json_t *out;
    int64_t v = 0;
    int rc = app_signoff_create(&req->app, http_param(req, "worker"), pdjson_str(j, "unit", NULL),
                                pdjson_str(j, "note", NULL), &out, &v);
    return rc ? rc : reply_versioned(req, MHD_HTTP_CREATED, out, v);
}

int h_signoff_withdraw(struct http_req *req)
{
    int64_t version, v = 0;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    json_t *out = NULL;
    int rc = app_signoff_withdraw(&req->app, http_param(req, "worker"), http_param(req, "id"),
                                  version, pdjson_str(req->json, "reason", NULL), &out, &v);
    if (rc == PD_ESTALE)
        return http_reply_stale(req, out);
    return rc ? rc : reply_versioned(req, MHD_HTTP_OK, out, v);
}
