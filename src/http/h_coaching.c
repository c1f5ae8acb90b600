/*
 * h_coaching.c: coaching links, conversations, private notes and the overviews.
 *
 *   GET   /api/v1/coaching/links?all=1                  -> {items: [CoachingLink]}
 *   POST  /api/v1/coaching/links {coach_id, expert_id, started_on?}  -> 201 CoachingLink
 *   POST  /api/v1/coaching/links/{id}/end + If-Match    -> CoachingLink
 *   GET   /api/v1/coaching/candidates                   -> {items: [{id, name, roles}]}
 *   GET   /api/v1/coaching/overdue                      -> {items: [CoachingLink]}
 *   GET   /api/v1/coaching/compliance                   -> CoachingCompliance (manager)
 *   GET   /api/v1/coaching/conversations?link_id=       -> {items: [CoachingConversation]}
 *   POST  /api/v1/coaching/conversations {link_id, status, on_date?, topic?} -> 201
 *   PATCH /api/v1/coaching/conversations/{id} {on_date?, status?, topic?} + If-Match
 *   GET   /api/v1/coaching/notes?link_id=               -> {items: [CoachingNote]}
 *   POST  /api/v1/coaching/notes {link_id, body}        -> 201 CoachingNote
 *   PATCH /api/v1/coaching/notes/{id} {body} + If-Match -> CoachingNote
 *
 * Who sees what is decided in app/coaching.c (docs/support.md).
 */
#include <microhttpd.h>
#include <string.h>

#include "../app/coaching.h"
#include "conditional.h"
#include "h_support.h"
#include "handlers.h"
#include "http_int.h"

static const char *const conv_status[] = {"held", "planned", "cancelled", NULL};
static const char *const conv_status_new[] = {"held", "planned", NULL};

static const struct jfield link_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "coaching link id", NULL, NULL},
    {"coach_id", JT_UUID, JF_REQUIRED, 0, 0, "the coach", NULL, NULL},
    {"coach_name", JT_STRING, JF_REQUIRED, 0, 0, "the coach's name", NULL, NULL},
    {"expert_id", JT_UUID, JF_REQUIRED, 0, 0, "the expert", NULL, NULL},
    {"expert_name", JT_STRING, JF_REQUIRED, 0, 0, "the expert's name", NULL, NULL},
    {"started_on", JT_DATE, JF_REQUIRED, 0, 0, "since when", NULL, NULL},
    {"ended_on", JT_DATE, JF_REQUIRED | JF_NULLABLE, 0, 0, "ended on; null while running", NULL,
     NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 0, 0, "record version (If-Match)", NULL, NULL},
    {"as_coach", JT_BOOLEAN, 0, 0, 0, "own view: I am the coach of this link", NULL, NULL},
    {"last_held_on", JT_DATE, JF_NULLABLE, 0, 0, "own view: newest held conversation", NULL, NULL},
    {"next_planned_on", JT_DATE, JF_NULLABLE, 0, 0, "own view: next planned conversation", NULL,
     NULL},
    {"days_since", JT_INTEGER, 0, 0, 0, "own view: days since the last held one (or the start)",
     NULL, NULL},
    {"overdue", JT_BOOLEAN, 0, 0, 0, "own view: more than 28 days without a held conversation",
     NULL, NULL},
};
const struct jschema h_schema_coaching_link = JSCHEMA("CoachingLink", link_fields);

static const struct jfield link_list_fields[] = {
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "links, overdue first", NULL, &h_schema_coaching_link},
};
const struct jschema h_schema_coaching_link_list = JSCHEMA("CoachingLinkList", link_list_fields);

static const struct jfield link_create_fields[] = {
    {"coach_id", JT_UUID, JF_REQUIRED, 0, 0, "a worker with the role coach", NULL, NULL},
    {"expert_id", JT_UUID, JF_REQUIRED, 0, 0, "a worker with the role expert", NULL, NULL},
    {"started_on", JT_DATE, 0, 0, 0, "since when (default today)", NULL, NULL},
};
const struct jschema h_schema_coaching_link_create =
    JSCHEMA("CoachingLinkCreate", link_create_fields);

static const struct jfield conv_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "conversation id", NULL, NULL},
    {"link_id", JT_UUID, JF_REQUIRED, 0, 0, "coaching link", NULL, NULL},
    {"on_date", JT_DATE, JF_REQUIRED, 0, 0, "date held or planned", NULL, NULL},
    {"status", JT_STRING, JF_REQUIRED, 0, 0, "held, planned or cancelled", conv_status, NULL},
    {"topic", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "for the two of them", NULL, NULL},
    {"created_by", JT_UUID, JF_REQUIRED, 0, 0, "who recorded it", NULL, NULL},
    {"created_at", JT_DATETIME, JF_REQUIRED, 0, 0, "recorded at", NULL, NULL},
    {"updated_at", JT_DATETIME, JF_REQUIRED, 0, 0, "changed at", NULL, NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 0, 0, "record version (If-Match)", NULL, NULL},
};
const struct jschema h_schema_coaching_conv = JSCHEMA("CoachingConversation", conv_fields);

static const struct jfield conv_list_fields[] = {
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "newest date first", NULL, &h_schema_coaching_conv},
};
const struct jschema h_schema_coaching_conv_list =
    JSCHEMA("CoachingConversationList", conv_list_fields);

static const struct jfield conv_create_fields[] = {
    {"link_id", JT_UUID, JF_REQUIRED, 0, 0, "my coaching link", NULL, NULL},
    {"status", JT_STRING, JF_REQUIRED, 0, 0, "held or planned", conv_status_new, NULL},
    {"on_date", JT_DATE, 0, 0, 0, "held: not after today; planned: not before (default today)",
     NULL, NULL},
    {"topic", JT_STRING, JF_NULLABLE, 0, LIMIT_COACHING_TOPIC, "topic (optional)", NULL, NULL},
};
const struct jschema h_schema_coaching_conv_create =
    JSCHEMA("CoachingConversationCreate", conv_create_fields);

static const struct jfield conv_patch_fields[] = {
    {"status", JT_STRING, 0, 0, 0, "held, planned or cancelled", conv_status, NULL},
    {"on_date", JT_DATE, 0, 0, 0, "date", NULL, NULL},
    {"topic", JT_STRING, JF_NULLABLE, 0, LIMIT_COACHING_TOPIC, "topic; null clears", NULL, NULL},
};
const struct jschema h_schema_coaching_conv_patch =
    JSCHEMA("CoachingConversationPatch", conv_patch_fields);

static const struct jfield note_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "note id", NULL, NULL},
    {"link_id", JT_UUID, JF_REQUIRED, 0, 0, "coaching link", NULL, NULL},
    {"author_id", JT_UUID, JF_REQUIRED, 0, 0, "the expert or the coach", NULL, NULL},
    {"body", JT_STRING, JF_REQUIRED, 0, 0, "the note", NULL, NULL},
    {"created_at", JT_DATETIME, JF_REQUIRED, 0, 0, "written at", NULL, NULL},
    {"updated_at", JT_DATETIME, JF_REQUIRED, 0, 0, "changed at", NULL, NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 0, 0, "record version (If-Match)", NULL, NULL},
};
const struct jschema h_schema_coaching_note = JSCHEMA("CoachingNote", note_fields);

static const struct jfield note_list_fields[] = {
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "newest first", NULL, &h_schema_coaching_note},
};
const struct jschema h_schema_coaching_note_list = JSCHEMA("CoachingNoteList", note_list_fields);

static const struct jfield note_create_fields[] = {
    {"link_id", JT_UUID, JF_REQUIRED, 0, 0, "my coaching link", NULL, NULL},
    {"body", JT_STRING, JF_REQUIRED, 0, 20000, "the note (1 to 4000 characters)", NULL, NULL},
};
const struct jschema h_schema_coaching_note_create =
    JSCHEMA("CoachingNoteCreate", note_create_fields);

static const struct jfield note_patch_fields[] = {
    {"body", JT_STRING, JF_REQUIRED, 0, 20000, "the note (1 to 4000 characters)", NULL, NULL},
};
const struct jschema h_schema_coaching_note_patch = JSCHEMA("CoachingNotePatch", note_patch_fields);

static const struct jfield compliance_item_fields[] = {
    {"expert_id", JT_UUID, JF_REQUIRED, 0, 0, "expert", NULL, NULL},
    {"name", JT_STRING, JF_REQUIRED, 0, 0, "the expert's name", NULL, NULL},
    {"has_coach", JT_BOOLEAN, JF_REQUIRED, 0, 0, "a coaching link runs", NULL, NULL},
    {"held_recently", JT_BOOLEAN, JF_REQUIRED, 0, 0, "a conversation held in the last 28 days",
     NULL, NULL},
};
static const struct jschema compliance_item =
    JSCHEMA("CoachingComplianceItem", compliance_item_fields);
static const struct jfield compliance_count_fields[] = {
    {"experts", JT_INTEGER, JF_REQUIRED, 0, 0, "active experts", NULL, NULL},
    {"with_coach", JT_INTEGER, JF_REQUIRED, 0, 0, "with a running link", NULL, NULL},
    {"held_recently", JT_INTEGER, JF_REQUIRED, 0, 0, "held within the window", NULL, NULL},
    {"not_held", JT_INTEGER, JF_REQUIRED, 0, 0, "with a coach, not held within the window", NULL,
     NULL},
};
static const struct jschema compliance_counts =
    JSCHEMA("CoachingComplianceCounts", compliance_count_fields);
static const struct jfield compliance_fields[] = {
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "per expert: yes/no only", NULL, &compliance_item},
    {"counts", JT_OBJECT, JF_REQUIRED, 0, 0, "totals", NULL, &compliance_counts},
    {"window_days", JT_INTEGER, JF_REQUIRED, 0, 0, "the window: 28 days", NULL, NULL},
};
const struct jschema h_schema_coaching_compliance =
    JSCHEMA("CoachingCompliance", compliance_fields);

static int reply_links(struct http_req *req, const struct coaching_link_view *v, size_t n)
{
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, coaching_link_to_json(&v[i]));
    return http_reply_json(req, MHD_HTTP_OK, pdjson_pack("{s:o}", "items", items));
}

int h_coaching_links_list(struct http_req *req)
{
    struct coaching_link_view *v;
    size_t n;
    const char *all = http_query(req, "all");
    if (all && strcmp(all, "1") != 0 && strcmp(all, "0") != 0)
        return err_set(&req->app.err, PD_EINVAL, "all", "1 or 0");
    int rc = app_coaching_links(&req->app, all && strcmp(all, "1") == 0, &v, &n);
    return rc ? rc : reply_links(req, v, n);
}

int h_coaching_links_create(struct http_req *req)
{
    struct coaching_link_view v;
    const json_t *j = req->json;
    int rc = app_coaching_link_create(&req->app, pdjson_str(j, "coach_id", NULL),
                                      pdjson_str(j, "expert_id", NULL),
                                      pdjson_str(j, "started_on", NULL), &v);
    if (rc)
        return rc;
    http_set_etag(req, v.link.version);
    return http_reply_json(req, MHD_HTTP_CREATED, coaching_link_to_json(&v));
}

int h_coaching_links_end(struct http_req *req)
{
    struct coaching_link_view v;
    int64_t version;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    memset(&v, 0, sizeof(v));
    int rc = app_coaching_link_end(&req->app, http_param(req, "id"), version, &v);
    if (rc == PD_ESTALE)
        return http_reply_stale(req, v.link.version ? coaching_link_to_json(&v) : NULL);
    if (rc)
        return rc;
    http_set_etag(req, v.link.version);
    return http_reply_json(req, MHD_HTTP_OK, coaching_link_to_json(&v));
}

int h_coaching_candidates(struct http_req *req)
{
    struct worker *ws;
    size_t n;
    int rc = app_coaching_candidates(&req->app, &ws, &n);
    if (rc)
        return rc;
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *full = worker_to_json(&ws[i]);
        json_array_append_new(items,
                              pdjson_pack("{s:s, s:s, s:O}", "id", ws[i].id, "name", ws[i].name,
                                          "roles", json_object_get(full, "roles")));
        json_decref(full);
    }
    return http_reply_json(req, MHD_HTTP_OK, pdjson_pack("{s:o}", "items", items));
}

int h_coaching_overdue(struct http_req *req)
{
    struct coaching_link_view *v;
    size_t n;
    int rc = app_coaching_overdue(&req->app, &v, &n);
    return rc ? rc : reply_links(req, v, n);
}

int h_coaching_compliance(struct http_req *req)
{
    struct coaching_compliance *c;
    size_t n;
    int rc = app_coaching_compliance(&req->app, &c, &n);
    return rc ? rc : http_reply_json(req, MHD_HTTP_OK, coaching_compliance_to_json(c, n));
}

/* ?link_id= is required for the pair's records. */
static int need_link(struct http_req *req, const char **link_id)
{
    *link_id = http_query(req, "link_id");
    if (!*link_id)
        return err_set(&req->app.err, PD_EMISSING, "link_id", "which coaching link");
    return PD_OK;
}

int h_coaching_conv_list(struct http_req *req)
{
    struct coaching_conv_rec *cs;
    size_t n;
    const char *link_id;
    int rc = need_link(req, &link_id);
    if (rc || (rc = app_coaching_conv_list(&req->app, link_id, &cs, &n)) != PD_OK)
        return rc;
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, coaching_conv_to_json(&cs[i]));
    return http_reply_json(req, MHD_HTTP_OK, pdjson_pack("{s:o}", "items", items));
}

static void conv_input(const json_t *j, struct coaching_conv_input *in)
{
    memset(in, 0, sizeof(*in));
    in->link_id = pdjson_str(j, "link_id", NULL);
    in->on_date = pdjson_str(j, "on_date", NULL);
    in->status = pdjson_str(j, "status", NULL);
    in->topic = json_is_null(json_object_get(j, "topic")) ? "" : pdjson_str(j, "topic", NULL);
}

int h_coaching_conv_create(struct http_req *req)
{
    struct coaching_conv_input in;
    struct coaching_conv_rec c;
    conv_input(req->json, &in);
    int rc = app_coaching_conv_create(&req->app, &in, &c);
    if (rc)
        return rc;
    http_set_etag(req, c.version);
    return http_reply_json(req, MHD_HTTP_CREATED, coaching_conv_to_json(&c));
}

int h_coaching_conv_patch(struct http_req *req)
{
    struct coaching_conv_input in;
    struct coaching_conv_rec out;
    int64_t version;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    conv_input(req->json, &in);
    memset(&out, 0, sizeof(out));
    int rc = app_coaching_conv_update(&req->app, http_param(req, "id"), version, &in, &out);
    if (rc == PD_ESTALE)
        return http_reply_stale(req, out.version ? coaching_conv_to_json(&out) : NULL);
    if (rc)
        return rc;
    http_set_etag(req, out.version);
    return http_reply_json(req, MHD_HTTP_OK, coaching_conv_to_json(&out));
}

int h_coaching_note_list(struct http_req *req)
{
    struct coaching_note_rec *ns;
    size_t n;
    const char *link_id;
    int rc = need_link(req, &link_id);
    if (rc || (rc = app_coaching_note_list(&req->app, link_id, &ns, &n)) != PD_OK)
        return rc;
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, coaching_note_to_json(&ns[i]));
    return http_reply_json(req, MHD_HTTP_OK, pdjson_pack("{s:o}", "items", items));
}

int h_coaching_note_create(struct http_req *req)
{
    struct coaching_note_rec c;
    int rc = app_coaching_note_create(&req->app, pdjson_str(req->json, "link_id", NULL),
                                      pdjson_str(req->json, "body", ""), &c);
    if (rc)
        return rc;
    http_set_etag(req, c.version);
    return http_reply_json(req, MHD_HTTP_CREATED, coaching_note_to_json(&c));
}

int h_coaching_note_patch(struct http_req *req)
{
    struct coaching_note_rec out;
    int64_t version;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    memset(&out, 0, sizeof(out));
    int rc = app_coaching_note_update(&req->app, http_param(req, "id"), version,
                                      pdjson_str(req->json, "body", ""), &out);
    if (rc == PD_ESTALE)
        return http_reply_stale(req, out.version ? coaching_note_to_json(&out) : NULL);
    if (rc)
        return rc;
    http_set_etag(req, out.version);
    return http_reply_json(req, MHD_HTTP_OK, coaching_note_to_json(&out));
}
