/*
 * h_groups.c: learning groups (leergroepen).
 *
 *   GET    /api/v1/learning-groups                          -> {items: [group]}
 *   POST   /api/v1/learning-groups {name, level?, starts_on?} -> 201 group   (admin, trainer)
 *   GET    /api/v1/learning-groups/candidates               -> {items: [{id, name, roles}]}
 *   GET    /api/v1/learning-groups/{id}                     -> group
 *   POST   /api/v1/learning-groups/{id}/members {worker_id, role} -> 201 group
 *   DELETE /api/v1/learning-groups/{id}/members/{worker_id} -> 204
 *
 * A group is {id, name, level, starts_on, created_at, version, members: [{worker_id,
 * name, role}], my_role}: members see each other's names, nothing more.
 */
#include <microhttpd.h>

#include "../app/learning_groups.h"
#include "../domain/role.h"
#include "h_groups.h"
#include "handlers.h"
#include "http_int.h"

static const char *const levels[] = {"mbo3", "mbo4", "hbo", NULL};
static const char *const member_roles[] = {"trainer", "student", NULL};

static const struct jfield member_fields[] = {
    {"worker_id", JT_UUID, JF_REQUIRED, 0, 0, "worker", NULL, NULL},
    {"name", JT_STRING, JF_REQUIRED, 1, LIMIT_NAME_BYTES, "display name", NULL, NULL},
    {"role", JT_STRING, JF_REQUIRED, 0, 0, "role in the group", member_roles, NULL},
};
static const struct jschema member_schema = JSCHEMA("LearningGroupMember", member_fields);

static const struct jfield group_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "group id", NULL, NULL},
    {"name", JT_STRING, JF_REQUIRED, 1, LIMIT_NAME_BYTES, "name", NULL, NULL},
    {"level", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "qualification level", levels, NULL},
    {"starts_on", JT_DATE, JF_REQUIRED | JF_NULLABLE, 0, 0, "first day", NULL, NULL},
    {"created_at", JT_DATETIME, JF_REQUIRED, 0, 0, "made at", NULL, NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 1, 0, "version", NULL, NULL},
    {"members", JT_ARRAY, JF_REQUIRED, 0, 0, "trainers first, then students, by name", NULL,
     &member_schema},
    {"my_role", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "the caller's role in the group",
     member_roles, NULL},
};
const struct jschema h_schema_lgroup = JSCHEMA("LearningGroup", group_fields);

static const struct jfield group_list_fields[] = {
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "groups by name", NULL, &h_schema_lgroup},
};
const struct jschema h_schema_lgroup_list = JSCHEMA("LearningGroupList", group_list_fields);

static const struct jfield create_fields[] = {
    {"name", JT_STRING, JF_REQUIRED, 1, LIMIT_NAME_BYTES, "name, unique in the organisation", NULL,
     NULL},
    {"level", JT_STRING, JF_NULLABLE, 0, 0, "qualification level (MBO 3, MBO 4, HBO)", levels,
     NULL},
    {"starts_on", JT_DATE, JF_NULLABLE, 0, 0, "first day", NULL, NULL},
};
const struct jschema h_schema_lgroup_create = JSCHEMA("LearningGroupCreate", create_fields);

static const struct jfield member_add_fields[] = {
    {"worker_id", JT_UUID, JF_REQUIRED, 0, 0, "worker of the organisation", NULL, NULL},
    {"role", JT_STRING, JF_REQUIRED, 0, 0, "trainer or student", member_roles, NULL},
};
const struct jschema h_schema_lgroup_member_add =
    JSCHEMA("LearningGroupMemberAdd", member_add_fields);

static int reply_group(struct http_req *req, int status, const struct lgroup *g)
{
    return http_reply_json(req, status, lgroup_to_json(g, req->actor.user_id));
}

int h_lgroups_list(struct http_req *req)
{
    struct lgroup *gs;
    size_t n;
    int rc = app_lgroup_list(&req->app, &gs, &n);
    if (rc)
        return rc;
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, lgroup_to_json(&gs[i], req->actor.user_id));
    return http_reply_json(req, MHD_HTTP_OK, pdjson_pack("{s:o}", "items", items));
}

int h_lgroups_create(struct http_req *req)
{
    struct lgroup g;
    int rc = app_lgroup_create(&req->app, pdjson_str(req->json, "name", ""),
                               pdjson_str(req->json, "level", NULL),
                               pdjson_str(req->json, "starts_on", NULL), &g);
    return rc ? rc : reply_group(req, MHD_HTTP_CREATED, &g);
}

int h_lgroups_get(struct http_req *req)
{
    struct lgroup g;
    int rc = app_lgroup_get(&req->app, http_param(req, "id"), &g);
    return rc ? rc : reply_group(req, MHD_HTTP_OK, &g);
}

int h_lgroups_member_add(struct http_req *req)
{
    struct lgroup g;
    int rc = app_lgroup_member_add(&req->app, http_param(req, "id"),
                                   pdjson_str(req->json, "worker_id", ""),
                                   pdjson_str(req->json, "role", ""), &g);
    return rc ? rc : reply_group(req, MHD_HTTP_CREATED, &g);
}

int h_lgroups_member_remove(struct http_req *req)
{
    int rc =
        app_lgroup_member_remove(&req->app, http_param(req, "id"), http_param(req, "worker_id"));
    return rc ? rc : http_reply_empty(req, MHD_HTTP_NO_CONTENT);
}

int h_lgroups_candidates(struct http_req *req)
{
    struct worker *ws;
    size_t n;
    int rc = app_lgroup_candidates(&req->app, &ws, &n);
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
