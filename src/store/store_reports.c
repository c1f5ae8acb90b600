/*
 * store_reports.c: aggregate reads for the manager's reports (see store_reports.h).
 */
#include "store_reports.h"

#include <string.h>

#include "store_util.h"

/* The level of worker w: see store_reports.h. */
#define LEVEL_OF(w)                                                                                \
    "CASE WHEN " w " IS NULL THEN 'none' ELSE COALESCE((SELECT ep.qualification"                   \
    " FROM expert_profile ep WHERE ep.worker_id = " w "), 'unknown') END"
/* The level of a request's assigned expert ("none" when unassigned). */
#define ASSIGNED_LEVEL LEVEL_OF("q.assigned_expert_id")

#define REQ_IN_PERIOD "q.org_id = ?1 AND substr(q.created_at, 1, 10) BETWEEN ?2 AND ?3"

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
        len++;
    }
    if (rc < 0)
        return rc;
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
    *out = v;
    *n = len;
    return PD_OK;
}

int store_report_match(struct db *db, struct arena *a, const char *org_id, const char *from,
                       const char *to, struct report_match_row **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db,
        "SELECT substr(q.created_at, 1, 10),"
        " (SELECT MIN(s.start_on) FROM assignment s WHERE s.org_id = q.org_id"
        "  AND s.dossier_id = q.dossier_id AND s.worker_id = q.assigned_expert_id"
        "  AND s.role IN ('expert', 'bridging_expert') AND s.created_at >= q.created_at),"
        " (SELECT MIN(t.contact_on) FROM note t WHERE t.org_id = q.org_id"
        "  AND t.dossier_id = q.dossier_id AND t.author_id = q.assigned_expert_id"
        "  AND t.attempt = 0 AND t.contact_on >= substr(q.created_at, 1, 10)),"
        " " ASSIGNED_LEVEL " FROM request q WHERE " REQ_IN_PERIOD " ORDER BY q.created_at, q.id",
        e);
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
        v[len].level = store_col_str(a, st, 3);
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
/* Whole days from day a to day b ('YYYY-MM-DD'), never below 0, as
 * MAX(0, CAST(julianday(b) - julianday(a) AS INTEGER)) gives them, in integer arithmetic
 * both SQLite and PostgreSQL run: DAYNUM counts days on a calendar whose year starts on
 * 1 March, so leap days fall at the end of the year. */
#define D_M(d) "CAST(substr(" d ", 6, 2) AS INTEGER)"
#define D_Y(d)                                                                                     \
    "(CAST(substr(" d ", 1, 4) AS INTEGER) - CASE WHEN " D_M(d) " <= 2 THEN 1 ELSE 0 END)"
#define DAYNUM(d)                                                                                  \
    "(365 * " D_Y(d) " + " D_Y(d) " / 4 - " D_Y(d) " / 100 + " D_Y(                                \
        d) " / 400"                                                                                \
           " + (153 * CASE WHEN " D_M(d) " > 2 THEN " D_M(d) " - 3 ELSE " D_M(                     \
               d) " + 9 END + 2) / 5"                                                              \
                  " + CAST(substr(" d ", 9, 2) AS INTEGER))"
#define DAYS_BETWEEN(a, b)                                                                         \
    "CASE WHEN " DAYNUM(b) " > " DAYNUM(a) " THEN " DAYNUM(b) " - " DAYNUM(a) " ELSE 0 END"
/* The worker of the dossier's expert or bridging_expert assignment that started last. */
#define DOSSIER_EXPERT(d)                                                                          \
    "(SELECT s.worker_id FROM assignment s WHERE s.dossier_id = " d                                \
    " AND s.role IN ('expert', 'bridging_expert')"                                                 \
    " ORDER BY s.start_on DESC, s.created_at DESC, s.id DESC LIMIT 1)"

/* Experts: active workers with an expert profile; their open expert and bridging
 * assignments on dossiers open on day ?3 (started on or before it, not ended or closed on
 * or before it). */
#define CASELOAD_CTE                                                                               \
    "WITH e AS (SELECT w.id AS wid, p.fte_pct AS fte,"                                             \
    " COALESCE(p.qualification, 'unknown') AS lvl,"                                                \
    " (SELECT COUNT(*) FROM assignment s JOIN dossier d ON d.id = s.dossier_id"                    \
    "  WHERE s.org_id = ?1 AND s.worker_id = w.id AND s.role IN ('expert', 'bridging_expert')"     \
    "  AND s.start_on <= ?3 AND (s.end_on IS NULL OR s.end_on > ?3)"                               \
    "  AND d.opened_on <= ?3 AND (d.closed_on IS NULL OR d.closed_on > ?3)) AS act"                \
    " FROM worker w JOIN expert_profile p ON p.worker_id = w.id"                                   \
    " WHERE w.org_id = ?1 AND w.status = 'active'"                                                 \
    " AND (CAST(?2 AS TEXT) IS NULL OR 1 = 1))" /* names ?2 so PostgreSQL can type it */
#define CASELOAD_COLS                                                                              \
    " COUNT(*), COALESCE(SUM(e.fte), 0), COUNT(e.fte), COALESCE(SUM(e.act), 0),"                   \
    " COALESCE(SUM(CASE WHEN e.fte IS NOT NULL THEN e.act END), 0)"

#define CASELOAD_TEAM_SQL                                                                          \
    CASELOAD_CTE                                                                                   \
    " SELECT NULL, t.id, t.name, e.lvl AS lvl, NULL," CASELOAD_COLS                                \
    " FROM e LEFT JOIN team_member m ON m.worker_id = e.wid AND m.team_id IN"                      \
    " (SELECT x.id FROM team x WHERE x.org_id = ?1 AND x.kind = 'expert_team')"                    \
    " LEFT JOIN team t ON t.id = m.team_id"                                                        \
    " GROUP BY t.id, e.lvl ORDER BY t.id IS NULL, t.name, t.id," LEVEL_SORT_OF("e.lvl")

#define CASELOAD_TOTAL_SQL                                                                         \
    CASELOAD_CTE " SELECT NULL, 'total', NULL, e.lvl AS lvl, NULL," CASELOAD_COLS                  \
                 " FROM e GROUP BY e.lvl ORDER BY" LEVEL_SORT_OF("e.lvl")

/* Requests by creation day, consultations by held_on, bridging episodes by waiting_since. */
/* A condition as 1 or 0 (PostgreSQL's comparisons are booleans, which SUM refuses). */
#define B01(c) "CASE WHEN " c " THEN 1 ELSE 0 END"
#define MIX_UNION                                                                                                                                                          \
    " FROM (SELECT substr(q.created_at, 1, 7) AS mo, " LEVEL_OF(                                                                                                           \
        "q.assigned_expert_id") " AS lv,"                                                                                                                                  \
                                "  " B01("q.status = 'assigned'") " AS c1, " B01(                                                                                          \
                                    "q.status = "                                                                                                                          \
                                    "'advice_only'") " AS c2, " B01("q.status = 'redirected'") " "                                                                         \
                                                                                               "A"                                                                         \
                                                                                               "S"                                                                         \
                                                                                               " "                                                                         \
                                                                                               "c"                                                                         \
                                                                                               "3"                                                                         \
                                                                                               ","                                                                         \
                                                                                               " "                                                                         \
                                                                                               " " B01("q.status = 'declined'") " AS c4, " B01(                            \
                                                                                                   "q.status IN ('submitted', "                                            \
                                                                                                   "'in_review')") " AS c5, 0 AS "                                         \
                                                                                                                   "c6, 0 AS c7"                                           \
                                                                                                                   "  FROM "                                               \
                                                                                                                   "request q "                                            \
                                                                                                                   "WHERE"                                                 \
                                                                                                                   " " REQ_IN_PERIOD                                       \
                                                                                                                   " UNION ALL "                                           \
                                                                                                                   "SELECT "                                               \
                                                                                                                   "substr(k."                                             \
                                                                                                                   "held_on, 1, "                                          \
                                                                                                                   "7),"                                                   \
                                                                                                                   " " LEVEL_OF(                                           \
                                                                                                                       "k.expert_"                                         \
                                                                                                                       "id") ", "                                          \
                                                                                                                             "0, "                                         \
                                                                                                                             "0, "                                         \
                                                                                                                             "0, "                                         \
                                                                                                                             "0, "                                         \
                                                                                                                             "0, "                                         \
                                                                                                                             "1, "                                         \
                                                                                                                             "0"                                           \
                                                                                                                             "  "                                          \
                                                                                                                             "FRO"                                         \
                                                                                                                             "M "                                          \
                                                                                                                             "con"                                         \
                                                                                                                             "sul"                                         \
                                                                                                                             "tat"                                         \
                                                                                                                             "ion"                                         \
                                                                                                                             " k "                                         \
                                                                                                                             "WHE"                                         \
                                                                                                                             "RE "                                         \
                                                                                                                             "k."                                          \
                                                                                                                             "org"                                         \
                                                                                                                             "_id"                                         \
                                                                                                                             " = "                                         \
                                                                                                                             "?1 "                                         \
                                                                                                                             "AND"                                         \
                                                                                                                             " k."                                         \
                                                                                                                             "hel"                                         \
                                                                                                                             "d_"                                          \
                                                                                                                             "on "                                         \
                                                                                                                             "BET"                                         \
                                                                                                                             "WEE"                                         \
                                                                                                                             "N "                                          \
                                                                                                                             "?2 "                                         \
                                                                                                                             "AND"                                         \
                                                                                                                             " ?3"                                         \
                                                                                                                             " UN"                                         \
                                                                                                                             "ION"                                         \
                                                                                                                             " AL"                                         \
                                                                                                                             "L "                                          \
                                                                                                                             "SEL"                                         \
                                                                                                                             "ECT"                                         \
                                                                                                                             " su"                                         \
                                                                                                                             "bst"                                         \
                                                                                                                             "r("                                          \
                                                                                                                             "b."                                          \
                                                                                                                             "wai"                                         \
                                                                                                                             "tin"                                         \
                                                                                                                             "g_"                                          \
                                                                                                                             "sin"                                         \
                                                                                                                             "ce,"                                         \
                                                                                                                             " 1,"                                         \
                                                                                                                             " "                                           \
                                                                                                                             "7),"                                         \
                                                                                                                             " " LEVEL_OF(                                 \
                                                                                                                                 "b.keeper_id") ", 0, 0, 0, 0, 0,"         \
                                                                                                                                                "  0, 1 FROM bridging b "  \
                                                                                                                                                "WHERE b.org_id = ?1 AND " \
                                                                                                                                                "b.waiting_since BETWEEN " \
                                                                                                                                                "?2 AND ?3) m"
#define MIX_COLS " SUM(c1), SUM(c2), SUM(c3), SUM(c4), SUM(c5), SUM(c6), SUM(c7)"

#define MIX_MONTH_SQL                                                                              \
    "SELECT NULL, mo, mo, lv AS lvl, NULL," MIX_COLS MIX_UNION                                     \
    " GROUP BY mo, lv ORDER BY mo," LEVEL_SORT_OF("lv")
#define MIX_TOTAL_SQL                                                                              \
    "SELECT NULL, 'total', NULL, lv AS lvl, NULL," MIX_COLS MIX_UNION                              \
    " GROUP BY lv ORDER BY" LEVEL_SORT_OF("lv")

/* A code is unmet when no active, available expert's profile holds it today. */
#define THEMES_SQL                                                                                 \
    "SELECT c.vocab, c.code, NULL, " LEVEL_OF(                                                     \
        "q.assigned_expert_id") " AS lvl, NULL, COUNT(*),"                                         \
                                " SUM(" B01(                                                       \
                                    "q.status = 'assigned'") "), SUM(CASE WHEN NOT EXISTS "        \
                                                             "(SELECT 1 FROM "                     \
                                                             "expert_profile_item i"               \
                                                             "  JOIN expert_profile p ON "         \
                                                             "p.worker_id = i.worker_id JOIN "     \
                                                             "worker w ON w.id = i.worker_id"      \
                                                             "  WHERE i.org_id = ?1 AND i.vocab "  \
                                                             "= c.vocab AND i.code = c.code "      \
                                                             "AND w.status = 'active'"             \
                                                             "  AND p.available = 1) THEN 1 ELSE " \
                                                             "0 END)"                              \
                                                             " FROM request_code c JOIN request "  \
                                                             "q ON q.id = c.request_id"            \
                                                             " LEFT JOIN vocab v ON v.org_id = "   \
                                                             "?1 AND v.vocab = c.vocab AND "       \
                                                             "v.code = c.code"                     \
                                                             " WHERE " REQ_IN_PERIOD               \
                                                             " AND c.vocab = ?4"                   \
                                                             " GROUP BY c.vocab, c.code, v.sort, " \
                                                             "lvl ORDER BY v.sort NULLS FIRST, "   \
                                                             "c.code," LEVEL_SORT_OF(              \
                                                                 LEVEL_OF("q.assigned_expert_id"))

/* A phase runs from its agreed_on to the next phase's agreed_on, the assignment's end_on or
 * ?3, whichever is first; it counts when it starts on or before ?3 and ends on or after ?2. */
#define INTENSITY_SQL                                                                              \
    "WITH ph0 AS (SELECT i.pattern AS pattern, i.agreed_on AS start_on, s.id AS aid,"              \
    " s.worker_id AS wid, COALESCE(LEAD(i.agreed_on) OVER (PARTITION BY i.assignment_id"           \
    "  ORDER BY i.agreed_on, i.created_at, i.id), ?3) AS next_on, COALESCE(s.end_on, ?3) AS"       \
    " s_end FROM intensity i JOIN assignment s ON s.id = i.assignment_id WHERE i.org_id = ?1),"    \
    " ph AS (SELECT pattern, start_on, aid, wid, CASE WHEN next_on <= s_end AND next_on <= ?3"     \
    " THEN next_on WHEN s_end <= ?3 THEN s_end ELSE ?3 END AS end_on FROM ph0)"                    \
    " SELECT 'intensity_pattern', ph.pattern, NULL, " LEVEL_OF(                                    \
        "ph.wid") " AS lvl, ph.aid,"                                                               \
                  " " DAYS_BETWEEN(                                                                \
                      "ph.start_on",                                                               \
                      "ph.end_on") " FROM ph LEFT JOIN vocab v ON v.org_id = ?1 AND "              \
                                   "v.vocab = 'intensity_pattern'"                                 \
                                   " AND v.code = ph.pattern WHERE ph.start_on <= "                \
                                   "?3 AND ph.end_on >= ?2"                                        \
                                   " ORDER BY v.sort NULLS FIRST, ph.pattern," LEVEL_SORT_OF(      \
                                       LEVEL_OF("ph.wid")) ", ph.aid"

/* Evaluations planned or held in the period, or overdue today (?4): planned before today,
 * not held, the dossier open. Teams: the responsible generalist's. */
#define EVAL_COLS                                                                                                             \
    " SUM(" B01(                                                                                                              \
        "e.planned_on BETWEEN ?2 AND ?3") "),"                                                                                \
                                          " SUM(" B01(                                                                        \
                                              "e.held_on IS NOT NULL AND e.held_on BETWEEN ?2 "                               \
                                              "AND ?3") "),"                                                                  \
                                                        " SUM(" B01(                                                          \
                                                            "e.held_on IS NULL AND "                                          \
                                                            "e.planned_on < ?4 AND "                                          \
                                                            "d.status = 'open'") "),"                                         \
                                                                                 " SUM"                                       \
                                                                                 "(" B01(                                     \
                                                                                     "e."                                     \
                                                                                     "hel"                                    \
                                                                                     "d_"                                     \
                                                                                     "on "                                    \
                                                                                     "IS "                                    \
                                                                                     "NUL"                                    \
                                                                                     "L "                                     \
                                                                                     "AND"                                    \
                                                                                     " " DAYNUM("e.planned_on") " < " DAYNUM( \
                                                                                         "?4") " "                            \
                                                                                               "-"                            \
                                                                                               " "                            \
                                                                                               "3"                            \
                                                                                               "0"                            \
                                                                                               " "                            \
                                                                                               "A"                            \
                                                                                               "N"                            \
                                                                                               "D"                            \
                                                                                               " "                            \
                                                                                               "d"                            \
                                                                                               "."                            \
                                                                                               "s"                            \
                                                                                               "t"                            \
                                                                                               "a"                            \
                                                                                               "t"                            \
                                                                                               "u"                            \
                                                                                               "s"                            \
                                                                                               " "                            \
                                                                                               "="                            \
                                                                                               " "                            \
                                                                                               "'"                            \
                                                                                               "o"                            \
                                                                                               "p"                            \
                                                                                               "e"                            \
                                                                                               "n"                            \
                                                                                               "'") ")"
#define EVAL_WHERE                                                                                 \
    " WHERE e.org_id = ?1 AND (e.planned_on BETWEEN ?2 AND ?3"                                     \
    " OR (e.held_on IS NOT NULL AND e.held_on BETWEEN ?2 AND ?3)"                                  \
    " OR (e.held_on IS NULL AND e.planned_on < ?4 AND d.status = 'open'))"

#define EVAL_TEAM_SQL                                                                              \
    "SELECT NULL, t.id, t.name, " LEVEL_OF(DOSSIER_EXPERT(                                         \
        "d.id")) " AS lvl, NULL," EVAL_COLS                                                        \
                 " FROM evaluation e JOIN dossier d ON d.id = e.dossier_id"                        \
                 " LEFT JOIN team_member m ON m.worker_id = d.responsible_id"                      \
                 " LEFT JOIN team t ON t.id = m.team_id" EVAL_WHERE                                \
                 " GROUP BY t.id, lvl ORDER BY t.id IS NULL, t.name, t.id," LEVEL_SORT_OF(         \
                     LEVEL_OF(DOSSIER_EXPERT("d.id")))
#define EVAL_TOTAL_SQL                                                                             \
    "SELECT NULL, 'total', NULL, " LEVEL_OF(DOSSIER_EXPERT(                                        \
        "d.id")) " AS lvl, NULL," EVAL_COLS                                                        \
                 " FROM evaluation e JOIN dossier d ON d.id = e.dossier_id" EVAL_WHERE             \
                 " GROUP BY lvl ORDER BY" LEVEL_SORT_OF(LEVEL_OF(DOSSIER_EXPERT("d.id")))

/* Dossiers closed in the period: their closure reason, then their outcome tags. */
#define CLOSED_IN_PERIOD " d.org_id = ?1 AND d.status = 'closed' AND d.closed_on BETWEEN ?2 AND ?3"
#define DAYS_OPEN        DAYS_BETWEEN("d.opened_on", "d.closed_on")
#define CLOSURES_SQL                                                                               \
    "SELECT vb, code, NULL, lvl, did, days FROM ("                                                 \
    " SELECT 'closure_reason' AS vb, d.closure_reason AS code, d.id AS did,"                       \
    "  " LEVEL_OF(DOSSIER_EXPERT(                                                                  \
        "d.id")) " AS lvl, " DAYS_OPEN " AS days, 0 AS vs, v.sort AS so"                           \
                 "  FROM dossier d LEFT JOIN vocab v ON v.org_id = ?1 AND v.vocab = "              \
                 "'closure_reason'"                                                                \
                 "  AND v.code = d.closure_reason WHERE" CLOSED_IN_PERIOD                          \
                 " UNION ALL SELECT o.vocab, o.code, d.id, " LEVEL_OF(DOSSIER_EXPERT(              \
                     "d.id")) ", " DAYS_OPEN ","                                                   \
                              "  CASE o.vocab WHEN 'outcome_client' THEN 1 ELSE 2 END, v.sort"     \
                              "  FROM dossier_outcome o JOIN dossier d ON d.id = o.dossier_id"     \
                              "  LEFT JOIN vocab v ON v.org_id = ?1 AND v.vocab = o.vocab AND "    \
                              "v.code = o.code"                                                    \
                              "  WHERE" CLOSED_IN_PERIOD ") x"                                     \
                              " ORDER BY vs, so NULLS FIRST, code NULLS FIRST," LEVEL_SORT_OF(     \
                                  "lvl") ", did"

/* Expert time: minutes of notes written in an expert role (supporter), of consultations
 * (expertise_promoter) and of the experts' own log (its role type), by day in the period. */
#define TIME_LEVEL LEVEL_OF("w")
#define HOURS_CTE                                                                                  \
    "WITH t AS (SELECT n.author_id AS w, 'supporter' AS rt, substr(n.contact_on, 1, 7) AS mo,"     \
    " n.minutes AS mins FROM note n WHERE n.org_id = ?1"                                           \
    " AND n.author_role IN ('expert', 'bridging_expert') AND n.contact_on BETWEEN ?2 AND ?3"       \
    " AND n.minutes > 0"                                                                           \
    " UNION ALL SELECT k.expert_id, 'expertise_promoter', substr(k.held_on, 1, 7), k.minutes"      \
    " FROM consultation k WHERE k.org_id = ?1 AND k.held_on BETWEEN ?2 AND ?3 AND k.minutes > 0"   \
    " UNION ALL SELECT x.worker_id, x.role_type, substr(x.on_date, 1, 7), x.minutes"               \
    " FROM expert_time x WHERE x.org_id = ?1 AND x.on_date BETWEEN ?2 AND ?3),"                    \
    " u AS (SELECT w, rt, mo, mins, " TIME_LEVEL " AS lv FROM t WHERE rt IN"                       \
    " (SELECT r.code FROM vocab r WHERE r.org_id = ?1 AND r.vocab = 'role_type'))"

#define HOURS_TYPE_SQL                                                                             \
    HOURS_CTE                                                                                      \
    " SELECT 'role_type', v.code, NULL, u.lv AS lvl, NULL, COALESCE(SUM(u.mins), 0),"              \
    " COUNT(DISTINCT u.w) FROM vocab v LEFT JOIN u ON u.rt = v.code"                               \
    " WHERE v.org_id = ?1 AND v.vocab = 'role_type' AND (v.active = 1 OR u.rt IS NOT NULL)"        \
    " GROUP BY v.code, v.sort, u.lv ORDER BY v.sort NULLS FIRST, v.code," LEVEL_SORT_OF("u.lv")
#define HOURS_MONTH_SQL                                                                            \
    HOURS_CTE                                                                                      \
    " SELECT 'role_type', u.rt, u.mo, u.lv AS lvl, NULL, SUM(u.mins),"                             \
    " COUNT(DISTINCT u.w) FROM u GROUP BY u.mo, u.lv, u.rt ORDER BY u.mo," LEVEL_SORT_OF(          \
        "u.lv") ", u.rt"
#define HOURS_ALL_SQL                                                                              \
    HOURS_CTE " SELECT NULL, 'total', NULL, u.lv AS lvl, NULL, SUM(u.mins), COUNT(DISTINCT u.w)"   \
              " FROM u GROUP BY u.lv ORDER BY" LEVEL_SORT_OF("u.lv")

#define REFERRALS_SQL                                                                              \
    "SELECT 'referral_service', f.service, NULL, " LEVEL_OF(DOSSIER_EXPERT(                        \
        "f.dossier_id")) " AS lvl, NULL, COUNT(*), SUM(f.accompanied) FROM referral f"             \
                         " LEFT JOIN vocab v ON v.org_id = ?1 AND v.vocab = 'referral_service' "   \
                         "AND v.code = f.service"                                                  \
                         " WHERE f.org_id = ?1 AND f.referred_on BETWEEN ?2 AND ?3"                \
                         " GROUP BY f.service, v.sort, lvl ORDER BY v.sort NULLS FIRST, "          \
                         "f.service," LEVEL_SORT_OF(LEVEL_OF(DOSSIER_EXPERT("f.dossier_id")))

/* Requests per month, team or area as in store_report_requests, and per assigned expert's
 * level. */
#define REQ_LEVEL ASSIGNED_LEVEL " AS lvl"
#define REQ_MONTH_SQL                                                                              \
    "SELECT NULL, substr(q.created_at, 1, 7) AS k, substr(q.created_at, 1, 7), " REQ_LEVEL         \
    ", NULL, COUNT(*) FROM request q WHERE " REQ_IN_PERIOD                                         \
    " GROUP BY k, lvl ORDER BY k," LEVEL_SORT_OF(ASSIGNED_LEVEL)
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
    case RQ_CASELOAD_TEAM:
        return db_prepare(db, CASELOAD_TEAM_SQL, e);
    case RQ_CASELOAD_TOTAL:
        return db_prepare(db, CASELOAD_TOTAL_SQL, e);
    case RQ_MIX_MONTH:
        return db_prepare(db, MIX_MONTH_SQL, e);
    case RQ_MIX_TOTAL:
        return db_prepare(db, MIX_TOTAL_SQL, e);
    case RQ_THEMES:
        return db_prepare(db, THEMES_SQL, e);
    case RQ_INTENSITY:
        return db_prepare(db, INTENSITY_SQL, e);
    case RQ_EVAL_TEAM:
        return db_prepare(db, EVAL_TEAM_SQL, e);
    case RQ_EVAL_TOTAL:
        return db_prepare(db, EVAL_TOTAL_SQL, e);
    case RQ_CLOSURES:
        return db_prepare(db, CLOSURES_SQL, e);
    case RQ_HOURS_TYPE:
        return db_prepare(db, HOURS_TYPE_SQL, e);
    case RQ_HOURS_MONTH:
        return db_prepare(db, HOURS_MONTH_SQL, e);
    case RQ_HOURS_ALL:
        return db_prepare(db, HOURS_ALL_SQL, e);
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

int store_report_facts(struct db *db, struct arena *a, enum report_fact_query q, const char *org_id,
                       const char *from, const char *to, const char *extra,
                       struct report_fact **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st = prepare_fact(db, q, e);
    size_t cap = 16, len = 0;
    struct report_fact *v = arena_array(a, cap, sizeof(*v));
    int rc;

    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, from);
    db_bind_text(st, 3, to);
    if (extra)
        db_bind_text(st, 4, extra);
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
