/*
 * reports_more.c: the manager's table reports (caseload, mix, themes, intensity,
 * evaluations, closures, hours, referrals): each reads aggregate rows from the store
 * (store_report_facts), sums them per row key, or per key and qualification level with
 * split=level, and turns the sums into cells of one report_table. docs/reports.md defines
 * every figure.
 */
#include <string.h>

#include "app_int.h"
#include "reports.h"
#include "support_int.h"

/* Turns the summed values of one row into its cells. */
typedef void (*fill_fn)(const int64_t *v, struct rt_cell *c, const void *ctx);

static bool same_str(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static bool same_row(const struct report_fact *a, const struct report_fact *b, bool split)
{
    return same_str(a->vocab, b->vocab) && same_str(a->key, b->key) &&
           (!split || same_str(a->level, b->level));
}

/* One row per key (summed over levels), or per key and level with split; a fact without a
 * level (a key without data) makes a row of zeros only when not split. */
static void fold(struct report_table *t, const struct report_fact *f, size_t n, fill_fn fill,
                 const void *ctx)
{
    size_t i = 0;
    while (i < n) {
        int64_t sum[REPORT_FACT_VALUES] = {0};
        size_t j = i;
        for (; j < n && same_row(&f[i], &f[j], t->split); j++)
            for (int k = 0; k < REPORT_FACT_VALUES; k++)
                sum[k] += f[j].v[k];
        if (!t->split || f[i].level)
            fill(sum, rt_add_row(t, f[i].key, f[i].label, f[i].vocab, t->split ? f[i].level : NULL)->v,
                 ctx);
        i = j;
    }
}

/* The sum of every fact into the total. */
static void fold_total(struct report_table *t, const struct report_fact *f, size_t n, fill_fn fill,
                       const void *ctx)
{
    int64_t sum[REPORT_FACT_VALUES] = {0};
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < REPORT_FACT_VALUES; k++)
            sum[k] += f[i].v[k];
    fill(sum, rt_total(t), ctx);
}

/* by = NULL gives dflt; anything but one of the NULL-terminated values is PD_EINVAL. */
static int check_by(struct app_req *r, const char *by, const char *const *allowed,
                    const char *msg, const char **out)
{
    if (!by) {
        *out = allowed[0];
        return PD_OK;
    }
    for (size_t i = 0; allowed[i]; i++)
        if (strcmp(allowed[i], by) == 0) {
            *out = allowed[i];
            return PD_OK;
        }
    return err_set(&r->err, PD_EINVAL, "by", "%s", msg);
}

/* The common start: actor, period, split; the table; nothing read yet. */
static int start(struct app_req *r, const char *name, const struct report_query *q,
                 struct report_table *t, const char *key_name, const struct rt_col *cols,
                 size_t ncols)
{
    struct report_period p;
    bool split;
    if (app_need_actor(r) != PD_OK || report_check_period(r, q->from, q->to, &p) != PD_OK ||
        report_check_split(r, q->split, &split) != PD_OK)
        return r->err.code;
    rt_init(t, r->arena, name, p.from, p.to, split, key_name, cols, ncols);
    return PD_OK;
}

static int facts(struct app_req *r, enum report_fact_query q, const struct report_table *t,
                 const char *extra, struct report_fact **f, size_t *n)
{
    return store_report_facts(r->db, r->arena, q, r->actor->org_id, t->from, t->to, extra, f, n,
                              &r->err);
}

/* The audit entry, the reads (up to two queries), the commit. */
static int read2(struct app_req *r, struct report_table *t, enum report_fact_query q1,
                 enum report_fact_query q2, const char *extra, struct report_fact **f1, size_t *n1,
                 struct report_fact **f2, size_t *n2)
{
    if (report_begin(r, t->report) != PD_OK || facts(r, q1, t, extra, f1, n1) != PD_OK ||
        (f2 && facts(r, q2, t, extra, f2, n2) != PD_OK) || db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

static const char *const by_team[] = {"total", "team", NULL};
static const char *const by_month[] = {"total", "month", NULL};

/* ---- caseload ---- */

static const struct rt_col caseload_cols[] = {
    {"experts", RT_COUNT}, {"fte", RT_RATIO},        {"active", RT_COUNT},
    {"per_expert", RT_RATIO}, {"per_fte", RT_RATIO},
};

/* v: experts, fte_pct sum, experts with a known fte, active, active of those with fte. */
static void fill_caseload(const int64_t *v, struct rt_cell *c, const void *ctx)
{
    (void)ctx;
    rt_count(&c[0], v[0]);
    rt_frac(&c[1], v[1], 100, v[2] == 0 || report_suppressed(v[2]));
    rt_count(&c[2], v[3]);
    rt_frac(&c[3], v[3], v[0], rt_withheld(v[0], v[3]));
    rt_frac(&c[4], v[4] * 100, v[1], rt_withheld(v[2], v[4]));
}

/* Rows per team, or the one row "total"; the total: the unsplit sums (null for by=total
 * without split, where the one row is the total). */
static void rows_and_total(struct report_table *t, bool by_total, const struct report_fact *rf,
                           size_t rn, const struct report_fact *tf, size_t tn, fill_fn fill)
{
    fold(t, rf, rn, fill, NULL);
    if (by_total && !t->split && t->nrows == 0) {
        int64_t zero[REPORT_FACT_VALUES] = {0};
        fill(zero, rt_add_row(t, "total", NULL, NULL, NULL)->v, NULL);
    }
    if (!by_total || t->split)
        fold_total(t, tf, tn, fill, NULL);
}

static int report_caseload(struct app_req *r, const struct report_query *q,
                           struct report_table *t)
{
    const char *by;
    struct report_fact *rf, *tf;
    size_t rn, tn;
    if (start(r, "caseload", q, t, NULL, caseload_cols, 5) != PD_OK ||
        check_by(r, q->by, by_team, "team or total", &by) != PD_OK)
        return r->err.code;
    bool total = strcmp(by, "total") == 0;
    t->key_name = by;
    t->file = total ? "caseload" : "caseload-by-team";
    if (read2(r, t, total ? RQ_CASELOAD_TOTAL : RQ_CASELOAD_TEAM, RQ_CASELOAD_TOTAL, NULL, &rf, &rn,
              &tf, &tn) != PD_OK)
        return r->err.code;
    rows_and_total(t, total, rf, rn, tf, tn, fill_caseload);
    return PD_OK;
}

/* ---- mix ---- */

static const struct rt_col mix_cols[] = {
    {"co_support", RT_COUNT}, {"advice_only", RT_COUNT},   {"redirected", RT_COUNT},
    {"declined", RT_COUNT},   {"open", RT_COUNT},          {"consultations", RT_COUNT},
    {"bridging", RT_COUNT},
};

static void fill_counts(const int64_t *v, struct rt_cell *c, const void *ctx)
{
    size_t n = *(const size_t *)ctx;
    for (size_t i = 0; i < n; i++)
        rt_count(&c[i], v[i]);
}

static const size_t seven = 7;

static void fill_mix(const int64_t *v, struct rt_cell *c, const void *ctx)
{
    (void)ctx;
    fill_counts(v, c, &seven);
}

static int report_mix(struct app_req *r, const struct report_query *q, struct report_table *t)
{
    const char *by;
    struct report_fact *rf;
    size_t rn;
    if (start(r, "mix", q, t, NULL, mix_cols, 7) != PD_OK ||
        check_by(r, q->by, by_month, "month or total", &by) != PD_OK)
        return r->err.code;
    bool total = strcmp(by, "total") == 0;
    t->key_name = by;
    t->file = total ? "mix" : "mix-by-month";
    if (read2(r, t, total ? RQ_MIX_TOTAL : RQ_MIX_MONTH, RQ_MIX_TOTAL, NULL, &rf, &rn, NULL,
              NULL) != PD_OK)
        return r->err.code;
    /* every item falls in one month: the total is the sum of the rows */
    rows_and_total(t, total, rf, rn, rf, rn, fill_mix);
    return PD_OK;
}

/* ---- dispatch ---- */

static const struct {
    const char *name;
    int (*fn)(struct app_req *r, const struct report_query *q, struct report_table *t);
} reports[] = {
    {"caseload", report_caseload},
    {"mix", report_mix},
};

int app_report_table(struct app_req *r, const char *name, const struct report_query *q,
                     struct report_table *out)
{
    for (size_t i = 0; i < sizeof(reports) / sizeof(reports[0]); i++)
        if (strcmp(reports[i].name, name) == 0)
            return reports[i].fn(r, q, out);
    return err_set(&r->err, PD_ENOTFOUND, NULL, "no such report");
}
