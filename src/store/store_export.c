/*
 * store_export.c: the per-table reads of a client export (see store_export.h).
 */
#include "store_export.h"

#include <string.h>

/* One query per table; ?1 is the organisation, ?2 the client. The columns are the JSON
 * object's keys, in order (store_export_rows builds it: SQLite's json_object has no
 * PostgreSQL spelling); the table's ints say which of them are numbers. */
static struct db_stmt *read_client(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT id, code, name, contact, birth_year, area_id, created_by, "
                      "created_at, updated_at, version"
                      " FROM client WHERE org_id = ?1 AND id = ?2"
                      " ORDER BY id",
                      e);
}

static struct db_stmt *read_consent(struct db *db, struct pd_err *e)
{
    return db_prepare(
        db,
        "SELECT id, client_id, dossier_id, kind, given, recorded_on, recorded_by, created_at"
        " FROM consent WHERE org_id = ?1 AND client_id = ?2"
        " ORDER BY recorded_on, created_at, id",
        e);
}

static struct db_stmt *read_dossier(struct db *db, struct pd_err *e)
{
    return db_prepare(
        db,
        "SELECT id, client_id, responsible_id, status, goal_type, area_id, keep_warm, opened_on, "
        "closed_on, closure_reason, closing_note, created_at, updated_at, version"
        " FROM dossier WHERE org_id = ?1 AND client_id = ?2"
        " ORDER BY opened_on, created_at, id",
        e);
}

static struct db_stmt *read_dossier_outcome(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT dossier_id, vocab, code"
                      " FROM dossier_outcome WHERE org_id = ?1 AND dossier_id IN (SELECT id FROM "
                      "dossier WHERE org_id = ?1 AND client_id = ?2)"
                      " ORDER BY dossier_id, vocab, code",
                      e);
}

static struct db_stmt *read_assignment(struct db *db, struct pd_err *e)
{
    return db_prepare(
        db,
        "SELECT id, dossier_id, worker_id, role, start_on, end_on, created_at, version"
        " FROM assignment WHERE org_id = ?1 AND dossier_id IN (SELECT id FROM "
        "dossier WHERE org_id = ?1 AND client_id = ?2)"
        " ORDER BY start_on, created_at, id",
        e);
}

static struct db_stmt *read_intensity(struct db *db, struct pd_err *e)
{
    return db_prepare(
        db,
        "SELECT id, assignment_id, pattern, agreed_on, created_by, created_at"
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
        "SELECT id, dossier_id, requester_id, status, match_basis, phase, channel, question, "
        "preferred_expert_id, client_informed, client_informed_on, decided_by, decided_at, "
        "decision_note, assigned_expert_id, created_at, updated_at, version"
        " FROM request WHERE org_id = ?1 AND dossier_id IN (SELECT id FROM dossier WHERE org_id = "
        "?1 AND client_id = ?2)"
        " ORDER BY created_at, id",
        e);
}

static struct db_stmt *read_request_code(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT request_id, vocab, code"
                      " FROM request_code WHERE org_id = ?1 AND request_id IN (SELECT id FROM "
                      "request WHERE org_id = ?1 AND dossier_id IN (SELECT id FROM dossier WHERE "
                      "org_id = ?1 AND client_id = ?2))"
                      " ORDER BY request_id, vocab, code",
                      e);
}

static struct db_stmt *read_note(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT id, dossier_id, author_id, author_role, kind, contact_on, minutes, "
                      "attempt, body, created_at, updated_at, version"
                      " FROM note WHERE org_id = ?1 AND dossier_id IN (SELECT id FROM dossier "
                      "WHERE org_id = ?1 AND client_id = ?2)"
                      " ORDER BY contact_on, created_at, id",
                      e);
}

static struct db_stmt *read_note_code(struct db *db, struct pd_err *e)
{
    return db_prepare(
        db,
        "SELECT note_id, vocab, code"
        " FROM note_code WHERE org_id = ?1 AND note_id IN (SELECT id FROM note WHERE org_id = ?1 "
        "AND dossier_id IN (SELECT id FROM dossier WHERE org_id = ?1 AND client_id = ?2))"
        " ORDER BY note_id, vocab, code",
        e);
}

static struct db_stmt *read_evaluation(struct db *db, struct pd_err *e)
{
    return db_prepare(
        db,
        "SELECT id, dossier_id, planned_on, planned_by, held_on, summary, created_at, updated_at, "
        "version"
        " FROM evaluation WHERE org_id = ?1 AND dossier_id IN (SELECT id FROM dossier WHERE org_id "
        "= ?1 AND client_id = ?2)"
        " ORDER BY planned_on, id",
        e);
}

static struct db_stmt *read_referral(struct db *db, struct pd_err *e)
{
    return db_prepare(
        db,
        "SELECT id, dossier_id, service, referred_on, accompanied, note, created_by, created_at"
        " FROM referral WHERE org_id = ?1 AND dossier_id IN (SELECT id FROM dossier "
        "WHERE org_id = ?1 AND client_id = ?2)"
        " ORDER BY referred_on, id",
        e);
}

static struct db_stmt *read_bridging(struct db *db, struct pd_err *e)
{
    return db_prepare(
        db,
        "SELECT id, dossier_id, awaited, waiting_since, keeper_id, ended_on, created_at, version"
        " FROM bridging WHERE org_id = ?1 AND dossier_id IN (SELECT id FROM dossier "
        "WHERE org_id = ?1 AND client_id = ?2)"
        " ORDER BY waiting_since, id",
        e);
}

static struct db_stmt *read_dossier_closure(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT id, dossier_id, action, on_date, reason, note, created_by, created_at"
                      " FROM dossier_closure WHERE org_id = ?1 AND dossier_id IN (SELECT id FROM "
                      "dossier WHERE org_id = ?1 AND client_id = ?2)"
                      " ORDER BY created_at, id",
                      e);
}

static struct db_stmt *read_consultation(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT id, expert_id, asker_id, channel, formal, theme, summary, response, "
                      "minutes, dossier_id, held_on, created_at, version"
                      " FROM consultation WHERE org_id = ?1 AND dossier_id IN (SELECT id FROM "
                      "dossier WHERE org_id = ?1 AND client_id = ?2)"
                      " ORDER BY held_on, created_at, id",
                      e);
}

static struct db_stmt *read_case_discussion(struct db *db, struct pd_err *e)
{
    return db_prepare(
        db,
        "SELECT id, held_on, team_id, presenter_id, dossier_id, outcome, summary, created_by, "
        "created_at, version"
        " FROM case_discussion WHERE org_id = ?1 AND dossier_id IN (SELECT id FROM dossier WHERE "
        "org_id = ?1 AND client_id = ?2)"
        " ORDER BY held_on, created_at, id",
        e);
}

static struct db_stmt *read_case_discussion_expert(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT discussion_id, worker_id"
                      " FROM case_discussion_expert WHERE org_id = ?1 AND discussion_id IN (SELECT "
                      "id FROM case_discussion WHERE org_id = ?1 AND dossier_id IN (SELECT id FROM "
                      "dossier WHERE org_id = ?1 AND client_id = ?2))"
                      " ORDER BY discussion_id, worker_id",
                      e);
}

static struct db_stmt *read_break_glass(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT id, worker_id, client_id, reason, started_at, expires_at, ended_at, "
                      "reviewed_by, reviewed_at, review_outcome, review_note, version"
                      " FROM break_glass WHERE org_id = ?1 AND client_id = ?2"
                      " ORDER BY started_at, id",
                      e);
}

static struct db_stmt *read_client_right_request(struct db *db, struct pd_err *e)
{
    return db_prepare(
        db,
        "SELECT id, reference, client_id, kind, received_on, due_on, extended_due_on, "
        "extension_reason, status, done_on, note, created_by, created_at, updated_at, version"
        " FROM client_right_request WHERE org_id = ?1 AND client_id = ?2"
        " ORDER BY received_on, reference",
        e);
}

const struct export_table store_export_tables[] = {
    {"client", read_client, "birth_year version"},
    {"consent", read_consent, "given"},
    {"dossier", read_dossier, "keep_warm version"},
    {"dossier_outcome", read_dossier_outcome, ""},
    {"assignment", read_assignment, "version"},
    {"intensity", read_intensity, ""},
    {"request", read_request, "client_informed version"},
    {"request_code", read_request_code, ""},
    {"note", read_note, "minutes attempt version"},
    {"note_code", read_note_code, ""},
    {"evaluation", read_evaluation, "version"},
    {"referral", read_referral, "accompanied"},
    {"bridging", read_bridging, "version"},
    {"dossier_closure", read_dossier_closure, ""},
    {"consultation", read_consultation, "formal minutes version"},
    {"case_discussion", read_case_discussion, "version"},
    {"case_discussion_expert", read_case_discussion_expert, ""},
    {"break_glass", read_break_glass, "version"},
    {"client_right_request", read_client_right_request, "version"},
};

const size_t store_export_table_count =
    sizeof(store_export_tables) / sizeof(store_export_tables[0]);

/* Whether column name of t holds integers (t->ints: names, " "-separated). */
static bool export_is_int(const struct export_table *t, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = t->ints; (p = strstr(p, name)) != NULL; p += n)
        if ((p == t->ints || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
            return true;
    return false;
}

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
        json_t *row = json_object();
        for (int i = 0; i < db_col_count(st); i++) {
            const char *name = db_col_name(st, i);
            json_t *v = db_col_is_null(st, i)    ? json_null()
                        : export_is_int(t, name) ? json_integer(db_col_int64(st, i))
                                                 : json_string(db_col_text(st, i));
            if (!v || json_object_set_new(row, name, v) != 0) {
                json_decref(row);
                json_decref(rows);
                db_reset(st);
                return err_set(e, PD_EINTERNAL, NULL, "export of %s: a value is not JSON", t->name);
            }
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
