/*
 * reports.c: the manager's aggregate reports (see reports.h and docs/reports.md).
 */
#include "reports.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/json.h"
#include "app_int.h"
#include "clients.h"
#include "support_int.h"

/* ---- period and role ---- */

int report_check_period(struct app_req *r, const char *from, const char *to,
                        struct report_period *p)
{
    p->to = to ? to : sup_day(r, 0);
    if (app_check_date(r, p->to, "to") != PD_OK)
        return r->err.code;
    if (from) {
        p->from = from;
    } else {
        /* 364 days before `to` */
        int back = sup_days_between(sup_day(r, 0), p->to) - 364;
        p->from = sup_day(r, back);
    }
    if (app_check_date(r, p->from, "from") != PD_OK)
        return r->err.code;
    if (strcmp(p->from, p->to) > 0)
        return err_set(&r->err, PD_EINVAL, "from", "lies after to");
    return PD_OK;
}

int report_check_split(struct app_req *r, const char *split, bool *out)
{
    *out = split != NULL;
    if (split && strcmp(split, "level") != 0)
        return err_set(&r->err, PD_EINVAL, "split", "level, or nothing");
    return PD_OK;
}

/* Reads run in a write transaction so that their audit entry commits with them. */
int report_begin(struct app_req *r, const char *report)
{
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        sup_audit(r, "report.read", 'R', "report", report, "role", NULL) != PD_OK)
        return r->err.code;
    return PD_OK;
}

int app_report_requests(struct app_req *r, const char *from, const char *to, const char *by,
                        const char *split, struct report_requests *out)
{
    static const char *const bys[] = {
        [REPORT_BY_MONTH] = "month", [REPORT_BY_TEAM] = "team", [REPORT_BY_AREA] = "area"};
    enum report_by k = REPORT_BY_MONTH;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    memset(out, 0, sizeof(*out));
    if (report_check_period(r, from, to, &out->period) != PD_OK)
        return r->err.code;
    if (by) {
        while (k <= REPORT_BY_AREA && strcmp(bys[k], by) != 0)
            k++;
        if (k > REPORT_BY_AREA)
            return err_set(&r->err, PD_EINVAL, "by", "month, team or area");
    }
    if (report_check_split(r, split, &out->split) != PD_OK)
        return r->err.code;
    out->by = bys[k];
    static const enum report_fact_query split_q[] = {[REPORT_BY_MONTH] = RQ_REQ_MONTH,
                                                     [REPORT_BY_TEAM] = RQ_REQ_TEAM,
                                                     [REPORT_BY_AREA] = RQ_REQ_AREA};
    struct report_fact *f = NULL;
    size_t nf = 0;
    if (report_begin(r, "requests") != PD_OK ||
        store_report_requests(r->db, r->arena, r->actor->org_id, out->period.from, out->period.to,
                              k, &out->rows, &out->n, &out->total, &r->err) != PD_OK ||
        (out->split &&
         store_report_facts(r->db, r->arena, split_q[k], r->actor->org_id, out->period.from,
                            out->period.to, NULL, &f, &nf, &r->err) != PD_OK) ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    if (out->split) {
        out->rows = arena_array(r->arena, nf ? nf : 1, sizeof(*out->rows));
        for (size_t i = 0; i < nf; i++)
            out->rows[i] = (struct report_count){
                .key = f[i].key, .label = f[i].label, .count = f[i].v[0], .group = f[i].level};
        out->n = nf;
    }
    return PD_OK;
}

static void duration(int64_t *v, int64_t n, struct report_duration *d)
{
    d->n = n;
    d->shown = n >= REPORT_MIN_CELL;
    if (d->shown) {
        d->median = report_percentile(v, (size_t)n, 50);
        d->p90 = report_percentile(v, (size_t)n, 90);
    }
}

/* The figures over the rows whose level is `group` (all rows when NULL). */
static void time_figures(struct app_req *r, const struct report_match_row *rows, size_t n,
                         const char *group, struct report_time_figures *out)
{
    int64_t *assign = arena_array(r->arena, n ? n : 1, sizeof(int64_t));
    int64_t *contact = arena_array(r->arena, n ? n : 1, sizeof(int64_t));
    int64_t na = 0, nc = 0, nr = 0;
    for (size_t i = 0; i < n; i++) {
        if (group && strcmp(rows[i].level, group) != 0)
            continue;
        nr++;
        if (rows[i].assignment_on) {
            int d = sup_days_between(rows[i].requested_on, rows[i].assignment_on);
            assign[na++] = d < 0 ? 0 : d;
        }
        if (rows[i].first_contact_on)
            contact[nc++] = sup_days_between(rows[i].requested_on, rows[i].first_contact_on);
    }
    out->group = group;
    out->requests = nr;
    out->assigned = na;
    duration(assign, na, &out->to_assignment);
    duration(contact, nc, &out->to_first_contact);
}

int app_report_time(struct app_req *r, const char *from, const char *to, const char *split,
                    struct report_time *out)
{
    static const char *const levels[] = {"mbo3", "mbo4", "hbo", "unknown", "none"};
    struct report_match_row *rows;
    size_t n;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    memset(out, 0, sizeof(*out));
    if (report_check_period(r, from, to, &out->period) != PD_OK ||
        report_check_split(r, split, &out->split) != PD_OK)
        return r->err.code;
    if (report_begin(r, "time-to-match") != PD_OK ||
        store_report_match(r->db, r->arena, r->actor->org_id, out->period.from, out->period.to,
                           &rows, &n, &r->err) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    struct report_time_figures all;
    time_figures(r, rows, n, NULL, &all);
    out->requests = all.requests;
    out->assigned = all.assigned;
    out->to_assignment = all.to_assignment;
    out->to_first_contact = all.to_first_contact;
    for (size_t i = 0; out->split && i < sizeof(levels) / sizeof(levels[0]); i++) {
        time_figures(r, rows, n, levels[i], &out->groups[out->ngroups]);
        if (out->groups[out->ngroups].requests > 0)
            out->ngroups++;
    }
    return PD_OK;
}

int app_report_reach(struct app_req *r, const char *from, const char *to, const char *split,
                     struct report_reach *out)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (split)
        return err_set(&r->err, PD_EINVAL, "split",
                       "reach cannot be split: generalists have no qualification level");
    memset(out, 0, sizeof(*out));
    if (report_check_period(r, from, to, &out->period) != PD_OK)
        return r->err.code;
    if (report_begin(r, "reach") != PD_OK ||
        store_report_reach(r->db, r->actor->org_id, out->period.from, out->period.to,
                           &out->generalists, &out->reached, &r->err) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

/* ---- JSON ---- */

static json_t *period_json(const struct report_period *p)
{
    return pdjson_pack("{s:s, s:s}", "from", p->from, "to", p->to);
}

json_t *report_requests_json(const struct report_requests *q)
{
    json_t *rows = json_array();
    for (size_t i = 0; i < q->n; i++)
        json_array_append_new(rows, pdjson_pack("{s:o, s:o, s:o, s:o}", "key",
                                                pdjson_str_or_null(q->rows[i].key), "label",
                                                pdjson_str_or_null(q->rows[i].label), "group",
                                                pdjson_str_or_null(q->rows[i].group), "count",
                                                report_count_json(q->rows[i].count)));
    return pdjson_pack("{s:o, s:s, s:o, s:o, s:o}", "period", period_json(&q->period), "by", q->by,
                       "split", q->split ? json_string("level") : json_null(), "rows", rows,
                       "total", report_count_json(q->total));
}

static json_t *duration_json(const struct report_duration *d)
{
    return pdjson_pack("{s:o, s:o, s:o}", "n", report_count_json(d->n), "median",
                       d->shown ? json_integer((json_int_t)d->median) : json_null(), "p90",
                       d->shown ? json_integer((json_int_t)d->p90) : json_null());
}

json_t *report_time_json(const struct report_time *t)
{
    json_t *o = pdjson_pack(
        "{s:o, s:o, s:o, s:b, s:o, s:o, s:o}", "period", period_json(&t->period), "requests",
        report_count_json(t->requests), "assigned", report_count_json(t->assigned), "suppressed",
        t->requests < REPORT_MIN_CELL, "to_assignment_days", duration_json(&t->to_assignment),
        "to_first_contact_days", duration_json(&t->to_first_contact), "split",
        t->split ? json_string("level") : json_null());
    if (t->split) {
        json_t *groups = json_array();
        for (size_t i = 0; i < t->ngroups; i++) {
            const struct report_time_figures *g = &t->groups[i];
            json_array_append_new(
                groups, pdjson_pack("{s:s, s:o, s:o, s:b, s:o, s:o}", "group", g->group, "requests",
                                    report_count_json(g->requests), "assigned",
                                    report_count_json(g->assigned), "suppressed",
                                    g->requests < REPORT_MIN_CELL, "to_assignment_days",
                                    duration_json(&g->to_assignment), "to_first_contact_days",
                                    duration_json(&g->to_first_contact)));
        }
        json_object_set_new(o, "groups", groups);
    }
    return o;
}

static bool reach_share_shown(const struct report_reach *t)
{
    return t->generalists >= REPORT_MIN_CELL && !report_suppressed(t->reached);
}

json_t *report_reach_json(const struct report_reach *t)
{
    char share[48];
    return pdjson_pack(
        "{s:o, s:o, s:o, s:o}", "period", period_json(&t->period), "generalists",
        report_count_json(t->generalists), "reached", report_count_json(t->reached), "share",
        reach_share_shown(t) ? json_string(report_share(t->reached, t->generalists, share))
                             : json_null());
}

/* ---- CSV ---- */

void report_requests_csv(const struct report_requests *q, struct buf *b)
{
    char n[24];
    buf_printf(b, "%s,label,%scount\r\n", q->by, q->split ? "group," : "");
    for (size_t i = 0; i < q->n; i++) {
        report_csv_field(b, q->rows[i].key);
        buf_putc(b, ',');
        report_csv_field(b, q->rows[i].label);
        if (q->split) {
            buf_putc(b, ',');
            report_csv_field(b, q->rows[i].group);
        }
        buf_printf(b, ",%s\r\n", report_count_text(q->rows[i].count, n));
    }
    buf_printf(b, "total,,%s%s\r\n", q->split ? "," : "", report_count_text(q->total, n));
}

static void duration_csv(struct buf *b, const char *group, const char *name,
                         const struct report_duration *d)
{
    char n[24];
    if (group)
        buf_printf(b, "%s,", group);
    buf_printf(b, "%s,%s,", name, report_count_text(d->n, n));
    if (d->shown)
        buf_printf(b, "%" PRId64 ",%" PRId64 "\r\n", d->median, d->p90);
    else
        buf_puts(b, ",\r\n");
}

/* With split, a first column group: empty for the unsplit lines, then the level's. */
void report_time_csv(const struct report_time *t, struct buf *b)
{
    char n[24];
    const char *all = t->split ? "" : NULL;
    buf_puts(b, t->split ? "group,figure,requests,median_days,p90_days\r\n"
                         : "figure,requests,median_days,p90_days\r\n");
    buf_printf(b, "%srequests,%s,,\r\n", all ? "," : "", report_count_text(t->requests, n));
    duration_csv(b, all, "to_assignment", &t->to_assignment);
    duration_csv(b, all, "to_first_contact", &t->to_first_contact);
    for (size_t i = 0; i < t->ngroups; i++) {
        const struct report_time_figures *g = &t->groups[i];
        buf_printf(b, "%s,requests,%s,,\r\n", g->group, report_count_text(g->requests, n));
        duration_csv(b, g->group, "to_assignment", &g->to_assignment);
        duration_csv(b, g->group, "to_first_contact", &g->to_first_contact);
    }
}

void report_reach_csv(const struct report_reach *t, struct buf *b)
{
    char g[24], r[24], s[48];
    buf_puts(b, "generalists,reached,share\r\n");
    buf_printf(b, "%s,%s,%s\r\n", report_count_text(t->generalists, g),
               report_count_text(t->reached, r),
               reach_share_shown(t) ? report_share(t->reached, t->generalists, s) : "");
}
