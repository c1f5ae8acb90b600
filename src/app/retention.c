/*
 * retention.c: retention per record category (SECURITY.md 12; see rights.h and
 * docs/client-rights.md).
 *
 *   dossier         20 years (minimum 5) after the last change of the client, of their
 *                   dossiers or of a closing/reopening; never while a dossier is open.
 *                   The whole client goes, through the same erasure as art. 17.
 *   rights_request  5 years (minimum 2) after the request was closed: the register row.
 *   audit_log       5 years (minimum 5) and never removed by peerdesk: the entries form a
 *                   hash chain (SECURITY.md 1-4); the value records the promise.
 */
#include <string.h>

#include "../domain/role.h"
#include "../lib/json.h"
#include "../store/store_audit_query.h"
#include "app_int.h"
#include "clients.h"
#include "rights.h"
#include "support_int.h"

static const struct retention_rule defaults[RETENTION_CATEGORIES] = {
    {"dossier", 20, 20, 5, false, true},
    {"rights_request", 5, 5, 2, false, true},
    {"audit_log", 5, 5, 5, false, false},
};

static int load_rules(struct app_req *r, const char *org_id,
                      struct retention_rule out[RETENTION_CATEGORIES])
{
    for (size_t i = 0; i < RETENTION_CATEGORIES; i++) {
        out[i] = defaults[i];
        int years = 0;
        bool found = false;
        if (store_retention_get(r->db, org_id, out[i].category, &years, &found, &r->err) != PD_OK)
            return r->err.code;
        if (found) {
            out[i].years = years;
            out[i].set = true;
        }
    }
    return PD_OK;
}

static int need_officer(struct app_req *r, const char *event, char action)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (!(r->actor->roles & ROLE_PRIVACY_OFFICER))
        return sup_need_role(r, ROLE_PRIVACY_OFFICER, event, action, "retention_rule",
                             "only the privacy officer sets retention");
    return PD_OK;
}

int app_retention_rules(struct app_req *r, struct retention_rule out[RETENTION_CATEGORIES])
{
    if (need_officer(r, "retention.read", 'R') != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_READ, &r->err) != PD_OK ||
        load_rules(r, r->actor->org_id, out) != PD_OK || db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_retention_set(struct app_req *r, const char *category, int years,
                      struct retention_rule out[RETENTION_CATEGORIES])
{
    if (need_officer(r, "retention.update", 'U') != PD_OK)
        return r->err.code;
    const struct retention_rule *d = NULL;
    for (size_t i = 0; category && i < RETENTION_CATEGORIES; i++)
        if (strcmp(defaults[i].category, category) == 0)
            d = &defaults[i];
    if (!d)
        return err_set(&r->err, PD_ENOTFOUND, NULL, "no such retention category");
    if (years < d->min_years || years > 100)
        return err_set(&r->err, PD_EINVAL, "years", "%d to 100 years for %s", d->min_years,
                       d->category);
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        store_retention_set(r->db, r->actor->org_id, d->category, years, r->actor->user_id,
                            app_now_iso(r), &r->err) != PD_OK ||
        sup_audit(r, "retention.update", 'U', "retention_rule", NULL, "privacy_officer",
                  role_code(ROLE_PRIVACY_OFFICER)) != PD_OK ||
        load_rules(r, r->actor->org_id, out) != PD_OK || db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

json_t *retention_rule_to_json(const struct retention_rule *rule)
{
    return pdjson_pack("{s:s, s:i, s:i, s:i, s:b, s:b}", "category", rule->category, "years",
                       rule->years, "default_years", rule->default_years, "min_years",
                       rule->min_years, "set", rule->set, "pruned", rule->pruned);
}

/* ---- the scan and its application (command line or privacy officer) ---- */

static const char *actor_org(struct app_req *r)
{
    return r->actor ? r->actor->org_id : NULL;
}

static struct audit_event cli_event(struct app_req *r, const char *event, char action)
{
    struct audit_event ev = {.event = event,
                             .action = action,
                             .outcome = "success",
                             .actor_role = r->actor ? role_code(ROLE_PRIVACY_OFFICER) : "cli",
                             .access_basis = "retention"};
    return ev;
}

int app_retention_scan(struct app_req *r, const char *today, struct retention_scan *out)
{
    memset(out, 0, sizeof(*out));
    if (r->actor && need_officer(r, "retention.scan", 'R') != PD_OK)
        return r->err.code;
    if (app_need_db(r) != PD_OK)
        return r->err.code;
    if (!today)
        today = sup_day(r, 0);
    if (app_check_date(r, today, "today") != PD_OK)
        return r->err.code;
    struct audit_event ev = cli_event(r, "retention.scan", 'R');
    ev.record_type = "client";
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        store_retention_clients(r->db, r->arena, actor_org(r), defaults[0].default_years, today,
                                &out->clients, &out->nclients, &r->err) != PD_OK ||
        store_retention_requests(r->db, r->arena, actor_org(r), defaults[1].default_years, today,
                                 &out->requests, &out->nrequests, &r->err) != PD_OK ||
        audit_write(r, &ev) != PD_OK || db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_retention_apply(struct app_req *r, const struct retention_scan *scan,
                        retention_progress_fn progress, void *ctx, struct purge_result *purge)
{
    memset(purge, 0, sizeof(*purge));
    if (r->actor && need_officer(r, "client.erase", 'D') != PD_OK)
        return r->err.code;
    if (app_need_db(r) != PD_OK)
        return r->err.code;
    size_t total = scan->nclients + scan->nrequests;
    for (size_t i = 0; i < scan->nclients; i++) {
        const struct retention_client *c = &scan->clients[i];
        struct erase_result removed;
        struct audit_event ev = cli_event(r, "client.erase", 'D');
        ev.org_id = c->org_id;
        ev.record_type = "client";
        ev.record_id = c->client_id;
        ev.client_id = c->client_id;
        if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
            store_erase_client(r->db, c->org_id, c->client_id, NULL, sup_day(r, 0), app_now_iso(r),
                               &removed, &r->err) != PD_OK ||
            audit_write(r, &ev) != PD_OK || db_commit(r->db, &r->err) != PD_OK)
            return app_fail(r);
        if (progress)
            progress(ctx, i, total, "client", c->code, &removed);
    }
    for (size_t k = 0; k < scan->nrequests; k++) {
        const struct rights_request *q = &scan->requests[k];
        struct audit_event ev = cli_event(r, "rights_request.delete", 'D');
        ev.org_id = q->org_id;
        ev.record_type = "client_right_request";
        ev.record_id = q->id;
        ev.client_id = q->client_id[0] ? q->client_id : NULL;
        if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
            store_rights_delete(r->db, q->org_id, q->id, &r->err) != PD_OK ||
            audit_write(r, &ev) != PD_OK || db_commit(r->db, &r->err) != PD_OK)
            return app_fail(r);
        if (progress)
            progress(ctx, scan->nclients + k, total, "rights_request", q->reference, NULL);
    }
    if (total && store_erase_purge(r->db, purge, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}
