/*
 * h_team_members.c: team membership (admin).
 *
 *   POST /api/v1/teams/{id}/members {worker_id} -> 201 {team_id, worker_id}
 */
#include <microhttpd.h>

#include "../app/team_members.h"
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
