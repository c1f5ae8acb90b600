/*
 * access.c: need-to-know for the use cases (see access.h for the contract). The facts
 * come from one query (store_access.c), the decision from domain/access.c; this file
 * turns a refusal into the same answer as a missing dossier, and writes the audit entries
 * with the responsible generalist as "on behalf of".
 */
#include "access.h"

#include <string.h>

#include "../domain/role.h"
#include "../lib/log.h"
#include "../store/store_access.h"
#include "app_int.h"

/* The role the actor acts in for an audit entry about a dossier. */
static const char *acting_role(const struct app_req *r, enum access_basis b)
{
    unsigned roles = r->actor ? r->actor->roles : 0;
    if (b == BASIS_COORDINATOR && (roles & ROLE_COORDINATOR))
        return role_code(ROLE_COORDINATOR);
    if ((b == BASIS_RESPONSIBLE) && (roles & ROLE_GENERALIST))
        return role_code(ROLE_GENERALIST);
    if ((b == BASIS_BRIDGING || b == BASIS_ASSIGNMENT) && (roles & ROLE_EXPERT) &&
        !(roles & ROLE_GENERALIST))
        return role_code(ROLE_EXPERT);
    return role_code(role_primary(roles));
}

static int deny(struct app_req *r, const char *dossier_id, const char *client_id, const char *event)
{
    if (r->db && db_in_txn(r->db))
        db_rollback(r->db);
    err_clear(&r->err);
    err_set(&r->err, PD_ENOTFOUND, NULL, "no such dossier");
    struct audit_event ev = {.event = event,
                             .action = 'R',
                             .outcome = "denied",
                             .record_type = "dossier",
                             .record_id = dossier_id,
                             .client_id = client_id && *client_id ? client_id : NULL,
                             .access_basis = "none"};
    return audit_write_alone(r, &ev);
}

int app_access_dossier(struct app_req *r, const char *dossier_id, enum access_need need,
                       const char *event, struct dossier_access *out)
{
    struct access_facts f;
    struct dossier_core core;

    if (!r->actor)
        return err_set(&r->err, PD_EUNAUTH, NULL, "not logged in");
    if (!dossier_id || !uuid_valid(dossier_id, strlen(dossier_id))) {
        int rc = deny(r, NULL, NULL, event);
        return rc != PD_OK ? rc : r->err.code;
    }
    if (store_access_facts(r->db, r->actor->org_id, r->actor->user_id, dossier_id, app_now_iso(r),
                           &f, &core, &r->err) != PD_OK)
        return r->err.code;
    enum access_basis b = access_decide(&f, r->actor->roles, need);
    if (b == BASIS_NONE) {
        int rc = deny(r, dossier_id, f.exists ? core.client_id : NULL, event);
        return rc != PD_OK ? rc : r->err.code;
    }
    memset(out, 0, sizeof(*out));
    memcpy(out->dossier_id, core.id, UUID_STR_BYTES);
    memcpy(out->client_id, core.client_id, UUID_STR_BYTES);
    memcpy(out->responsible_id, core.responsible_id, UUID_STR_BYTES);
    out->basis = b;
    out->closed = f.closed;
    out->version = core.version;
    return PD_OK;
}

int app_access_coordinator(struct app_req *r, const char *event)
{
    bool member = false;
    if (!r->actor)
        return err_set(&r->err, PD_EUNAUTH, NULL, "not logged in");
    if (store_in_expert_team(r->db, r->actor->user_id, &member, &r->err) != PD_OK)
        return r->err.code;
    if ((r->actor->roles & ROLE_COORDINATOR) && member)
        return PD_OK;
    if (db_in_txn(r->db))
        db_rollback(r->db);
    err_clear(&r->err);
    err_set(&r->err, PD_EFORBID, NULL, "only coordinators of an expert team may do this");
    struct audit_event ev = {.event = event,
                             .action = 'R',
                             .outcome = "denied",
                             .record_type = "request",
                             .access_basis = "none"};
    int rc = audit_write_alone(r, &ev);
    return rc != PD_OK ? rc : r->err.code;
}

int audit_client(struct app_req *r, const struct dossier_access *acc, const char *event,
                 char action, const char *record_type, const char *record_id)
{
    struct audit_event ev = {.event = event,
                             .action = action,
                             .outcome = "success",
                             .record_type = record_type,
                             .record_id = record_id,
                             .client_id = acc->client_id,
                             .on_behalf_user_id = acc->responsible_id,
                             .access_basis = access_basis_code(acc->basis),
                             .actor_role = acting_role(r, acc->basis)};
    return audit_write(r, &ev);
}
