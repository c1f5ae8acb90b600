/*
 * erasure.c: a client's right to erasure (AVG art. 17; SECURITY.md 11). See rights.h and
 * docs/client-rights.md.
 *
 * One write transaction removes the client (store_erase_client: the FTS 'delete' of each
 * note, every row in every client table, the register anonymised, the request closed) and
 * appends client.erase (action D, the client's id, the request as the record); the audit
 * entries already written about the client stay: they hold ids, not content. After the
 * commit store_erase_purge merges the full-text index and truncates the WAL; the
 * connection runs with secure_delete on (store/db_sqlite.c), so freed pages are zeroes.
 */
#include <string.h>

#include "../domain/role.h"
#include "../lib/json.h"
#include "../lib/log.h"
#include "../store/store_audit_query.h"
#include "app_int.h"
#include "rights.h"
#include "support_int.h"

static const char *const EVENT = "client.erase";

/* A refused erasure: roll back, one denied entry of its own, then the error. */
static int refuse(struct app_req *r, const char *client_id, enum pd_code code, const char *field,
                  const char *detail)
{
    if (db_in_txn(r->db))
        db_rollback(r->db);
    err_clear(&r->err);
    bool officer = r->actor && (r->actor->roles & ROLE_PRIVACY_OFFICER);
    struct audit_event ev = {.event = EVENT,
                             .action = 'D',
                             .outcome = "denied",
                             .record_type = "client",
                             .record_id = client_id,
                             .client_id = client_id,
                             .actor_role = officer ? role_code(ROLE_PRIVACY_OFFICER) : NULL,
                             .access_basis = officer ? "privacy_officer" : "none"};
    if (audit_write_alone(r, &ev) != PD_OK)
        return r->err.code;
    return err_set(&r->err, code, field, "%s", detail);
}

int app_client_erase(struct app_req *r, const char *client_id, const char *request_id,
                     const char *confirm_code, struct erase_outcome *out)
{
    memset(out, 0, sizeof(*out));
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    /* The route admits privacy officers only; this keeps the rule for other callers. The
     * entry names no client: the id is unchecked. */
    if (!(r->actor->roles & ROLE_PRIVACY_OFFICER))
        return refuse(r, NULL, PD_EFORBID, NULL, "only the privacy officer erases a client");
    if (!sup_id_ok(client_id))
        return refuse(r, NULL, PD_ENOTFOUND, NULL, "no such client");
    if (!request_id || !*request_id)
        return err_set(&r->err, PD_EMISSING, "request_id", "is required");
    if (!confirm_code || !*confirm_code)
        return err_set(&r->err, PD_EMISSING, "confirm_code", "is required");

    bool found = false;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        store_audit_client_find(r->db, r->arena, r->actor->org_id, client_id, NULL, &found,
                                out->client_id, &out->code, &r->err) != PD_OK)
        return app_fail(r);
    if (!found)
        return refuse(r, NULL, PD_ENOTFOUND, NULL, "no such client");

    struct rights_request q;
    bool have = false;
    if (sup_id_ok(request_id) && store_rights_get(r->db, r->arena, r->actor->org_id, request_id, &q,
                                                  &have, &r->err) != PD_OK)
        return app_fail(r);
    if (!have || strcmp(q.client_id, out->client_id) != 0)
        return refuse(r, out->client_id, PD_EINVAL, "request_id",
                      "not a rights request of this client");
    if (strcmp(q.kind, "erasure") != 0)
        return refuse(r, out->client_id, PD_EINVAL, "request_id",
                      "the rights request is not an erasure request");
    if (strcmp(q.status, "open") != 0)
        return refuse(r, out->client_id, PD_EINVAL, "request_id", "the rights request is closed");
    if (strcmp(confirm_code, out->code) != 0)
        return refuse(r, out->client_id, PD_EINVAL, "confirm_code",
                      "does not match the client's code");

    struct audit_event ev = {.event = EVENT,
                             .action = 'D',
                             .outcome = "success",
                             .record_type = "client_right_request",
                             .record_id = q.id,
                             .client_id = out->client_id,
                             .actor_role = role_code(ROLE_PRIVACY_OFFICER),
                             .access_basis = "privacy_officer"};
    if (store_erase_client(r->db, r->actor->org_id, out->client_id, q.id, sup_day(r, 0),
                           app_now_iso(r), &out->removed, &r->err) != PD_OK ||
        audit_write(r, &ev) != PD_OK || db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);

    /* Committed: the client is gone. A purge that fails is logged and reported in the
     * answer; the next erasure (or `peerdesk retention --apply`) purges again. */
    struct pd_err perr;
    err_clear(&perr);
    if (store_erase_purge(r->db, &out->purge, &perr) != PD_OK || !out->purge.checkpointed)
        log_msg(LOG_WARN, r->trace_id, "erasure purge incomplete: fts %d, wal %d",
                out->purge.fts_optimized, out->purge.checkpointed);
    return PD_OK;
}

json_t *erase_outcome_to_json(const struct erase_outcome *o)
{
    json_t *removed = json_array();
    for (size_t i = 0; i < o->removed.n; i++) {
        const struct erase_count *c = &o->removed.counts[i];
        json_array_append_new(removed, pdjson_pack("{s:s, s:s, s:I}", "table", c->table, "how",
                                                   c->how, "rows", (json_int_t)c->rows));
    }
    return pdjson_pack("{s:s, s:o, s:{s:b, s:b}}", "client_id", o->client_id, "removed", removed,
                       "purge", "fts_optimized", o->purge.fts_optimized, "wal_truncated",
                       o->purge.checkpointed);
}
