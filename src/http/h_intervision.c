/*
 * h_intervision.c: intervision groups, sessions, agenda, cases and the feedback round
 * (docs/intervision.md). Routes in routes_intervision.inc.
 *
 *   GET    /api/v1/intervision/themes                              -> IntervisionThemeList
 *   GET    /api/v1/intervision/groups                              -> IntervisionGroupList
 *   POST   /api/v1/intervision/groups {kind, name, ...}            -> 201 IntervisionGroup
 *   GET    /api/v1/intervision/groups/{id}                         -> IntervisionGroup
 *   POST   /api/v1/intervision/groups/{id}/members {worker_id}     -> 201 IntervisionGroup
 *   DELETE /api/v1/intervision/groups/{id}/members/{worker_id}     -> 204
 *   PUT    /api/v1/intervision/groups/{id}/participation           -> IntervisionParticipation
 *   DELETE /api/v1/intervision/groups/{id}/participation           -> 204
 *   POST   /api/v1/intervision/groups/{id}/sessions {held_on, ...} -> 201 IntervisionSession
 *   GET    /api/v1/intervision/sessions/{id}                       -> IntervisionSession (ETag)
 *   PATCH  /api/v1/intervision/sessions/{id} + If-Match            -> IntervisionSession
 *   PUT    /api/v1/intervision/sessions/{id}/decision + If-Match   -> IntervisionSession
 *   POST   /api/v1/intervision/sessions/{id}/agenda {title, ...}   -> 201 IntervisionAgendaItem
 *   DELETE /api/v1/intervision/agenda/{id}                         -> 204
 *   POST   /api/v1/intervision/sessions/{id}/cases {title, question} -> 201 IntervisionCase
 *   POST   /api/v1/intervision/cases/{id}/feedback {top, tip}      -> 201 IntervisionCase
 *   POST   /api/v1/intervision/cases/{id}/close-round + If-Match   -> IntervisionCase
 *   PUT    /api/v1/intervision/cases/{id}/reflection + If-Match    -> IntervisionCase
 *
 * Routes that name one record are open to every role: the use case answers 404 to anyone
 * outside the group, exactly as for a random id, so a manager learns nothing either.
 */
#include <microhttpd.h>
#include <string.h>

#include "../app/intervision.h"
#include "conditional.h"
#include "h_intervision.h"
#include "handlers.h"
#include "http_int.h"

static const char *const kinds[] = {"closed", "open", NULL};
static const char *const formats[] = {"case", "theme", NULL};
static const char *const facilitations[] = {"fixed", "rotating", NULL};
static const char *const rounds[] = {"open", "closed", NULL};
static const char *const decisions[] = {"continue", "pause", "stop", NULL};
static const char *const theme_codes[] = {"prejudices", "language", "self_disclosure",
                                          "recovery_perspective", NULL};

/* ---- schemas ---- */

static const struct jfield theme_fields[] = {
    {"code", JT_STRING, JF_REQUIRED, 0, 0, "theme code", theme_codes, NULL},
    {"label_nl", JT_STRING, JF_REQUIRED, 0, 0, "Dutch label", NULL, NULL},
    {"label_en", JT_STRING, JF_REQUIRED, 0, 0, "English label", NULL, NULL},
};
static const struct jschema theme_schema = JSCHEMA("IntervisionTheme", theme_fields);
static const struct jfield theme_list_fields[] = {
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "fallback themes for a thin agenda", NULL,
     &theme_schema},
};
const struct jschema h_schema_iv_theme_list = JSCHEMA("IntervisionThemeList", theme_list_fields);

#define GROUP_FIELDS                                                                                 \
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "group id", NULL, NULL},                                      \
        {"kind", JT_STRING, JF_REQUIRED, 0, 0, "closed (expert team) or open (BHEE)", kinds, NULL},  \
        {"name", JT_STRING, JF_REQUIRED, 0, 0, "name", NULL, NULL},                                  \
        {"purpose", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "what the group is for",             \
         NULL,      NULL},                                                                           \
        {"team_id", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0, "closed: the expert team",             \
         NULL,      NULL},                                                                           \
        {"team_name", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "closed: the team's name",         \
         NULL,        NULL},                                                                         \
        {"format", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "closed: usual form", formats, NULL}, \
        {"facilitation", JT_STRING, JF_REQUIRED, 0, 0, "facilitator or chair", facilitations, NULL}, \
        {"member", JT_BOOLEAN, JF_REQUIRED, 0, 0, "closed: I am a member", NULL, NULL},              \
        {"taking_part", JT_BOOLEAN, JF_REQUIRED, 0, 0, "open: I stated that I take part",            \
         NULL,          NULL},                                                                       \
        {"created_by_me", JT_BOOLEAN, JF_REQUIRED, 0, 0, "I set the group up", NULL, NULL},          \
        {"next_on", JT_DATE, JF_REQUIRED | JF_NULLABLE, 0, 0, "next meeting, if planned",            \
         NULL,      NULL},                                                                           \
    {                                                                                                \
        "version", JT_INTEGER, JF_REQUIRED, 0, 0, "record version", NULL, NULL                       \
    }

static const struct jfield group_summary_fields[] = {GROUP_FIELDS};
static const struct jschema group_summary =
    JSCHEMA("IntervisionGroupSummary", group_summary_fields);

static const struct jfield person_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "worker id", NULL, NULL},
    {"name", JT_STRING, JF_REQUIRED, 0, 0, "name", NULL, NULL},
};
static const struct jschema person_schema = JSCHEMA("IntervisionMember", person_fields);

static const struct jfield session_summary_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "session id", NULL, NULL},
    {"held_on", JT_DATE, JF_REQUIRED, 0, 0, "date", NULL, NULL},
    {"starts_at", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "HH:MM", NULL, NULL},
    {"place", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "where", NULL, NULL},
    {"format", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "closed: case or theme", formats, NULL},
    {"facilitator_id", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0, "closed: a member", NULL, NULL},
    {"facilitator_name", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "closed", NULL, NULL},
};
static const struct jschema session_summary =
    JSCHEMA("IntervisionSessionSummary", session_summary_fields);

static const struct jfield group_fields[] = {
    GROUP_FIELDS,
    {"members", JT_ARRAY, JF_REQUIRED | JF_NULLABLE, 0, 0,
     "closed: the members; open: null (nobody is listed)", NULL, &person_schema},
    {"sessions", JT_ARRAY, JF_REQUIRED, 0, 0,
     "newest first; for an open group date, time and place only", NULL, &session_summary},
};
const struct jschema h_schema_iv_group = JSCHEMA("IntervisionGroup", group_fields);

static const struct jfield group_list_fields[] = {
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "my closed groups and every open group", NULL,
     &group_summary},
};
const struct jschema h_schema_iv_group_list = JSCHEMA("IntervisionGroupList", group_list_fields);

static const struct jfield group_create_fields[] = {
    {"kind", JT_STRING, JF_REQUIRED, 0, 0, "closed or open", kinds, NULL},
    {"name", JT_STRING, JF_REQUIRED, 0, 2000, "name", NULL, NULL},
    {"purpose", JT_STRING, JF_NULLABLE, 0, 20000, "what the group is for (optional)", NULL, NULL},
    {"team_id", JT_UUID, 0, 0, 0, "closed: an expert team", NULL, NULL},
    {"format", JT_STRING, 0, 0, 0, "closed: case or theme", formats, NULL},
    {"facilitation", JT_STRING, 0, 0, 0, "fixed or rotating (default)", facilitations, NULL},
    {"member_ids", JT_ARRAY, 0, 0, IV_MEMBERS_MAX, "closed: members of the team", NULL, NULL},
};
const struct jschema h_schema_iv_group_create =
    JSCHEMA("IntervisionGroupCreate", group_create_fields);

static const struct jfield member_add_fields[] = {
    {"worker_id", JT_UUID, JF_REQUIRED, 0, 0, "a member of the group's team", NULL, NULL},
};
const struct jschema h_schema_iv_member_add = JSCHEMA("IntervisionMemberAdd", member_add_fields);

static const struct jfield participation_fields[] = {
    {"taking_part", JT_BOOLEAN, JF_REQUIRED, 0, 0, "I take part (only I see this)", NULL, NULL},
};
const struct jschema h_schema_iv_participation =
    JSCHEMA("IntervisionParticipation", participation_fields);

static const struct jfield agenda_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "item id", NULL, NULL},
    {"title", JT_STRING, JF_REQUIRED, 0, 0, "the item", NULL, NULL},
    {"detail", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "a few lines", NULL, NULL},
    {"theme", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "a fallback theme", theme_codes, NULL},
    {"mine", JT_BOOLEAN, JF_REQUIRED, 0, 0, "I added it (only I see this)", NULL, NULL},
    {"show_author", JT_BOOLEAN, JF_REQUIRED, 0, 0, "the author chose to be named", NULL, NULL},
    {"author_name", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "only when show_author", NULL,
     NULL},
    {"created_at", JT_DATETIME, JF_REQUIRED, 0, 0, "added at", NULL, NULL},
};
const struct jschema h_schema_iv_agenda_item = JSCHEMA("IntervisionAgendaItem", agenda_fields);

static const struct jfield agenda_add_fields[] = {
    {"title", JT_STRING, JF_REQUIRED, 0, 2000, "the item", NULL, NULL},
    {"detail", JT_STRING, JF_NULLABLE, 0, 20000, "a few lines (optional)", NULL, NULL},
    {"theme", JT_STRING, JF_NULLABLE, 0, 0, "a fallback theme (optional)", theme_codes, NULL},
    {"show_author", JT_BOOLEAN, 0, 0, 0, "show my name with it (default false)", NULL, NULL},
};
const struct jschema h_schema_iv_agenda_add = JSCHEMA("IntervisionAgendaAdd", agenda_add_fields);

static const struct jfield feedback_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "feedback id", NULL, NULL},
    {"author_id", JT_UUID, JF_REQUIRED, 0, 0, "the member who gave it", NULL, NULL},
    {"author_name", JT_STRING, JF_REQUIRED, 0, 0, "their name", NULL, NULL},
    {"mine", JT_BOOLEAN, JF_REQUIRED, 0, 0, "I gave it", NULL, NULL},
    {"top", JT_STRING, JF_REQUIRED, 0, 0, "recognition", NULL, NULL},
    {"tip", JT_STRING, JF_REQUIRED, 0, 0, "advice", NULL, NULL},
    {"created_at", JT_DATETIME, JF_REQUIRED, 0, 0, "given at", NULL, NULL},
};
static const struct jschema feedback_schema = JSCHEMA("IntervisionFeedback", feedback_fields);

static const struct jfield case_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "case id", NULL, NULL},
    {"session_id", JT_UUID, JF_REQUIRED, 0, 0, "session", NULL, NULL},
    {"owner_id", JT_UUID, JF_REQUIRED, 0, 0, "the member who brought it in", NULL, NULL},
    {"owner_name", JT_STRING, JF_REQUIRED, 0, 0, "their name", NULL, NULL},
    {"mine", JT_BOOLEAN, JF_REQUIRED, 0, 0, "I brought it in", NULL, NULL},
    {"title", JT_STRING, JF_REQUIRED, 0, 0, "title", NULL, NULL},
    {"question", JT_STRING, JF_REQUIRED, 0, 0, "the question to the group", NULL, NULL},
    {"round", JT_STRING, JF_REQUIRED, 0, 0, "the feedback round", rounds, NULL},
    {"round_closed_at", JT_DATETIME, JF_REQUIRED | JF_NULLABLE, 0, 0, "closed at", NULL, NULL},
    {"feedback", JT_ARRAY, JF_REQUIRED, 0, 0, "one top and tip per member", NULL, &feedback_schema},
    {"gave_feedback", JT_BOOLEAN, JF_REQUIRED, 0, 0, "I gave mine", NULL, NULL},
    {"awaiting", JT_INTEGER, JF_REQUIRED, 0, 0, "members who have not given theirs", NULL, NULL},
    {"reflection", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "the owner's response", NULL, NULL},
    {"usable", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "what the owner can use", NULL, NULL},
    {"follow_up", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "what the owner will follow up", NULL,
     NULL},
    {"reflected_at", JT_DATETIME, JF_REQUIRED | JF_NULLABLE, 0, 0, "written at", NULL, NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 0, 0, "record version (If-Match)", NULL, NULL},
};
const struct jschema h_schema_iv_case = JSCHEMA("IntervisionCase", case_fields);

static const struct jfield case_add_fields[] = {
    {"title", JT_STRING, JF_REQUIRED, 0, 2000, "a short title, without client details", NULL, NULL},
    {"question", JT_STRING, JF_REQUIRED, 0, 20000, "the question to the group", NULL, NULL},
};
const struct jschema h_schema_iv_case_add = JSCHEMA("IntervisionCaseAdd", case_add_fields);

static const struct jfield feedback_add_fields[] = {
    {"top", JT_STRING, JF_REQUIRED, 0, 20000, "recognition: what went well", NULL, NULL},
    {"tip", JT_STRING, JF_REQUIRED, 0, 20000, "advice: what could help", NULL, NULL},
};
const struct jschema h_schema_iv_feedback_add =
    JSCHEMA("IntervisionFeedbackAdd", feedback_add_fields);

static const struct jfield reflection_fields[] = {
    {"reflection", JT_STRING, JF_REQUIRED, 0, 20000, "my response to the round", NULL, NULL},
    {"usable", JT_STRING, JF_NULLABLE, 0, 20000, "what I can use", NULL, NULL},
    {"follow_up", JT_STRING, JF_NULLABLE, 0, 20000, "what I will follow up, and with whom", NULL,
     NULL},
};
const struct jschema h_schema_iv_reflection = JSCHEMA("IntervisionReflection", reflection_fields);

static const struct jfield decision_out_fields[] = {
    {"decision", JT_STRING, JF_REQUIRED, 0, 0, "continue, pause or stop", decisions, NULL},
    {"next_on", JT_DATE, JF_REQUIRED | JF_NULLABLE, 0, 0, "next meeting", NULL, NULL},
    {"note", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "short note", NULL, NULL},
    {"decided_at", JT_DATETIME, JF_REQUIRED, 0, 0, "recorded at", NULL, NULL},
};
static const struct jschema decision_out = JSCHEMA("IntervisionDecisionOut", decision_out_fields);

static const struct jfield group_ref_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "group id", NULL, NULL},
    {"kind", JT_STRING, JF_REQUIRED, 0, 0, "closed or open", kinds, NULL},
    {"name", JT_STRING, JF_REQUIRED, 0, 0, "name", NULL, NULL},
    {"facilitation", JT_STRING, JF_REQUIRED, 0, 0, "fixed or rotating", facilitations, NULL},
};
static const struct jschema group_ref = JSCHEMA("IntervisionGroupRef", group_ref_fields);

static const struct jfield session_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "session id", NULL, NULL},
    {"group", JT_OBJECT, JF_REQUIRED, 0, 0, "its group", NULL, &group_ref},
    {"held_on", JT_DATE, JF_REQUIRED, 0, 0, "date", NULL, NULL},
    {"starts_at", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "HH:MM", NULL, NULL},
    {"place", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "where", NULL, NULL},
    {"format", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "closed: case or theme", formats, NULL},
    {"facilitator_id", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0, "closed: a member", NULL, NULL},
    {"facilitator_name", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "closed", NULL, NULL},
    {"chair", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "open: who chairs (free text)", NULL,
     NULL},
    {"notes", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "short notes", NULL, NULL},
    {"headcount", JT_INTEGER, JF_REQUIRED | JF_NULLABLE, 0, IV_HEADCOUNT_MAX,
     "open: how many came (a number, never names)", NULL, NULL},
    {"decision", JT_OBJECT, JF_REQUIRED | JF_NULLABLE, 0, 0, "the continuation decision", NULL,
     &decision_out},
    {"agenda", JT_ARRAY, JF_REQUIRED, 0, 0, "oldest first", NULL, &h_schema_iv_agenda_item},
    {"cases", JT_ARRAY, JF_REQUIRED, 0, 0, "closed: cases with their round", NULL,
     &h_schema_iv_case},
    {"members_count", JT_INTEGER, JF_REQUIRED | JF_NULLABLE, 0, 0, "closed: members", NULL, NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 0, 0, "record version (If-Match)", NULL, NULL},
};
const struct jschema h_schema_iv_session = JSCHEMA("IntervisionSession", session_fields);

static const struct jfield session_create_fields[] = {
    {"held_on", JT_DATE, JF_REQUIRED, 0, 0, "date", NULL, NULL},
    {"starts_at", JT_STRING, JF_NULLABLE, 0, 5, "HH:MM", NULL, NULL},
    {"place", JT_STRING, JF_NULLABLE, 0, 2000, "where", NULL, NULL},
    {"format", JT_STRING, JF_NULLABLE, 0, 0, "closed: case or theme", formats, NULL},
    {"facilitator_id", JT_UUID, JF_NULLABLE, 0, 0, "closed: a member (default: the rotation)", NULL,
     NULL},
    {"chair", JT_STRING, JF_NULLABLE, 0, 2000, "open: who chairs", NULL, NULL},
    {"notes", JT_STRING, JF_NULLABLE, 0, 20000, "short notes", NULL, NULL},
};
const struct jschema h_schema_iv_session_create =
    JSCHEMA("IntervisionSessionCreate", session_create_fields);

static const struct jfield session_patch_fields[] = {
    {"held_on", JT_DATE, 0, 0, 0, "date", NULL, NULL},
    {"starts_at", JT_STRING, JF_NULLABLE, 0, 5, "HH:MM; null clears", NULL, NULL},
    {"place", JT_STRING, JF_NULLABLE, 0, 2000, "where; null clears", NULL, NULL},
    {"format", JT_STRING, 0, 0, 0, "closed: case or theme", formats, NULL},
    {"facilitator_id", JT_UUID, JF_NULLABLE, 0, 0, "closed: a member; null clears", NULL, NULL},
    {"chair", JT_STRING, JF_NULLABLE, 0, 2000, "open: who chairs; null clears", NULL, NULL},
    {"notes", JT_STRING, JF_NULLABLE, 0, 20000, "short notes; null clears", NULL, NULL},
    {"headcount", JT_INTEGER, JF_NULLABLE, 0, 100000,
     "open, after the meeting: how many came; null clears", NULL, NULL},
};
const struct jschema h_schema_iv_session_patch =
    JSCHEMA("IntervisionSessionPatch", session_patch_fields);

static const struct jfield decision_fields[] = {
    {"decision", JT_STRING, JF_REQUIRED, 0, 0, "continue, pause or stop", decisions, NULL},
    {"next_on", JT_DATE, JF_NULLABLE, 0, 0, "continue: required; pause: optional", NULL, NULL},
    {"note", JT_STRING, JF_NULLABLE, 0, 20000, "short note (optional)", NULL, NULL},
};
const struct jschema h_schema_iv_decision = JSCHEMA("IntervisionDecision", decision_fields);

/* ---- handlers ---- */

static const char *viewer(const struct http_req *req)
{
    return req->actor.user_id;
}

int h_iv_themes(struct http_req *req)
{
    return http_reply_json(req, MHD_HTTP_OK, iv_themes_to_json());
}

int h_iv_group_list(struct http_req *req)
{
    struct iv_group *gs;
    size_t n;
    int rc = app_iv_group_list(&req->app, &gs, &n);
    if (rc)
        return rc;
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, iv_group_to_json(&gs[i], viewer(req)));
    return http_reply_json(req, MHD_HTTP_OK, pdjson_pack("{s:o}", "items", items));
}

int h_iv_group_create(struct http_req *req)
{
    const json_t *j = req->json;
    json_t *ids = json_object_get(j, "member_ids");
    size_t n = json_array_size(ids);
    const char **members = arena_array(&req->arena, n ? n : 1, sizeof(char *));
    for (size_t i = 0; i < n; i++)
        members[i] = json_string_value(json_array_get(ids, i));
    struct iv_group_input in = {.kind = pdjson_str(j, "kind", NULL),
                                .name = pdjson_str(j, "name", NULL),
                                .purpose = pdjson_str(j, "purpose", NULL),
                                .team_id = pdjson_str(j, "team_id", NULL),
                                .format = pdjson_str(j, "format", NULL),
                                .facilitation = pdjson_str(j, "facilitation", NULL),
                                .member_ids = members,
                                .nmembers = n};
    struct iv_group_view v;
    int rc = app_iv_group_create(&req->app, &in, &v);
    if (rc)
        return rc;
    return http_reply_json(req, MHD_HTTP_CREATED, iv_group_view_to_json(&v, viewer(req)));
}

int h_iv_group_get(struct http_req *req)
{
    struct iv_group_view v;
    int rc = app_iv_group_get(&req->app, http_param(req, "id"), &v);
    if (rc)
        return rc;
    return http_reply_json(req, MHD_HTTP_OK, iv_group_view_to_json(&v, viewer(req)));
}

int h_iv_member_add(struct http_req *req)
{
    struct iv_group_view v;
    int rc = app_iv_member_add(&req->app, http_param(req, "id"),
                               pdjson_str(req->json, "worker_id", NULL), &v);
    if (rc)
        return rc;
    return http_reply_json(req, MHD_HTTP_CREATED, iv_group_view_to_json(&v, viewer(req)));
}

int h_iv_member_remove(struct http_req *req)
{
    int rc = app_iv_member_remove(&req->app, http_param(req, "id"), http_param(req, "worker_id"));
    if (rc)
        return rc;
    return http_reply_empty(req, MHD_HTTP_NO_CONTENT);
}

int h_iv_participation_start(struct http_req *req)
{
    int rc = app_iv_participation(&req->app, http_param(req, "id"), true);
    if (rc)
        return rc;
    return http_reply_json(req, MHD_HTTP_OK, pdjson_pack("{s:b}", "taking_part", 1));
}

int h_iv_participation_end(struct http_req *req)
{
    int rc = app_iv_participation(&req->app, http_param(req, "id"), false);
    if (rc)
        return rc;
    return http_reply_empty(req, MHD_HTTP_NO_CONTENT);
}

/* A text member: absent NULL, null "" (clears on update), else the string. */
static const char *text_or_clear(const json_t *j, const char *name)
{
    json_t *v = json_object_get(j, name);
    if (!v)
        return NULL;
    return json_is_null(v) ? "" : json_string_value(v);
}

static void session_input(const json_t *j, struct iv_session_input *in)
{
    json_t *hc = json_object_get(j, "headcount");
    memset(in, 0, sizeof(*in));
    in->held_on = pdjson_str(j, "held_on", NULL);
    in->starts_at = text_or_clear(j, "starts_at");
    in->place = text_or_clear(j, "place");
    in->format = text_or_clear(j, "format");
    in->facilitator_id = text_or_clear(j, "facilitator_id");
    in->chair = text_or_clear(j, "chair");
    in->notes = text_or_clear(j, "notes");
    in->headcount = !hc ? -1 : json_is_null(hc) ? -2 : (int)json_integer_value(hc);
}

static int reply_session(struct http_req *req, int status, const struct iv_session_view *v)
{
    http_set_etag(req, v->s.version);
    return http_reply_json(req, status, iv_session_view_to_json(v));
}

int h_iv_session_create(struct http_req *req)
{
    struct iv_session_input in;
    struct iv_session_view v;
    session_input(req->json, &in);
    int rc = app_iv_session_create(&req->app, http_param(req, "id"), &in, &v);
    if (rc)
        return rc;
    return reply_session(req, MHD_HTTP_CREATED, &v);
}

int h_iv_session_get(struct http_req *req)
{
    struct iv_session_view v;
    int rc = app_iv_session_get(&req->app, http_param(req, "id"), &v);
    if (rc)
        return rc;
    return reply_session(req, MHD_HTTP_OK, &v);
}

int h_iv_session_patch(struct http_req *req)
{
    struct iv_session_input in;
    struct iv_session_view v;
    int64_t version;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    session_input(req->json, &in);
    memset(&v, 0, sizeof(v));
    int rc = app_iv_session_update(&req->app, http_param(req, "id"), version, &in, &v);
    if (rc == PD_ESTALE)
        return http_reply_stale(req, v.s.version ? iv_session_view_to_json(&v) : NULL);
    if (rc)
        return rc;
    return reply_session(req, MHD_HTTP_OK, &v);
}

int h_iv_decision(struct http_req *req)
{
    struct iv_session_view v;
    int64_t version;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    struct iv_decision_input in = {.decision = pdjson_str(req->json, "decision", NULL),
                                   .next_on = pdjson_str(req->json, "next_on", NULL),
                                   .note = pdjson_str(req->json, "note", NULL)};
    memset(&v, 0, sizeof(v));
    int rc = app_iv_decision(&req->app, http_param(req, "id"), version, &in, &v);
    if (rc == PD_ESTALE)
        return http_reply_stale(req, v.s.version ? iv_session_view_to_json(&v) : NULL);
    if (rc)
        return rc;
    return reply_session(req, MHD_HTTP_OK, &v);
}

int h_iv_agenda_add(struct http_req *req)
{
    const json_t *j = req->json;
    struct iv_agenda_input in = {.title = pdjson_str(j, "title", NULL),
                                 .detail = pdjson_str(j, "detail", NULL),
                                 .theme = pdjson_str(j, "theme", NULL),
                                 .show_author = pdjson_bool(j, "show_author", false)};
    struct iv_agenda_item it;
    int rc = app_iv_agenda_add(&req->app, http_param(req, "id"), &in, &it);
    if (rc)
        return rc;
    return http_reply_json(req, MHD_HTTP_CREATED, iv_agenda_to_json(&it, viewer(req)));
}

int h_iv_agenda_delete(struct http_req *req)
{
    int rc = app_iv_agenda_delete(&req->app, http_param(req, "id"));
    if (rc)
        return rc;
    return http_reply_empty(req, MHD_HTTP_NO_CONTENT);
}

static int reply_case(struct http_req *req, int status, const struct iv_case *c)
{
    http_set_etag(req, c->version);
    return http_reply_json(req, status, iv_case_to_json(c, viewer(req)));
}

int h_iv_case_add(struct http_req *req)
{
    struct iv_case c;
    int rc =
        app_iv_case_create(&req->app, http_param(req, "id"), pdjson_str(req->json, "title", NULL),
                           pdjson_str(req->json, "question", NULL), &c);
    if (rc)
        return rc;
    return reply_case(req, MHD_HTTP_CREATED, &c);
}

int h_iv_feedback_add(struct http_req *req)
{
    struct iv_case c;
    int rc =
        app_iv_feedback_add(&req->app, http_param(req, "id"), pdjson_str(req->json, "top", NULL),
                            pdjson_str(req->json, "tip", NULL), &c);
    if (rc)
        return rc;
    return reply_case(req, MHD_HTTP_CREATED, &c);
}

int h_iv_round_close(struct http_req *req)
{
    struct iv_case c;
    int64_t version;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    memset(&c, 0, sizeof(c));
    int rc = app_iv_round_close(&req->app, http_param(req, "id"), version, &c);
    if (rc == PD_ESTALE)
        return http_reply_stale(req, c.version ? iv_case_to_json(&c, viewer(req)) : NULL);
    if (rc)
        return rc;
    return reply_case(req, MHD_HTTP_OK, &c);
}

int h_iv_reflection(struct http_req *req)
{
    struct iv_case c;
    int64_t version;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    struct iv_reflection_input in = {.reflection = pdjson_str(req->json, "reflection", NULL),
                                     .usable = pdjson_str(req->json, "usable", NULL),
                                     .follow_up = pdjson_str(req->json, "follow_up", NULL)};
    memset(&c, 0, sizeof(c));
    int rc = app_iv_reflection(&req->app, http_param(req, "id"), version, &in, &c);
    if (rc == PD_ESTALE)
        return http_reply_stale(req, c.version ? iv_case_to_json(&c, viewer(req)) : NULL);
    if (rc)
        return rc;
    return reply_case(req, MHD_HTTP_OK, &c);
}
