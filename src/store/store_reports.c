/*
 * store_reports.c: aggregate reads for the manager's reports (see store_reports.h).
 */
#include "store_reports.h"

#include <string.h>

#include "store_util.h"

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
        "  AND t.attempt = 0 AND t.contact_on >= substr(q.created_at, 1, 10))"
        " FROM request q WHERE " REQ_IN_PERIOD " ORDER BY q.created_at, q.id",
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
        "SELECT COUNT(*), COALESCE(SUM(EXISTS (SELECT 1 FROM request q WHERE q.requester_id = w.id"
        "  AND " REQ_IN_PERIOD ") OR EXISTS (SELECT 1 FROM consultation k"
        "  WHERE k.org_id = ?1 AND k.asker_id = w.id AND k.held_on BETWEEN ?2 AND ?3)), 0)"
        " FROM worker w WHERE w.org_id = ?1 AND w.status = 'active' AND EXISTS"
        " (SELECT 1 FROM worker_role r WHERE r.worker_id = w.id AND r.role = 'generalist')",
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
