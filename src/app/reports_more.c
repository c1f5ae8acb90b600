/*
 * reports_more.c: the manager's table reports (caseload, mix, themes, intensity,
 * evaluations, closures, hours, referrals): each reads aggregate rows from the store
 * (store_report_facts), sums them per row key, or per key and qualification level with
 * split=level, and turns the sums into cells of one report_table. docs/reports.md defines
 * every figure. Caseload and evaluations come per worker and are summed per team here;
 * intensity and closures come as day counts per code and level (store_report_days); hours as
 * minutes per worker, role type and month (store_report_minutes).
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

static const char *const level_names[] = {"mbo3", "mbo4", "hbo", "unknown", "none"};
#define NLEVELS 5

static size_t level_index(const char *level)
{
    for (size_t i = 0; i < NLEVELS - 1; i++)
        if (same_str(level, level_names[i]))
            return i;
    return NLEVELS - 1;
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

/* ---- per team ---- */

/* Facts per team and level from facts per worker (and level): rows, one per team (in the
 * order of the memberships: team name, id) and level its members have facts in, then the
 * workers in no team (key NULL); total, one per level (key "total"). */
struct team_facts {
    struct report_fact *rows, *total;
    size_t nrows, ntotal;
};

struct level_sums {
    int64_t v[NLEVELS][REPORT_FACT_VALUES];
    bool has[NLEVELS];
};

/* A fact and its worker ("" when none). */
struct worker_fact {
    const char *worker;
    const struct report_fact *f;
};

static int cmp_worker_fact(const void *a, const void *b)
{
    return strcmp(((const struct worker_fact *)a)->worker, ((const struct worker_fact *)b)->worker);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void sums_add(struct level_sums *s, const struct report_fact *f)
{
    size_t l = level_index(f->level);
    s->has[l] = true;
    for (int k = 0; k < REPORT_FACT_VALUES; k++)
        s->v[l][k] += f->v[k];
}

/* The sums as facts (one per level with data) appended to *out. */
static void sums_emit(struct arena *a, const struct level_sums *s, const char *key,
                      const char *label, struct report_fact **out, size_t *n, size_t *cap)
{
    for (size_t l = 0; l < NLEVELS; l++) {
        if (!s->has[l])
            continue;
        if (*n == *cap) {
            struct report_fact *bigger = arena_array(a, *cap * 2, sizeof(*bigger));
            memcpy(bigger, *out, *n * sizeof(*bigger));
            *out = bigger;
            *cap *= 2;
        }
        struct report_fact *f = &(*out)[(*n)++];
        f->key = key;
        f->label = label;
        f->level = level_names[l];
        memcpy(f->v, s->v[l], sizeof(f->v));
    }
}

/* by_item: the worker of a fact is its item (else its key). */
static void team_sums(struct arena *a, const struct report_fact *wf, size_t wn, bool by_item,
                      const struct report_member *m, size_t mn, struct team_facts *out)
{
    struct worker_fact *byw = arena_array(a, wn ? wn : 1, sizeof(*byw));
    const char **members = arena_array(a, mn ? mn : 1, sizeof(*members));
    size_t rcap = 16, tcap = NLEVELS;
    out->rows = arena_array(a, rcap, sizeof(*out->rows));
    out->total = arena_array(a, tcap, sizeof(*out->total));
    out->nrows = out->ntotal = 0;
    for (size_t i = 0; i < wn; i++) {
        const char *w = by_item ? wf[i].item : wf[i].key;
        byw[i] = (struct worker_fact){w ? w : "", &wf[i]};
    }
    qsort(byw, wn, sizeof(*byw), cmp_worker_fact);
    for (size_t i = 0; i < mn; i++)
        members[i] = m[i].worker_id;
    qsort(members, mn, sizeof(*members), cmp_str);

    size_t i = 0;
    while (i < mn) {
        struct level_sums s;
        memset(&s, 0, sizeof(s));
        size_t j = i;
        for (; j < mn && strcmp(m[j].team_id, m[i].team_id) == 0; j++) {
            /* the member's facts: a run in byw */
            size_t lo = 0, hi = wn;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (strcmp(byw[mid].worker, m[j].worker_id) < 0)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            for (; lo < wn && strcmp(byw[lo].worker, m[j].worker_id) == 0; lo++)
                sums_add(&s, byw[lo].f);
        }
        sums_emit(a, &s, m[i].team_id, m[i].team_name, &out->rows, &out->nrows, &rcap);
        i = j;
    }
    struct level_sums none, all;
    memset(&none, 0, sizeof(none));
    memset(&all, 0, sizeof(all));
    for (size_t k = 0; k < wn; k++) {
        const char *w = by_item ? wf[k].item : wf[k].key;
        sums_add(&all, &wf[k]);
        if (!w || !bsearch(&w, members, mn, sizeof(*members), cmp_str))
            sums_add(&none, &wf[k]);
    }
    sums_emit(a, &none, NULL, NULL, &out->rows, &out->nrows, &rcap);
    sums_emit(a, &all, "total", NULL, &out->total, &out->ntotal, &tcap);
}

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
    struct report_fact *wf;
    struct report_member *m = NULL;
    size_t wn, mn = 0;
    if (start(r, "caseload", q, t, NULL, caseload_cols, 5) != PD_OK ||
        check_by(r, q->by, by_team, "team or total", &by) != PD_OK)
        return r->err.code;
    bool total = strcmp(by, "total") == 0;
    t->key_name = by;
    t->file = total ? "caseload" : "caseload-by-team";
    if (report_begin(r, t->report) != PD_OK || facts(r, RQ_CASELOAD, t, NULL, &wf, &wn) != PD_OK ||
        (!total && store_report_members(r->db, r->arena, r->actor->org_id, true, &m, &mn,
                                        &r->err) != PD_OK) ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    struct team_facts tf;
    team_sums(r->arena, wf, wn, true, m, mn, &tf);
    rows_and_total(t, total, total ? tf.total : tf.rows, total ? tf.ntotal : tf.nrows, tf.total,
                   tf.ntotal, fill_caseload);
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

/* Day counts per vocab, key and level (store_report_days, in report order): one row per
 * key (or key and level): the distinct items, and the median and p90 of the days. An item
 * has one level, so the items of a key are those of its levels. */
static void fold_days(struct report_table *t, const struct report_days *g, size_t n, bool with_p90)
{
    size_t all = 0;
    for (size_t i = 0; i < n; i++)
        all += g[i].n;
    int64_t *days = arena_array(t->arena, all ? all : 1, sizeof(int64_t));
    size_t i = 0;
    while (i < n) {
        size_t j = i, nd = 0;
        int64_t items = 0;
        for (; j < n && same_str(g[i].vocab, g[j].vocab) && same_str(g[i].key, g[j].key) &&
               (!t->split || same_str(g[i].level, g[j].level));
             j++) {
            memcpy(days + nd, g[j].days, g[j].n * sizeof(int64_t));
            nd += g[j].n;
            items += g[j].items;
        }
        struct rt_row *row =
            rt_add_row(t, g[i].key, NULL, g[i].vocab, t->split ? g[i].level : NULL);
        rt_count(&row->v[0], items);
        rt_days(&row->v[1], days, nd, 50);
        if (with_p90)
            rt_days(&row->v[2], days, nd, 90);
        i = j;
    }
}

static int read_days(struct app_req *r, struct report_table *t, enum report_days_query q,
                     struct report_days **g, size_t *n)
{
    if (report_begin(r, t->report) != PD_OK ||
        store_report_days(r->db, r->arena, q, r->actor->org_id, t->from, t->to, g, n, &r->err) !=
            PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

static const struct rt_col intensity_cols[] = {
    {"assignments", RT_COUNT}, {"median_days", RT_DAYS}, {"p90_days", RT_DAYS}};

static int report_intensity(struct app_req *r, const struct report_query *q, struct report_table *t)
{
    struct report_days *g;
    size_t n;
    if (start(r, "intensity", q, t, "code", intensity_cols, 3) != PD_OK ||
        read_days(r, t, RD_INTENSITY, &g, &n) != PD_OK)
        return r->err.code;
    fold_days(t, g, n, true);
    return PD_OK;
}

static const struct rt_col closures_cols[] = {{"dossiers", RT_COUNT},
                                              {"median_days_open", RT_DAYS}};

static int report_closures(struct app_req *r, const struct report_query *q, struct report_table *t)
{
    struct report_days *g;
    size_t n, reasons = 0;
    if (start(r, "closures", q, t, "code", closures_cols, 2) != PD_OK ||
        read_days(r, t, RD_CLOSURES, &g, &n) != PD_OK)
        return r->err.code;
    fold_days(t, g, n, false);
    /* the total: every closed dossier has one closure reason (maybe none, NULL) */
    size_t all = 0;
    for (size_t i = 0; i < n; i++)
        all += same_str(g[i].vocab, "closure_reason") ? g[i].n : 0;
    int64_t *days = arena_array(r->arena, all ? all : 1, sizeof(int64_t));
    for (size_t i = 0; i < n; i++)
        if (same_str(g[i].vocab, "closure_reason")) {
            memcpy(days + reasons, g[i].days, g[i].n * sizeof(int64_t));
            reasons += g[i].n;
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
    struct report_fact *wf;
    struct report_member *m = NULL;
    size_t wn, mn = 0;
    if (start(r, "evaluations", q, t, NULL, evaluations_cols, 4) != PD_OK ||
        check_by(r, q->by, by_team, "team or total", &by) != PD_OK)
        return r->err.code;
    bool total = strcmp(by, "total") == 0;
    t->key_name = by;
    t->file = total ? "evaluations" : "evaluations-by-team";
    if (report_begin(r, t->report) != PD_OK ||
        facts(r, RQ_EVALUATIONS, t, sup_day(r, 0), &wf, &wn) != PD_OK ||
        (!total && store_report_members(r->db, r->arena, r->actor->org_id, false, &m, &mn,
                                        &r->err) != PD_OK) ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    struct team_facts tf;
    team_sums(r->arena, wf, wn, false, m, mn, &tf);
    rows_and_total(t, total, total ? tf.total : tf.rows, total ? tf.ntotal : tf.nrows, tf.total,
                   tf.ntotal, fill_evaluations);
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

/* The facts hours_by_type and hours_by_month read, from the minutes per worker, role type
 * and month (ordered so), and the role types (by sort, code):
 * - types: per role type (every active one, and any with time) and level with time: minutes,
 *   experts; a type without time is one fact of zeros with no level;
 * - all: per level, key "total": minutes, experts;
 * - months: per month (label), level and role type (key): minutes, experts. */
struct hours_facts {
    struct report_fact *types, *all, *months;
    size_t ntypes, nall, nmonths;
};

static int cmp_month_fact(const void *pa, const void *pb)
{
    const struct report_fact *a = pa, *b = pb;
    int c = strcmp(a->label, b->label);
    if (c)
        return c;
    size_t la = level_index(a->level), lb = level_index(b->level);
    if (la != lb)
        return la < lb ? -1 : 1;
    c = strcmp(a->key, b->key);
    return c ? c : strcmp(a->item, b->item);
}

static void hours_facts(struct arena *a, const struct report_minutes *m, size_t n,
                        const struct report_code *codes, size_t ncodes, struct hours_facts *h)
{
    h->types = arena_array(a, ncodes * NLEVELS + 1, sizeof(*h->types));
    h->all = arena_array(a, NLEVELS, sizeof(*h->all));
    h->months = arena_array(a, n ? n : 1, sizeof(*h->months));
    h->ntypes = h->nall = h->nmonths = 0;
    /* rows come by worker: a worker counts once per type and level, and per level */
    int64_t am[NLEVELS] = {0}, ae[NLEVELS] = {0};
    for (size_t i = 0; i < n; i++) {
        size_t l = level_index(m[i].level);
        am[l] += m[i].minutes;
        if (i == 0 || strcmp(m[i].worker_id, m[i - 1].worker_id) != 0)
            ae[l]++;
    }
    for (size_t l = 0; l < NLEVELS; l++)
        if (ae[l] > 0)
            h->all[h->nall++] =
                (struct report_fact){.key = "total", .level = level_names[l], .v = {am[l], ae[l]}};
    for (size_t c = 0; c < ncodes; c++) {
        int64_t tm[NLEVELS] = {0}, te[NLEVELS] = {0};
        bool any = false;
        for (size_t i = 0; i < n; i++) {
            if (strcmp(m[i].role_type, codes[c].code) != 0)
                continue;
            size_t l = level_index(m[i].level);
            tm[l] += m[i].minutes;
            /* the worker's rows of one type are together */
            if (i == 0 || strcmp(m[i].worker_id, m[i - 1].worker_id) != 0 ||
                strcmp(m[i - 1].role_type, m[i].role_type) != 0)
                te[l]++;
            any = true;
        }
        if (!any && codes[c].active)
            h->types[h->ntypes++] =
                (struct report_fact){.vocab = "role_type", .key = codes[c].code};
        for (size_t l = 0; l < NLEVELS; l++)
            if (te[l] > 0)
                h->types[h->ntypes++] = (struct report_fact){.vocab = "role_type",
                                                             .key = codes[c].code,
                                                             .level = level_names[l],
                                                             .v = {tm[l], te[l]}};
    }
    /* months: one fact per row, sorted, then summed per month, level and type (a worker
     * has one row there) */
    struct report_fact *f = arena_array(a, n ? n : 1, sizeof(*f));
    for (size_t i = 0; i < n; i++)
        f[i] = (struct report_fact){.vocab = "role_type",
                                    .key = m[i].role_type,
                                    .label = m[i].month,
                                    .level = m[i].level,
                                    .item = m[i].worker_id,
                                    .v = {m[i].minutes, 1}};
    qsort(f, n, sizeof(*f), cmp_month_fact);
    for (size_t i = 0; i < n; i++) {
        struct report_fact *last = h->nmonths ? &h->months[h->nmonths - 1] : NULL;
        if (last && strcmp(last->label, f[i].label) == 0 && same_str(last->level, f[i].level) &&
            strcmp(last->key, f[i].key) == 0) {
            last->v[0] += f[i].v[0];
            last->v[1]++;
            continue;
        }
        h->months[h->nmonths] = f[i];
        h->months[h->nmonths++].item = NULL;
    }
}

static int report_hours(struct app_req *r, const struct report_query *q, struct report_table *t)
{
    const char *by;
    struct report_minutes *m;
    struct report_code *codes;
    size_t n, ncodes;
    if (start(r, "hours", q, t, "code", hours_cols, 3) != PD_OK ||
        check_by(r, q->by, by_month, "month or total", &by) != PD_OK)
        return r->err.code;
    if (report_begin(r, t->report) != PD_OK ||
        store_report_codes(r->db, r->arena, r->actor->org_id, "role_type", &codes, &ncodes,
                           &r->err) != PD_OK ||
        store_report_minutes(r->db, r->arena, r->actor->org_id, t->from, t->to, &m, &n, &r->err) !=
            PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    struct hours_facts h;
    hours_facts(r->arena, m, n, codes, ncodes, &h);
    if (strcmp(by, "total") == 0) {
        hours_by_type(t, h.types, h.ntypes, h.all, h.nall);
        return PD_OK;
    }
    t->key_name = "month";
    t->file = "hours-by-month";
    hours_by_month(t, h.months, h.nmonths, h.types, h.ntypes);
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
