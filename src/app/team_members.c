/*
 * team_members.c: team membership, managed by the organisation's administrator and read
 * by every worker of the organisation (who is in which team is how work is organised,
 * not anyone's private data).
 */
#include "team_members.h"

#include <string.h>

#include "../domain/role.h"
#include "app_int.h"

/* PD_OK when team_id is a team of the actor's organisation, else PD_ENOTFOUND: a team of
 * another organisation gets the same answer as none. */
static int team_of_org(struct app_req *r, const char *team_id)
{
    struct team *ts;
    size_t n;
    if (store_team_list(r->db, r->arena, r->actor->org_id, &ts, &n, &r->err) != PD_OK)
        return r->err.code;
    for (size_t i = 0; i < n; i++)
        if (strcmp(ts[i].id, team_id) == 0)
            return PD_OK;
    return err_set(&r->err, PD_ENOTFOUND, NULL, "no such team");
}

int app_team_member_add(struct app_req *r, const char *team_id, const char *worker_id)
{
    struct worker w;

    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK || team_of_org(r, team_id) != PD_OK)
        return app_fail(r);
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

int app_colleagues(struct app_req *r, struct worker **out, size_t *n)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_READ, &r->err) != PD_OK ||
        store_worker_colleagues(r->db, r->arena, r->actor->org_id, ROLE_CASEWORK, out, n,
                                &r->err) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_team_member_list(struct app_req *r, const char *team_id, struct worker **out, size_t *n)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    /* one read transaction: the team cannot vanish between the check and the list */
    if (db_begin(r->db, DB_TXN_READ, &r->err) != PD_OK || team_of_org(r, team_id) != PD_OK ||
        store_worker_list_team(r->db, r->arena, r->actor->org_id, team_id, out, n, &r->err) !=
            PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_team_member_remove(struct app_req *r, const char *team_id, const char *worker_id)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    struct audit_event ev = {.event = "team.member_remove",
                             .action = 'U',
                             .record_type = "team",
                             .record_id = team_id,
                             .access_basis = "admin"};
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK || team_of_org(r, team_id) != PD_OK)
        return app_fail(r);
    int rc = store_team_remove_member(r->db, r->actor->org_id, team_id, worker_id, &r->err);
    if (rc == PD_ENOTFOUND) {
        err_clear(&r->err);
        err_set(&r->err, PD_ENOTFOUND, NULL, "no such member of this team");
    }
    if (rc != PD_OK || audit_write(r, &ev) != PD_OK || db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}
