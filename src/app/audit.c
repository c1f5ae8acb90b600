/*
 * audit.c: the one way the use cases write NEN 7513 entries.
 *
 * audit_write() appends inside the caller's open write transaction, so the entry and
 * the action commit or vanish together; for reads the caller commits before the
 * response leaves, so no client data leaves without its entry (SECURITY.md 1-3).
 * Denied attempts and failed logins have no action to share a transaction with, so
 * audit_write_alone() gives them their own; if even that fails, the request fails.
 */
#include <string.h>

#include "../domain/role.h"
#include "../lib/log.h"
#include "../lib/ptime.h"
#include "app_int.h"

int app_fail(struct app_req *r)
{
    if (r->db && db_in_txn(r->db))
        db_rollback(r->db);
    audit_defer_drop(r); /* a read that failed: its entries record nothing that left */
    if (r->err.code == PD_OK)
        err_set(&r->err, PD_EINTERNAL, NULL, "internal error");
    return r->err.code;
}

const char *app_now_iso(struct app_req *r)
{
    char *s = arena_alloc(r->arena, PTIME_ISO_BYTES);
    ptime_fmt_iso(ptime_now_ms(), s);
    return s;
}

int audit_write(struct app_req *r, const struct audit_event *ev)
{
    const struct actor *a = r->actor;
    struct audit_entry en = {
        .event = ev->event,
        .action = ev->action,
        .outcome = ev->outcome ? ev->outcome : "success",
        .org_id = ev->org_id ? ev->org_id : (a ? a->org_id : NULL),
        .actor_user_id = ev->actor_user_id ? ev->actor_user_id : (a ? a->user_id : NULL),
        .actor_role =
            ev->actor_role ? ev->actor_role : (a ? role_code(role_primary(a->roles)) : NULL),
        .on_behalf_user_id = ev->on_behalf_user_id,
        .client_id = ev->client_id,
        .record_type = ev->record_type,
        .record_id = ev->record_id,
        .access_basis = ev->access_basis ? ev->access_basis : "self",
        .client_ip = r->client_ip,
        .trace_id = r->trace_id,
    };
    if (r->audit_deferred) /* a read: written by the group commit at app_read_end */
        return audit_defer(r, &en);
    int rc = store_audit_append(r->db, &en, &r->err);
    if (rc != PD_OK)
        log_msg(LOG_ERROR, r->trace_id, "audit entry %s not written", ev->event);
    return rc;
}

int audit_write_alone(struct app_req *r, const struct audit_event *ev)
{
    struct pd_err keep = r->err; /* the error the caller is about to answer with */
    err_clear(&r->err);
    audit_defer_drop(r); /* a refused read: its snapshot has ended, this entry stands alone */
    if (app_need_db(r) != PD_OK || db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK)
        return r->err.code;
    if (audit_write(r, ev) != PD_OK || db_commit(r->db, &r->err) != PD_OK) {
        db_rollback(r->db);
        return r->err.code;
    }
    r->err = keep;
    return PD_OK;
}

int app_audit_list(struct app_req *r, int64_t after, int64_t limit, audit_each_fn fn, void *ctx)
{
    struct audit_event ev = {.event = "audit.read",
                             .action = 'R',
                             .record_type = "audit_log",
                             .actor_role = r->actor ? NULL : "cli",
                             .access_basis = r->actor ? "privacy_officer" : "cli"};
    if (app_need_db(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK || audit_write(r, &ev) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return store_audit_each(r->db, after, limit, fn, ctx, &r->err);
}

int app_audit_verify(struct app_req *r, struct audit_verify_result *res)
{
    if (app_need_db(r) != PD_OK)
        return r->err.code;
    return store_audit_verify(r->db, res, &r->err);
}
