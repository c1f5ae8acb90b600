/*
 * expert_time.c: experts' employment and their own time log (see expert_time.h).
 *
 * Employment is personal data about a worker, not client data: a read by anyone but the
 * expert is audited, every write is, and an id the actor may not see answers exactly like
 * an id that does not exist (SECURITY.md 8). The time log is the expert's alone; reports
 * read it only as totals.
 */
#include "expert_time.h"

#include <string.h>

#include "../domain/role.h"
#include "../lib/json.h"
#include "../lib/uuid.h"
#include "app_int.h"
#include "clients.h"
#include "support_int.h"
#include "vocab.h"

#define EMPLOYMENT_ADMINS (ROLE_ADMIN | ROLE_COORDINATOR)

static const char *const qualifications[] = {"mbo3", "mbo4", "hbo", NULL};

static const char *admin_role(const struct app_req *r)
{
    return (r->actor->roles & ROLE_ADMIN) ? "admin" : "coordinator";
}

static bool is_self(const struct app_req *r, const char *worker_id)
{
    return worker_id && strcmp(worker_id, r->actor->user_id) == 0;
}

int app_employment_get(struct app_req *r, const char *worker_id, struct employment_rec *out)
{
    static const char ev[] = "expert.employment.read";
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    bool admin = (r->actor->roles & EMPLOYMENT_ADMINS) != 0;
    if (!sup_id_ok(worker_id) || (!admin && !is_self(r, worker_id)))
        return sup_not_found(r, ev, 'R', "expert_profile", worker_id);
    if (!admin) {
        if (db_begin(r->db, DB_TXN_READ, &r->err) != PD_OK)
            return app_fail(r);
        int rc = store_employment_get(r->db, r->arena, r->actor->org_id, worker_id, out, &r->err);
        if (rc == PD_ENOTFOUND)
            return sup_not_found(r, ev, 'R', "expert_profile", worker_id);
        if (rc != PD_OK || db_commit(r->db, &r->err) != PD_OK)
            return app_fail(r);
        return PD_OK;
    }
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK)
        return app_fail(r);
    int rc = store_employment_get(r->db, r->arena, r->actor->org_id, worker_id, out, &r->err);
    if (rc == PD_ENOTFOUND)
        return sup_not_found(r, ev, 'R', "expert_profile", worker_id);
    if (rc != PD_OK ||
        sup_audit(r, ev, 'R', "expert_profile", worker_id, admin_role(r), admin_role(r)) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

static int check_employment(struct app_req *r, int fte_pct, const char *qualification)
{
    if (fte_pct < -1 || fte_pct > 100)
        return err_set(&r->err, PD_EINVAL, "fte_pct", "a whole number from 0 to 100, or null");
    if (!qualification)
        return PD_OK;
    for (size_t i = 0; qualifications[i]; i++)
        if (strcmp(qualification, qualifications[i]) == 0)
            return PD_OK;
    return err_set(&r->err, PD_EINVAL, "qualification", "mbo3, mbo4, hbo or null");
}

int app_employment_put(struct app_req *r, const char *worker_id, int64_t version, int fte_pct,
                       const char *qualification, struct employment_rec *out)
{
    static const char ev[] = "expert.employment.update";
    struct employment_rec cur;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (sup_need_role(r, EMPLOYMENT_ADMINS, ev, 'U', "expert_profile",
                      "only administrators and coordinators set employment") != PD_OK)
        return r->err.code;
    if (!sup_id_ok(worker_id))
        return sup_not_found(r, ev, 'U', "expert_profile", worker_id);
    if (check_employment(r, fte_pct, qualification) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK)
        return app_fail(r);
    int rc = store_employment_get(r->db, r->arena, r->actor->org_id, worker_id, &cur, &r->err);
    if (rc == PD_ENOTFOUND)
        return sup_not_found(r, ev, 'U', "expert_profile", worker_id);
    if (rc != PD_OK)
        return app_fail(r);
    if (cur.version != 0 && version == 0) {
        err_set(&r->err, PD_EPRECOND, "If-Match", "send If-Match with the profile's version");
        return app_fail(r);
    }
    if (cur.version != version) {
        err_set(&r->err, PD_ESTALE, "If-Match", "the profile changed since you read it");
        app_fail(r);
        *out = cur;
        return PD_ESTALE;
    }
    struct employment_rec next = cur;
    next.fte_pct = fte_pct;
    next.qualification = qualification;
    if (store_employment_put(r->db, r->actor->org_id, &next, app_now_iso(r), &r->err) != PD_OK ||
        sup_audit(r, ev, cur.version ? 'U' : 'C', "expert_profile", worker_id, admin_role(r),
                  admin_role(r)) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK) {
        rc = app_fail(r);
        if (rc == PD_ESTALE)
            *out = cur;
        return rc;
    }
    *out = next;
    return PD_OK;
}

json_t *employment_to_json(const struct employment_rec *x)
{
    return pdjson_pack("{s:s, s:s, s:o, s:o, s:o, s:I}", "worker_id", x->worker_id, "name",
                       x->name ? x->name : "", "fte_pct",
                       x->fte_pct >= 0 ? json_integer(x->fte_pct) : json_null(), "qualification",
                       pdjson_str_or_null(x->qualification), "updated_at",
                       pdjson_str_or_null(x->updated_at), "version", (json_int_t)x->version);
}

/* ---- the time log ---- */

static int need_expert(struct app_req *r, const char *event, char action)
{
    return sup_need_role(r, ROLE_EXPERT, event, action, "expert_time",
                         "only experience experts keep a time log");
}

/* The first day of the month of a YYYY-MM-DD date. */
static const char *month_start(struct app_req *r, const char *day)
{
    return arena_printf(r->arena, "%.8s01", day);
}

int app_time_list(struct app_req *r, const char *from, const char *to, struct time_page *out)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (need_expert(r, "expert_time.list", 'R') != PD_OK)
        return r->err.code;
    memset(out, 0, sizeof(*out));
    if (to && app_check_date(r, to, "to") != PD_OK)
        return r->err.code;
    if (!to)
        to = sup_day(r, 0);
    if (from && app_check_date(r, from, "from") != PD_OK)
        return r->err.code;
    if (!from)
        from = month_start(r, to);
    int span = sup_days_between(from, to);
    if (span < 0)
        return err_set(&r->err, PD_EINVAL, "to", "cannot lie before from");
    if (span >= TIME_RANGE_DAYS)
        return err_set(&r->err, PD_EINVAL, "from", "at most %d days before to",
                       TIME_RANGE_DAYS - 1);
    out->from = from;
    out->to = to;
    const char *me = r->actor->user_id;
    if (db_begin(r->db, DB_TXN_READ, &r->err) != PD_OK ||
        store_time_list(r->db, r->arena, me, from, to, &out->entries, &out->nentries, &r->err) !=
            PD_OK ||
        store_time_totals(r->db, r->arena, me, from, to, &out->totals, &out->ntotals, &r->err) !=
            PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    for (size_t i = 0; i < out->ntotals; i++)
        out->total_minutes += out->totals[i].minutes;
    return PD_OK;
}

static int check_entry(struct app_req *r, const char *on_date, int minutes)
{
    if (app_check_date(r, on_date, "on_date") != PD_OK)
        return r->err.code;
    if (strcmp(on_date, sup_day(r, 0)) > 0)
        return err_set(&r->err, PD_EINVAL, "on_date", "cannot lie in the future");
    if (strcmp(on_date, sup_day(r, -TIME_PAST_DAYS_MAX)) < 0)
        return err_set(&r->err, PD_EINVAL, "on_date", "at most %d days ago", TIME_PAST_DAYS_MAX);
    if (minutes < 1 || minutes > TIME_MINUTES_MAX)
        return err_set(&r->err, PD_EINVAL, "minutes", "a whole number from 1 to %d",
                       TIME_MINUTES_MAX);
    return PD_OK;
}

/* Inside the write transaction: the day's minutes may not pass TIME_MINUTES_MAX. */
static int check_day(struct app_req *r, const char *on_date, int minutes)
{
    int64_t logged = 0;
    if (store_time_day_minutes(r->db, r->actor->user_id, on_date, &logged, &r->err) != PD_OK)
        return r->err.code;
    if (logged + minutes > TIME_MINUTES_MAX)
        return err_set(&r->err, PD_EINVAL, "minutes",
                       "%lld minutes are already logged on that day; a day has %d",
                       (long long)logged, TIME_MINUTES_MAX);
    return PD_OK;
}

int app_time_add(struct app_req *r, const char *role_type, const char *on_date, int minutes,
                 struct time_entry *out)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (need_expert(r, "expert_time.create", 'C') != PD_OK)
        return r->err.code;
    if (vocab_check(r, "role_type", role_type, "role_type") != PD_OK ||
        check_entry(r, on_date, minutes) != PD_OK)
        return r->err.code;
    struct time_entry t = {.role_type = role_type, .on_date = on_date, .minutes = minutes};
    uuid7_new(t.id);
    memcpy(t.org_id, r->actor->org_id, sizeof(t.org_id));
    memcpy(t.worker_id, r->actor->user_id, sizeof(t.worker_id));
    t.created_at = app_now_iso(r);
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        check_day(r, on_date, minutes) != PD_OK || store_time_insert(r->db, &t, &r->err) != PD_OK ||
        sup_audit(r, "expert_time.create", 'C', "expert_time", t.id, "self", NULL) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    *out = t;
    return PD_OK;
}

int app_time_delete(struct app_req *r, const char *id)
{
    static const char ev[] = "expert_time.delete";
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (need_expert(r, ev, 'D') != PD_OK)
        return r->err.code;
    if (!sup_id_ok(id))
        return sup_not_found(r, ev, 'D', "expert_time", id);
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK)
        return app_fail(r);
    int rc = store_time_delete(r->db, r->actor->user_id, id, &r->err);
    if (rc == PD_ENOTFOUND)
        return sup_not_found(r, ev, 'D', "expert_time", id);
    if (rc != PD_OK || sup_audit(r, ev, 'D', "expert_time", id, "self", NULL) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

json_t *time_entry_to_json(const struct time_entry *t)
{
    return pdjson_pack("{s:s, s:s, s:s, s:i, s:s}", "id", t->id, "role_type", t->role_type,
                       "on_date", t->on_date, "minutes", t->minutes, "created_at", t->created_at);
}

json_t *time_page_to_json(const struct time_page *p)
{
    json_t *items = json_array(), *totals = json_array();
    for (size_t i = 0; i < p->nentries; i++)
        json_array_append_new(items, time_entry_to_json(&p->entries[i]));
    for (size_t i = 0; i < p->ntotals; i++)
        json_array_append_new(totals,
                              pdjson_pack("{s:s, s:I, s:I}", "role_type", p->totals[i].role_type,
                                          "minutes", (json_int_t)p->totals[i].minutes, "entries",
                                          (json_int_t)p->totals[i].entries));
    return pdjson_pack("{s:s, s:s, s:o, s:o, s:I}", "from", p->from, "to", p->to, "items", items,
                       "totals", totals, "total_minutes", (json_int_t)p->total_minutes);
}
