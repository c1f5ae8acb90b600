/*
 * h_places.c: areas (cluster, wijk, buurt) and teams of the worker's organisation.
 *
 *   GET  /api/v1/areas                         -> {items: [Area]}
 *   POST /api/v1/areas {kind, name, parent_id} -> 201 Area   (admin)
 *   GET  /api/v1/teams                         -> {items: [Team]}
 *   POST /api/v1/teams {kind, name, area_id}   -> 201 Team   (admin)
 *
 * Every worker may read the lists: areas and team names are how work is organised, not
 * anyone's data.
 */
#include <microhttpd.h>

#include "handlers.h"
#include "http_int.h"

static const char *const area_kinds[] = {"cluster", "wijk", "buurt", NULL};
static const char *const team_kinds[] = {"expert_team", "neighbourhood_team", "other", NULL};

static const struct jfield area_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "area id", NULL, NULL},
    {"kind", JT_STRING, JF_REQUIRED, 0, 0, "cluster, wijk or buurt", area_kinds, NULL},
    {"name", JT_STRING, JF_REQUIRED, 1, LIMIT_NAME_BYTES, "name", NULL, NULL},
    {"parent_id", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0, "the area it lies in", NULL, NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 0, 0, "record version", NULL, NULL},
};
const struct jschema h_schema_area = JSCHEMA("Area", area_fields);

static const struct jfield area_create_fields[] = {
    {"kind", JT_STRING, JF_REQUIRED, 0, 0, "cluster, wijk or buurt", area_kinds, NULL},
    {"name", JT_STRING, JF_REQUIRED, 1, LIMIT_NAME_BYTES, "name", NULL, NULL},
    {"parent_id", JT_UUID, JF_NULLABLE, 0, 0, "a wijk lies in a cluster, a buurt in a wijk", NULL,
     NULL},
};
const struct jschema h_schema_area_create = JSCHEMA("AreaCreate", area_create_fields);

static const struct jfield team_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "team id", NULL, NULL},
    {"kind", JT_STRING, JF_REQUIRED, 0, 0, "kind of team", team_kinds, NULL},
    {"name", JT_STRING, JF_REQUIRED, 1, LIMIT_NAME_BYTES, "name", NULL, NULL},
    {"area_id", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0, "area served; null: all", NULL, NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 0, 0, "record version", NULL, NULL},
};
const struct jschema h_schema_team = JSCHEMA("Team", team_fields);

static const struct jfield team_create_fields[] = {
    {"kind", JT_STRING, JF_REQUIRED, 0, 0, "kind of team", team_kinds, NULL},
    {"name", JT_STRING, JF_REQUIRED, 1, LIMIT_NAME_BYTES, "name", NULL, NULL},
    {"area_id", JT_UUID, JF_NULLABLE, 0, 0, "area served; absent or null: all", NULL, NULL},
};
const struct jschema h_schema_team_create = JSCHEMA("TeamCreate", team_create_fields);

static const struct jfield area_list_fields[] = {
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "areas by kind and name", NULL, &h_schema_area},
};
const struct jschema h_schema_area_list = JSCHEMA("AreaList", area_list_fields);

static const struct jfield team_list_fields[] = {
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "teams by name", NULL, &h_schema_team},
};
const struct jschema h_schema_team_list = JSCHEMA("TeamList", team_list_fields);

int h_areas_list(struct http_req *req)
{
    struct area *as;
    size_t n;
    int rc = app_area_list(&req->app, &as, &n);
    if (rc)
        return rc;
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, area_to_json(&as[i]));
    return http_reply_json(req, MHD_HTTP_OK, pdjson_pack("{s:o}", "items", items));
}

int h_areas_create(struct http_req *req)
{
    struct area a;
    int rc = app_area_add(&req->app, pdjson_str(req->json, "kind", ""),
                          pdjson_str(req->json, "name", ""),
                          pdjson_str(req->json, "parent_id", NULL), &a);
    if (rc)
        return rc;
    return http_reply_json(req, MHD_HTTP_CREATED, area_to_json(&a));
}

int h_teams_list(struct http_req *req)
{
    struct team *ts;
    size_t n;
    int rc = app_team_list(&req->app, &ts, &n);
    if (rc)
        return rc;
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, team_to_json(&ts[i]));
    return http_reply_json(req, MHD_HTTP_OK, pdjson_pack("{s:o}", "items", items));
}

int h_teams_create(struct http_req *req)
{
    struct team t;
    int rc =
        app_team_add(&req->app, pdjson_str(req->json, "kind", ""),
                     pdjson_str(req->json, "name", ""), pdjson_str(req->json, "area_id", NULL), &t);
    if (rc)
        return rc;
    return http_reply_json(req, MHD_HTTP_CREATED, team_to_json(&t));
}
