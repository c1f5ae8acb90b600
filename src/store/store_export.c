/*
 * store_export.c: the per-table reads of a client export (see store_export.h).
 */
#include "store_export.h"

#include <string.h>

/* One query per table; ?1 is the organisation, ?2 the client. */
static struct db_stmt *read_client(struct db *db, struct pd_err *e)
{
    return db_prepare(
        db,
        "SELECT json_object('id', id, 'code', code, 'name', name, 'contact', contact, "
        "'birth_year', birth_year, 'area_id', area_id, 'created_by', created_by, 'created_at', "
        "created_at, 'updated_at', updated_at, 'version', version)"
        " FROM client WHERE org_id = ?1 AND id = ?2"
        " ORDER BY id",
        e);
}

static struct db_stmt *read_consent(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT json_object('id', id, 'client_id', client_id, 'dossier_id', "
                      "dossier_id, 'kind', kind, 'given', given, 'recorded_on', recorded_on, "
                      "'recorded_by', recorded_by, 'created_at', created_at)"
                      " FROM consent WHERE org_id = ?1 AND client_id = ?2"
                      " ORDER BY recorded_on, created_at, id",
                      e);
}

static struct db_stmt *read_dossier(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT json_object('id', id, 'client_id', client_id, 'responsible_id', "
                      "responsible_id, 'status', status, 'goal_type', goal_type, 'area_id', "
                      "area_id, 'keep_warm', keep_warm, 'opened_on', opened_on, 'closed_on', "
                      "closed_on, 'closure_reason', closure_reason, 'closing_note', closing_note, "
                      "'created_at', created_at, 'updated_at', updated_at, 'version', version)"
                      " FROM dossier WHERE org_id = ?1 AND client_id = ?2"
                      " ORDER BY opened_on, created_at, id",
                      e);
}

static struct db_stmt *read_dossier_outcome(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT json_object('dossier_id', dossier_id, 'vocab', vocab, 'code', code)"
                      " FROM dossier_outcome WHERE org_id = ?1 AND dossier_id IN (SELECT id FROM "
                      "dossier WHERE org_id = ?1 AND client_id = ?2)"
                      " ORDER BY dossier_id, vocab, code",
                      e);
}

static struct db_stmt *read_assignment(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT json_object('id', id, 'dossier_id', dossier_id, 'worker_id', "
                      "worker_id, 'role', role, 'start_on', start_on, 'end_on', end_on, "
                      "'created_at', created_at, 'version', version)"
                      " FROM assignment WHERE org_id = ?1 AND dossier_id IN (SELECT id FROM "
                      "dossier WHERE org_id = ?1 AND client_id = ?2)"
                      " ORDER BY start_on, created_at, id",
                      e);
}

static struct db_stmt *read_intensity(struct db *db, struct pd_err *e)
{
    return db_prepare(
        db,
        "SELECT json_object('id', id, 'assignment_id', assignment_id, 'pattern', pattern, "
        "'agreed_on', agreed_on, 'created_by', created_by, 'created_at', created_at)"
        " FROM intensity WHERE org_id = ?1 AND assignment_id IN (SELECT id FROM assignment WHERE "
        "org_id = ?1 AND dossier_id IN (SELECT id FROM dossier WHERE org_id = ?1 AND client_id = "
        "?2))"
        " ORDER BY created_at, id",
        e);
}

static struct db_stmt *read_request(struct db *db, struct pd_err *e)
{
    return db_prepare(
        db,
        "SELECT json_object('id', id, 'dossier_id', dossier_id, 'requester_id', requester_id, "
        "'status', status, 'match_basis', match_basis, 'phase', phase, 'channel', channel, "
        "'question', question, 'preferred_expert_id', preferred_expert_id, 'client_informed', "
        "client_informed, 'client_informed_on', client_informed_on, 'decided_by', decided_by, "
        "'decided_at', decided_at, 'decision_note', decision_note, 'assigned_expert_id', "
        "assigned_expert_id, 'created_at', created_at, 'updated_at', updated_at, 'version', "
        "version)"
        " FROM request WHERE org_id = ?1 AND dossier_id IN (SELECT id FROM dossier WHERE org_id = "
        "?1 AND client_id = ?2)"
        " ORDER BY created_at, id",
        e);
}

static struct db_stmt *read_request_code(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT json_object('request_id', request_id, 'vocab', vocab, 'code', code)"
                      " FROM request_code WHERE org_id = ?1 AND request_id IN (SELECT id FROM "
                      "request WHERE org_id = ?1 AND dossier_id IN (SELECT id FROM dossier WHERE "
                      "org_id = ?1 AND client_id = ?2))"
                      " ORDER BY request_id, vocab, code",
                      e);
}

static struct db_stmt *read_note(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT json_object('id', id, 'dossier_id', dossier_id, 'author_id', "
                      "author_id, 'author_role', author_role, 'kind', kind, 'contact_on', "
                      "contact_on, 'minutes', minutes, 'attempt', attempt, 'body', body, "
                      "'created_at', created_at, 'updated_at', updated_at, 'version', version)"
                      " FROM note WHERE org_id = ?1 AND dossier_id IN (SELECT id FROM dossier "
                      "WHERE org_id = ?1 AND client_id = ?2)"
                      " ORDER BY contact_on, created_at, id",
                      e);
}

static struct db_stmt *read_note_code(struct db *db, struct pd_err *e)
{
    return db_prepare(
        db,
        "SELECT json_object('note_id', note_id, 'vocab', vocab, 'code', code)"
        " FROM note_code WHERE org_id = ?1 AND note_id IN (SELECT id FROM note WHERE org_id = ?1 "
        "AND dossier_id IN (SELECT id FROM dossier WHERE org_id = ?1 AND client_id = ?2))"
        " ORDER BY note_id, vocab, code",
        e);
}

static struct db_stmt *read_evaluation(struct db *db, struct pd_err *e)
{
    return db_prepare(
        db,
        "SELECT json_object('id', id, 'dossier_id', dossier_id, 'planned_on', planned_on, "
        "'planned_by', planned_by, 'held_on', held_on, 'summary', summary, 'created_at', "
        "created_at, 'updated_at', updated_at, 'version', version)"
        " FROM evaluation WHERE org_id = ?1 AND dossier_id IN (SELECT id FROM dossier WHERE org_id "
        "= ?1 AND client_id = ?2)"
        " ORDER BY planned_on, id",
        e);
}

static struct db_stmt *read_referral(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT json_object('id', id, 'dossier_id', dossier_id, 'service', service, "
                      "'referred_on', referred_on, 'accompanied', accompanied, 'note', note, "
                      "'created_by', created_by, 'created_at', created_at)"
                      " FROM referral WHERE org_id = ?1 AND dossier_id IN (SELECT id FROM dossier "
                      "WHERE org_id = ?1 AND client_id = ?2)"
                      " ORDER BY referred_on, id",
                      e);
}

static struct db_stmt *read_bridging(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT json_object('id', id, 'dossier_id', dossier_id, 'awaited', awaited, "
                      "'waiting_since', waiting_since, 'keeper_id', keeper_id, 'ended_on', "
                      "ended_on, 'created_at', created_at, 'version', version)"
                      " FROM bridging WHERE org_id = ?1 AND dossier_id IN (SELECT id FROM dossier "
                      "WHERE org_id = ?1 AND client_id = ?2)"
                      " ORDER BY waiting_since, id",
                      e);
}

static struct db_stmt *read_dossier_closure(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT json_object('id', id, 'dossier_id', dossier_id, 'action', action, "
                      "'on_date', on_date, 'reason', reason, 'note', note, 'created_by', "
                      "created_by, 'created_at', created_at)"
                      " FROM dossier_closure WHERE org_id = ?1 AND dossier_id IN (SELECT id FROM "
                      "dossier WHERE org_id = ?1 AND client_id = ?2)"
                      " ORDER BY created_at, id",
                      e);
}

static struct db_stmt *read_consultation(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT json_object('id', id, 'expert_id', expert_id, 'asker_id', asker_id, "
                      "'channel', channel, 'formal', formal, 'theme', theme, 'summary', summary, "
                      "'response', response, 'minutes', minutes, 'dossier_id', dossier_id, "
                      "'held_on', held_on, 'created_at', created_at, 'version', version)"
                      " FROM consultation WHERE org_id = ?1 AND dossier_id IN (SELECT id FROM "
                      "dossier WHERE org_id = ?1 AND client_id = ?2)"
                      " ORDER BY held_on, created_at, id",
                      e);
}

static struct db_stmt *read_case_discussion(struct db *db, struct pd_err *e)
{
    return db_prepare(
        db,
        "SELECT json_object('id', id, 'held_on', held_on, 'team_id', team_id, 'presenter_id', "
        "presenter_id, 'dossier_id', dossier_id, 'outcome', outcome, 'summary', summary, "
        "'created_by', created_by, 'created_at', created_at, 'version', version)"
        " FROM case_discussion WHERE org_id = ?1 AND dossier_id IN (SELECT id FROM dossier WHERE "
        "org_id = ?1 AND client_id = ?2)"
        " ORDER BY held_on, created_at, id",
        e);
}

static struct db_stmt *read_case_discussion_expert(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT json_object('discussion_id', discussion_id, 'worker_id', worker_id)"
                      " FROM case_discussion_expert WHERE org_id = ?1 AND discussion_id IN (SELECT "
                      "id FROM case_discussion WHERE org_id = ?1 AND dossier_id IN (SELECT id FROM "
                      "dossier WHERE org_id = ?1 AND client_id = ?2))"
                      " ORDER BY discussion_id, worker_id",
                      e);
}

static struct db_stmt *read_break_glass(struct db *db, struct pd_err *e)
{
    return db_prepare(
        db,
        "SELECT json_object('id', id, 'worker_id', worker_id, 'client_id', client_id, 'reason', "
        "reason, 'started_at', started_at, 'expires_at', expires_at, 'ended_at', ended_at, "
        "'reviewed_by', reviewed_by, 'reviewed_at', reviewed_at, 'review_outcome', review_outcome, "
        "'review_note', review_note, 'version', version)"
        " FROM break_glass WHERE org_id = ?1 AND client_id = ?2"
        " ORDER BY started_at, id",
        e);
}

static struct db_stmt *read_client_right_request(struct db *db, struct pd_err *e)
{
    return db_prepare(
        db,
        "SELECT json_object('id', id, 'reference', reference, 'client_id', client_id, 'kind', "
        "kind, 'received_on', received_on, 'due_on', due_on, 'extended_due_on', extended_due_on, "
        "'extension_reason', extension_reason, 'status', status, 'done_on', done_on, 'note', note, "
        "'created_by', created_by, 'created_at', created_at, 'updated_at', updated_at, 'version', "
        "version)"
        " FROM client_right_request WHERE org_id = ?1 AND client_id = ?2"
        " ORDER BY received_on, reference",
        e);
}

const struct export_table store_export_tables[] = {
    {"client", read_client},
    {"consent", read_consent},
    {"dossier", read_dossier},
    {"dossier_outcome", read_dossier_outcome},
    {"assignment", read_assignment},
    {"intensity", read_intensity},
    {"request", read_request},
    {"request_code", read_request_code},
    {"note", read_note},
    {"note_code", read_note_code},
    {"evaluation", read_evaluation},
    {"referral", read_referral},
    {"bridging", read_bridging},
    {"dossier_closure", read_dossier_closure},
    {"consultation", read_consultation},
    {"case_discussion", read_case_discussion},
    {"case_discussion_expert", read_case_discussion_expert},
    {"break_glass", read_break_glass},
    {"client_right_request", read_client_right_request},
};

const size_t store_export_table_count =
    sizeof(store_export_tables) / sizeof(store_export_tables[0]);

int store_export_rows(struct db *db, const struct export_table *t, const char *org_id,
                      const char *client_id, json_t **out, struct pd_err *e)
{
    *out = NULL;
    struct db_stmt *st = t->prepare(db, e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, client_id);
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
            return err_set(e, PD_EINTERNAL, NULL, "export of %s: a row is not a JSON object",
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
