/*
 * store_reports.c: aggregate reads for the manager's reports (see store_reports.h).
 *
 * Cost (PERFORMANCE.md P5, docs/performance.md): a report reads one period of an
 * organisation's history, so every query finds its rows by a range on the date it filters
 * on (migration 0016), groups them by worker before it asks a worker's level, and leaves
 * day arithmetic and per-worker sums to C. Expert minutes come pre-summed per month and day
 * (expert_minutes, store_reports_minutes.c).
 */
#include "store_reports.h"

#include <stdlib.h>
#include <string.h>

#include "../domain/timeline.h"
#include "store_util.h"

/* The level of worker w: see store_reports.h. */
#define LEVEL_OF(w)                                                                                \
    "CASE WHEN " w " IS NULL THEN 'none' ELSE COALESCE((SELECT ep.qualification"                   \
    " FROM expert_profile ep WHERE ep.worker_id = " w "), 'unknown') END"
/* The level of a request's assigned expert ("none" when unassigned). */
#define ASSIGNED_LEVEL LEVEL_OF("q.assigned_expert_id")

/* Requests created in the period. created_at is ISO 8601 ("2026-03-01T09:30:00.000Z"), so
 * every request of day ?3 sorts below ?3 || 'U': the range lets request_period find the
 * period's requests, the day test keeps the rule exact. */
#define REQ_IN_PERIOD                                                                              \
    "q.org_id = ?1 AND q.created_at >= ?2 AND q.created_at < CAST(?3 AS TEXT) || 'U'"              \
    " AND substr(q.created_at, 1, 10) BETWEEN ?2 AND ?3"

/* ---- levels ---- */

static const char *const level_names[] = {"mbo3", "mbo4", "hbo", "unknown", "none"};
#define NLEVELS 5

/* The organisation's experts and their level, by worker id. */
struct levels {
    size_t n;
    const char **wid;
    const char **level; /* one of level_names */
};

static const char *level_name(const char *qualification)
{
    for (size_t i = 0; qualification && i < 3; i++)
        if (strcmp(level_names[i], qualification) == 0)
            return level_names[i];
    return "unknown";
}

static int levels_load(struct db *db, struct arena *a, const char *org_id, struct levels *l,
                       struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT ep.worker_id, ep.qualification FROM expert_profile ep"
                                    " WHERE ep.org_id = ?1 ORDER BY ep.worker_id",
                                    e);
    size_t cap = 16;
    int rc;
    if (!st)
        return e->code;
    memset(l, 0, sizeof(*l));
    l->wid = arena_array(a, cap, sizeof(*l->wid));
    l->level = arena_array(a, cap, sizeof(*l->level));
    db_bind_text(st, 1, org_id);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (l->n == cap) {
            size_t c2 = cap;
            l->wid = store_grow(a, l->wid, &cap, sizeof(*l->wid));
            l->level = store_grow(a, l->level, &c2, sizeof(*l->level));
        }
        l->wid[l->n] = store_col_str(a, st, 0);
        l->level[l->n] = level_name(db_col_text(st, 1));
        l->n++;
    }
    return rc < 0 ? rc : PD_OK;
}

/* A text column, NULL when NULL (db_col_text gives ""); valid until the next step. */
static const char *col_opt(struct db_stmt *st, int col)
{
    return db_col_is_null(st, col) ? NULL : db_col_text(st, col);
}

/* The level of worker wid (NULL: "none"), as LEVEL_OF says. */
static const char *level_of(const struct levels *l, const char *wid)
{
    if (!wid)
        return "none";
    size_t lo = 0, hi = l->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(l->wid[mid], wid);
        if (c == 0)
            return l->level[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return "unknown";
}

static size_t level_rank(const char *level)
{
    for (size_t i = 0; i < NLEVELS - 1; i++)
        if (strcmp(level, level_names[i]) == 0)
            return i;
    return NLEVELS - 1;
}

/* ---- requests, time to match, reach ---- */

#define BY_MONTH_SQL                                                                               \
    "SELECT substr(q.created_at, 1, 7) AS k, substr(q.created_at, 1, 7), COUNT(*)"                 \
    " FROM request q WHERE " REQ_IN_PERIOD " GROUP BY k ORDER BY k"

/* A requester in two teams counts in both rows (the total counts the request once). */
#define BY_TEAM_SQL                                                                                \
    "SELECT t.id, t.name, COUNT(DISTINCT q.id) FROM request q"                                     \
    " LEFT JOIN team_member m ON m.org_id = q.org_id AND m.worker_id = q.requester_id"             \
    " LEFT JOIN team t ON t.id = m.team_id AND t.org_id = q.org_id"                                \
    " WHERE " REQ_IN_PERIOD " GROUP BY t.id ORDER BY t.id IS NULL, t.name, t.id"

#define BY_AREA_SQL                                                                                \
    "SELECT ar.id, ar.name, COUNT(*) FROM request q"                                               \
    " JOIN dossier d ON d.id = q.dossier_id JOIN client c ON c.id = d.client_id"                   \
    " LEFT JOIN area ar ON ar.id = COALESCE(d.area_id, c.area_id) AND ar.org_id = q.org_id"        \
    " WHERE " REQ_IN_PERIOD " GROUP BY ar.id ORDER BY ar.id IS NULL, ar.name, ar.id"

int store_report_requests(struct db *db, struct arena *a, const char *org_id, const char *from,
                          const char *to, enum report_by by, struct report_count **out, size_t *n,
                          int64_t *total, struct pd_err *e)
{
    struct db_stmt *st = by == REPORT_BY_TEAM   ? db_prepare(db, BY_TEAM_SQL, e)
                         : by == REPORT_BY_AREA ? db_prepare(db, BY_AREA_SQL, e)
                                                : db_prepare(db, BY_MONTH_SQL, e);
    size_t cap = 16, len = 0;
    struct report_count *v = arena_array(a, cap, sizeof(*v));
    int64_t sum = 0;
    int rc;

    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, from);
    db_bind_text(st, 3, to);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        v[len].key = store_col_opt(a, st, 0);
        v[len].label = store_col_opt(a, st, 1);
        v[len].count = db_col_int64(st, 2);
        sum += v[len].count;
        len++;
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    if (by == REPORT_BY_MONTH) { /* every request falls in one month */
        *total = sum;
        return PD_OK;
    }
    st = db_prepare(db, "SELECT COUNT(*) FROM request q WHERE " REQ_IN_PERIOD, e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, from);
    db_bind_text(st, 3, to);
    rc = db_step(st, e);
    if (rc < 0)
        return rc;
    *total = rc == DB_ROW ? db_col_int64(st, 0) : 0;
    db_reset(st);
    return PD_OK;
}

/* Per request: the assigned expert's assignment and first contact, worked out ahead
 * (report_assignment_on, report_first_contact_on: store_reports_upkeep.c); request_period
 * holds them, so the period's requests are one index range. */
#define MATCH_SQL                                                                                  \
    "SELECT substr(q.created_at, 1, 10), q.report_assignment_on, q.report_first_contact_on,"       \
    " q.assigned_expert_id FROM request q WHERE " REQ_IN_PERIOD

int store_report_match(struct db *db, struct arena *a, const char *org_id, const char *from,
                       const char *to, struct report_match_row **out, size_t *n, struct pd_err *e)
{
    struct levels lv;
    if (levels_load(db, a, org_id, &lv, e) != PD_OK)
        return e->code;
    struct db_stmt *st = db_prepare(db, MATCH_SQL, e);
    size_t cap = 16, len = 0;
    struct report_match_row *v = arena_array(a, cap, sizeof(*v));
    int rc;

    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, from);
    db_bind_text(st, 3, to);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        v[len].requested_on = store_col_str(a, st, 0);
        v[len].assignment_on = store_col_opt(a, st, 1);
        v[len].first_contact_on = store_col_opt(a, st, 2);
        v[len].level = level_of(&lv, col_opt(st, 3));
        len++;
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

int store_report_reach(struct db *db, const char *org_id, const char *from, const char *to,
                       int64_t *generalists, int64_t *reached, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db,
        /* Who asked in the period is found once (one pass over the period's requests and
         * consultations), then matched to the generalists: asking it per generalist scanned
         * both tables 6,000 times on the large organisation (over a minute). */
        "WITH g (id) AS (SELECT w.id FROM worker w WHERE w.org_id = ?1 AND w.status = 'active'"
        "  AND EXISTS (SELECT 1 FROM worker_role r WHERE r.worker_id = w.id"
        "  AND r.role = 'generalist')),"
        " asked (id) AS (SELECT q.requester_id FROM request q WHERE " REQ_IN_PERIOD
        "  UNION SELECT k.asker_id FROM consultation k WHERE k.org_id = ?1"
        "  AND k.held_on BETWEEN ?2 AND ?3)"
        " SELECT (SELECT COUNT(*) FROM g), (SELECT COUNT(*) FROM g WHERE g.id IN"
        "  (SELECT id FROM asked))",
        e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, from);
    db_bind_text(st, 3, to);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    *generalists = rc == DB_ROW ? db_col_int64(st, 0) : 0;
    *reached = rc == DB_ROW ? db_col_int64(st, 1) : 0;
    db_reset(st);
    return PD_OK;
}

/* ---- the table reports ---- */

/* Levels in their order. x is the level itself, not the alias lvl: PostgreSQL allows an
 * output column's alias in ORDER BY only on its own, not inside an expression. */
#define LEVEL_SORT_OF(x)                                                                           \
    " CASE " x " WHEN 'mbo3' THEN 1 WHEN 'mbo4' THEN 2 WHEN 'hbo' THEN 3 WHEN 'unknown' THEN 4"    \
    " ELSE 5 END"
/* A dossier's expert: dossier.report_expert_id (store_reports_upkeep.c). */

/* Experts: active workers with an expert profile; their open expert and bridging
 * assignments on dossiers open on day ?3 (started on or before it, not ended or closed on
 * or before it). Counted as all their assignments open by their own dates (an index range
 * per expert) less those on a dossier not open that day (b: found from the few dossiers
 * closed by then or opened after it), not by looking up the dossier of each assignment. */
#define CASELOAD_SQL                                                                               \
    "WITH b AS MATERIALIZED (SELECT s.worker_id AS wid, COUNT(*) AS n FROM assignment s"           \
    "  WHERE s.dossier_id IN (SELECT d.id FROM dossier d WHERE d.opened_on > ?3 AND d.org_id = ?1" \
    "  UNION ALL SELECT d.id FROM dossier d WHERE d.closed_on <= ?3 AND d.org_id = ?1)"            \
    "  AND s.org_id = ?1"                                                                          \
    "  AND s.role IN ('expert', 'bridging_expert') AND s.start_on <= ?3"                           \
    "  AND (s.end_on IS NULL OR s.end_on > ?3) GROUP BY s.worker_id),"                             \
    " e AS MATERIALIZED (SELECT w.id AS wid, p.fte_pct AS fte, p.qualification AS q,"              \
    "  (SELECT COUNT(*) FROM assignment s WHERE s.worker_id = w.id"                                \
    "  AND s.role IN ('expert', 'bridging_expert') AND s.start_on <= ?3"                           \
    "  AND (s.end_on IS NULL OR s.end_on > ?3) AND s.org_id = ?1) - COALESCE(b.n, 0) AS act"       \
    "  FROM worker w JOIN expert_profile p ON p.worker_id = w.id LEFT JOIN b ON b.wid = w.id"      \
    "  WHERE w.org_id = ?1 AND w.status = 'active'"                                                \
    "  AND (CAST(?2 AS TEXT) IS NULL OR 1 = 1))" /* names ?2 so PostgreSQL can type it */          \
    " SELECT NULL, NULL, NULL, COALESCE(e.q, 'unknown'), e.wid, 1, COALESCE(e.fte, 0),"            \
    " CASE WHEN e.fte IS NULL THEN 0 ELSE 1 END, e.act,"                                           \
    " CASE WHEN e.fte IS NULL THEN 0 ELSE e.act END FROM e"

/* Requests by creation day, consultations by held_on, bridging episodes by waiting_since,
 * each summed per month and worker first; then per month and level. A condition is summed
 * as CASE WHEN ... THEN 1 ELSE 0 (PostgreSQL's comparisons are booleans, which SUM refuses). */
#define MIX_REQUESTS                                                                               \
    "SELECT substr(q.created_at, 1, 7) AS mo, q.assigned_expert_id AS wid,"                        \
    " SUM(CASE WHEN q.status = 'assigned' THEN 1 ELSE 0 END) AS c1,"                               \
    " SUM(CASE WHEN q.status = 'advice_only' THEN 1 ELSE 0 END) AS c2,"                            \
    " SUM(CASE WHEN q.status = 'redirected' THEN 1 ELSE 0 END) AS c3,"                             \
    " SUM(CASE WHEN q.status = 'declined' THEN 1 ELSE 0 END) AS c4,"                               \
    " SUM(CASE WHEN q.status IN ('submitted', 'in_review') THEN 1 ELSE 0 END) AS c5,"              \
    " 0 AS c6, 0 AS c7 FROM request q WHERE " REQ_IN_PERIOD                                        \
    " GROUP BY substr(q.created_at, 1, 7), q.assigned_expert_id"
#define MIX_CONSULTATIONS                                                                          \
    "SELECT substr(k.held_on, 1, 7), k.expert_id, 0, 0, 0, 0, 0, COUNT(*), 0"                      \
    " FROM consultation k WHERE k.org_id = ?1 AND k.held_on BETWEEN ?2 AND ?3"                     \
    " GROUP BY substr(k.held_on, 1, 7), k.expert_id"
#define MIX_BRIDGING                                                                               \
    "SELECT substr(b.waiting_since, 1, 7), b.keeper_id, 0, 0, 0, 0, 0, 0, COUNT(*)"                \
    " FROM bridging b WHERE b.org_id = ?1 AND b.waiting_since BETWEEN ?2 AND ?3"                   \
    " GROUP BY substr(b.waiting_since, 1, 7), b.keeper_id"
#define G_LEVEL LEVEL_OF("g.wid")
#define MIX_UNION                                                                                  \
    " FROM (SELECT g.mo AS mo, " G_LEVEL " AS lv, g.c1 AS c1, g.c2 AS c2, g.c3 AS c3,"             \
    " g.c4 AS c4, g.c5 AS c5, g.c6 AS c6, g.c7 AS c7 FROM (" MIX_REQUESTS                          \
    " UNION ALL " MIX_CONSULTATIONS " UNION ALL " MIX_BRIDGING ") g) m"
#define MIX_COLS " SUM(c1), SUM(c2), SUM(c3), SUM(c4), SUM(c5), SUM(c6), SUM(c7)"

#define MIX_MONTH_SQL                                                                              \
    "SELECT NULL, mo, mo, lv AS lvl, NULL," MIX_COLS MIX_UNION                                     \
    " GROUP BY mo, lv ORDER BY mo," LEVEL_SORT_OF("lv")
#define MIX_TOTAL_SQL                                                                              \
    "SELECT NULL, 'total', NULL, lv AS lvl, NULL," MIX_COLS MIX_UNION                              \
    " GROUP BY lv ORDER BY" LEVEL_SORT_OF("lv")

/* Themes: the period's requests and the organisation's codes of the vocabulary (?2), both by
 * request id (the second through request_code_vocab), read side by side in C (themes_facts)
 * instead of looking up each request's codes; then the codes some active, available
 * expert's profile holds today (a code no one holds is unmet). */
#define THEMES_REQUESTS_SQL                                                                        \
    "SELECT q.id, q.status, q.assigned_expert_id FROM request q WHERE " REQ_IN_PERIOD              \
    " ORDER BY q.id"
#define THEMES_CODES_SQL                                                                           \
    "SELECT c.request_id, c.code FROM request_code c WHERE c.vocab = ?2 AND c.org_id = ?1"         \
    " ORDER BY c.request_id"
#define THEMES_HELD_SQL                                                                            \
    "SELECT DISTINCT i.code FROM expert_profile_item i JOIN expert_profile p"                      \
    " ON p.worker_id = i.worker_id JOIN worker w ON w.id = i.worker_id WHERE i.org_id = ?1"        \
    " AND i.vocab = ?2 AND w.status = 'active' AND p.available = 1"
#define X_LEVEL      LEVEL_OF("x.wid")
#define X_LEVEL_SORT LEVEL_SORT_OF(X_LEVEL)

/* Evaluations planned or held in the period, or overdue today (?4): planned before today,
 * not held, the dossier open; overdue_30: planned before ?5 (30 days before today). The
 * condition is A or B or (C and open): the evaluations with A, B or C (the organisation in
 * each, so that the evaluation indexes find them), sorted by dossier in C, are read beside
 * the organisation's dossiers by id (their responsible generalist, status and expert),
 * instead of looking up the dossier of each (eval_facts). An ORDER BY here would have SQLite
 * walk evaluation_dossier through every evaluation. */
#define EVAL_A   "e.planned_on BETWEEN ?2 AND ?3"
#define EVAL_B   "(e.held_on IS NOT NULL AND e.held_on BETWEEN ?2 AND ?3)"
#define EVAL_C   "(e.held_on IS NULL AND e.planned_on < ?4)"
#define EVAL_C30 "(e.held_on IS NULL AND e.planned_on < ?5)"
#define EVALUATIONS_SQL                                                                            \
    "SELECT e.dossier_id, CASE WHEN " EVAL_A " THEN 1 ELSE 0 END,"                                 \
    " CASE WHEN " EVAL_B " THEN 1 ELSE 0 END, CASE WHEN " EVAL_C " THEN 1 ELSE 0 END,"             \
    " CASE WHEN " EVAL_C30 " THEN 1 ELSE 0 END FROM evaluation e"                                  \
    " WHERE (e.org_id = ?1 AND " EVAL_A ") OR (e.org_id = ?1 AND " EVAL_B ")"                      \
    " OR (e.org_id = ?1 AND " EVAL_C ")"
#define DOSSIERS_SQL                                                                               \
    "SELECT d.id, d.responsible_id, d.status, d.report_expert_id FROM dossier d"                   \
    " WHERE d.org_id = ?1 ORDER BY d.id"

/* Referrals per service and the level of the dossier's expert. */
#define F_LEVEL      LEVEL_OF("d.report_expert_id")
#define F_LEVEL_SORT LEVEL_SORT_OF(F_LEVEL)
#define REFERRALS_SQL                                                                              \
    "SELECT 'referral_service', f.service, NULL, " F_LEVEL " AS lvl, NULL, COUNT(*),"              \
    " SUM(f.accompanied) FROM referral f JOIN dossier d ON d.id = f.dossier_id"                    \
    " LEFT JOIN vocab v ON v.org_id = ?1 AND v.vocab = 'referral_service' AND v.code = f.service"  \
    " WHERE f.org_id = ?1 AND f.referred_on BETWEEN ?2 AND ?3"                                     \
    " GROUP BY f.service, v.sort, lvl ORDER BY v.sort NULLS FIRST, f.service," F_LEVEL_SORT

/* Requests per month, team or area as in store_report_requests, and per assigned expert's
 * level. */
#define REQ_LEVEL ASSIGNED_LEVEL " AS lvl"
#define REQ_MONTH_SQL                                                                              \
    "SELECT NULL, x.k, x.k, " X_LEVEL " AS lvl, NULL, SUM(x.n) FROM"                               \
    " (SELECT substr(q.created_at, 1, 7) AS k, q.assigned_expert_id AS wid, COUNT(*) AS n"         \
    " FROM request q WHERE " REQ_IN_PERIOD                                                         \
    " GROUP BY substr(q.created_at, 1, 7), q.assigned_expert_id) x"                                \
    " GROUP BY x.k, lvl ORDER BY x.k," X_LEVEL_SORT
#define REQ_TEAM_SQL                                                                               \
    "SELECT NULL, t.id, t.name, " REQ_LEVEL ", NULL, COUNT(DISTINCT q.id) FROM request q"          \
    " LEFT JOIN team_member m ON m.org_id = q.org_id AND m.worker_id = q.requester_id"             \
    " LEFT JOIN team t ON t.id = m.team_id AND t.org_id = q.org_id"                                \
    " WHERE " REQ_IN_PERIOD                                                                        \
    " GROUP BY t.id, lvl ORDER BY t.id IS NULL, t.name, t.id," LEVEL_SORT_OF(ASSIGNED_LEVEL)
#define REQ_AREA_SQL                                                                               \
    "SELECT NULL, ar.id, ar.name, " REQ_LEVEL ", NULL, COUNT(*) FROM request q"                    \
    " JOIN dossier d ON d.id = q.dossier_id JOIN client c ON c.id = d.client_id"                   \
    " LEFT JOIN area ar ON ar.id = COALESCE(d.area_id, c.area_id) AND ar.org_id = q.org_id"        \
    " WHERE " REQ_IN_PERIOD                                                                        \
    " GROUP BY ar.id, lvl ORDER BY ar.id IS NULL, ar.name, ar.id," LEVEL_SORT_OF(ASSIGNED_LEVEL)

static struct db_stmt *prepare_fact(struct db *db, enum report_fact_query q, struct pd_err *e)
{
    switch (q) {
    case RQ_CASELOAD:
        return db_prepare(db, CASELOAD_SQL, e);
    case RQ_MIX_MONTH:
        return db_prepare(db, MIX_MONTH_SQL, e);
    case RQ_MIX_TOTAL:
        return db_prepare(db, MIX_TOTAL_SQL, e);
    case RQ_THEMES: /* themes_facts */
        break;
    case RQ_EVALUATIONS: /* eval_facts */
        return db_prepare(db, EVALUATIONS_SQL, e);
    case RQ_REFERRALS:
        return db_prepare(db, REFERRALS_SQL, e);
    case RQ_REQ_MONTH:
        return db_prepare(db, REQ_MONTH_SQL, e);
    case RQ_REQ_TEAM:
        return db_prepare(db, REQ_TEAM_SQL, e);
    case RQ_REQ_AREA:
        return db_prepare(db, REQ_AREA_SQL, e);
    }
    err_set(e, PD_EINTERNAL, NULL, "unknown report query");
    return NULL;
}

/* ---- dates ---- */

static int64_t day_number(const char *d)
{
    int64_t n = 0;
    return timeline_day_number(d, &n) ? n : 0;
}

/* Whole days from a to b, never below 0. */
static int64_t days_between(const char *a, const char *b)
{
    int64_t d = day_number(b) - day_number(a);
    return d > 0 ? d : 0;
}

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : days[(m - 1) % 12];
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (s[i] >= '0' && s[i] <= '9' ? s[i] - '0' : 0);
    return v;
}

/* "YYYY-MM" of the month `delta` months from the month of date d. */
static void month_of(const char *d, int delta, char out[8])
{
    int m = digits(d, 4) * 12 + digits(d + 5, 2) - 1 + delta;
    out[0] = (char)('0' + m / 12 / 1000 % 10);
    out[1] = (char)('0' + m / 12 / 100 % 10);
    out[2] = (char)('0' + m / 12 / 10 % 10);
    out[3] = (char)('0' + m / 12 % 10);
    out[4] = '-';
    out[5] = (char)('0' + (m % 12 + 1) / 10);
    out[6] = (char)('0' + (m % 12 + 1) % 10);
    out[7] = '\0';
}

/* The day `days` before date d ("YYYY-MM-DD"). */
static void day_before(const char *d, int days, char out[11])
{
    int y = digits(d, 4), m = digits(d + 5, 2), dd = digits(d + 8, 2) - days;
    while (dd < 1) {
        if (--m < 1) {
            m = 12;
            y--;
        }
        dd += month_days(y, m);
    }
    out[0] = (char)('0' + y / 1000 % 10);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + dd / 10);
    out[9] = (char)('0' + dd % 10);
    out[10] = '\0';
}

struct eval_row {
    const char *resp, *level;
    int64_t v[4];
};

static int cmp_eval_row(const void *pa, const void *pb)
{
    const struct eval_row *a = pa, *b = pb;
    int c = strcmp(a->resp, b->resp);
    return c ? c : (int)level_rank(a->level) - (int)level_rank(b->level);
}

struct eval_in {
    const char *dossier;
    int64_t v[4]; /* planned, held, overdue (if open), overdue_30 (if open) */
};

static int cmp_eval_in(const void *a, const void *b)
{
    return strcmp(((const struct eval_in *)a)->dossier, ((const struct eval_in *)b)->dossier);
}

/* RQ_EVALUATIONS: the evaluations (st), by dossier, beside the dossiers, summed per
 * responsible generalist and level. */
static int eval_facts(struct db *db, struct arena *a, struct db_stmt *st, const char *org_id,
                      struct report_fact **out, size_t *n, struct pd_err *e)
{
    struct levels lv;
    size_t icap = 64, in = 0;
    struct eval_in *ev = arena_array(a, icap, sizeof(*ev));
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (in == icap)
            ev = store_grow(a, ev, &icap, sizeof(*ev));
        ev[in].dossier = store_col_str(a, st, 0);
        for (int k = 0; k < 4; k++)
            ev[in].v[k] = db_col_int64(st, 1 + k);
        in++;
    }
    if (rc < 0)
        return rc;
    qsort(ev, in, sizeof(*ev), cmp_eval_in);

    struct db_stmt *ds = db_prepare(db, DOSSIERS_SQL, e);
    size_t cap = 64, len = 0;
    struct eval_row *r = arena_array(a, cap, sizeof(*r));
    int drc = DB_ROW;
    bool started = false;
    if (!ds || levels_load(db, a, org_id, &lv, e) != PD_OK)
        return e->code;
    db_bind_text(ds, 1, org_id);
    for (size_t i = 0; i < in; i++) {
        while (drc == DB_ROW && (!started || strcmp(db_col_text(ds, 0), ev[i].dossier) < 0)) {
            drc = db_step(ds, e);
            started = true;
        }
        if (drc < 0)
            return drc;
        if (drc != DB_ROW || strcmp(db_col_text(ds, 0), ev[i].dossier) != 0)
            continue; /* not a dossier of the organisation */
        bool open = strcmp(db_col_text(ds, 2), "open") == 0;
        if (!ev[i].v[0] && !ev[i].v[1] && !open)
            continue; /* only overdue, but the dossier is closed */
        if (len == cap)
            r = store_grow(a, r, &cap, sizeof(*r));
        /* the same generalist for the dossier's next evaluations: one copy */
        r[len].resp = len > 0 && strcmp(r[len - 1].resp, db_col_text(ds, 1)) == 0
                          ? r[len - 1].resp
                          : store_col_str(a, ds, 1);
        r[len].level = level_of(&lv, col_opt(ds, 3));
        r[len].v[0] = ev[i].v[0];
        r[len].v[1] = ev[i].v[1];
        r[len].v[2] = open ? ev[i].v[2] : 0;
        r[len].v[3] = open ? ev[i].v[3] : 0;
        len++;
    }
    qsort(r, len, sizeof(*r), cmp_eval_row);
    struct report_fact *v = arena_array(a, len ? len : 1, sizeof(*v));
    size_t nf = 0;
    for (size_t i = 0; i < len; i++) {
        if (nf == 0 || cmp_eval_row(&r[i - 1], &r[i]) != 0)
            v[nf++] = (struct report_fact){.key = r[i].resp, .level = r[i].level};
        for (int k = 0; k < 4; k++)
            v[nf - 1].v[k] += r[i].v[k];
    }
    *out = v;
    *n = nf;
    return PD_OK;
}

struct theme {
    const char *code;
    bool held, sorted;
    int64_t sort;
    int64_t n[NLEVELS], assigned[NLEVELS];
};

struct themes {
    struct arena *a;
    struct theme *t;
    size_t n, cap;
};

static struct theme *theme_of(struct themes *th, const char *code)
{
    for (size_t i = th->n; i-- > 0;)
        if (strcmp(th->t[i].code, code) == 0)
            return &th->t[i];
    if (th->n == th->cap)
        th->t = store_grow(th->a, th->t, &th->cap, sizeof(*th->t));
    struct theme *t = &th->t[th->n++];
    memset(t, 0, sizeof(*t));
    t->code = arena_strdup(th->a, code);
    return t;
}

static int cmp_theme(const void *pa, const void *pb)
{
    const struct theme *a = pa, *b = pb;
    if (a->sorted != b->sorted)
        return a->sorted ? 1 : -1; /* codes not in the vocabulary first */
    if (a->sorted && a->sort != b->sort)
        return a->sort < b->sort ? -1 : 1;
    return strcmp(a->code, b->code);
}

/* The requests (by id) and their codes (by request id) side by side: counts per code and
 * level of the assigned expert. */
static int themes_read(struct db *db, struct themes *th, const struct levels *lv,
                       const char *org_id, const char *from, const char *to, const char *vocab,
                       struct pd_err *e)
{
    struct db_stmt *rq = db_prepare(db, THEMES_REQUESTS_SQL, e);
    struct db_stmt *cq = db_prepare(db, THEMES_CODES_SQL, e);
    int rc, crc;
    if (!rq || !cq)
        return e->code;
    db_bind_text(rq, 1, org_id);
    db_bind_text(rq, 2, from);
    db_bind_text(rq, 3, to);
    db_bind_text(cq, 1, org_id);
    db_bind_text(cq, 2, vocab);
    crc = db_step(cq, e);
    while ((rc = db_step(rq, e)) == DB_ROW) {
        const char *id = db_col_text(rq, 0);
        while (crc == DB_ROW && strcmp(db_col_text(cq, 0), id) < 0)
            crc = db_step(cq, e);
        if (crc < 0)
            return crc;
        size_t l = level_rank(level_of(lv, col_opt(rq, 2)));
        bool assigned = strcmp(db_col_text(rq, 1), "assigned") == 0;
        for (; crc == DB_ROW && strcmp(db_col_text(cq, 0), id) == 0; crc = db_step(cq, e)) {
            struct theme *t = theme_of(th, db_col_text(cq, 1));
            t->n[l]++;
            t->assigned[l] += assigned ? 1 : 0;
        }
        if (crc < 0)
            return crc;
    }
    return rc < 0 ? rc : PD_OK;
}

/* RQ_THEMES: per code of the vocabulary named by a request of the period (in the
 * vocabulary's order, codes not in it first) and level: requests, assigned, unmet. */
static int themes_facts(struct db *db, struct arena *a, const char *org_id, const char *from,
                        const char *to, const char *vocab, struct report_fact **out, size_t *n,
                        struct pd_err *e)
{
    struct levels lv;
    struct themes th = {.a = a, .cap = 16};
    struct report_code *codes;
    size_t ncodes;
    int rc;
    th.t = arena_array(a, th.cap, sizeof(*th.t));
    if (levels_load(db, a, org_id, &lv, e) != PD_OK ||
        themes_read(db, &th, &lv, org_id, from, to, vocab, e) != PD_OK ||
        store_report_codes(db, a, org_id, vocab, &codes, &ncodes, e) != PD_OK)
        return e->code;
    struct db_stmt *st = db_prepare(db, THEMES_HELD_SQL, e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, vocab);
    while ((rc = db_step(st, e)) == DB_ROW)
        for (size_t i = 0; i < th.n; i++)
            if (strcmp(th.t[i].code, db_col_text(st, 0)) == 0)
                th.t[i].held = true;
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < th.n; i++)
        for (size_t k = 0; k < ncodes; k++)
            if (strcmp(codes[k].code, th.t[i].code) == 0) {
                th.t[i].sorted = true;
                th.t[i].sort = codes[k].sort;
            }
    qsort(th.t, th.n, sizeof(*th.t), cmp_theme);
    struct report_fact *v = arena_array(a, th.n * NLEVELS + 1, sizeof(*v));
    size_t nf = 0;
    for (size_t i = 0; i < th.n; i++)
        for (size_t l = 0; l < NLEVELS; l++)
            if (th.t[i].n[l] > 0)
                v[nf++] = (struct report_fact){
                    .vocab = vocab,
                    .key = th.t[i].code,
                    .level = level_names[l],
                    .v = {th.t[i].n[l], th.t[i].assigned[l], th.t[i].held ? 0 : th.t[i].n[l]}};
    *out = v;
    *n = nf;
    return PD_OK;
}

int store_report_facts(struct db *db, struct arena *a, enum report_fact_query q, const char *org_id,
                       const char *from, const char *to, const char *extra,
                       struct report_fact **out, size_t *n, struct pd_err *e)
{
    if (q == RQ_THEMES) /* extra: the vocabulary */
        return themes_facts(db, a, org_id, from, to, extra, out, n, e);
    struct db_stmt *st = prepare_fact(db, q, e);
    size_t cap = 16, len = 0;
    struct report_fact *v = arena_array(a, cap, sizeof(*v));
    char cutoff[11];
    int rc;

    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, from);
    db_bind_text(st, 3, to);
    if (extra)
        db_bind_text(st, 4, extra);
    if (q == RQ_EVALUATIONS) { /* extra is today: planned more than 30 days before it */
        day_before(extra, 30, cutoff);
        db_bind_text(st, 5, cutoff);
        return eval_facts(db, a, st, org_id, out, n, e);
    }
    int nv = db_col_count(st) - 5;
    if (nv > REPORT_FACT_VALUES)
        nv = REPORT_FACT_VALUES;
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        v[len].vocab = store_col_opt(a, st, 0);
        v[len].key = store_col_opt(a, st, 1);
        v[len].label = store_col_opt(a, st, 2);
        v[len].level = store_col_opt(a, st, 3);
        v[len].item = store_col_opt(a, st, 4);
        for (int i = 0; i < nv; i++)
            v[len].v[i] = db_col_int64(st, 5 + i);
        len++;
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

int store_report_members(struct db *db, struct arena *a, const char *org_id, bool expert_teams,
                         struct report_member **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st =
        expert_teams
            ? db_prepare(db,
                         "SELECT t.id, t.name, m.worker_id FROM team_member m"
                         " JOIN team t ON t.id = m.team_id WHERE t.org_id = ?1"
                         " AND t.kind = 'expert_team' ORDER BY t.name, t.id, m.worker_id",
                         e)
            : db_prepare(db,
                         "SELECT t.id, t.name, m.worker_id FROM team_member m"
                         " JOIN team t ON t.id = m.team_id JOIN worker w ON w.id = m.worker_id"
                         " WHERE w.org_id = ?1 ORDER BY t.name, t.id, m.worker_id",
                         e);
    size_t cap = 16, len = 0;
    struct report_member *v = arena_array(a, cap, sizeof(*v));
    int rc;

    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        v[len].team_id = store_col_str(a, st, 0);
        v[len].team_name = store_col_str(a, st, 1);
        v[len].worker_id = store_col_str(a, st, 2);
        len++;
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

int store_report_codes(struct db *db, struct arena *a, const char *org_id, const char *vocab,
                       struct report_code **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT v.code, v.active, v.sort FROM vocab v"
                                    " WHERE v.org_id = ?1 AND v.vocab = ?2 ORDER BY v.sort, v.code",
                                    e);
    size_t cap = 16, len = 0;
    struct report_code *v = arena_array(a, cap, sizeof(*v));
    int rc;

    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, vocab);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        v[len].code = store_col_str(a, st, 0);
        v[len].active = db_col_int64(st, 1) != 0;
        v[len].sort = db_col_int64(st, 2);
        len++;
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

/* ---- day counts: intensity and closures ---- */

/* The phases of the organisation's assignments in the order of the index intensity_phases
 * (each assignment's phases together, in their order), and its assignments by id
 * (assignment_org): read side by side, so that neither a window function nor a lookup
 * per phase is needed (both cost more than the rest of the report together). Phases agreed
 * after `to` (?2) are left out: a phase they follow ends at `to` either way. */
#define PHASES_SQL                                                                                 \
    "SELECT i.assignment_id, i.pattern, i.agreed_on FROM intensity i"                              \
    " WHERE i.org_id = ?1 AND i.agreed_on <= ?2"                                                   \
    " ORDER BY i.assignment_id, i.agreed_on, i.created_at, i.id"
#define ASSIGNMENTS_SQL                                                                            \
    "SELECT s.id, s.worker_id, s.end_on FROM assignment s WHERE s.org_id = ?1 ORDER BY s.id"

/* Dossiers closed in the period, by id, with their closure reason and expert (from
 * dossier_closed alone); then the organisation's outcome tags (dossier_outcome_org), matched
 * to them in C. */
#define CLOSED_IN_PERIOD " d.org_id = ?1 AND d.status = 'closed' AND d.closed_on BETWEEN ?2 AND ?3"
#define CLOSED_SQL                                                                                 \
    "SELECT d.id, d.closure_reason, d.opened_on, d.closed_on, d.report_expert_id FROM dossier d"   \
    " WHERE" CLOSED_IN_PERIOD " ORDER BY d.id"
#define OUTCOMES_SQL                                                                               \
    "SELECT o.dossier_id, o.vocab, o.code FROM dossier_outcome o WHERE o.org_id = ?1"

struct days_group {
    struct report_days d;
    size_t cap;
    size_t rank;   /* of the vocabulary (closures) */
    bool sorted;   /* the code is in its vocabulary */
    int64_t sort;  /* its sort there */
    uint64_t last; /* the item last counted (a sequence number) */
};

struct days_acc {
    struct arena *a;
    struct days_group *g;
    size_t n, cap;
};

static bool same_opt(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* The group of (vocab, key, level); level is one of level_names. */
static struct days_group *days_group(struct days_acc *acc, const char *vocab, const char *key,
                                     const char *level)
{
    for (size_t i = acc->n; i-- > 0;) {
        struct days_group *g = &acc->g[i];
        if (g->d.level == level && same_opt(g->d.key, key) && strcmp(g->d.vocab, vocab) == 0)
            return g;
    }
    if (acc->n == acc->cap)
        acc->g = store_grow(acc->a, acc->g, &acc->cap, sizeof(*acc->g));
    struct days_group *g = &acc->g[acc->n++];
    memset(g, 0, sizeof(*g));
    g->d.vocab = arena_strdup(acc->a, vocab);
    g->d.key = key ? arena_strdup(acc->a, key) : NULL;
    g->d.level = level;
    g->cap = 16;
    g->d.days = arena_array(acc->a, g->cap, sizeof(int64_t));
    return g;
}

static void days_add(struct days_acc *acc, struct days_group *g, int64_t days, uint64_t item)
{
    if (g->d.n == g->cap)
        g->d.days = store_grow(acc->a, g->d.days, &g->cap, sizeof(int64_t));
    g->d.days[g->d.n++] = days;
    if (g->last != item) {
        g->d.items++;
        g->last = item;
    }
}

static int cmp_group(const void *pa, const void *pb)
{
    const struct days_group *a = pa, *b = pb;
    if (a->rank != b->rank)
        return a->rank < b->rank ? -1 : 1;
    if (a->sorted != b->sorted)
        return a->sorted ? 1 : -1; /* not in the vocabulary first */
    if (a->sorted && a->sort != b->sort)
        return a->sort < b->sort ? -1 : 1;
    if (!a->d.key || !b->d.key) {
        if (a->d.key || b->d.key)
            return a->d.key ? 1 : -1;
    } else {
        int c = strcmp(a->d.key, b->d.key);
        if (c)
            return c;
    }
    size_t la = level_rank(a->d.level), lb = level_rank(b->d.level);
    if (la != lb)
        return la < lb ? -1 : 1;
    return strcmp(a->d.vocab, b->d.vocab);
}

/* Each group's rank and sort in its vocabulary, then the groups in report order. */
static int days_sort(struct db *db, struct days_acc *acc, const char *org_id, struct pd_err *e)
{
    const char *done[8];
    size_t ndone = 0;
    for (size_t i = 0; i < acc->n; i++) {
        const char *vocab = acc->g[i].d.vocab;
        bool seen = false;
        for (size_t k = 0; k < ndone; k++)
            seen = seen || strcmp(done[k], vocab) == 0;
        if (seen)
            continue;
        if (ndone < sizeof(done) / sizeof(done[0]))
            done[ndone++] = vocab;
        struct report_code *codes;
        size_t nc;
        if (store_report_codes(db, acc->a, org_id, vocab, &codes, &nc, e) != PD_OK)
            return e->code;
        for (size_t j = 0; j < acc->n; j++) {
            struct days_group *g = &acc->g[j];
            if (strcmp(g->d.vocab, vocab) != 0)
                continue;
            g->rank = strcmp(vocab, "closure_reason") == 0      ? 0
                      : strcmp(vocab, "outcome_client") == 0    ? 1
                      : strcmp(vocab, "intensity_pattern") == 0 ? 0
                                                                : 2;
            for (size_t k = 0; g->d.key && k < nc; k++)
                if (strcmp(codes[k].code, g->d.key) == 0) {
                    g->sorted = true;
                    g->sort = codes[k].sort;
                }
        }
    }
    qsort(acc->g, acc->n, sizeof(*acc->g), cmp_group);
    return PD_OK;
}

/* A phase read but not yet counted: it ends where the next one of its assignment starts. */
struct phase {
    bool open;
    char aid[UUID_STR_BYTES + 1], start[16], pattern[64];
    const char *pattern_long;   /* when longer than pattern holds */
    const char *level, *end_on; /* end_on: the assignment's, or NULL */
    char end_buf[16];
    uint64_t item;
};

/* Count phase p, which the next phase of its assignment follows on `next` (NULL: none). */
static void phase_count(struct days_acc *acc, const struct phase *p, const char *next,
                        const char *from, const char *to)
{
    const char *s_end = p->end_on ? p->end_on : to;
    next = next ? next : to;
    const char *end = strcmp(next, s_end) <= 0 && strcmp(next, to) <= 0 ? next
                      : strcmp(s_end, to) <= 0                          ? s_end
                                                                        : to;
    if (strcmp(end, from) < 0)
        return;
    struct days_group *g = days_group(acc, "intensity_pattern",
                                      p->pattern_long ? p->pattern_long : p->pattern, p->level);
    days_add(acc, g, days_between(p->start, end), p->item);
}

static int read_phases(struct db *db, struct days_acc *acc, const struct levels *lv,
                       const char *org_id, const char *from, const char *to, struct pd_err *e)
{
    struct db_stmt *ph = db_prepare(db, PHASES_SQL, e);
    struct db_stmt *as = db_prepare(db, ASSIGNMENTS_SQL, e);
    struct phase p = {0};
    int rc, arc = DB_ROW;
    if (!ph || !as)
        return e->code;
    db_bind_text(ph, 1, org_id);
    db_bind_text(ph, 2, to);
    db_bind_text(as, 1, org_id);
    bool as_started = false;
    while ((rc = db_step(ph, e)) == DB_ROW) {
        const char *aid = db_col_text(ph, 0), *start = db_col_text(ph, 2);
        bool same = p.open && strcmp(aid, p.aid) == 0;
        if (p.open)
            phase_count(acc, &p, same ? start : NULL, from, to);
        if (!same) {
            /* the assignment of this phase: the assignments run in the same order */
            while (arc == DB_ROW && (!as_started || strcmp(db_col_text(as, 0), aid) < 0)) {
                arc = db_step(as, e);
                as_started = true;
            }
            if (arc < 0)
                return arc;
            if (arc != DB_ROW || strcmp(db_col_text(as, 0), aid) != 0) {
                p.open = false; /* no such assignment in the organisation */
                continue;
            }
            snprintf(p.aid, sizeof(p.aid), "%s", aid);
            p.level = level_of(lv, col_opt(as, 1));
            p.end_on = NULL;
            if (!db_col_is_null(as, 2)) {
                snprintf(p.end_buf, sizeof(p.end_buf), "%s", db_col_text(as, 2));
                p.end_on = p.end_buf;
            }
            p.item++;
        }
        p.open = true;
        snprintf(p.start, sizeof(p.start), "%s", start);
        const char *pattern = db_col_text(ph, 1);
        p.pattern_long = NULL;
        if (strlen(pattern) < sizeof(p.pattern))
            snprintf(p.pattern, sizeof(p.pattern), "%s", pattern);
        else
            p.pattern_long = arena_strdup(acc->a, pattern);
    }
    if (rc < 0)
        return rc;
    if (p.open)
        phase_count(acc, &p, NULL, from, to);
    return PD_OK;
}

struct closed {
    const char *id, *level;
    int64_t days;
};

static int cmp_closed(const void *key, const void *elem)
{
    return strcmp(key, ((const struct closed *)elem)->id);
}

static int read_closed(struct db *db, struct days_acc *acc, const struct levels *lv,
                       const char *org_id, const char *from, const char *to, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db, CLOSED_SQL, e);
    size_t cap = 64, n = 0;
    struct closed *d = arena_array(acc->a, cap, sizeof(*d));
    uint64_t item = 0;
    int rc;
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, from);
    db_bind_text(st, 3, to);
    /* a dossier has one closure reason and each tag once: every row is another item */
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (n == cap)
            d = store_grow(acc->a, d, &cap, sizeof(*d));
        d[n] = (struct closed){store_col_str(acc->a, st, 0), level_of(lv, col_opt(st, 4)),
                               days_between(db_col_text(st, 2), db_col_text(st, 3))};
        days_add(acc, days_group(acc, "closure_reason", col_opt(st, 1), d[n].level), d[n].days,
                 ++item);
        n++;
    }
    if (rc < 0)
        return rc;
    st = db_prepare(db, OUTCOMES_SQL, e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    while ((rc = db_step(st, e)) == DB_ROW) {
        const struct closed *c = bsearch(db_col_text(st, 0), d, n, sizeof(*d), cmp_closed);
        if (c)
            days_add(acc, days_group(acc, db_col_text(st, 1), col_opt(st, 2), c->level), c->days,
                     ++item);
    }
    return rc < 0 ? rc : PD_OK;
}

int store_report_days(struct db *db, struct arena *a, enum report_days_query q, const char *org_id,
                      const char *from, const char *to, struct report_days **out, size_t *n,
                      struct pd_err *e)
{
    struct levels lv;
    struct days_acc acc = {.a = a, .cap = 16};
    acc.g = arena_array(a, acc.cap, sizeof(*acc.g));
    if (levels_load(db, a, org_id, &lv, e) != PD_OK ||
        (q == RD_INTENSITY ? read_phases(db, &acc, &lv, org_id, from, to, e)
                           : read_closed(db, &acc, &lv, org_id, from, to, e)) != PD_OK ||
        days_sort(db, &acc, org_id, e) != PD_OK)
        return e->code;
    struct report_days *v = arena_array(a, acc.n ? acc.n : 1, sizeof(*v));
    for (size_t i = 0; i < acc.n; i++)
        v[i] = acc.g[i].d;
    *out = v;
    *n = acc.n;
    return PD_OK;
}

/* ---- expert minutes ---- */

/* Sums of whole months, or of days, in a range of periods. */
#define MINUTES_SQL                                                                                \
    "SELECT x.worker_id, x.role_type, x.period, x.minutes FROM expert_minutes x"                   \
    " WHERE x.org_id = ?1 AND x.grain = ?2 AND x.period BETWEEN ?3 AND ?4 AND x.minutes > 0"
#define TIME_LOG_SQL                                                                               \
    "SELECT x.worker_id, x.role_type, x.on_date, x.minutes FROM expert_time x"                     \
    " WHERE x.org_id = ?1 AND x.on_date BETWEEN ?2 AND ?3"

struct minutes_acc {
    struct arena *a;
    struct report_minutes *v;
    size_t n, cap;
    const struct report_code *types;
    size_t ntypes;
};

/* Rows of (worker, role type, period, minutes): those of the vocabulary's role types. */
static int minutes_read(struct db_stmt *st, struct minutes_acc *acc, struct pd_err *e)
{
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        const char *rt = db_col_text(st, 1), *type = NULL;
        for (size_t i = 0; rt && !type && i < acc->ntypes; i++)
            if (strcmp(acc->types[i].code, rt) == 0)
                type = acc->types[i].code;
        const char *period = db_col_text(st, 2);
        if (!type || !period || strlen(period) < 7)
            continue;
        if (acc->n == acc->cap)
            acc->v = store_grow(acc->a, acc->v, &acc->cap, sizeof(*acc->v));
        struct report_minutes *m = &acc->v[acc->n++];
        m->worker_id = store_col_str(acc->a, st, 0);
        m->role_type = type;
        m->month = arena_strndup(acc->a, period, 7);
        m->minutes = db_col_int64(st, 3);
    }
    return rc < 0 ? rc : PD_OK;
}

static int minutes_range(struct db *db, struct minutes_acc *acc, const char *org_id,
                         const char *grain, const char *lo, const char *hi, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db, MINUTES_SQL, e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, grain);
    db_bind_text(st, 3, lo);
    db_bind_text(st, 4, hi);
    return minutes_read(st, acc, e);
}

static int cmp_minutes(const void *pa, const void *pb)
{
    const struct report_minutes *a = pa, *b = pb;
    int c = strcmp(a->worker_id, b->worker_id);
    if (!c)
        c = strcmp(a->role_type, b->role_type);
    return c ? c : strcmp(a->month, b->month);
}

int store_report_minutes(struct db *db, struct arena *a, const char *org_id, const char *from,
                         const char *to, struct report_minutes **out, size_t *n, struct pd_err *e)
{
    struct minutes_acc acc = {.a = a, .cap = 64};
    struct levels lv;
    struct report_code *types;
    acc.v = arena_array(a, acc.cap, sizeof(*acc.v));
    if (levels_load(db, a, org_id, &lv, e) != PD_OK ||
        store_report_codes(db, a, org_id, "role_type", &types, &acc.ntypes, e) != PD_OK)
        return e->code;
    acc.types = types;

    /* Whole months of the period from the monthly sums, its first and last month (when
     * not whole) from the daily ones. */
    char from_m[8], to_m[8], lo[8], hi[8], last_day[11], first_day[11];
    month_of(from, 0, from_m);
    month_of(to, 0, to_m);
    bool head_whole = strcmp(from + 8, "01") == 0;
    bool tail_whole = digits(to + 8, 2) == month_days(digits(to, 4), digits(to + 5, 2));
    int rc = PD_OK;
    if (strcmp(from_m, to_m) == 0) {
        rc = head_whole && tail_whole ? minutes_range(db, &acc, org_id, "month", from_m, to_m, e)
                                      : minutes_range(db, &acc, org_id, "day", from, to, e);
    } else {
        month_of(from, head_whole ? 0 : 1, lo);
        month_of(to, tail_whole ? 0 : -1, hi);
        snprintf(last_day, sizeof(last_day), "%s-31", from_m);
        snprintf(first_day, sizeof(first_day), "%s-01", to_m);
        if (strcmp(lo, hi) <= 0)
            rc = minutes_range(db, &acc, org_id, "month", lo, hi, e);
        if (rc == PD_OK && !head_whole)
            rc = minutes_range(db, &acc, org_id, "day", from, last_day, e);
        if (rc == PD_OK && !tail_whole)
            rc = minutes_range(db, &acc, org_id, "day", first_day, to, e);
    }
    if (rc != PD_OK)
        return rc;
    struct db_stmt *st = db_prepare(db, TIME_LOG_SQL, e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, from);
    db_bind_text(st, 3, to);
    if (minutes_read(st, &acc, e) != PD_OK)
        return e->code;

    /* one row per worker, role type and month */
    qsort(acc.v, acc.n, sizeof(*acc.v), cmp_minutes);
    size_t len = 0;
    for (size_t i = 0; i < acc.n; i++) {
        if (len > 0 && cmp_minutes(&acc.v[len - 1], &acc.v[i]) == 0) {
            acc.v[len - 1].minutes += acc.v[i].minutes;
            continue;
        }
        acc.v[len] = acc.v[i];
        acc.v[len].level = level_of(&lv, acc.v[len].worker_id);
        len++;
    }
    *out = acc.v;
    *n = len;
    return PD_OK;
}
