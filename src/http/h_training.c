/*
 * h_training.c: the training "Ervaringskennis voor generalisten".
 *
 *   GET   /api/v1/training/sessions                       -> {items: [TrainingSession]}
 *   POST  /api/v1/training/sessions {held_on, title?, place?, trainer_ids?}  -> 201
 *   GET   /api/v1/training/sessions/{id}                  -> TrainingSession with attendees
 *   PATCH /api/v1/training/sessions/{id} {...} + If-Match -> TrainingSession
 *   PUT   /api/v1/training/sessions/{id}/attendance {worker_ids} + If-Match -> TrainingSession
 *   GET   /api/v1/training/generalists                    -> {items: [TrainingGeneralist]}
 *   GET   /api/v1/training/not-attended                   -> {items: [TrainingGeneralist]}
 *   GET   /api/v1/training/coverage                       -> TrainingCoverage (counts only)
 */
#include <microhttpd.h>
#include <string.h>

#include "../app/training.h"
#include "conditional.h"
#include "h_support.h"
#include "handlers.h"
#include "http_int.h"

static const struct jfield person_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "worker id", NULL, NULL},
    {"name", JT_STRING, JF_REQUIRED, 0, 0, "name", NULL, NULL},
};
static const struct jschema person = JSCHEMA("TrainingPerson", person_fields);

static const struct jfield session_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "session id", NULL, NULL},
    {"title", JT_STRING, JF_REQUIRED, 0, 0, "title", NULL, NULL},
    {"held_on", JT_DATE, JF_REQUIRED, 0, 0, "date", NULL, NULL},
    {"place", JT_STRING, JF_REQUIRED, 0, 0, "place (\"\" when not given)", NULL, NULL},
    {"trainers", JT_ARRAY, JF_REQUIRED, 0, 0, "the experts who give it", NULL, &person},
    {"attendee_count", JT_INTEGER, JF_REQUIRED, 0, 0, "generalists who attended", NULL, NULL},
    {"attendees", JT_ARRAY, 0, 0, 0, "one session only: who attended", NULL, &person},
    {"created_by", JT_UUID, JF_REQUIRED, 0, 0, "who planned it", NULL, NULL},
    {"updated_at", JT_DATETIME, JF_REQUIRED, 0, 0, "changed at", NULL, NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 0, 0, "record version (If-Match)", NULL, NULL},
};
const struct jschema h_schema_training_session = JSCHEMA("TrainingSession", session_fields);

static const struct jfield session_list_fields[] = {
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "newest date first", NULL, &h_schema_training_session},
};
const struct jschema h_schema_training_session_list =
    JSCHEMA("TrainingSessionList", session_list_fields);

static const struct jfield session_create_fields[] = {
    {"held_on", JT_DATE, JF_REQUIRED, 0, 0, "date", NULL, NULL},
    {"title", JT_STRING, 0, 0, 1000, "default: Ervaringskennis voor generalisten", NULL, NULL},
    {"place", JT_STRING, 0, 0, 1000, "where", NULL, NULL},
    {"trainer_ids", JT_ARRAY, 0, 0, LIMIT_TRAINING_TRAINERS, "the experts who give it", NULL, NULL},
};
const struct jschema h_schema_training_session_create =
    JSCHEMA("TrainingSessionCreate", session_create_fields);

static const struct jfield session_patch_fields[] = {
    {"held_on", JT_DATE, 0, 0, 0, "date", NULL, NULL},
    {"title", JT_STRING, 0, 0, 1000, "title", NULL, NULL},
    {"place", JT_STRING, 0, 0, 1000, "where", NULL, NULL},
    {"trainer_ids", JT_ARRAY, 0, 0, LIMIT_TRAINING_TRAINERS, "the experts who give it", NULL, NULL},
};
const struct jschema h_schema_training_session_patch =
    JSCHEMA("TrainingSessionPatch", session_patch_fields);

static const struct jfield attendance_fields[] = {
    {"worker_ids", JT_ARRAY, JF_REQUIRED, 0, LIMIT_TRAINING_ATTENDEES,
     "every generalist who attended (replaces the list)", NULL, NULL},
};
const struct jschema h_schema_training_attendance =
    JSCHEMA("TrainingAttendance", attendance_fields);

static const struct jfield generalist_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "generalist", NULL, NULL},
    {"name", JT_STRING, JF_REQUIRED, 0, 0, "name", NULL, NULL},
    {"teams", JT_STRING, JF_REQUIRED, 0, 0, "team names", NULL, NULL},
    {"new", JT_BOOLEAN, JF_REQUIRED, 0, 0, "created in the last 90 days", NULL, NULL},
    {"attended_on", JT_DATE, JF_REQUIRED | JF_NULLABLE, 0, 0, "last session attended", NULL, NULL},
};
static const struct jschema generalist = JSCHEMA("TrainingGeneralist", generalist_fields);
static const struct jfield generalist_list_fields[] = {
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "by name", NULL, &generalist},
};
const struct jschema h_schema_training_generalists =
    JSCHEMA("TrainingGeneralistList", generalist_list_fields);

static const struct jfield team_cov_fields[] = {
    {"team_id", JT_UUID, JF_REQUIRED, 0, 0, "team", NULL, NULL},
    {"team", JT_STRING, JF_REQUIRED, 0, 0, "team name", NULL, NULL},
    {"generalists", JT_INTEGER, JF_REQUIRED, 0, 0, "active generalists in it", NULL, NULL},
    {"attended", JT_INTEGER, JF_REQUIRED, 0, 0, "of whom attended", NULL, NULL},
};
static const struct jschema team_cov = JSCHEMA("TrainingTeamCoverage", team_cov_fields);
static const struct jfield coverage_fields[] = {
    {"teams", JT_ARRAY, JF_REQUIRED, 0, 0, "per team, by name", NULL, &team_cov},
    {"generalists", JT_INTEGER, JF_REQUIRED, 0, 0, "sum over the teams", NULL, NULL},
    {"attended", JT_INTEGER, JF_REQUIRED, 0, 0, "sum over the teams", NULL, NULL},
};
const struct jschema h_schema_training_coverage = JSCHEMA("TrainingCoverage", coverage_fields);

static void session_input(struct http_req *req, struct training_input *in)
{
    const json_t *j = req->json;
    memset(in, 0, sizeof(*in));
    in->title = pdjson_str(j, "title", NULL);
    in->held_on = pdjson_str(j, "held_on", NULL);
    in->place = pdjson_str(j, "place", NULL);
    json_t *ids = json_object_get(j, "trainer_ids");
    if (ids) {
        size_t n = json_array_size(ids);
        const char **v = arena_array(&req->arena, n + 1, sizeof(char *));
        for (size_t i = 0; i < n; i++)
            v[i] = json_string_value(json_array_get(ids, i));
        in->trainer_ids = v;
        in->ntrainers = n;
    }
}

static int reply(struct http_req *req, int status, const struct training_rec *t)
{
    http_set_etag(req, t->version);
    return http_reply_json(req, status, training_to_json(t));
}

int h_training_list(struct http_req *req)
{
    struct training_rec *ts;
    size_t n;
    int rc = app_training_list(&req->app, &ts, &n);
    if (rc)
        return rc;
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, training_to_json(&ts[i]));
    return http_reply_json(req, MHD_HTTP_OK, pdjson_pack("{s:o}", "items", items));
}

int h_training_create(struct http_req *req)
{
    struct training_input in;
    struct training_rec t;
    session_input(req, &in);
    int rc = app_training_create(&req->app, &in, &t);
    return rc ? rc : reply(req, MHD_HTTP_CREATED, &t);
}

int h_training_get(struct http_req *req)
{
    struct training_rec t;
    int rc = app_training_get(&req->app, http_param(req, "id"), &t);
    return rc ? rc : reply(req, MHD_HTTP_OK, &t);
}

int h_training_patch(struct http_req *req)
{
    struct training_input in;
    struct training_rec out;
    int64_t version;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    session_input(req, &in);
    memset(&out, 0, sizeof(out));
    int rc = app_training_update(&req->app, http_param(req, "id"), version, &in, &out);
    if (rc == PD_ESTALE)
        return http_reply_stale(req, out.version ? training_to_json(&out) : NULL);
    return rc ? rc : reply(req, MHD_HTTP_OK, &out);
}

int h_training_attendance(struct http_req *req)
{
    struct training_rec out;
    int64_t version;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    json_t *ids = json_object_get(req->json, "worker_ids");
    size_t n = json_array_size(ids);
    const char **v = arena_array(&req->arena, n + 1, sizeof(char *));
    for (size_t i = 0; i < n; i++)
        v[i] = json_string_value(json_array_get(ids, i));
    memset(&out, 0, sizeof(out));
    int rc = app_training_set_attendance(&req->app, http_param(req, "id"), version, v, n, &out);
    if (rc == PD_ESTALE)
        return http_reply_stale(req, out.version ? training_to_json(&out) : NULL);
    return rc ? rc : reply(req, MHD_HTTP_OK, &out);
}

static int generalists(struct http_req *req, bool only_missing)
{
    struct training_generalist_view *v;
    size_t n;
    int rc = app_training_generalists(&req->app, only_missing, &v, &n);
    if (rc)
        return rc;
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, training_generalist_to_json(&v[i]));
    return http_reply_json(req, MHD_HTTP_OK, pdjson_pack("{s:o}", "items", items));
}

int h_training_generalists(struct http_req *req)
{
    return generalists(req, false);
}

int h_training_not_attended(struct http_req *req)
{
    return generalists(req, true);
}

int h_training_coverage(struct http_req *req)
{
    struct training_coverage *c;
    size_t n;
    int rc = app_training_coverage(&req->app, &c, &n);
    return rc ? rc : http_reply_json(req, MHD_HTTP_OK, training_coverage_to_json(c, n));
}
