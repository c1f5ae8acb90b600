/*
 * store_reports_minutes.c: keeps expert_minutes (migration 0015) equal to the sums the hours
 * report would otherwise add up from every note and consultation of the period: a write
 * of a note or consultation adds its minutes to its day and its month in the same
 * transaction (see store_reports.h). Each function is one statement per grain, so a note
 * costs two small upserts.
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

int store_report_minutes_rebuild(struct db *db, const char *org_id, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db, "DELETE FROM expert_minutes WHERE org_id = ?1", e);
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
