/*
 * team_members.c: team membership, managed by the organisation's administrator.
 */
#include "team_members.h"

#include <string.h>

#include "app_int.h"

int app_team_member_add(struct app_req *r, const char *team_id, const char *worker_id)
{
    struct team *ts;
    size_t n;
    bool found = false;
    struct worker w;

    if (!r->actor)
        return err_set(&r->err, PD_EUNAUTH, NULL, "not logged in");
    if (app_need_db(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK)
        return app_fail(r);
    if (store_team_list(r->db, r->arena, r->actor->org_id, &ts, &n, &r->err) != PD_OK)
        return app_fail(r);
    for (size_t i = 0; i < n && !found; i++)
        found = strcmp(ts[i].id, team_id) == 0;
    if (!found) {
        err_set(&r->err, PD_ENOTFOUND, NULL, "no such team");
        return app_fail(r);
    }
    int rc = store_worker_by_id(r->db, r->arena, worker_id, &w, &r->err);
    if (rc == PD_ENOTFOUND || (rc == PD_OK && strcmp(w.org_id, r->actor->org_id) != 0)) {
        err_clear(&r->err);
        err_set(&r->err, PD_EINVAL, "worker_id", "no such worker in this organisation");
        return app_fail(r);
    }
    if (rc != PD_OK)
        return app_fail(r);
    rc = store_team_add_member(r->db, r->actor->org_id, team_id, worker_id, &r->err);
    if (rc == PD_ECONFLICT) {
        err_clear(&r->err);
        err_set(&r->err, PD_ECONFLICT, "worker_id", "already a member of this team");
    }
    struct audit_event ev = {.event = "team.member_add",
                             .action = 'U',
                             .record_type = "team",
                             .record_id = team_id,
                             .access_basis = "admin"};
    if (rc != PD_OK || audit_write(r, &ev) != PD_OK || db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}
