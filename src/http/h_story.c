/*
 * h_story.c: the recovery story (herstelverhaal). Rules and the model: docs/story.md.
 *
 *   GET    /api/v1/stories                                  -> StoryList (mine)
 *   POST   /api/v1/stories {title, form, wont_share?, fragments}   -> 201 Story
 *   GET    /api/v1/stories/{id}                             -> Story (ETag)
 *   PUT    /api/v1/stories/{id} {title, form, wont_share?, fragments} + If-Match -> Story
 *   DELETE /api/v1/stories/{id} + If-Match                  -> 204
 *   GET    /api/v1/stories/{id}/versions?before=&limit=     -> StoryVersionPage
 *   GET    /api/v1/stories/{id}/versions/{n}                -> StoryVersion (read-only)
 *   PUT    /api/v1/stories/{id}/fragments/{fid}/sharing {scope, feedback} + If-Match
 *                                                           -> StoryFragment
 *   POST   /api/v1/stories/{id}/audiences {audience, title, items}   -> 201 StoryAudience
 *   GET    /api/v1/stories/{id}/audiences/{aid}             -> StoryAudience (ETag)
 *   PUT    /api/v1/stories/{id}/audiences/{aid} + If-Match  -> StoryAudience
 *   DELETE /api/v1/stories/{id}/audiences/{aid} + If-Match  -> 204
 *   GET    /api/v1/story-shares?after=&limit=               -> StorySharePage (shared with me)
 *   GET    /api/v1/story-shares/{fid}                       -> StoryShare
 *   POST   /api/v1/story-shares/{fid}/responses {body}      -> 201 StoryResponse
 *
 * Every route is open to every role at the table: whether a story or fragment is the
 * actor's, or shared with the actor, is decided in app/story.c, and anything else answers
 * exactly like a random id (404).
 */
#include "h_story.h"

#include <microhttpd.h>
#include <string.h>

#include "../app/story.h"
#include "../lib/str.h"
#include "conditional.h"
#include "handlers.h"
#include "http_int.h"

static const char *const forms[] = {"story", "poem", "diary", "comic", "essay", "other", NULL};
static const char *const scopes[] = {"self", "trainer", "group", NULL};
static const char *const feedbacks[] = {"yes", "no", "only_evokes", NULL};
static const char *const audiences[] = {"one_to_one", "group", "stage", NULL};
static const char *const kinds[] = {"feedback", "evokes", NULL};

/* ---- schemas ---- */

static const struct jfield response_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "response id", NULL, NULL},
    {"responder_name", JT_STRING, JF_REQUIRED, 0, 0, "who responded", NULL, NULL},
    {"kind", JT_STRING, JF_REQUIRED, 0, 0,
     "feedback, or evokes: only what the fragment evokes, as the author asked", kinds, NULL},
    {"body", JT_STRING, JF_REQUIRED, 0, 0, "the response", NULL, NULL},
    {"created_at", JT_DATETIME, JF_REQUIRED, 0, 0, "written at", NULL, NULL},
};
const struct jschema h_schema_story_response = JSCHEMA("StoryResponse", response_fields);

static const struct jfield fragment_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "fragment id (the same in every version)", NULL, NULL},
    {"position", JT_INTEGER, JF_REQUIRED, 0, 0, "place in the version, from 0", NULL, NULL},
    {"body", JT_STRING, JF_REQUIRED, 0, 0, "text", NULL, NULL},
    {"scope", JT_STRING, JF_REQUIRED, 0, 0, "who else sees it", scopes, NULL},
    {"feedback", JT_STRING, JF_REQUIRED, 0, 0, "feedback wish", feedbacks, NULL},
    {"shared_at", JT_DATETIME, JF_REQUIRED | JF_NULLABLE, 0, 0, "last shared at", NULL, NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 0, 0, "version of the sharing (If-Match)", NULL, NULL},
    {"responses", JT_ARRAY, JF_REQUIRED, 0, 0, "responses of viewers, oldest first", NULL,
     &h_schema_story_response},
};
const struct jschema h_schema_story_fragment = JSCHEMA("StoryFragment", fragment_fields);

static const struct jfield audience_summary_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "audience version id", NULL, NULL},
    {"audience", JT_STRING, JF_REQUIRED, 0, 0, "for whom", audiences, NULL},
    {"title", JT_STRING, JF_REQUIRED, 0, 0, "title", NULL, NULL},
    {"updated_at", JT_DATETIME, JF_REQUIRED, 0, 0, "last changed", NULL, NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 0, 0, "record version", NULL, NULL},
};
static const struct jschema audience_summary =
    JSCHEMA("StoryAudienceSummary", audience_summary_fields);

static const struct jfield story_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "story id", NULL, NULL},
    {"title", JT_STRING, JF_REQUIRED, 0, 0, "title of the current version", NULL, NULL},
    {"form", JT_STRING, JF_REQUIRED, 0, 0, "form of the current version", forms, NULL},
    {"wont_share", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0,
     "what the author will not share: never shown to anyone else", NULL, NULL},
    {"current_version", JT_INTEGER, JF_REQUIRED, 0, 0, "number of the current version", NULL, NULL},
    {"saved_at", JT_DATETIME, JF_REQUIRED, 0, 0, "current version saved at", NULL, NULL},
    {"created_at", JT_DATETIME, JF_REQUIRED, 0, 0, "started at", NULL, NULL},
    {"updated_at", JT_DATETIME, JF_REQUIRED, 0, 0, "last changed", NULL, NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 0, 0, "record version (If-Match)", NULL, NULL},
    {"fragments", JT_ARRAY, JF_REQUIRED, 0, 0, "fragments of the current version, in order", NULL,
     &h_schema_story_fragment},
    {"audiences", JT_ARRAY, JF_REQUIRED, 0, 0, "audience versions, newest first", NULL,
     &audience_summary},
};
const struct jschema h_schema_story = JSCHEMA("Story", story_fields);

static const struct jfield story_summary_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "story id", NULL, NULL},
    {"title", JT_STRING, JF_REQUIRED, 0, 0, "title", NULL, NULL},
    {"form", JT_STRING, JF_REQUIRED, 0, 0, "form", forms, NULL},
    {"current_version", JT_INTEGER, JF_REQUIRED, 0, 0, "number of the current version", NULL, NULL},
    {"fragments", JT_INTEGER, JF_REQUIRED, 0, 0, "fragments in the current version", NULL, NULL},
    {"shared", JT_INTEGER, JF_REQUIRED, 0, 0, "of those, shared with someone", NULL, NULL},
    {"created_at", JT_DATETIME, JF_REQUIRED, 0, 0, "started at", NULL, NULL},
    {"updated_at", JT_DATETIME, JF_REQUIRED, 0, 0, "last changed", NULL, NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 0, 0, "record version", NULL, NULL},
};
static const struct jschema story_summary = JSCHEMA("StorySummary", story_summary_fields);

static const struct jfield story_list_fields[] = {
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "my stories, newest first", NULL, &story_summary},
};
const struct jschema h_schema_story_list = JSCHEMA("StoryList", story_list_fields);

static const struct jfield fragment_in_fields[] = {
    {"id", JT_UUID, 0, 0, 0, "a fragment of this story to continue; absent: a new fragment", NULL,
     NULL},
    {"body", JT_STRING, JF_REQUIRED, 0, 0, "text, 1 to 20000 characters", NULL, NULL},
};
static const struct jschema fragment_in = JSCHEMA("StoryFragmentInput", fragment_in_fields);

/* Strings are capped generously here; the use case names the field with the exact rule. */
static const struct jfield story_put_fields[] = {
    {"title", JT_STRING, JF_REQUIRED, 0, 1000, "1 to 200 characters", NULL, NULL},
    {"form", JT_STRING, JF_REQUIRED, 0, 0, "form of the story", forms, NULL},
    {"wont_share", JT_STRING, JF_NULLABLE, 0, 20000,
     "what I will not share (at most 4000 characters; null or \"\" clears, absent keeps)", NULL,
     NULL},
    {"fragments", JT_ARRAY, JF_REQUIRED, 0, 200, "the fragments in order (at most 50)", NULL,
     &fragment_in},
};
const struct jschema h_schema_story_put = JSCHEMA("StoryPut", story_put_fields);

static const struct jfield version_fragment_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "fragment id", NULL, NULL},
    {"position", JT_INTEGER, JF_REQUIRED, 0, 0, "place, from 0", NULL, NULL},
    {"body", JT_STRING, JF_REQUIRED, 0, 0, "text in this version", NULL, NULL},
};
static const struct jschema version_fragment =
    JSCHEMA("StoryVersionFragment", version_fragment_fields);

static const struct jfield version_fields[] = {
    {"n", JT_INTEGER, JF_REQUIRED, 0, 0, "version number, from 1", NULL, NULL},
    {"title", JT_STRING, JF_REQUIRED, 0, 0, "title in this version", NULL, NULL},
    {"form", JT_STRING, JF_REQUIRED, 0, 0, "form in this version", forms, NULL},
    {"saved_at", JT_DATETIME, JF_REQUIRED, 0, 0, "saved at", NULL, NULL},
    {"fragment_count", JT_INTEGER, JF_REQUIRED, 0, 0, "number of fragments", NULL, NULL},
    {"current", JT_BOOLEAN, JF_REQUIRED, 0, 0, "is the current version", NULL, NULL},
    {"fragments", JT_ARRAY, 0, 0, 0, "the fragments (one version only, not in lists)", NULL,
     &version_fragment},
};
const struct jschema h_schema_story_version = JSCHEMA("StoryVersion", version_fields);

static const struct jfield version_page_fields[] = {
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "newest first", NULL, &h_schema_story_version},
    {"next", JT_INTEGER, JF_REQUIRED | JF_NULLABLE, 0, 0, "cursor for the next page (before=)",
     NULL, NULL},
};
const struct jschema h_schema_story_version_page = JSCHEMA("StoryVersionPage", version_page_fields);

static const struct jfield sharing_fields[] = {
    {"scope", JT_STRING, JF_REQUIRED, 0, 0,
     "self, trainer (the trainers of my learning groups) or group (all members)", NULL, NULL},
    {"feedback", JT_STRING, JF_REQUIRED, 0, 0, "yes, no or only_evokes", NULL, NULL},
};
const struct jschema h_schema_story_sharing = JSCHEMA("StorySharing", sharing_fields);

static const struct jfield audience_item_fields[] = {
    {"fragment_id", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0,
     "the fragment it was taken from; null: text added for this audience", NULL, NULL},
    {"body", JT_STRING, JF_REQUIRED, 0, 0, "text for this audience", NULL, NULL},
};
static const struct jschema audience_item = JSCHEMA("StoryAudienceItem", audience_item_fields);

static const struct jfield audience_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "audience version id", NULL, NULL},
    {"audience", JT_STRING, JF_REQUIRED, 0, 0, "for whom", audiences, NULL},
    {"title", JT_STRING, JF_REQUIRED, 0, 0, "title", NULL, NULL},
    {"created_at", JT_DATETIME, JF_REQUIRED, 0, 0, "made at", NULL, NULL},
    {"updated_at", JT_DATETIME, JF_REQUIRED, 0, 0, "last changed", NULL, NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 0, 0, "record version (If-Match)", NULL, NULL},
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "what I will tell, in order", NULL, &audience_item},
};
const struct jschema h_schema_story_audience = JSCHEMA("StoryAudience", audience_fields);

static const struct jfield audience_item_in_fields[] = {
    {"fragment_id", JT_UUID, JF_NULLABLE, 0, 0, "a fragment of this story, or absent/null", NULL,
     NULL},
    {"body", JT_STRING, JF_REQUIRED, 0, 0, "text, 1 to 20000 characters", NULL, NULL},
};
static const struct jschema audience_item_in =
    JSCHEMA("StoryAudienceItemInput", audience_item_in_fields);

static const struct jfield audience_put_fields[] = {
    {"audience", JT_STRING, JF_REQUIRED, 0, 0, "one_to_one, group or stage", NULL, NULL},
    {"title", JT_STRING, JF_REQUIRED, 0, 1000, "1 to 200 characters", NULL, NULL},
    {"items", JT_ARRAY, JF_REQUIRED, 0, 200, "in order (at most 50)", NULL, &audience_item_in},
};
const struct jschema h_schema_story_audience_put = JSCHEMA("StoryAudiencePut", audience_put_fields);

static const struct jfield share_fields[] = {
    {"fragment_id", JT_UUID, JF_REQUIRED, 0, 0, "fragment id", NULL, NULL},
    {"story_title", JT_STRING, JF_REQUIRED, 0, 0, "title of the story", NULL, NULL},
    {"author_name", JT_STRING, JF_REQUIRED, 0, 0, "who wrote it", NULL, NULL},
    {"body", JT_STRING, JF_REQUIRED, 0, 0, "the fragment's current text", NULL, NULL},
    {"scope", JT_STRING, JF_REQUIRED, 0, 0, "shared with the trainers or the whole group", scopes,
     NULL},
    {"feedback", JT_STRING, JF_REQUIRED, 0, 0,
     "the author's wish: yes, no (no responses) or only_evokes", feedbacks, NULL},
    {"shared_at", JT_DATETIME, JF_REQUIRED | JF_NULLABLE, 0, 0, "shared at", NULL, NULL},
    {"responses", JT_ARRAY, JF_REQUIRED, 0, 0, "my own responses (others' are not shown)", NULL,
     &h_schema_story_response},
};
const struct jschema h_schema_story_share = JSCHEMA("StoryShare", share_fields);

static const struct jfield share_page_fields[] = {
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "newest story first, its fragments in reading order",
     NULL, &h_schema_story_share},
    {"next", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0, "cursor for the next page (after=)", NULL,
     NULL},
};
const struct jschema h_schema_story_share_page = JSCHEMA("StorySharePage", share_page_fields);

static const struct jfield respond_fields[] = {
    {"body", JT_STRING, JF_REQUIRED, 0, 20000, "1 to 2000 characters", NULL, NULL},
};
const struct jschema h_schema_story_respond = JSCHEMA("StoryRespond", respond_fields);

/* ---- input ---- */

static void story_input(struct http_req *req, struct story_input *in)
{
    const json_t *j = req->json;
    json_t *frags = json_object_get(j, "fragments");
    json_t *ws = json_object_get(j, "wont_share");
    size_t n = json_array_size(frags);
    struct story_fragment_input *f = arena_array(&req->arena, n ? n : 1, sizeof(*f));
    for (size_t i = 0; i < n; i++) {
        json_t *el = json_array_get(frags, i);
        f[i].id = pdjson_str(el, "id", NULL);
        f[i].body = pdjson_str(el, "body", "");
    }
    memset(in, 0, sizeof(*in));
    in->title = pdjson_str(j, "title", "");
    in->form = pdjson_str(j, "form", "");
    in->wont_share = json_is_null(ws) ? "" : pdjson_str(j, "wont_share", NULL);
    in->fragments = f;
    in->nfragments = n;
}

static void audience_input(struct http_req *req, struct story_audience_rec *au)
{
    const json_t *j = req->json;
    json_t *items = json_object_get(j, "items");
    size_t n = json_array_size(items);
    struct story_audience_item *v = arena_array(&req->arena, n ? n : 1, sizeof(*v));
    for (size_t i = 0; i < n; i++) {
        json_t *el = json_array_get(items, i);
        v[i].fragment_id = pdjson_str(el, "fragment_id", NULL);
        v[i].body = pdjson_str(el, "body", "");
    }
    memset(au, 0, sizeof(*au));
    au->audience = pdjson_str(j, "audience", "");
    au->title = pdjson_str(j, "title", "");
    au->items = v;
    au->nitems = n;
}

/* ---- the author's stories ---- */

int h_story_list(struct http_req *req)
{
    struct story_rec *v;
    size_t n;
    int rc = app_story_list(&req->app, &v, &n);
    if (rc)
        return rc;
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, story_summary_to_json(&v[i]));
    return http_reply_json(req, MHD_HTTP_OK, pdjson_pack("{s:o}", "items", items));
}

int h_story_create(struct http_req *req)
{
    struct story_input in;
    struct story_view v;
    story_input(req, &in);
    int rc = app_story_create(&req->app, &in, &v);
    if (rc)
        return rc;
    http_set_etag(req, v.story.version);
    return http_reply_json(req, MHD_HTTP_CREATED, story_view_to_json(&v));
}

int h_story_get(struct http_req *req)
{
    struct story_view v;
    int rc = app_story_get(&req->app, http_param(req, "id"), &v);
    if (rc)
        return rc;
    http_set_etag(req, v.story.version);
    return http_reply_json(req, MHD_HTTP_OK, story_view_to_json(&v));
}

int h_story_put(struct http_req *req)
{
    struct story_input in;
    struct story_view v;
    int64_t version;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    story_input(req, &in);
    memset(&v, 0, sizeof(v));
    int rc = app_story_save(&req->app, http_param(req, "id"), version, &in, &v);
    if (rc == PD_ESTALE)
        return http_reply_stale(req, v.story.version ? story_view_to_json(&v) : NULL);
    if (rc)
        return rc;
    http_set_etag(req, v.story.version);
    return http_reply_json(req, MHD_HTTP_OK, story_view_to_json(&v));
}

int h_story_delete(struct http_req *req)
{
    int64_t version;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    int rc = app_story_delete(&req->app, http_param(req, "id"), version);
    if (rc)
        return rc;
    return http_reply_empty(req, MHD_HTTP_NO_CONTENT);
}

int h_story_versions(struct http_req *req)
{
    struct story_version_rec *v;
    size_t n;
    int limit;
    int64_t before = 0;
    const char *b = http_query(req, "before");
    int rc = h_page_limit(req, &limit);
    if (rc)
        return rc;
    if (b && !str_to_i64(str_from(b), 1, INT32_MAX, &before))
        return err_set(&req->app.err, PD_EINVAL, "before", "a version number from 1");
    int64_t cur = 0;
    rc = app_story_versions(&req->app, http_param(req, "id"), before, limit + 1, &v, &n, &cur);
    if (rc)
        return rc;
    json_t *items = json_array();
    for (size_t i = 0; i < n && i < (size_t)limit; i++)
        json_array_append_new(items, story_version_to_json(&v[i], cur));
    json_t *next = n > (size_t)limit ? json_integer((json_int_t)v[limit - 1].n) : json_null();
    return http_reply_json(req, MHD_HTTP_OK,
                           pdjson_pack("{s:o, s:o}", "items", items, "next", next));
}

int h_story_version_get(struct http_req *req)
{
    struct story_version_rec v;
    int64_t vn = 0;
    const char *s = http_param(req, "n");
    if (!s || !str_to_i64(str_from(s), 1, INT32_MAX, &vn))
        vn = -1; /* answered like a missing version, below */
    int64_t cur = 0;
    int rc = app_story_version(&req->app, http_param(req, "id"), vn, &v, &cur);
    if (rc)
        return rc;
    return http_reply_json(req, MHD_HTTP_OK, story_version_to_json(&v, cur));
}

int h_story_sharing(struct http_req *req)
{
    struct story_fragment_rec f;
    int64_t version;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    memset(&f, 0, sizeof(f));
    int rc = app_fragment_share(&req->app, http_param(req, "id"), http_param(req, "fid"), version,
                                pdjson_str(req->json, "scope", ""),
                                pdjson_str(req->json, "feedback", ""), &f);
    if (rc == PD_ESTALE)
        return http_reply_stale(req, f.version ? story_fragment_to_json(&f, true) : NULL);
    if (rc)
        return rc;
    http_set_etag(req, f.version);
    return http_reply_json(req, MHD_HTTP_OK, story_fragment_to_json(&f, true));
}

/* ---- audience versions ---- */

int h_audience_create(struct http_req *req)
{
    struct story_audience_rec au;
    audience_input(req, &au);
    int rc = app_audience_create(&req->app, http_param(req, "id"), &au);
    if (rc)
        return rc;
    http_set_etag(req, au.version);
    return http_reply_json(req, MHD_HTTP_CREATED, story_audience_to_json(&au));
}

int h_audience_get(struct http_req *req)
{
    struct story_audience_rec au;
    int rc = app_audience_get(&req->app, http_param(req, "id"), http_param(req, "aid"), &au);
    if (rc)
        return rc;
    http_set_etag(req, au.version);
    return http_reply_json(req, MHD_HTTP_OK, story_audience_to_json(&au));
}

int h_audience_put(struct http_req *req)
{
    struct story_audience_rec in, out;
    int64_t version;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    audience_input(req, &in);
    memset(&out, 0, sizeof(out));
    int rc = app_audience_update(&req->app, http_param(req, "id"), http_param(req, "aid"), version,
                                 &in, &out);
    if (rc == PD_ESTALE)
        return http_reply_stale(req, out.version ? story_audience_to_json(&out) : NULL);
    if (rc)
        return rc;
    http_set_etag(req, out.version);
    return http_reply_json(req, MHD_HTTP_OK, story_audience_to_json(&out));
}

int h_audience_delete(struct http_req *req)
{
    int64_t version;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    int rc = app_audience_delete(&req->app, http_param(req, "id"), http_param(req, "aid"), version);
    if (rc)
        return rc;
    return http_reply_empty(req, MHD_HTTP_NO_CONTENT);
}

/* ---- shared with me ---- */

int h_share_list(struct http_req *req)
{
    struct story_share_rec *v;
    size_t n;
    int limit;
    int rc = h_page_limit(req, &limit);
    if (rc)
        return rc;
    rc = app_share_list(&req->app, http_query(req, "after"), limit + 1, &v, &n);
    if (rc)
        return rc;
    json_t *items = json_array();
    for (size_t i = 0; i < n && i < (size_t)limit; i++)
        json_array_append_new(items, story_share_to_json(&v[i]));
    const char *next = n > (size_t)limit ? v[limit - 1].fragment_id : NULL;
    return http_reply_json(
        req, MHD_HTTP_OK,
        pdjson_pack("{s:o, s:o}", "items", items, "next", pdjson_str_or_null(next)));
}

int h_share_get(struct http_req *req)
{
    struct story_share_rec s;
    int rc = app_share_get(&req->app, http_param(req, "fid"), &s);
    if (rc)
        return rc;
    return http_reply_json(req, MHD_HTTP_OK, story_share_to_json(&s));
}

int h_share_respond(struct http_req *req)
{
    struct story_response_rec rs;
    int rc = app_share_respond(&req->app, http_param(req, "fid"), pdjson_str(req->json, "body", ""),
                               &rs);
    if (rc)
        return rc;
    return http_reply_json(req, MHD_HTTP_CREATED, story_response_to_json(&rs));
}
