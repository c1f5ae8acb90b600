/*
 * h_team_members.c: team membership.
 *
 *   GET    /api/v1/teams/{id}/members              -> {items: [{id, name, roles}]}
 *   POST   /api/v1/teams/{id}/members {worker_id}  -> 201 {team_id, worker_id}  (admin)
 *   DELETE /api/v1/teams/{id}/members/{worker_id}  -> 204                       (admin)
 *
 * Every worker of the organisation may see who is in a team, but not their email or
 * account state: a member is id, name and roles only.
 */
#include <microhttpd.h>

#include "../app/team_members.h"
#include "../domain/role.h"
#include "handlers.h"
#include "http_int.h"

static const struct jfield member_add_fields[] = {
    {"worker_id", JT_UUID, JF_REQUIRED, 0, 0, "worker of the organisation", NULL, NULL},
};
const struct jschema h_schema_team_member_add = JSCHEMA("TeamMemberAdd", member_add_fields);

static const struct jfield member_fields[] = {
    {"team_id", JT_UUID, JF_REQUIRED, 0, 0, "team", NULL, NULL},
    {"worker_id", JT_UUID, JF_REQUIRED, 0, 0, "worker", NULL, NULL},
};
const struct jschema h_schema_team_member = JSCHEMA("TeamMember", member_fields);

static const struct jfield member_worker_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "worker id", NULL, NULL},
    {"name", JT_STRING, JF_REQUIRED, 1, LIMIT_NAME_BYTES, "display name", NULL, NULL},
    {"roles", JT_ARRAY, JF_REQUIRED, 1, ROLE_COUNT, "role codes", NULL, NULL},
};
const struct jschema h_schema_team_member_worker =
    JSCHEMA("TeamMemberWorker", member_worker_fields);

static const struct jfield member_list_fields[] = {
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "members by name", NULL, &h_schema_team_member_worker},
};
const struct jschema h_schema_team_member_list = JSCHEMA("TeamMemberList", member_list_fields);

static json_t *member_to_json(const struct worker *w)
{
    json_t *full = worker_to_json(w);
    json_t *j = pdjson_pack("{s:s, s:s, s:O}", "id", w->id, "name", w->name, "roles",
                            json_object_get(full, "roles"));
    json_decref(full);
    return j;
}

int h_team_members_add(struct http_req *req)
{
    const char *team = http_param(req, "id");
    const char *worker = pdjson_str(req->json, "worker_id", "");
    int rc = app_team_member_add(&req->app, team, worker);
    if (rc)
        return rc;
    return http_reply_json(req, MHD_HTTP_CREATED,
                           pdjson_pack("{s:s, s:s}", "team_id", team, "worker_id", worker));
}

int h_team_members_list(struct http_req *req)
{
    struct worker *ws;
    size_t n;
    int rc = app_team_member_list(&req->app, http_param(req, "id"), &ws, &n);
    if (rc)
        return rc;
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, member_to_json(&ws[i]));
    return http_reply_json(req, MHD_HTTP_OK, pdjson_pack("{s:o}", "items", items));
}

int h_colleagues_list(struct http_req *req)
{
    struct worker *ws;
    size_t n;
    int rc = app_colleagues(&req->app, &ws, &n);
    if (rc)
        return rc;
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, member_to_json(&ws[i]));
    return http_reply_json(req, MHD_HTTP_OK, pdjson_pack("{s:o}", "items", items));
}

int h_team_members_remove(struct http_req *req)
{
    int rc = app_team_member_remove(&req->app, http_param(req, "id"), http_param(req, "worker_id"));
    if (rc)
        return rc;
    return http_reply_empty(req, MHD_HTTP_NO_CONTENT);
}
