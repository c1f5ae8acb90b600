/*
 * h_profiles.c: an expert's own experience profile, the directory of experts, and the
 * organisation's match weights.
 *
 *   GET /api/v1/me/profile                  -> Profile (expert)
 *   PUT /api/v1/me/profile  ProfilePut [+ If-Match once one exists] -> Profile
 *   GET /api/v1/experts?after=&limit=       -> {items: [Expert], next}
 *   GET /api/v1/match-weights               -> MatchWeights (coordinator, admin)
 *   PUT /api/v1/match-weights  MatchWeightsPut [+ If-Match once stored] -> MatchWeights
 *
 * Profiles are codes only, never a narrative. In the directory, coordinators of an expert
 * team see every item with capacity and caseload; everyone else sees the items the expert
 * shows to colleagues and whether they are available, never why not.
 */
#include <microhttpd.h>
#include <string.h>

#include "../app/requests.h"
#include "conditional.h"
#include "handlers.h"
#include "http_int.h"

static const char *const item_vocabs[] = {"experience_area", "generic_theme", NULL};
static const char *const visibilities[] = {"coordinators", "colleagues", NULL};
static const char *const qualification_levels[] = {"mbo3", "mbo4", "hbo", NULL};

static const struct jfield item_fields[] = {
    {"vocab", JT_STRING, JF_REQUIRED, 0, 0, "experience_area or generic_theme", item_vocabs, NULL},
    {"code", JT_STRING, JF_REQUIRED, 1, 64, "a code of that vocabulary", NULL, NULL},
    {"visibility", JT_STRING, JF_REQUIRED, 0, 0,
     "coordinators: only coordinators of the expert team; colleagues: every colleague",
     visibilities, NULL},
};
static const struct jschema item_schema = JSCHEMA("ProfileItem", item_fields);

static const struct jfield profile_put_fields[] = {
    {"capacity", JT_INTEGER, JF_REQUIRED, 0, 100, "cases at once", NULL, NULL},
    {"available", JT_BOOLEAN, JF_REQUIRED, 0, 0, "open for new cases (no reason asked)", NULL,
     NULL},
    {"items", JT_ARRAY, JF_REQUIRED, 0, LIMIT_PROFILE_ITEMS, "areas and themes", NULL,
     &item_schema},
};
const struct jschema h_schema_profile_put = JSCHEMA("ProfilePut", profile_put_fields);

static const struct jfield profile_fields[] = {
    {"worker_id", JT_UUID, JF_REQUIRED, 0, 0, "the expert", NULL, NULL},
    {"capacity", JT_INTEGER, JF_REQUIRED, 0, 100, "cases at once", NULL, NULL},
    {"available", JT_BOOLEAN, JF_REQUIRED, 0, 0, "open for new cases", NULL, NULL},
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "areas and themes", NULL, &item_schema},
    {"updated_at", JT_DATETIME, JF_REQUIRED | JF_NULLABLE, 0, 0, "null: never saved", NULL, NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 0, 0, "record version (If-Match); 0: never saved", NULL,
     NULL},
    {"fte_pct", JT_INTEGER, JF_NULLABLE, 0, 100,
     "read only: percent of a full-time position as an expert (set by an administrator or "
     "coordinator); null: unknown",
     NULL, NULL},
    {"qualification", JT_STRING, JF_NULLABLE, 0, 0, "read only: mbo3, mbo4, hbo; null: unknown",
     qualification_levels, NULL},
};
const struct jschema h_schema_profile = JSCHEMA("Profile", profile_fields);

static const struct jfield expert_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "worker id", NULL, NULL},
    {"name", JT_STRING, JF_REQUIRED, 0, 0, "name", NULL, NULL},
    {"available", JT_BOOLEAN, JF_REQUIRED, 0, 0, "available or not (never why)", NULL, NULL},
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "the items this viewer may see", NULL, &item_schema},
    {"capacity", JT_INTEGER, 0, 0, 0, "coordinators only", NULL, NULL},
    {"caseload", JT_INTEGER, 0, 0, 0, "coordinators only: active expert assignments", NULL, NULL},
};
static const struct jschema expert_schema = JSCHEMA("Expert", expert_fields);

static const struct jfield expert_page_fields[] = {
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "experts by id", NULL, &expert_schema},
    {"next", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0, "cursor for the next page (after=)", NULL,
     NULL},
};
const struct jschema h_schema_expert_page = JSCHEMA("ExpertPage", expert_page_fields);

#define WEIGHT_FIELD(nm, doc)                                                                      \
    {                                                                                              \
        nm, JT_INTEGER, JF_REQUIRED, 0, MATCH_WEIGHT_MAX, doc, NULL, NULL                          \
    }
static const struct jfield weights_put_fields[] = {
    WEIGHT_FIELD("specific", "most points for covering the requested experience areas"),
    WEIGHT_FIELD("generic", "most points for covering the requested generic themes"),
    WEIGHT_FIELD("area", "points for the dossier's area (half for its cluster)"),
    WEIGHT_FIELD("capacity", "most points for room left in the caseload"),
    WEIGHT_FIELD("preferred", "points for the requester's preferred expert"),
    WEIGHT_FIELD("history", "points for earlier work with the requester"),
};
const struct jschema h_schema_weights_put = JSCHEMA("MatchWeightsPut", weights_put_fields);

static const struct jfield weights_fields[] = {
    WEIGHT_FIELD("specific", "experience areas"),
    WEIGHT_FIELD("generic", "generic themes"),
    WEIGHT_FIELD("area", "same area / cluster"),
    WEIGHT_FIELD("capacity", "room in the caseload"),
    WEIGHT_FIELD("preferred", "preferred expert"),
    WEIGHT_FIELD("history", "earlier collaboration"),
    {"updated_at", JT_DATETIME, JF_REQUIRED | JF_NULLABLE, 0, 0, "null: the defaults", NULL, NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 0, 0, "record version (If-Match); 0: defaults", NULL,
     NULL},
};
const struct jschema h_schema_weights = JSCHEMA("MatchWeights", weights_fields);

/* If-Match when sent (its absence means "I saw none stored"): *version 0 when absent. */
static int optional_if_match(struct http_req *req, int64_t *version)
{
    *version = 0;
    if (!http_header(req, MHD_HTTP_HEADER_IF_MATCH))
        return PD_OK;
    return http_if_match(req, version);
}

int h_profile_get(struct http_req *req)
{
    struct expert_row x;
    int rc = app_profile_get(&req->app, &x);
    if (rc)
        return rc;
    if (x.version)
        http_set_etag(req, x.version);
    return http_reply_json(req, MHD_HTTP_OK, profile_to_json(&x));
}

int h_profile_put(struct http_req *req)
{
    struct expert_row x;
    int64_t version;
    if (optional_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    json_t *arr = json_object_get(req->json, "items");
    size_t n = json_array_size(arr);
    struct profile_item *items = arena_array(&req->arena, n ? n : 1, sizeof(*items));
    for (size_t i = 0; i < n; i++) {
        json_t *it = json_array_get(arr, i);
        items[i] = (struct profile_item){pdjson_str(it, "vocab", ""), pdjson_str(it, "code", ""),
                                         pdjson_str(it, "visibility", "")};
    }
    int rc = app_profile_put(&req->app, version, (int)pdjson_int(req->json, "capacity", 0),
                             pdjson_bool(req->json, "available", true), items, n, &x);
    if (rc == PD_ESTALE)
        return http_reply_stale(req, profile_to_json(&x));
    if (rc)
        return rc;
    http_set_etag(req, x.version);
    return http_reply_json(req, MHD_HTTP_OK, profile_to_json(&x));
}

int h_experts_list(struct http_req *req)
{
    struct expert_row *xs;
    size_t n;
    int limit;
    bool coord = false;
    int rc = h_page_limit(req, &limit);
    if (rc)
        return rc;
    rc = app_expert_directory(&req->app, http_query(req, "after"), limit + 1, &xs, &n, &coord);
    if (rc)
        return rc;
    json_t *items = json_array();
    for (size_t i = 0; i < n && i < (size_t)limit; i++)
        json_array_append_new(items, expert_row_to_json(&xs[i], coord));
    const char *next = n > (size_t)limit ? xs[limit - 1].worker_id : NULL;
    return http_reply_json(
        req, MHD_HTTP_OK,
        pdjson_pack("{s:o, s:o}", "items", items, "next", pdjson_str_or_null(next)));
}

int h_weights_get(struct http_req *req)
{
    struct weights_rec w;
    int rc = app_weights_get(&req->app, &w);
    if (rc)
        return rc;
    if (w.version)
        http_set_etag(req, w.version);
    return http_reply_json(req, MHD_HTTP_OK, weights_to_json(&w));
}

int h_weights_put(struct http_req *req)
{
    struct weights_rec out;
    struct match_weights w;
    int64_t version;
    if (optional_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    for (int f = 0; f < MATCH_FACTORS; f++)
        w.w[f] = (int)pdjson_int(req->json, match_factor_code((enum match_factor)f), 0);
    int rc = app_weights_put(&req->app, version, &w, &out);
    if (rc == PD_ESTALE)
        return http_reply_stale(req, weights_to_json(&out));
    if (rc)
        return rc;
    http_set_etag(req, out.version);
    return http_reply_json(req, MHD_HTTP_OK, weights_to_json(&out));
}
