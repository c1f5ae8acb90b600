/*
 * store_research.c: the raw reads behind the research export (see store_research.h).
 */
#include "store_research.h"

#include <string.h>

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
        "SELECT d.id, d.client_id, d.status, d.goal_type, d.keep_warm, d.opened_on, d.closed_on, "
        "d.closure_reason, d.closing_note, c.birth_year, CASE WHEN ar.kind = 'buurt' THEN p.name "
        "ELSE ar.name END AS area"
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
        "SELECT q.id, q.dossier_id, q.status, q.phase, q.channel, q.match_basis, "
        "q.client_informed, q.question, q.decision_note, substr(q.created_at, 1, 10) AS "
        "requested_on, substr(q.decided_at, 1, 10) AS decided_on, q.assigned_expert_id, (SELECT "
        "MIN(s.start_on) FROM assignment s WHERE s.org_id = q.org_id AND s.dossier_id = "
        "q.dossier_id AND s.worker_id = q.assigned_expert_id AND s.role IN ('expert', "
        "'bridging_expert') AND s.created_at >= q.created_at) AS assignment_on"
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
        "SELECT s.id, s.dossier_id, s.worker_id, s.role, s.start_on, s.end_on"
        " FROM assignment s WHERE s.org_id = ?1 AND s." IN_EXPORT
        " AND s.start_on <= ?3 AND (s.end_on IS NULL OR s.end_on >= ?2) ORDER BY s.id",
        e);
}

/* Notes (contacts and contact attempts) of the period on an exported dossier. */
static struct db_stmt *read_notes(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT t.id, t.dossier_id, t.author_id, t.author_role, t.kind, "
                      "t.contact_on, t.minutes, t.attempt, t.body"
                      " FROM note t WHERE t.org_id = ?1 AND t." IN_EXPORT
                      " AND t.contact_on BETWEEN ?2 AND ?3 ORDER BY t.id",
                      e);
}

/* Evaluations planned in the period. */
static struct db_stmt *read_evaluations(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT v.id, v.dossier_id, v.planned_on, v.planned_by, v.held_on, v.summary"
                      " FROM evaluation v WHERE v.org_id = ?1 AND v." IN_EXPORT
                      " AND v.planned_on BETWEEN ?2 AND ?3 ORDER BY v.id",
                      e);
}

/* Referrals made in the period. */
static struct db_stmt *read_referrals(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT f.id, f.dossier_id, f.service, f.referred_on, f.accompanied, f.note"
                      " FROM referral f WHERE f.org_id = ?1 AND f." IN_EXPORT
                      " AND f.referred_on BETWEEN ?2 AND ?3 ORDER BY f.id",
                      e);
}

/* Bridging periods that overlap the period. */
static struct db_stmt *read_bridging(struct db *db, struct pd_err *e)
{
    return db_prepare(
        db,
        "SELECT b.id, b.dossier_id, b.awaited, b.waiting_since, b.ended_on, b.keeper_id"
        " FROM bridging b WHERE b.org_id = ?1 AND b." IN_EXPORT
        " AND b.waiting_since <= ?3 AND (b.ended_on IS NULL OR b.ended_on >= ?2)"
        " ORDER BY b.id",
        e);
}

/* Closings and reopenings in the period. */
static struct db_stmt *read_closures(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT x.id, x.dossier_id, x.action, x.on_date, x.reason, x.note"
                      " FROM dossier_closure x WHERE x.org_id = ?1 AND x." IN_EXPORT
                      " AND x.on_date BETWEEN ?2 AND ?3 ORDER BY x.id",
                      e);
}

/* Consultations held in the period (with or without a dossier). */
static struct db_stmt *read_consultations(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT k.id, k.expert_id, k.asker_id, k.dossier_id, k.held_on, k.channel, "
                      "k.formal, k.theme, k.response, k.minutes, k.summary"
                      " FROM consultation k WHERE k.org_id = ?1 AND k.held_on BETWEEN ?2 AND ?3"
                      " ORDER BY k.id",
                      e);
}

/* Case discussions held in the period, with the experts who attended. */
static struct db_stmt *read_case_discussions(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT c.id, c.held_on, c.dossier_id, c.presenter_id, c.outcome, c.summary"
                      " FROM case_discussion c WHERE c.org_id = ?1 AND c.held_on BETWEEN ?2 AND ?3"
                      " ORDER BY c.id",
                      e);
}

static struct db_stmt *list_outcomes_client(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT code FROM dossier_outcome WHERE org_id = ?1 AND dossier_id = ?2 AND "
                      "vocab = 'outcome_client' ORDER BY code",
                      e);
}

static struct db_stmt *list_outcomes_generalist(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT code FROM dossier_outcome WHERE org_id = ?1 AND dossier_id = ?2 AND "
                      "vocab = 'outcome_generalist' ORDER BY code",
                      e);
}

static struct db_stmt *list_reasons(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT code FROM request_code WHERE org_id = ?1 AND request_id = ?2 AND "
                      "vocab = 'deployment_reason' ORDER BY code",
                      e);
}

static struct db_stmt *list_experience_areas(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT code FROM request_code WHERE org_id = ?1 AND request_id = ?2 AND "
                      "vocab = 'experience_area' ORDER BY code",
                      e);
}

static struct db_stmt *list_themes(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT code FROM request_code WHERE org_id = ?1 AND request_id = ?2 AND "
                      "vocab = 'generic_theme' ORDER BY code",
                      e);
}

static struct db_stmt *list_intensity(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT pattern, agreed_on FROM intensity WHERE org_id = ?1 AND "
                      "assignment_id = ?2 ORDER BY agreed_on, created_at, id",
                      e);
}

static struct db_stmt *list_activities(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT code FROM note_code WHERE org_id = ?1 AND note_id = ?2 AND vocab = "
                      "'activity' ORDER BY code",
                      e);
}

static struct db_stmt *list_approaches(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT code FROM note_code WHERE org_id = ?1 AND note_id = ?2 AND vocab = "
                      "'approach' ORDER BY code",
                      e);
}

static struct db_stmt *list_expert_ids(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "SELECT worker_id FROM case_discussion_expert WHERE org_id = ?1 AND "
                      "discussion_id = ?2 ORDER BY worker_id",
                      e);
}

static const struct research_list dossier_lists[] = {
    {"outcomes_client", list_outcomes_client},
    {"outcomes_generalist", list_outcomes_generalist},
    {NULL, NULL}};
static const struct research_list request_lists[] = {{"reasons", list_reasons},
                                                     {"experience_areas", list_experience_areas},
                                                     {"themes", list_themes},
                                                     {NULL, NULL}};
static const struct research_list assignment_lists[] = {{"intensity", list_intensity},
                                                        {NULL, NULL}};
static const struct research_list note_lists[] = {
    {"activities", list_activities}, {"approaches", list_approaches}, {NULL, NULL}};
static const struct research_list discussion_lists[] = {{"expert_ids", list_expert_ids},
                                                        {NULL, NULL}};

const struct research_table store_research_tables[] = {
    {"dossiers", read_dossiers, "keep_warm birth_year", dossier_lists},
    {"requests", read_requests, "client_informed", request_lists},
    {"assignments", read_assignments, "", assignment_lists},
    {"notes", read_notes, "minutes attempt", note_lists},
    {"evaluations", read_evaluations, "", NULL},
    {"referrals", read_referrals, "accompanied", NULL},
    {"bridging", read_bridging, "", NULL},
    {"closures", read_closures, "", NULL},
    {"consultations", read_consultations, "formal minutes", NULL},
    {"case_discussions", read_case_discussions, "", discussion_lists},
};

const size_t store_research_table_count =
    sizeof(store_research_tables) / sizeof(store_research_tables[0]);

/* Whether column name holds integers (ints: names, " "-separated). */
static bool is_int(const char *ints, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = ints; (p = strstr(p, name)) != NULL; p += n)
        if ((p == ints || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
            return true;
    return false;
}

/* The current row's columns into obj, keyed by column name. */
static int row_values(struct db_stmt *st, const char *ints, json_t *obj)
{
    for (int i = 0; i < db_col_count(st); i++) {
        const char *name = db_col_name(st, i);
        json_t *v = db_col_is_null(st, i) ? json_null()
                    : is_int(ints, name)  ? json_integer(db_col_int64(st, i))
                                          : json_string(db_col_text(st, i));
        if (!v || json_object_set_new(obj, name, v) != 0)
            return PD_EINTERNAL;
    }
    return PD_OK;
}

/* List l of the row with id into row: an array of values (one column) or of objects. */
static int row_list(struct db *db, const struct research_list *l, const char *org_id,
                    const char *id, json_t *row, struct pd_err *e)
{
    struct db_stmt *st = l->prepare(db, e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, id);
    json_t *arr = json_array();
    json_object_set_new(row, l->key, arr);
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        json_t *v;
        if (db_col_count(st) == 1) {
            v = db_col_is_null(st, 0) ? json_null() : json_string(db_col_text(st, 0));
        } else {
            v = json_object();
            if (row_values(st, "", v) != PD_OK) {
                json_decref(v);
                v = NULL;
            }
        }
        if (!v) {
            db_reset(st);
            return err_set(e, PD_EINTERNAL, NULL, "research export: %s is not JSON", l->key);
        }
        json_array_append_new(arr, v);
    }
    return rc < 0 ? rc : PD_OK;
}

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
        json_t *row = json_object();
        json_array_append_new(rows, row);
        if (row_values(st, t->ints, row) != PD_OK) {
            json_decref(rows);
            db_reset(st);
            return err_set(e, PD_EINTERNAL, NULL, "research export of %s: a value is not JSON",
                           t->name);
        }
    }
    if (rc < 0) {
        json_decref(rows);
        return rc;
    }
    /* The lists, once the table's statement is done with. */
    for (size_t i = 0; t->lists && i < json_array_size(rows); i++) {
        json_t *row = json_array_get(rows, i);
        for (const struct research_list *l = t->lists; l->key; l++) {
            if ((rc = row_list(db, l, org_id, json_string_value(json_object_get(row, "id")), row,
                               e)) != PD_OK) {
                json_decref(rows);
                return rc;
            }
        }
    }
    *out = rows;
    return PD_OK;
}
