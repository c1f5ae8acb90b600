/*
 * store_reports_upkeep.c: keeps what the reports read ahead of time (migration 0016) equal
 * to what they would otherwise work out from every row of the period, in the transaction of
 * the write that changes it (see store_reports.h):
 * - expert_minutes: a note's or consultation's minutes on its day and its month (two small
 *   upserts per note);
 * - a request's report_assignment_on and report_first_contact_on (time to match): a note
 *   can only make the first contact earlier (one indexed update); a changed note, a new
 *   assignment or a new or decided request has the dossier's requests worked out again;
 * - a dossier's report_expert_id (its expert: evaluations, closures, referrals): a new
 *   assignment (assignments change only their end_on after that; only an erasure deletes
 *   them, with the dossier).
 */
#include "store_reports.h"

#include "store_util.h"

/* The period of a note's or consultation's day d for grain g ('day' or 'month'). */
#define PERIOD(g, d)                                                                               \
    "CASE WHEN CAST(" g " AS TEXT) = 'month' THEN substr(" d ", 1, 7) ELSE " d " END"
#define NOTE_PERIOD3    PERIOD("?3", "n.contact_on")
#define NOTE_PERIOD2    PERIOD("?2", "n.contact_on")
#define CONSULT_PERIOD3 PERIOD("?3", "k.held_on")
#define CONSULT_PERIOD2 PERIOD("?2", "k.held_on")
#define EXPERT_NOTE     "n.author_role IN ('expert', 'bridging_expert') AND n.minutes > 0"

/* The note's minutes, times ?2, onto its author's day or month (?3). */
#define NOTE_SQL                                                                                   \
    "INSERT INTO expert_minutes (org_id, grain, period, worker_id, role_type, minutes)"            \
    " SELECT n.org_id, CAST(?3 AS TEXT), " NOTE_PERIOD3 ", n.author_id, 'supporter',"              \
    " ?2 * n.minutes FROM note n WHERE n.id = ?1 AND " EXPERT_NOTE                                 \
    " ON CONFLICT (org_id, grain, period, worker_id, role_type)"                                   \
    " DO UPDATE SET minutes = expert_minutes.minutes + excluded.minutes"

#define CONSULT_SQL                                                                                \
    "INSERT INTO expert_minutes (org_id, grain, period, worker_id, role_type, minutes)"            \
    " SELECT k.org_id, CAST(?3 AS TEXT), " CONSULT_PERIOD3 ", k.expert_id,"                        \
    " 'expertise_promoter', ?2 * k.minutes FROM consultation k"                                    \
    " WHERE k.id = ?1 AND k.minutes > 0"                                                           \
    " ON CONFLICT (org_id, grain, period, worker_id, role_type)"                                   \
    " DO UPDATE SET minutes = expert_minutes.minutes + excluded.minutes"

/* The minutes of a client's notes, per author and day or month (?3), taken away. */
#define ERASE_SQL                                                                                  \
    "INSERT INTO expert_minutes (org_id, grain, period, worker_id, role_type, minutes)"            \
    " SELECT n.org_id, CAST(?3 AS TEXT), " NOTE_PERIOD3 " AS p, n.author_id, 'supporter',"         \
    " 0 - SUM(n.minutes) FROM note n WHERE n.org_id = ?1 AND n.dossier_id IN"                      \
    " (SELECT d.id FROM dossier d WHERE d.org_id = ?1 AND d.client_id = ?2) AND " EXPERT_NOTE      \
    " GROUP BY n.org_id, p, n.author_id"                                                           \
    " ON CONFLICT (org_id, grain, period, worker_id, role_type)"                                   \
    " DO UPDATE SET minutes = expert_minutes.minutes + excluded.minutes"

/* All of an organisation's sums for grain ?2. */
#define REBUILD_NOTES_SQL                                                                          \
    "INSERT INTO expert_minutes (org_id, grain, period, worker_id, role_type, minutes)"            \
    " SELECT n.org_id, CAST(?2 AS TEXT), " NOTE_PERIOD2 " AS p, n.author_id, 'supporter',"         \
    " SUM(n.minutes) FROM note n WHERE n.org_id = ?1 AND " EXPERT_NOTE                             \
    " GROUP BY n.org_id, p, n.author_id"
#define REBUILD_CONSULT_SQL                                                                        \
    "INSERT INTO expert_minutes (org_id, grain, period, worker_id, role_type, minutes)"            \
    " SELECT k.org_id, CAST(?2 AS TEXT), " CONSULT_PERIOD2 " AS p, k.expert_id,"                   \
    " 'expertise_promoter', SUM(k.minutes) FROM consultation k WHERE k.org_id = ?1"                \
    " AND k.minutes > 0 GROUP BY k.org_id, p, k.expert_id"

static const char *const grains[] = {"day", "month"};

static int one_row(struct db *db, int which, const char *id, int sign, struct pd_err *e)
{
    for (size_t g = 0; g < 2; g++) {
        struct db_stmt *st =
            which == 0 ? db_prepare(db, NOTE_SQL, e) : db_prepare(db, CONSULT_SQL, e);
        if (!st)
            return e->code;
        db_bind_text(st, 1, id);
        db_bind_int64(st, 2, sign < 0 ? -1 : 1);
        db_bind_text(st, 3, grains[g]);
        if (store_step_done(st, e) != PD_OK)
            return e->code;
    }
    return PD_OK;
}

int store_report_minutes_note(struct db *db, const char *note_id, int sign, struct pd_err *e)
{
    return one_row(db, 0, note_id, sign, e);
}

int store_report_minutes_consult(struct db *db, const char *consult_id, int sign, struct pd_err *e)
{
    return one_row(db, 1, consult_id, sign, e);
}

int store_report_minutes_erase(struct db *db, const char *org_id, const char *client_id,
                               struct pd_err *e)
{
    for (size_t g = 0; g < 2; g++) {
        struct db_stmt *st = db_prepare(db, ERASE_SQL, e);
        if (!st)
            return e->code;
        db_bind_text(st, 1, org_id);
        db_bind_text(st, 2, client_id);
        db_bind_text(st, 3, grains[g]);
        if (store_step_done(st, e) != PD_OK)
            return e->code;
    }
    return PD_OK;
}

/* ---- time to match ---- */

/* The request's assignment and first contact as store_report_match describes them. */
#define MATCH_ASSIGNMENT                                                                           \
    "CASE WHEN request.assigned_expert_id IS NULL THEN NULL ELSE (SELECT MIN(s.start_on)"          \
    " FROM assignment s WHERE s.dossier_id = request.dossier_id"                                   \
    " AND s.worker_id = request.assigned_expert_id AND s.role IN ('expert', 'bridging_expert')"    \
    " AND s.org_id = request.org_id AND s.created_at >= request.created_at) END"
#define MATCH_CONTACT                                                                              \
    "CASE WHEN request.assigned_expert_id IS NULL THEN NULL ELSE (SELECT MIN(t.contact_on)"        \
    " FROM note t WHERE t.dossier_id = request.dossier_id"                                         \
    " AND t.contact_on >= substr(request.created_at, 1, 10)"                                       \
    " AND t.author_id = request.assigned_expert_id AND t.attempt = 0"                              \
    " AND t.org_id = request.org_id) END"

int store_report_match_note(struct db *db, const char *dossier_id, const char *author_id,
                            const char *contact_on, bool attempt, struct pd_err *e)
{
    if (attempt)
        return PD_OK;
    /* (the dossier's requests are all of its organisation: naming org_id too would have
     * SQLite look through request_period instead of request_dossier) */
    struct db_stmt *st =
        db_prepare(db,
                   "UPDATE request SET report_first_contact_on = ?3 WHERE dossier_id = ?1"
                   " AND assigned_expert_id = ?2 AND substr(created_at, 1, 10) <= ?3"
                   " AND (report_first_contact_on IS NULL OR report_first_contact_on > ?3)",
                   e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, dossier_id);
    db_bind_text(st, 2, author_id);
    db_bind_text(st, 3, contact_on);
    return store_step_done(st, e);
}

/* The worker of the dossier's expert or bridging_expert assignment that started last. */
#define DOSSIER_EXPERT                                                                             \
    "(SELECT s.worker_id FROM assignment s WHERE s.dossier_id = dossier.id"                        \
    " AND s.role IN ('expert', 'bridging_expert')"                                                 \
    " ORDER BY s.start_on DESC, s.created_at DESC, s.id DESC LIMIT 1)"

int store_report_dossier(struct db *db, const char *dossier_id, struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db, "UPDATE dossier SET report_expert_id = " DOSSIER_EXPERT " WHERE id = ?1", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, dossier_id);
    if (store_step_done(st, e) != PD_OK)
        return e->code;
    st = db_prepare(db,
                    "UPDATE request SET report_assignment_on = " MATCH_ASSIGNMENT
                    ", report_first_contact_on = " MATCH_CONTACT " WHERE dossier_id = ?1",
                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, dossier_id);
    return store_step_done(st, e);
}

/* ---- after bulk loads ---- */

int store_report_upkeep_rebuild(struct db *db, const char *org_id, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db, "UPDATE dossier SET report_expert_id = " DOSSIER_EXPERT " WHERE org_id = ?1", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    if (store_step_done(st, e) != PD_OK)
        return e->code;
    st = db_prepare(db,
                    "UPDATE request SET report_assignment_on = " MATCH_ASSIGNMENT
                    ", report_first_contact_on = " MATCH_CONTACT " WHERE org_id = ?1",
                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    if (store_step_done(st, e) != PD_OK)
        return e->code;

    st = db_prepare(db, "DELETE FROM expert_minutes WHERE org_id = ?1", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    if (store_step_done(st, e) != PD_OK)
        return e->code;
    for (size_t g = 0; g < 2; g++)
        for (int which = 0; which < 2; which++) {
            st = which == 0 ? db_prepare(db, REBUILD_NOTES_SQL, e)
                            : db_prepare(db, REBUILD_CONSULT_SQL, e);
            if (!st)
                return e->code;
            db_bind_text(st, 1, org_id);
            db_bind_text(st, 2, grains[g]);
            if (store_step_done(st, e) != PD_OK)
                return e->code;
        }
    return PD_OK;
}
