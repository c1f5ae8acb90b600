/*
 * store_access.c: one query gathers every relationship between a worker and a dossier,
 * so the need-to-know decision costs one round trip. Assignments count while their end
 * date is absent or not yet past; break-the-glass grants while not ended and not expired.
 */
#include <string.h>

#include "store_access.h"
#include "store_util.h"

int store_access_facts(struct db *db, const char *org_id, const char *worker_id,
                       const char *dossier_id, const char *now, struct access_facts *f,
                       struct dossier_core *core, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db,
        "SELECT d.id, d.client_id, d.responsible_id, d.version, CASE WHEN d.status = 'closed' THEN "
        "1 ELSE 0 END,"
        " CASE WHEN d.responsible_id = ?2 THEN 1 ELSE 0 END,"
        " CASE WHEN EXISTS (SELECT 1 FROM assignment a WHERE a.dossier_id = d.id AND a.worker_id = "
        "?2"
        "         AND a.role IN ('generalist', 'expert')"
        "         AND (a.end_on IS NULL OR a.end_on >= substr(?4, 1, 10))) THEN 1 ELSE 0 END,"
        " CASE WHEN EXISTS (SELECT 1 FROM assignment a WHERE a.dossier_id = d.id AND a.worker_id = "
        "?2"
        "         AND a.role = 'bridging_expert'"
        "         AND (a.end_on IS NULL OR a.end_on >= substr(?4, 1, 10))) THEN 1 ELSE 0 END,"
        " CASE WHEN EXISTS (SELECT 1 FROM request q WHERE q.dossier_id = d.id"
        "         AND q.status IN ('submitted', 'in_review')) THEN 1 ELSE 0 END,"
        " CASE WHEN EXISTS (SELECT 1 FROM break_glass b WHERE b.client_id = d.client_id"
        "         AND b.worker_id = ?2 AND b.ended_at IS NULL AND b.expires_at > ?4) THEN 1 ELSE 0 "
        "END,"
        " CASE WHEN EXISTS (SELECT 1 FROM team_member m JOIN team t ON t.id = m.team_id"
        "         WHERE m.worker_id = ?2 AND t.kind = 'expert_team') THEN 1 ELSE 0 END"
        " FROM dossier d WHERE d.id = ?1 AND d.org_id = ?3",
        e);
    if (!st)
        return e->code;
    memset(f, 0, sizeof(*f));
    memset(core, 0, sizeof(*core));
    db_bind_text(st, 1, dossier_id);
    db_bind_text(st, 2, worker_id);
    db_bind_text(st, 3, org_id);
    db_bind_text(st, 4, now);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc == DB_ROW) {
        f->exists = true;
        store_col_id(st, 0, core->id);
        store_col_id(st, 1, core->client_id);
        store_col_id(st, 2, core->responsible_id);
        core->version = db_col_int64(st, 3);
        f->closed = db_col_int64(st, 4) != 0;
        f->responsible = db_col_int64(st, 5) != 0;
        f->assigned = db_col_int64(st, 6) != 0;
        f->bridging = db_col_int64(st, 7) != 0;
        f->open_request = db_col_int64(st, 8) != 0;
        f->break_glass = db_col_int64(st, 9) != 0;
        f->team_coordinator = db_col_int64(st, 10) != 0;
    }
    db_reset(st);
    return PD_OK;
}

int store_in_expert_team(struct db *db, const char *worker_id, bool *yes, struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db,
                   "SELECT CASE WHEN EXISTS (SELECT 1 FROM team_member m JOIN team t"
                   " ON t.id = m.team_id WHERE m.worker_id = ?1"
                   " AND t.kind = 'expert_team') THEN 1 ELSE 0 END",
                   e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, worker_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    *yes = rc == DB_ROW && db_col_int64(st, 0) != 0;
    db_reset(st);
    return PD_OK;
}
