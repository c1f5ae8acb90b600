/*
 * store_research.c: the raw reads behind the research export (see store_research.h).
 */
#include "store_research.h"

/* The dossiers of the export: open at some day of the period ?2..?3 of organisation ?1. */
#define IN_EXPORT                                                                                  \
    "dossier_id IN (SELECT id FROM dossier WHERE org_id = ?1 AND opened_on <= ?3"                  \
    " AND (closed_on IS NULL OR closed_on >= ?2))"

/* The area at wijk level: a buurt counts as its parent (a wijk, or coarser); a wijk or a
 * cluster as itself; a buurt without a parent as unknown. The dossier's area first, else
 * the client's. */
static struct db_stmt *read_dossiers(struct db *db, struct pd_err *e)
{
    return db_prepare(
        db,
        "SELECT json_object('id', d.id, 'client_id', d.client_id, 'status', d.status,"
        " 'goal_type', d.goal_type, 'keep_warm', d.keep_warm, 'opened_on', d.opened_on,"
        " 'closed_on', d.closed_on, 'closure_reason', d.closure_reason, 'closing_note',"
        " d.closing_note, 'birth_year', c.birth_year, 'area', CASE WHEN ar.kind = 'buurt' THEN"
        " p.name ELSE ar.name END,"
        " 'outcomes_client', json((SELECT json_group_array(code) FROM (SELECT code FROM"
        "  dossier_outcome o WHERE o.org_id = ?1 AND o.dossier_id = d.id AND o.vocab ="
        "  'outcome_client' ORDER BY code) AS s)),"
        " 'outcomes_generalist', json((SELECT json_group_array(code) FROM (SELECT code FROM"
        "  dossier_outcome o WHERE o.org_id = ?1 AND o.dossier_id = d.id AND o.vocab ="
        "  'outcome_generalist' ORDER BY code) AS s)))"
        " FROM dossier d JOIN client c ON c.id = d.client_id AND c.org_id = d.org_id"
        " LEFT JOIN area ar ON ar.id = COALESCE(d.area_id, c.area_id) AND ar.org_id = d.org_id"
        " LEFT JOIN area p ON p.id = ar.parent_id AND p.org_id = d.org_id"
        " WHERE d.org_id = ?1 AND d.opened_on <= ?3 AND (d.closed_on IS NULL OR d.closed_on >= ?2)"
        " ORDER BY d.id",
        e);
}

/* Requests made in the period about an exported dossier. assignment_on: the first start
 * of the assigned expert on the dossier after the request (as in the reports). */
static struct db_stmt *read_requests(struct db *db, struct pd_err *e)
{
    return db_prepare(
        db,
        "SELECT json_object('id', q.id, 'dossier_id', q.dossier_id, 'status', q.status, 'phase',"
        " q.phase, 'channel', q.channel, 'match_basis', q.match_basis, 'client_informed',"
        " q.client_informed, 'question', q.question, 'decision_note', q.decision_note,"
        " 'requested_on', substr(q.created_at, 1, 10), 'decided_on', substr(q.decided_at, 1, 10),"
        " 'assigned_expert_id', q.assigned_expert_id,"
        " 'assignment_on', (SELECT MIN(s.start_on) FROM assignment s WHERE s.org_id = q.org_id"
        "  AND s.dossier_id = q.dossier_id AND s.worker_id = q.assigned_expert_id"
        "  AND s.role IN ('expert', 'bridging_expert') AND s.created_at >= q.created_at),"
        " 'reasons', json((SELECT json_group_array(code) FROM (SELECT code FROM request_code k"
        "  WHERE k.org_id = ?1 AND k.request_id = q.id AND k.vocab = 'deployment_reason'"
        "  ORDER BY code) AS s)),"
        " 'experience_areas', json((SELECT json_group_array(code) FROM (SELECT code FROM"
        "  request_code k WHERE k.org_id = ?1 AND k.request_id = q.id AND k.vocab ="
        "  'experience_area' ORDER BY code) AS s)),"
        " 'themes', json((SELECT json_group_array(code) FROM (SELECT code FROM request_code k"
        "  WHERE k.org_id = ?1 AND k.request_id = q.id AND k.vocab = 'generic_theme'"
        "  ORDER BY code) AS s)))"
        " FROM request q WHERE q.org_id = ?1 AND q." IN_EXPORT
        " AND substr(q.created_at, 1, 10) BETWEEN ?2 AND ?3 ORDER BY q.id",
        e);
}

/* Assignments on an exported dossier that overlap the period, with their intensity
 * history (oldest first). */
static struct db_stmt *read_assignments(struct db *db, struct pd_err *e)
{
    return db_prepare(
        db,
        "SELECT json_object('id', s.id, 'dossier_id', s.dossier_id, 'worker_id', s.worker_id,"
        " 'role', s.role, 'start_on', s.start_on, 'end_on', s.end_on,"
        " 'intensity', json((SELECT json_group_array(json_object('pattern', pattern,"
        "  'agreed_on', agreed_on)) FROM (SELECT pattern, agreed_on FROM intensity i"
        "  WHERE i.org_id = ?1 AND i.assignment_id = s.id ORDER BY agreed_on, created_at, id) AS "
        "s)))"
        " FROM assignment s WHERE s.org_id = ?1 AND s." IN_EXPORT
        " AND s.start_on <= ?3 AND (s.end_on IS NULL OR s.end_on >= ?2) ORDER BY s.id",
        e);
}

/* Notes (contacts and contact attempts) of the period on an exported dossier. */
static struct db_stmt *read_notes(struct db *db, struct pd_err *e)
{
    return db_prepare(
        db,
        "SELECT json_object('id', t.id, 'dossier_id', t.dossier_id, 'author_id', t.author_id,"
        " 'author_role', t.author_role, 'kind', t.kind, 'contact_on', t.contact_on, 'minutes',"
        " t.minutes, 'attempt', t.attempt, 'body', t.body,"
        " 'activities', json((SELECT json_group_array(code) FROM (SELECT code FROM note_code k"
        "  WHERE k.org_id = ?1 AND k.note_id = t.id AND k.vocab = 'activity' ORDER BY code) AS s)),"
        " 'approaches', json((SELECT json_group_array(code) FROM (SELECT code FROM note_code k"
        "  WHERE k.org_id = ?1 AND k.note_id = t.id AND k.vocab = 'approach' ORDER BY code) AS s)))"
        " FROM note t WHERE t.org_id = ?1 AND t." IN_EXPORT
        " AND t.contact_on BETWEEN ?2 AND ?3 ORDER BY t.id",
        e);
}

/* Evaluations planned in the period. */
static struct db_stmt *read_evaluations(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT json_object('id', v.id, 'dossier_id', v.dossier_id, 'planned_on',"
                      " v.planned_on, 'planned_by', v.planned_by, 'held_on', v.held_on, 'summary',"
                      " v.summary)"
                      " FROM evaluation v WHERE v.org_id = ?1 AND v." IN_EXPORT
                      " AND v.planned_on BETWEEN ?2 AND ?3 ORDER BY v.id",
                      e);
}

/* Referrals made in the period. */
static struct db_stmt *read_referrals(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT json_object('id', f.id, 'dossier_id', f.dossier_id, 'service',"
                      " f.service, 'referred_on', f.referred_on, 'accompanied', f.accompanied,"
                      " 'note', f.note)"
                      " FROM referral f WHERE f.org_id = ?1 AND f." IN_EXPORT
                      " AND f.referred_on BETWEEN ?2 AND ?3 ORDER BY f.id",
                      e);
}

/* Bridging periods that overlap the period. */
static struct db_stmt *read_bridging(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT json_object('id', b.id, 'dossier_id', b.dossier_id, 'awaited',"
                      " b.awaited, 'waiting_since', b.waiting_since, 'ended_on', b.ended_on,"
                      " 'keeper_id', b.keeper_id)"
                      " FROM bridging b WHERE b.org_id = ?1 AND b." IN_EXPORT
                      " AND b.waiting_since <= ?3 AND (b.ended_on IS NULL OR b.ended_on >= ?2)"
                      " ORDER BY b.id",
                      e);
}

/* Closings and reopenings in the period. */
static struct db_stmt *read_closures(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT json_object('id', x.id, 'dossier_id', x.dossier_id, 'action',"
                      " x.action, 'on_date', x.on_date, 'reason', x.reason, 'note', x.note)"
                      " FROM dossier_closure x WHERE x.org_id = ?1 AND x." IN_EXPORT
                      " AND x.on_date BETWEEN ?2 AND ?3 ORDER BY x.id",
                      e);
}

/* Consultations held in the period (with or without a dossier). */
static struct db_stmt *read_consultations(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT json_object('id', k.id, 'expert_id', k.expert_id, 'asker_id',"
                      " k.asker_id, 'dossier_id', k.dossier_id, 'held_on', k.held_on, 'channel',"
                      " k.channel, 'formal', k.formal, 'theme', k.theme, 'response', k.response,"
                      " 'minutes', k.minutes, 'summary', k.summary)"
                      " FROM consultation k WHERE k.org_id = ?1 AND k.held_on BETWEEN ?2 AND ?3"
                      " ORDER BY k.id",
                      e);
}

/* Case discussions held in the period, with the experts who attended. */
static struct db_stmt *read_case_discussions(struct db *db, struct pd_err *e)
{
    return db_prepare(
        db,
        "SELECT json_object('id', c.id, 'held_on', c.held_on, 'dossier_id', c.dossier_id,"
        " 'presenter_id', c.presenter_id, 'outcome', c.outcome, 'summary', c.summary,"
        " 'expert_ids', json((SELECT json_group_array(worker_id) FROM (SELECT worker_id FROM"
        "  case_discussion_expert x WHERE x.org_id = ?1 AND x.discussion_id = c.id"
        "  ORDER BY worker_id) AS s)))"
        " FROM case_discussion c WHERE c.org_id = ?1 AND c.held_on BETWEEN ?2 AND ?3"
        " ORDER BY c.id",
        e);
}

const struct research_table store_research_tables[] = {
    {"dossiers", read_dossiers},           {"requests", read_requests},
    {"assignments", read_assignments},     {"notes", read_notes},
    {"evaluations", read_evaluations},     {"referrals", read_referrals},
    {"bridging", read_bridging},           {"closures", read_closures},
    {"consultations", read_consultations}, {"case_discussions", read_case_discussions},
};

const size_t store_research_table_count =
    sizeof(store_research_tables) / sizeof(store_research_tables[0]);

int store_research_rows(struct db *db, const struct research_table *t, const char *org_id,
                        const char *from, const char *to, json_t **out, struct pd_err *e)
{
    *out = NULL;
    struct db_stmt *st = t->prepare(db, e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, from);
    db_bind_text(st, 3, to);
    json_t *rows = json_array();
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        size_t n = 0;
        const char *text = db_col_textn(st, 0, &n);
        json_error_t jerr;
        json_t *row = text ? json_loadb(text, n, JSON_REJECT_DUPLICATES, &jerr) : NULL;
        if (!row || !json_is_object(row)) {
            json_decref(row);
            json_decref(rows);
            db_reset(st);
            return err_set(e, PD_EINTERNAL, NULL, "research export of %s: a row is not an object",
                           t->name);
        }
        json_array_append_new(rows, row);
    }
    if (rc < 0) {
        json_decref(rows);
        return rc;
    }
    *out = rows;
    return PD_OK;
}
