/*
 * rights.c: the register of rights requests (see rights.h).
 *
 * Audit: rights_request.create / .extend / .close (C, U) and .read / .list (R), each with
 * the client's id while there is one; a request of another organisation or an unknown id
 * answers like a missing one and writes a denied entry.
 */
#include "rights.h"

#include <stdio.h>
#include <string.h>

#include "../domain/role.h"
#include "../lib/json.h"
#include "../lib/ptime.h"
#include "../store/store_audit_query.h"
#include "app_int.h"
#include "clients.h"
#include "support_int.h"

static const char *const kinds[] = {"access",      "erasure",   "rectification",
                                    "restriction", "objection", "portability"};

const char *rights_today(struct app_req *r)
{
    return sup_day(r, 0);
}

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

const char *rights_add_months(struct arena *a, const char *s, int months)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d;
    if (!s || !ptime_parse_date(s, strlen(s), &y, &m, &d))
        return NULL;
    int idx = (m - 1) + months;
    y += idx / 12;
    m = idx % 12 + 1;
    int last = mdays[m - 1] + (m == 2 && is_leap(y));
    if (d > last)
        d = last;
    return arena_printf(a, "%04d-%02d-%02d", y, m, d);
}

static int need_officer(struct app_req *r, const char *event, char action)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (!(r->actor->roles & ROLE_PRIVACY_OFFICER))
        return sup_need_role(r, ROLE_PRIVACY_OFFICER, event, action, "client_right_request",
                             "only the privacy officer keeps the register of rights requests");
    return PD_OK;
}

static int audit_rq(struct app_req *r, const char *event, char action,
                    const struct rights_request *q)
{
    struct audit_event ev = {.event = event,
                             .action = action,
                             .outcome = "success",
                             .record_type = "client_right_request",
                             .record_id = q ? q->id : NULL,
                             .client_id = q && q->client_id[0] ? q->client_id : NULL,
                             .actor_role = role_code(ROLE_PRIVACY_OFFICER),
                             .access_basis = "privacy_officer"};
    return audit_write(r, &ev);
}

/* Read the request inside the open transaction; a missing one is the audited not-found. */
static int load(struct app_req *r, const char *event, char action, const char *id,
                struct rights_request *out)
{
    bool found = false;
    if (store_rights_get(r->db, r->arena, r->actor->org_id, id, out, &found, &r->err) != PD_OK)
        return r->err.code;
    if (!found)
        return sup_not_found(r, event, action, "client_right_request", id);
    return PD_OK;
}

int app_rights_create(struct app_req *r, const char *client_code, const char *kind,
                      const char *received_on, const char *note, struct rights_request *out)
{
    static const char *const event = "rights_request.create";
    if (need_officer(r, event, 'C') != PD_OK)
        return r->err.code;
    bool kind_ok = false;
    for (size_t i = 0; kind && i < sizeof(kinds) / sizeof(kinds[0]); i++)
        kind_ok |= strcmp(kinds[i], kind) == 0;
    if (!kind_ok)
        return err_set(&r->err, PD_EINVAL, "kind",
                       "one of access, erasure, rectification, restriction, objection, "
                       "portability");
    if (sup_check_text(r, client_code, true, LIMIT_NAME_BYTES, "client_code") != PD_OK)
        return r->err.code;
    const char *today = sup_day(r, 0);
    if (!received_on)
        received_on = today;
    if (app_check_date(r, received_on, "received_on") != PD_OK)
        return r->err.code;
    if (strcmp(received_on, today) > 0)
        return err_set(&r->err, PD_EINVAL, "received_on", "cannot lie in the future");
    if (sup_check_text(r, note, false, RIGHTS_NOTE_CHARS, "note") != PD_OK)
        return r->err.code;

    struct rights_request q = {.kind = kind,
                               .received_on = received_on,
                               .due_on = rights_add_months(r->arena, received_on, 1),
                               .note = note,
                               .created_at = app_now_iso(r)};
    uuid7_new(q.id);
    memcpy(q.org_id, r->actor->org_id, sizeof(q.org_id));
    memcpy(q.created_by, r->actor->user_id, sizeof(q.created_by));
    bool found = false;
    const char *code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        store_audit_client_find(r->db, r->arena, r->actor->org_id, NULL, client_code, &found,
                                q.client_id, &code, &r->err) != PD_OK)
        return app_fail(r);
    if (!found) {
        db_rollback(r->db);
        return err_set(&r->err, PD_EINVAL, "client_code", "no client with this code");
    }
    if (store_rights_insert(r->db, &q, &r->err) != PD_OK || audit_rq(r, event, 'C', &q) != PD_OK ||
        load(r, event, 'C', q.id, out) != PD_OK || db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_rights_list(struct app_req *r, struct rights_request **out, size_t *n)
{
    static const char *const event = "rights_request.list";
    if (need_officer(r, event, 'R') != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        store_rights_list(r->db, r->arena, r->actor->org_id, out, n, &r->err) != PD_OK ||
        audit_rq(r, event, 'R', NULL) != PD_OK || db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_rights_get(struct app_req *r, const char *id, struct rights_request *out)
{
    static const char *const event = "rights_request.read";
    if (need_officer(r, event, 'R') != PD_OK)
        return r->err.code;
    if (!sup_id_ok(id))
        return sup_not_found(r, event, 'R', "client_right_request", id);
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK || load(r, event, 'R', id, out) != PD_OK ||
        audit_rq(r, event, 'R', out) != PD_OK || db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_rights_extend(struct app_req *r, const char *id, int64_t version, int months,
                      const char *reason, struct rights_request *out)
{
    static const char *const event = "rights_request.extend";
    struct rights_request q;
    if (need_officer(r, event, 'U') != PD_OK)
        return r->err.code;
    if (!sup_id_ok(id))
        return sup_not_found(r, event, 'U', "client_right_request", id);
    if (months < 1 || months > 2)
        return err_set(&r->err, PD_EINVAL, "months", "1 or 2 (at most two further months)");
    if (sup_check_text(r, reason, true, RIGHTS_REASON_CHARS, "reason") != PD_OK)
        return r->err.code;
    const char *today = sup_day(r, 0);
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK || load(r, event, 'U', id, &q) != PD_OK)
        return app_fail(r);
    if (q.version != version) {
        db_rollback(r->db);
        return err_set(&r->err, PD_ESTALE, "If-Match",
                       "the rights request changed since you read it");
    }
    if (strcmp(q.status, "open") != 0) {
        db_rollback(r->db);
        return err_set(&r->err, PD_ECONFLICT, "status", "the request is closed");
    }
    if (q.extended_due_on) {
        db_rollback(r->db);
        return err_set(&r->err, PD_EINVAL, "months",
                       "the deadline was extended already (once, at most two months in all)");
    }
    if (strcmp(today, q.due_on) > 0) {
        db_rollback(r->db);
        return err_set(&r->err, PD_EINVAL, "months",
                       "the first month has passed: an extension must be announced within it");
    }
    const char *ext = rights_add_months(r->arena, q.received_on, 1 + months);
    if (store_rights_extend(r->db, r->actor->org_id, id, version, ext, reason, app_now_iso(r),
                            &r->err) != PD_OK ||
        audit_rq(r, event, 'U', &q) != PD_OK || load(r, event, 'U', id, out) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_rights_close(struct app_req *r, const char *id, int64_t version, const char *status,
                     const char *done_on, const char *note, struct rights_request *out)
{
    static const char *const event = "rights_request.close";
    struct rights_request q;
    if (need_officer(r, event, 'U') != PD_OK)
        return r->err.code;
    if (!sup_id_ok(id))
        return sup_not_found(r, event, 'U', "client_right_request", id);
    bool done = status && strcmp(status, "done") == 0;
    if (!done && !(status && strcmp(status, "refused") == 0))
        return err_set(&r->err, PD_EINVAL, "status", "done or refused");
    if (sup_check_text(r, note, !done, RIGHTS_NOTE_CHARS, "note") != PD_OK) {
        if (!done && !note)
            err_set(&r->err, PD_EINVAL, "note", "a refusal needs its reason (told to the client)");
        return r->err.code;
    }
    const char *today = sup_day(r, 0);
    if (!done_on)
        done_on = today;
    if (app_check_date(r, done_on, "done_on") != PD_OK)
        return r->err.code;
    if (strcmp(done_on, today) > 0)
        return err_set(&r->err, PD_EINVAL, "done_on", "cannot lie in the future");
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK || load(r, event, 'U', id, &q) != PD_OK)
        return app_fail(r);
    if (q.version != version) {
        db_rollback(r->db);
        return err_set(&r->err, PD_ESTALE, "If-Match",
                       "the rights request changed since you read it");
    }
    if (strcmp(q.status, "open") != 0) {
        db_rollback(r->db);
        return err_set(&r->err, PD_ECONFLICT, "status", "the request is closed already");
    }
    if (strcmp(done_on, q.received_on) < 0) {
        db_rollback(r->db);
        return err_set(&r->err, PD_EINVAL, "done_on", "cannot lie before the request was received");
    }
    if (done && strcmp(q.kind, "erasure") == 0) {
        db_rollback(r->db);
        return err_set(&r->err, PD_EINVAL, "status",
                       "an erasure request is done by erasing the client "
                       "(POST /api/v1/clients/{id}/erase); it can be refused here");
    }
    if (store_rights_close(r->db, r->actor->org_id, id, version, status, done_on, note,
                           app_now_iso(r), &r->err) != PD_OK ||
        audit_rq(r, event, 'U', &q) != PD_OK || load(r, event, 'U', id, out) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

json_t *rights_request_to_json(const struct rights_request *q, const char *today)
{
    bool open = strcmp(q->status, "open") == 0;
    const char *deadline = q->extended_due_on ? q->extended_due_on : q->due_on;
    json_t *days = json_null();
    const char *state = "closed";
    if (open) {
        int left = sup_days_between(today, deadline);
        days = json_integer(left);
        state = left < 0 ? "overdue" : left <= RIGHTS_SOON_DAYS ? "due_soon" : "on_time";
    }
    json_t *client = q->client_id[0] ? pdjson_pack("{s:s, s:s}", "id", q->client_id, "code",
                                                   q->client_code ? q->client_code : "")
                                     : json_null();
    return pdjson_pack(
        "{s:s, s:s, s:o, s:s, s:s, s:s, s:o, s:o, s:s, s:o, s:s, s:s, s:o, s:o, s:o, s:s, s:s, "
        "s:I}",
        "id", q->id, "reference", q->reference, "client", client, "kind", q->kind, "received_on",
        q->received_on, "due_on", q->due_on, "extended_due_on",
        pdjson_str_or_null(q->extended_due_on), "extension_reason",
        pdjson_str_or_null(q->extension_reason), "deadline_on", deadline, "days_left", days,
        "deadline_status", state, "status", q->status, "done_on", pdjson_str_or_null(q->done_on),
        "note", pdjson_str_or_null(q->note), "erased_at", pdjson_str_or_null(q->erased_at),
        "created_at", q->created_at, "updated_at", q->updated_at, "version",
        (json_int_t)q->version);
}
