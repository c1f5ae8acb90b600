/*
 * h_reflection.c: disclosure reflections.
 *
 *   GET    /api/v1/reflections?shared=1&after=&limit=    -> ReflectionPage (mine; shared
 *                                                           with me as coach)
 *   POST   /api/v1/reflections {what_shared, permission, checked_after, balance, ...}
 *                                                        -> 201 Reflection
 *   GET    /api/v1/reflections/{id}                      -> Reflection (ETag)
 *   PATCH  /api/v1/reflections/{id} {any field} + If-Match -> Reflection
 *   DELETE /api/v1/reflections/{id} + If-Match           -> 204
 *   POST   /api/v1/reflections/{id}/share + If-Match     -> Reflection (with my coach)
 *   DELETE /api/v1/reflections/{id}/share + If-Match     -> Reflection (withdrawn)
 *
 * A reflection is never about a client: a body naming a client or dossier field is
 * refused with 422 naming that field (the schema lists them only to refuse them). To
 * anyone but the author and the coach it is shared with, an id answers 404 like a random
 * one (app/reflection.c).
 */
#include <microhttpd.h>
#include <string.h>

#include "../app/reflection.h"
#include "conditional.h"
#include "h_support.h"
#include "handlers.h"
#include "http_int.h"

static const char *const permissions[] = {"yes", "no", "not_applicable", NULL};
static const char *const checks[] = {"yes", "no", "planned", NULL};
static const char *const balances[] = {"yes", "no", "unsure", NULL};

/* The fields that would tie a reflection to a client: refused, whatever their value. */
static const char *const client_fields[] = {"client_id", "client_code", "client_name", "dossier_id",
                                            NULL};

#define REFUSED(nm)                                                                                \
    {                                                                                              \
        nm, JT_STRING, JF_NULLABLE, 0, 0, "refused (422): a reflection is never about a client",   \
            NULL, NULL                                                                             \
    }

#define CONTENT_FIELDS(req)                                                                          \
    {"happened_on", JT_DATE, 0, 0, 0, "when I shared it (default today)", NULL, NULL},               \
        {"what_shared", JT_STRING, req, 0, 20000, "what I shared of my own experience", NULL, NULL}, \
        {"why_shared", JT_STRING, 0, 0, 20000, "why I shared it", NULL, NULL},                       \
        {"permission", JT_STRING, req, 0, 0, "did I ask the client first", permissions, NULL},       \
        {"checked_after", JT_STRING, req, 0, 0, "did I check how it landed", checks, NULL},          \
        {"balance", JT_STRING, req, 0, 0, "is the relationship in balance", balances, NULL},         \
        {"over_identification", JT_BOOLEAN, 0, 0, 0, "red flag: over-identification", NULL, NULL},   \
        {"over_identification_note", JT_STRING, JF_NULLABLE, 0, 5000, "note with it", NULL, NULL},   \
        {"undirected", JT_BOOLEAN, 0, 0, 0, "red flag: an undirected disclosure", NULL, NULL},       \
        {"undirected_note", JT_STRING, JF_NULLABLE, 0, 5000, "note with it", NULL, NULL},            \
        {"unprocessed", JT_BOOLEAN, 0, 0, 0, "red flag: still unprocessed myself", NULL, NULL},      \
        {"unprocessed_note", JT_STRING, JF_NULLABLE, 0, 5000, "note with it", NULL, NULL},           \
        {"golden_rules", JT_ARRAY, 0, 0, 5, "golden rules I kept (codes)", NULL, NULL},              \
        {"note", JT_STRING, JF_NULLABLE, 0, 20000, "free note", NULL, NULL}, REFUSED("client_id"),   \
        REFUSED("client_code"), REFUSED("client_name"), REFUSED("dossier_id")

static const struct jfield create_fields[] = {CONTENT_FIELDS(JF_REQUIRED)};
const struct jschema h_schema_reflection_create = JSCHEMA("ReflectionCreate", create_fields);

static const struct jfield patch_fields[] = {CONTENT_FIELDS(0)};
const struct jschema h_schema_reflection_patch = JSCHEMA("ReflectionPatch", patch_fields);

static const struct jfield refl_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "reflection id", NULL, NULL},
    {"author_id", JT_UUID, JF_REQUIRED, 0, 0, "who wrote it", NULL, NULL},
    {"happened_on", JT_DATE, JF_REQUIRED, 0, 0, "when it was shared", NULL, NULL},
    {"what_shared", JT_STRING, JF_REQUIRED, 0, 0, "what was shared", NULL, NULL},
    {"why_shared", JT_STRING, JF_REQUIRED, 0, 0, "why", NULL, NULL},
    {"permission", JT_STRING, JF_REQUIRED, 0, 0, "asked first", permissions, NULL},
    {"checked_after", JT_STRING, JF_REQUIRED, 0, 0, "checked how it landed", checks, NULL},
    {"balance", JT_STRING, JF_REQUIRED, 0, 0, "relationship in balance", balances, NULL},
    {"over_identification", JT_BOOLEAN, JF_REQUIRED, 0, 0, "red flag", NULL, NULL},
    {"over_identification_note", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "note", NULL, NULL},
    {"undirected", JT_BOOLEAN, JF_REQUIRED, 0, 0, "red flag", NULL, NULL},
    {"undirected_note", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "note", NULL, NULL},
    {"unprocessed", JT_BOOLEAN, JF_REQUIRED, 0, 0, "red flag", NULL, NULL},
    {"unprocessed_note", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "note", NULL, NULL},
    {"golden_rules", JT_ARRAY, JF_REQUIRED, 0, 0, "golden rules kept", NULL, NULL},
    {"note", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "free note", NULL, NULL},
    {"shared", JT_BOOLEAN, JF_REQUIRED, 0, 0, "shared with my coach", NULL, NULL},
    {"shared_at", JT_DATETIME, JF_REQUIRED | JF_NULLABLE, 0, 0, "since when", NULL, NULL},
    {"as_coach", JT_BOOLEAN, JF_REQUIRED, 0, 0, "read as the coach it is shared with", NULL, NULL},
    {"created_at", JT_DATETIME, JF_REQUIRED, 0, 0, "written at", NULL, NULL},
    {"updated_at", JT_DATETIME, JF_REQUIRED, 0, 0, "changed at", NULL, NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 0, 0, "record version (If-Match)", NULL, NULL},
};
const struct jschema h_schema_reflection = JSCHEMA("Reflection", refl_fields);

static const struct jfield page_fields[] = {
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "newest first", NULL, &h_schema_reflection},
    {"next", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0, "cursor for the next page (after=)", NULL,
     NULL},
};
const struct jschema h_schema_reflection_page = JSCHEMA("ReflectionPage", page_fields);

static int tri(const json_t *j, const char *name)
{
    return json_is_boolean(json_object_get(j, name)) ? pdjson_bool(j, name, false) : -1;
}

/* "" for an explicit null (clears), the string, or NULL when absent. */
static const char *opt(const json_t *j, const char *name)
{
    return json_is_null(json_object_get(j, name)) ? "" : pdjson_str(j, name, NULL);
}

/* PD_EINVAL naming the first client or dossier field of the body. */
static int refuse_client_fields(struct http_req *req)
{
    for (size_t i = 0; client_fields[i]; i++)
        if (json_object_get(req->json, client_fields[i]))
            return err_set(&req->app.err, PD_EINVAL, client_fields[i],
                           "a reflection is never linked to a client or dossier");
    return PD_OK;
}

static int refl_input(struct http_req *req, struct reflection_input *in)
{
    const json_t *j = req->json;
    memset(in, 0, sizeof(*in));
    if (refuse_client_fields(req) != PD_OK)
        return req->app.err.code;
    in->happened_on = pdjson_str(j, "happened_on", NULL);
    in->what_shared = pdjson_str(j, "what_shared", NULL);
    in->why_shared = pdjson_str(j, "why_shared", NULL);
    in->permission = pdjson_str(j, "permission", NULL);
    in->checked_after = pdjson_str(j, "checked_after", NULL);
    in->balance = pdjson_str(j, "balance", NULL);
    in->over_identification = tri(j, "over_identification");
    in->undirected = tri(j, "undirected");
    in->unprocessed = tri(j, "unprocessed");
    in->over_identification_note = opt(j, "over_identification_note");
    in->undirected_note = opt(j, "undirected_note");
    in->unprocessed_note = opt(j, "unprocessed_note");
    in->note = opt(j, "note");
    json_t *rules = json_object_get(j, "golden_rules");
    if (rules) {
        size_t n = json_array_size(rules);
        const char **v = arena_array(&req->arena, n + 1, sizeof(char *));
        for (size_t i = 0; i < n; i++)
            v[i] = json_string_value(json_array_get(rules, i));
        in->golden_rules = v;
        in->ngolden = n;
    }
    return PD_OK;
}

static int reply(struct http_req *req, int status, const struct reflection_rec *f, bool as_coach)
{
    http_set_etag(req, f->version);
    return http_reply_json(req, status, reflection_to_json(f, as_coach));
}

int h_reflection_create(struct http_req *req)
{
    struct reflection_input in;
    struct reflection_rec f;
    int rc = refl_input(req, &in);
    if (rc || (rc = app_reflection_create(&req->app, &in, &f)) != PD_OK)
        return rc;
    return reply(req, MHD_HTTP_CREATED, &f, false);
}

int h_reflection_list(struct http_req *req)
{
    struct reflection_rec *fs;
    size_t n;
    int limit;
    int rc = h_page_limit(req, &limit);
    if (rc)
        return rc;
    const char *shared = http_query(req, "shared");
    if (shared && strcmp(shared, "1") != 0 && strcmp(shared, "0") != 0)
        return err_set(&req->app.err, PD_EINVAL, "shared", "1 or 0");
    bool as_coach = shared && strcmp(shared, "1") == 0;
    rc = app_reflection_list(&req->app, as_coach, http_query(req, "after"), limit + 1, &fs, &n);
    if (rc)
        return rc;
    json_t *items = json_array();
    for (size_t i = 0; i < n && i < (size_t)limit; i++)
        json_array_append_new(items, reflection_to_json(&fs[i], as_coach));
    const char *next = n > (size_t)limit ? fs[limit - 1].id : NULL;
    return http_reply_json(
        req, MHD_HTTP_OK,
        pdjson_pack("{s:o, s:o}", "items", items, "next", pdjson_str_or_null(next)));
}

int h_reflection_get(struct http_req *req)
{
    struct reflection_rec f;
    bool as_coach = false;
    int rc = app_reflection_get(&req->app, http_param(req, "id"), &f, &as_coach);
    return rc ? rc : reply(req, MHD_HTTP_OK, &f, as_coach);
}

int h_reflection_patch(struct http_req *req)
{
    struct reflection_input in;
    struct reflection_rec out;
    int64_t version;
    if (http_if_match(req, &version) != PD_OK || refl_input(req, &in) != PD_OK)
        return req->app.err.code;
    memset(&out, 0, sizeof(out));
    int rc = app_reflection_update(&req->app, http_param(req, "id"), version, &in, &out);
    if (rc == PD_ESTALE)
        return http_reply_stale(req, out.version ? reflection_to_json(&out, false) : NULL);
    return rc ? rc : reply(req, MHD_HTTP_OK, &out, false);
}

int h_reflection_delete(struct http_req *req)
{
    int64_t version;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    int rc = app_reflection_delete(&req->app, http_param(req, "id"), version);
    return rc ? rc : http_reply_empty(req, MHD_HTTP_NO_CONTENT);
}

static int share(struct http_req *req, bool on)
{
    struct reflection_rec out;
    int64_t version;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    memset(&out, 0, sizeof(out));
    int rc = app_reflection_share(&req->app, http_param(req, "id"), version, on, &out);
    if (rc == PD_ESTALE)
        return http_reply_stale(req, out.version ? reflection_to_json(&out, false) : NULL);
    return rc ? rc : reply(req, MHD_HTTP_OK, &out, false);
}

int h_reflection_share(struct http_req *req)
{
    return share(req, true);
}

int h_reflection_unshare(struct http_req *req)
{
    return share(req, false);
}
