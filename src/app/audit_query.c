/*
 * audit_query.c: the privacy officer's reads of the audit log (see audit_query.h).
 *
 * The order inside each use case is fixed: who asks (a privacy officer, else denied and
 * audited), what is asked (filters checked, nothing written for a malformed question),
 * then one write transaction that reads the rows, appends the entry about this read and
 * commits. If the entry cannot be written the rows never leave (SECURITY.md 3).
 */
#include "audit_query.h"

#include <string.h>

#include "../domain/role.h"
#include "../lib/json.h"
#include "../lib/ptime.h"
#include "../lib/str.h"
#include "app_int.h"

/* The role the entry records: the privacy officer role when the actor holds it, whatever
 * other roles come first in the table. */
static const char *acting_role(const struct app_req *r)
{
    return (r->actor->roles & ROLE_PRIVACY_OFFICER) ? role_code(ROLE_PRIVACY_OFFICER) : NULL;
}

/* Refused: rolled back, one denied entry of its own, then the error (fail closed). */
static int refuse(struct app_req *r, const char *event, enum pd_code code, const char *detail)
{
    if (db_in_txn(r->db))
        db_rollback(r->db);
    err_clear(&r->err);
    struct audit_event ev = {.event = event,
                             .action = 'R',
                             .outcome = "denied",
                             .record_type = "audit_log",
                             .actor_role = acting_role(r),
                             .access_basis = "none"};
    if (audit_write_alone(r, &ev) != PD_OK)
        return r->err.code;
    return err_set(&r->err, code, NULL, "%s", detail);
}

/* The route table already admits privacy officers only; this keeps the rule true for
 * every other caller of these functions. */
static int need_privacy_officer(struct app_req *r, const char *event)
{
    if (r->actor->roles & ROLE_PRIVACY_OFFICER)
        return PD_OK;
    return refuse(r, event, PD_EFORBID, "only the privacy officer reads the audit log");
}

/* The entry about a successful read, in the open write transaction. */
static int audit_this_read(struct app_req *r, const char *event, const char *client_id)
{
    struct audit_event ev = {.event = event,
                             .action = 'R',
                             .outcome = "success",
                             .record_type = "audit_log",
                             .client_id = client_id,
                             .actor_role = acting_role(r),
                             .access_basis = "privacy_officer"};
    return audit_write(r, &ev);
}

/* ---- checking the question ---- */

/* Event types are lowercase words joined by '.' and '_' ("break_glass.start"). */
static bool event_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > AUDIT_EVENT_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
              s[i] == '.'))
            return false;
    return true;
}

static bool outcome_ok(const char *s)
{
    return strcmp(s, "success") == 0 || strcmp(s, "failure") == 0 || strcmp(s, "denied") == 0;
}

/* A day as a bound on the stored `at` text (ISO 8601 UTC with ms, which sorts as time):
 * from a day's 00:00:00.000 inclusive, until its 24:00:00.000 exclusive. ISO 8601 allows
 * 24:00 for the end of a day, and as text it sorts after every time of that day and
 * before the next day, so no date arithmetic (and no year 10000) is needed. */
static int day_bound(struct app_req *r, const char *field, const char *day, const char *clock,
                     const char **out)
{
    int y, m, d;
    *out = NULL;
    if (!day)
        return PD_OK;
    if (!ptime_parse_date(day, strlen(day), &y, &m, &d))
        return err_set(&r->err, PD_EINVAL, field, "a date as YYYY-MM-DD");
    *out = arena_printf(r->arena, "%sT%s", day, clock);
    return PD_OK;
}

static int check_query(struct app_req *r, const struct audit_query *q, struct audit_filter *f)
{
    *f = (struct audit_filter){.org_id = r->actor->org_id};
    if (q->before && !str_to_i64(str_from(q->before), 1, INT64_MAX, &f->before))
        return err_set(&r->err, PD_EINVAL, "before", "a cursor from an earlier page");
    if (q->event && !event_ok(q->event))
        return err_set(&r->err, PD_EINVAL, "event", "an event type such as client.read");
    if (q->outcome && !outcome_ok(q->outcome))
        return err_set(&r->err, PD_EINVAL, "outcome", "success, failure or denied");
    if (q->actor_id && !uuid_valid(q->actor_id, strlen(q->actor_id)))
        return err_set(&r->err, PD_EINVAL, "actor_id", "a worker id");
    if (q->client_id && !uuid_valid(q->client_id, strlen(q->client_id)))
        return err_set(&r->err, PD_EINVAL, "client_id", "a client id");
    if (day_bound(r, "from", q->from, "00:00:00.000Z", &f->at_from) != PD_OK ||
        day_bound(r, "to", q->to, "24:00:00.000Z", &f->at_until) != PD_OK)
        return r->err.code;
    if (q->from && q->to && strcmp(q->from, q->to) > 0)
        return err_set(&r->err, PD_EINVAL, "to", "on or after from");
    f->event = q->event;
    f->outcome = q->outcome;
    f->actor_id = q->actor_id;
    f->client_id = q->client_id;
    return PD_OK;
}

/* ---- use cases ---- */

int app_audit_page(struct app_req *r, const struct audit_query *q, int limit,
                   struct audit_row **out, size_t *n)
{
    struct audit_filter f;
    if (app_need_actor(r) != PD_OK || need_privacy_officer(r, "audit.read") != PD_OK ||
        check_query(r, q, &f) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        store_audit_page(r->db, r->arena, &f, limit, out, n, &r->err) != PD_OK ||
        audit_this_read(r, "audit.read", f.client_id) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_audit_access_report(struct app_req *r, const char *client_id, const char *client_code,
                            struct audit_report *out)
{
    bool found = false;
    *out = (struct audit_report){0};
    if (app_need_actor(r) != PD_OK || need_privacy_officer(r, "audit.access_report") != PD_OK)
        return r->err.code;
    if (!client_id && !client_code)
        return err_set(&r->err, PD_EINVAL, "client_code", "give client_code or client_id");
    if (client_id && client_code)
        return err_set(&r->err, PD_EINVAL, "client_id", "give client_code or client_id, not both");
    if (client_id && !uuid_valid(client_id, strlen(client_id)))
        return err_set(&r->err, PD_EINVAL, "client_id", "a client id");
    if (client_code && !*client_code)
        return err_set(&r->err, PD_EINVAL, "client_code", "a client code");

    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        store_audit_client_find(r->db, r->arena, r->actor->org_id, client_id, client_code, &found,
                                out->client_id, &out->client_code, &r->err) != PD_OK)
        return app_fail(r);
    if (!found)
        return refuse(r, "audit.access_report", PD_ENOTFOUND, "no such client");
    if (store_audit_of_client(r->db, r->arena, r->actor->org_id, out->client_id, &out->items,
                              &out->n, &r->err) != PD_OK ||
        audit_this_read(r, "audit.access_report", out->client_id) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

json_t *audit_row_to_json(const struct audit_row *row)
{
    return pdjson_pack(
        "{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:o, s:s, s:b, s:s}", "seq",
        (json_int_t)row->seq, "at", row->at, "event", row->event, "action", row->action, "outcome",
        row->outcome, "actor_user_id", pdjson_str_or_null(row->actor_user_id), "actor_name",
        pdjson_str_or_null(row->actor_name), "actor_role", pdjson_str_or_null(row->actor_role),
        "on_behalf_user_id", pdjson_str_or_null(row->on_behalf_user_id), "on_behalf_name",
        pdjson_str_or_null(row->on_behalf_name), "client_id", pdjson_str_or_null(row->client_id),
        "record_type", row->record_type, "record_id", pdjson_str_or_null(row->record_id),
        "access_basis", row->access_basis, "break_glass",
        strcmp(row->access_basis, "break_glass") == 0, "trace_id", row->trace_id);
}
