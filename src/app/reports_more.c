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
            fill(sum,
                 rt_add_row(t, f[i].key, f[i].label, f[i].vocab, t->split ? f[i].level : NULL)->v,
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
static int check_by(struct app_req *r, const char *by, const char *const *allowed, const char *msg,
                    const char **out)
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
    {"experts", RT_COUNT},    {"fte", RT_RATIO},     {"active", RT_COUNT},
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

static int report_caseload(struct app_req *r, const struct report_query *q, struct report_table *t)
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
    {"co_support", RT_COUNT}, {"advice_only", RT_COUNT}, {"redirected", RT_COUNT},
    {"declined", RT_COUNT},   {"open", RT_COUNT},        {"consultations", RT_COUNT},
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

/* ---- themes ---- */

static const struct rt_col themes_cols[] = {
    {"requests", RT_COUNT}, {"assigned", RT_COUNT}, {"unmet", RT_COUNT}};

/* v: requests, assigned, unmet; ctx: true when unmet applies. */
static void fill_themes(const int64_t *v, struct rt_cell *c, const void *ctx)
{
    rt_count(&c[0], v[0]);
    rt_count(&c[1], v[1]);
    if (*(const bool *)ctx)
        rt_count(&c[2], v[2]);
    else
        rt_null(&c[2]);
}

static int report_themes(struct app_req *r, const struct report_query *q, struct report_table *t)
{
    static const char *const vocabs[] = {"experience_area", "deployment_reason", "generic_theme",
                                         NULL};
    const char *vocab = vocabs[0];
    struct report_fact *f;
    size_t n;
    if (start(r, "themes", q, t, "code", themes_cols, 3) != PD_OK)
        return r->err.code;
    if (q->vocab) {
        size_t i = 0;
        while (vocabs[i] && strcmp(vocabs[i], q->vocab) != 0)
            i++;
        if (!vocabs[i])
            return err_set(&r->err, PD_EINVAL, "vocab",
                           "experience_area, deployment_reason or generic_theme");
        vocab = vocabs[i];
    }
    bool unmet = strcmp(vocab, "deployment_reason") != 0;
    t->file = arena_printf(r->arena, "themes-%s", vocab);
    if (read2(r, t, RQ_THEMES, RQ_THEMES, vocab, &f, &n, NULL, NULL) != PD_OK)
        return r->err.code;
    fold(t, f, n, fill_themes, &unmet);
    return PD_OK;
}

/* ---- intensity and closures: durations per code ---- */

/* Rows of facts with a day count in v[0] and an item id, ordered by vocab, key, level and
 * item: one row per key (or key and level): the distinct items, and the median and p90 of
 * the days. */
static void fold_days(struct report_table *t, const struct report_fact *f, size_t n, bool with_p90)
{
    int64_t *days = arena_array(t->arena, n ? n : 1, sizeof(int64_t));
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        int64_t items = 0;
        for (; j < n && same_row(&f[i], &f[j], t->split); j++) {
            days[j - i] = f[j].v[0];
            if (j == i || !same_str(f[j].item, f[j - 1].item))
                items++;
        }
        struct rt_row *row =
            rt_add_row(t, f[i].key, f[i].label, f[i].vocab, t->split ? f[i].level : NULL);
        rt_count(&row->v[0], items);
        rt_days(&row->v[1], days, j - i, 50);
        if (with_p90)
            rt_days(&row->v[2], days, j - i, 90);
        i = j;
    }
}

static const struct rt_col intensity_cols[] = {
    {"assignments", RT_COUNT}, {"median_days", RT_DAYS}, {"p90_days", RT_DAYS}};

static int report_intensity(struct app_req *r, const struct report_query *q, struct report_table *t)
{
    struct report_fact *f;
    size_t n;
    if (start(r, "intensity", q, t, "code", intensity_cols, 3) != PD_OK ||
        read2(r, t, RQ_INTENSITY, RQ_INTENSITY, NULL, &f, &n, NULL, NULL) != PD_OK)
        return r->err.code;
    fold_days(t, f, n, true);
    return PD_OK;
}

static const struct rt_col closures_cols[] = {{"dossiers", RT_COUNT},
                                              {"median_days_open", RT_DAYS}};

static int report_closures(struct app_req *r, const struct report_query *q, struct report_table *t)
{
    struct report_fact *f;
    size_t n, reasons = 0;
    if (start(r, "closures", q, t, "code", closures_cols, 2) != PD_OK ||
        read2(r, t, RQ_CLOSURES, RQ_CLOSURES, NULL, &f, &n, NULL, NULL) != PD_OK)
        return r->err.code;
    fold_days(t, f, n, false);
    /* the total: every closed dossier has one closure_reason row, and they come first */
    int64_t *days = arena_array(r->arena, n ? n : 1, sizeof(int64_t));
    while (reasons < n && same_str(f[reasons].vocab, "closure_reason")) {
        days[reasons] = f[reasons].v[0];
        reasons++;
    }
    struct rt_cell *total = rt_total(t);
    rt_count(&total[0], (int64_t)reasons);
    rt_days(&total[1], days, reasons, 50);
    return PD_OK;
}

/* ---- evaluations and referrals ---- */

static const struct rt_col evaluations_cols[] = {
    {"planned", RT_COUNT}, {"held", RT_COUNT}, {"overdue", RT_COUNT}, {"overdue_30", RT_COUNT}};

static const size_t four = 4, two = 2;

static void fill_evaluations(const int64_t *v, struct rt_cell *c, const void *ctx)
{
    (void)ctx;
    fill_counts(v, c, &four);
}

static int report_evaluations(struct app_req *r, const struct report_query *q,
                              struct report_table *t)
{
    const char *by;
    struct report_fact *rf, *tf;
    size_t rn, tn;
    if (start(r, "evaluations", q, t, NULL, evaluations_cols, 4) != PD_OK ||
        check_by(r, q->by, by_team, "team or total", &by) != PD_OK)
        return r->err.code;
    bool total = strcmp(by, "total") == 0;
    t->key_name = by;
    t->file = total ? "evaluations" : "evaluations-by-team";
    if (read2(r, t, total ? RQ_EVAL_TOTAL : RQ_EVAL_TEAM, RQ_EVAL_TOTAL, sup_day(r, 0), &rf, &rn,
              &tf, &tn) != PD_OK)
        return r->err.code;
    rows_and_total(t, total, rf, rn, tf, tn, fill_evaluations);
    return PD_OK;
}

static const struct rt_col referrals_cols[] = {{"referrals", RT_COUNT}, {"accompanied", RT_COUNT}};

static void fill_referrals(const int64_t *v, struct rt_cell *c, const void *ctx)
{
    (void)ctx;
    fill_counts(v, c, &two);
}

static int report_referrals(struct app_req *r, const struct report_query *q, struct report_table *t)
{
    struct report_fact *f;
    size_t n;
    if (start(r, "referrals", q, t, "code", referrals_cols, 2) != PD_OK ||
        read2(r, t, RQ_REFERRALS, RQ_REFERRALS, NULL, &f, &n, NULL, NULL) != PD_OK)
        return r->err.code;
    fold(t, f, n, fill_referrals, NULL);
    fold_total(t, f, n, fill_referrals, NULL);
    return PD_OK;
}

/* ---- hours ---- */

static const struct rt_col hours_cols[] = {
    {"hours", RT_HOURS}, {"experts", RT_COUNT}, {"share", RT_SHARE}};

static const char *const level_names[] = {"mbo3", "mbo4", "hbo", "unknown", "none"};
#define NLEVELS 5

static size_t level_index(const char *level)
{
    for (size_t i = 0; i < NLEVELS - 1; i++)
        if (same_str(level, level_names[i]))
            return i;
    return NLEVELS - 1;
}

/* Minutes as hours, withheld when the experts behind them are 1 to 4. */
static void hours_cell(struct rt_cell *c, int64_t minutes, int64_t experts)
{
    rt_frac(c, minutes, 60, report_suppressed(experts));
}

/* by=total: a row per role type (every active code, with zeros, when not split); the share
 * is of all hours (of the row's level group with split). */
static void hours_by_type(struct report_table *t, const struct report_fact *f, size_t n,
                          const struct report_fact *all, size_t nall)
{
    int64_t gm[NLEVELS] = {0}, ge[NLEVELS] = {0}, am = 0, ae = 0;
    for (size_t i = 0; i < nall; i++) {
        size_t l = level_index(all[i].level);
        gm[l] += all[i].v[0];
        ge[l] += all[i].v[1];
        am += all[i].v[0];
        ae += all[i].v[1];
    }
    size_t i = 0;
    while (i < n) {
        int64_t m = 0, e = 0;
        size_t j = i;
        for (; j < n && same_row(&f[i], &f[j], t->split); j++) {
            m += f[j].v[0];
            e += f[j].v[1];
        }
        if (!t->split || f[i].level) {
            size_t l = level_index(f[i].level);
            int64_t dm = t->split ? gm[l] : am, de = t->split ? ge[l] : ae;
            struct rt_row *row =
                rt_add_row(t, f[i].key, NULL, f[i].vocab, t->split ? f[i].level : NULL);
            hours_cell(&row->v[0], m, e);
            rt_count(&row->v[1], e);
            rt_frac(&row->v[2], m, dm, rt_withheld(e, de));
        }
        i = j;
    }
    struct rt_cell *total = rt_total(t);
    hours_cell(&total[0], am, ae);
    rt_count(&total[1], ae);
    rt_frac(&total[2], am, am, report_suppressed(ae));
}

/* by=month: a row per month (and level), a column per role type. */
static void hours_by_month(struct report_table *t, const struct report_fact *f, size_t n,
                           const struct report_fact *types, size_t ntypes)
{
    size_t ncols = 0;
    struct rt_col *cols = arena_array(t->arena, ntypes ? ntypes : 1, sizeof(*cols));
    for (size_t i = 0; i < ntypes; i++)
        if (ncols == 0 || !same_str(cols[ncols - 1].key, types[i].key))
            cols[ncols++] = (struct rt_col){types[i].key, RT_HOURS};
    t->cols = cols;
    t->ncols = ncols;
    int64_t *m = arena_array(t->arena, ncols ? ncols : 1, sizeof(int64_t));
    int64_t *e = arena_array(t->arena, ncols ? ncols : 1, sizeof(int64_t));
    size_t i = 0;
    while (i < n) {
        memset(m, 0, (ncols ? ncols : 1) * sizeof(int64_t));
        memset(e, 0, (ncols ? ncols : 1) * sizeof(int64_t));
        size_t j = i;
        for (; j < n && same_str(f[i].label, f[j].label) &&
               (!t->split || same_str(f[i].level, f[j].level));
             j++)
            for (size_t k = 0; k < ncols; k++)
                if (same_str(cols[k].key, f[j].key)) {
                    m[k] += f[j].v[0];
                    e[k] += f[j].v[1];
                }
        struct rt_row *row =
            rt_add_row(t, f[i].label, f[i].label, NULL, t->split ? f[i].level : NULL);
        for (size_t k = 0; k < ncols; k++)
            hours_cell(&row->v[k], m[k], e[k]);
        i = j;
    }
    /* the total: per role type over the period */
    struct rt_cell *total = rt_total(t);
    for (size_t k = 0; k < ncols; k++) {
        int64_t tm = 0, te = 0;
        for (size_t x = 0; x < ntypes; x++)
            if (same_str(types[x].key, cols[k].key)) {
                tm += types[x].v[0];
                te += types[x].v[1];
            }
        hours_cell(&total[k], tm, te);
    }
}

static int report_hours(struct app_req *r, const struct report_query *q, struct report_table *t)
{
    const char *by;
    struct report_fact *rf, *tf;
    size_t rn, tn;
    if (start(r, "hours", q, t, "code", hours_cols, 3) != PD_OK ||
        check_by(r, q->by, by_month, "month or total", &by) != PD_OK)
        return r->err.code;
    bool total = strcmp(by, "total") == 0;
    if (total) {
        if (read2(r, t, RQ_HOURS_TYPE, RQ_HOURS_ALL, NULL, &rf, &rn, &tf, &tn) != PD_OK)
            return r->err.code;
        hours_by_type(t, rf, rn, tf, tn);
        return PD_OK;
    }
    t->key_name = "month";
    t->file = "hours-by-month";
    if (read2(r, t, RQ_HOURS_MONTH, RQ_HOURS_TYPE, NULL, &rf, &rn, &tf, &tn) != PD_OK)
        return r->err.code;
    hours_by_month(t, rf, rn, tf, tn);
    return PD_OK;
}

/* ---- dispatch ---- */

static const struct {
    const char *name;
    int (*fn)(struct app_req *r, const struct report_query *q, struct report_table *t);
} reports[] = {
    {"caseload", report_caseload},       {"mix", report_mix},
    {"themes", report_themes},           {"intensity", report_intensity},
    {"evaluations", report_evaluations}, {"closures", report_closures},
    {"referrals", report_referrals},     {"hours", report_hours},
};

int app_report_table(struct app_req *r, const char *name, const struct report_query *q,
                     struct report_table *out)
{
    for (size_t i = 0; i < sizeof(reports) / sizeof(reports[0]); i++)
        if (strcmp(reports[i].name, name) == 0)
            return reports[i].fn(r, q, out);
    return err_set(&r->err, PD_ENOTFOUND, NULL, "no such report");
}
