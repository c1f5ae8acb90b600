/*
 * store_notes.c: see store_notes.h. The timeline is one UNION ALL over the tables that
 * hang off a dossier, ordered by (date, created_at, id) descending; the cursor is the id
 * of the last item seen, resolved to its key inside the same query. The note search joins
 * note_fts to note and dossier and repeats the need-to-know conditions of
 * store_access.c, so rows the searcher may not read never leave SQLite.
 *
 * PostgreSQL (db_dialect): the index is an expression index on note (migration 0003 as
 * translated by sql_dialect.c), kept in step by the server, so the store_note_fts_*
 * calls do nothing there, and the search matches to_tsvector('dutch', body) against a
 * tsquery of prefix terms; these are the only statements that differ by backend.
 */
#include "store_notes.h"

#include <string.h>

#include "../lib/buf.h"
#include "../lib/limits.h"

#include "sql_dialect.h"
#include "store_reports.h"
#include "store_util.h"

/* ---- the full-text index (no triggers: see migration 0003) ---- */

int store_note_fts_add(struct db *db, const char *note_id, struct pd_err *e)
{
    if (db_dialect(db) == DB_DIALECT_PG)
        return PD_OK;
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO note_fts (rowid, body, dossier_id)"
                                    " SELECT rowid, body, dossier_id FROM note WHERE id = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, note_id);
    return store_step_done(st, e);
}

int store_note_fts_remove(struct db *db, const char *note_id, struct pd_err *e)
{
    if (db_dialect(db) == DB_DIALECT_PG)
        return PD_OK;
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO note_fts (note_fts, rowid, body, dossier_id)"
                                    " SELECT 'delete', rowid, body, dossier_id FROM note"
                                    " WHERE id = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, note_id);
    return store_step_done(st, e);
}

int store_note_fts_rebuild(struct db *db, struct pd_err *e)
{
    if (db_dialect(db) == DB_DIALECT_PG)
        return PD_OK;
    struct db_stmt *st = db_prepare(db, "INSERT INTO note_fts (note_fts) VALUES ('rebuild')", e);
    if (!st || store_step_done(st, e) != PD_OK)
        return e->code;
    /* One segment instead of the tens a rebuild leaves: a search then seeks in one list
     * per word, not one per segment (at 3,000,000 notes: 26 -> 11 ms for a common word). */
    st = db_prepare(db, "INSERT INTO note_fts (note_fts) VALUES ('optimize')", e);
    if (!st)
        return e->code;
    return store_step_done(st, e);
}

/* ---- notes ---- */

static int codes_insert(struct db *db, const char *org_id, const char *note_id, const char *vocab,
                        const char *const *codes, size_t n, struct pd_err *e)
{
    for (size_t i = 0; i < n; i++) {
        struct db_stmt *st = db_prepare(db,
                                        "INSERT INTO note_code (org_id, note_id, vocab, code) "
                                        "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                                        e);
        if (!st)
            return e->code;
        db_bind_text(st, 1, org_id);
        db_bind_text(st, 2, note_id);
        db_bind_text(st, 3, vocab);
        db_bind_text(st, 4, codes[i]);
        if (store_step_done(st, e) != PD_OK)
            return e->code;
    }
    return PD_OK;
}

static int codes_read(struct db *db, struct arena *a, const char *note_id, const char *vocab,
                      const char ***out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT code FROM note_code WHERE note_id = ? AND vocab = ? ORDER BY code", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, note_id);
    db_bind_text(st, 2, vocab);
    size_t len = 0, cap = 8;
    const char **v = arena_array(a, cap, sizeof(*v));
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        v[len++] = store_col_str(a, st, 0);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

int store_note_insert(struct db *db, const struct note_rec *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO note (id, org_id, dossier_id, author_id,"
                                    " author_role, kind, contact_on, minutes, attempt, body,"
                                    " created_at, updated_at, version)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, n->id);
    db_bind_text(st, 2, n->org_id);
    db_bind_text(st, 3, n->dossier_id);
    db_bind_text(st, 4, n->author_id);
    db_bind_text(st, 5, n->author_role);
    db_bind_text(st, 6, n->kind);
    db_bind_text(st, 7, n->contact_on);
    db_bind_int64(st, 8, n->minutes);
    db_bind_int64(st, 9, n->attempt ? 1 : 0);
    db_bind_text(st, 10, n->body);
    db_bind_text(st, 11, n->created_at);
    db_bind_text(st, 12, n->updated_at);
    if (store_step_done(st, e) != PD_OK || store_note_fts_add(db, n->id, e) != PD_OK ||
        store_report_minutes_note(db, n->id, 1, e) != PD_OK ||
        store_report_match_note(db, n->dossier_id, n->author_id, n->contact_on, n->attempt, e) !=
            PD_OK ||
        codes_insert(db, n->org_id, n->id, "activity", n->activities, n->nactivities, e) != PD_OK ||
        codes_insert(db, n->org_id, n->id, "approach", n->approaches, n->napproaches, e) != PD_OK)
        return e->code;
    return PD_OK;
}

int store_note_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                   struct note_rec *out, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT id, org_id, dossier_id, author_id, author_role, kind,"
                                    " contact_on, minutes, attempt, body, created_at, updated_at,"
                                    " version FROM note WHERE id = ? AND org_id = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, org_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc != DB_ROW)
        return err_set(e, PD_ENOTFOUND, NULL, "no such note");
    memset(out, 0, sizeof(*out));
    store_col_id(st, 0, out->id);
    store_col_id(st, 1, out->org_id);
    store_col_id(st, 2, out->dossier_id);
    store_col_id(st, 3, out->author_id);
    out->author_role = store_col_str(a, st, 4);
    out->kind = store_col_str(a, st, 5);
    out->contact_on = store_col_str(a, st, 6);
    out->minutes = (int)db_col_int64(st, 7);
    out->attempt = db_col_int64(st, 8) != 0;
    out->body = store_col_str(a, st, 9);
    out->created_at = store_col_str(a, st, 10);
    out->updated_at = store_col_str(a, st, 11);
    out->version = db_col_int64(st, 12);
    db_reset(st);
    if (codes_read(db, a, out->id, "activity", &out->activities, &out->nactivities, e) != PD_OK ||
        codes_read(db, a, out->id, "approach", &out->approaches, &out->napproaches, e) != PD_OK)
        return e->code;
    return PD_OK;
}

int store_note_update(struct db *db, const struct note_rec *n, struct pd_err *e)
{
    /* Out of the index with the old text, back in with the new (a stale version changes
     * nothing, and the caller rolls the removal back with the rest). */
    if (store_note_fts_remove(db, n->id, e) != PD_OK ||
        store_report_minutes_note(db, n->id, -1, e) != PD_OK)
        return e->code;
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE note SET kind = ?, contact_on = ?, minutes = ?,"
                                    " attempt = ?, body = ?, updated_at = ?, version = version + 1"
                                    " WHERE id = ? AND version = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, n->kind);
    db_bind_text(st, 2, n->contact_on);
    db_bind_int64(st, 3, n->minutes);
    db_bind_int64(st, 4, n->attempt ? 1 : 0);
    db_bind_text(st, 5, n->body);
    db_bind_text(st, 6, n->updated_at);
    db_bind_text(st, 7, n->id);
    db_bind_int64(st, 8, n->version);
    if (store_step_versioned(db, st, "note", e) != PD_OK ||
        store_note_fts_add(db, n->id, e) != PD_OK ||
        store_report_minutes_note(db, n->id, 1, e) != PD_OK ||
        store_report_dossier(db, n->dossier_id, e) != PD_OK)
        return e->code;
    st = db_prepare(db, "DELETE FROM note_code WHERE note_id = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, n->id);
    if (store_step_done(st, e) != PD_OK ||
        codes_insert(db, n->org_id, n->id, "activity", n->activities, n->nactivities, e) != PD_OK ||
        codes_insert(db, n->org_id, n->id, "approach", n->approaches, n->napproaches, e) != PD_OK)
        return e->code;
    return PD_OK;
}

int store_author_role(struct db *db, struct arena *a, const char *dossier_id, const char *worker_id,
                      const char *today, const char **role, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db,
        "SELECT CASE WHEN d.responsible_id = ?2 THEN 'generalist' ELSE"
        " (SELECT a.role FROM assignment a WHERE a.dossier_id = d.id AND a.worker_id = ?2"
        "  AND (a.end_on IS NULL OR a.end_on >= ?3)"
        "  ORDER BY CASE a.role WHEN 'generalist' THEN 0 WHEN 'expert' THEN 1 ELSE 2 END"
        "  LIMIT 1) END FROM dossier d WHERE d.id = ?1",
        e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, dossier_id);
    db_bind_text(st, 2, worker_id);
    db_bind_text(st, 3, today);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    *role = rc == DB_ROW ? store_col_opt(a, st, 0) : NULL;
    db_reset(st);
    return PD_OK;
}

int store_works_on(struct db *db, const char *dossier_id, const char *worker_id, const char *today,
                   bool *yes, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db,
        "SELECT CASE WHEN EXISTS (SELECT 1 FROM dossier d WHERE d.id = ?1 AND d.responsible_id = "
        "?2)"
        " OR EXISTS (SELECT 1 FROM assignment a WHERE a.dossier_id = ?1 AND a.worker_id = ?2"
        "  AND (a.end_on IS NULL OR a.end_on >= ?3)) THEN 1 ELSE 0 END",
        e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, dossier_id);
    db_bind_text(st, 2, worker_id);
    db_bind_text(st, 3, today);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    *yes = rc == DB_ROW && db_col_int64(st, 0) != 0;
    db_reset(st);
    return PD_OK;
}

/* ---- evaluations ---- */

int store_evaluation_insert(struct db *db, const struct evaluation_rec *v, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO evaluation (id, org_id, dossier_id, planned_on,"
                                    " planned_by, held_on, summary, created_at, updated_at,"
                                    " version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, v->id);
    db_bind_text(st, 2, v->org_id);
    db_bind_text(st, 3, v->dossier_id);
    db_bind_text(st, 4, v->planned_on);
    db_bind_text(st, 5, v->planned_by);
    db_bind_text(st, 6, v->held_on);
    db_bind_text(st, 7, v->summary);
    db_bind_text(st, 8, v->created_at);
    db_bind_text(st, 9, v->updated_at);
    return store_step_done(st, e);
}

int store_evaluation_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                         struct evaluation_rec *out, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT id, org_id, dossier_id, planned_on, planned_by,"
                                    " held_on, summary, created_at, updated_at, version"
                                    " FROM evaluation WHERE id = ? AND org_id = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, org_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc != DB_ROW)
        return err_set(e, PD_ENOTFOUND, NULL, "no such evaluation");
    memset(out, 0, sizeof(*out));
    store_col_id(st, 0, out->id);
    store_col_id(st, 1, out->org_id);
    store_col_id(st, 2, out->dossier_id);
    out->planned_on = store_col_str(a, st, 3);
    store_col_id(st, 4, out->planned_by);
    out->held_on = store_col_opt(a, st, 5);
    out->summary = store_col_opt(a, st, 6);
    out->created_at = store_col_str(a, st, 7);
    out->updated_at = store_col_str(a, st, 8);
    out->version = db_col_int64(st, 9);
    db_reset(st);
    return PD_OK;
}

int store_evaluation_update(struct db *db, const struct evaluation_rec *v, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE evaluation SET held_on = ?, summary = ?,"
                                    " updated_at = ?, version = version + 1"
                                    " WHERE id = ? AND version = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, v->held_on);
    db_bind_text(st, 2, v->summary);
    db_bind_text(st, 3, v->updated_at);
    db_bind_text(st, 4, v->id);
    db_bind_int64(st, 5, v->version);
    return store_step_versioned(db, st, "evaluation", e);
}

/* ---- referrals and bridging ---- */

int store_referral_insert(struct db *db, const struct referral_rec *f, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO referral (id, org_id, dossier_id, service,"
                                    " referred_on, accompanied, note, created_by, created_at)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, f->id);
    db_bind_text(st, 2, f->org_id);
    db_bind_text(st, 3, f->dossier_id);
    db_bind_text(st, 4, f->service);
    db_bind_text(st, 5, f->referred_on);
    db_bind_int64(st, 6, f->accompanied ? 1 : 0);
    db_bind_text(st, 7, f->note);
    db_bind_text(st, 8, f->created_by);
    db_bind_text(st, 9, f->created_at);
    return store_step_done(st, e);
}

int store_bridging_insert(struct db *db, const struct bridging_rec *b, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO bridging (id, org_id, dossier_id, awaited,"
                                    " waiting_since, keeper_id, ended_on, created_at, version)"
                                    " VALUES (?, ?, ?, ?, ?, ?, NULL, ?, 1)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, b->id);
    db_bind_text(st, 2, b->org_id);
    db_bind_text(st, 3, b->dossier_id);
    db_bind_text(st, 4, b->awaited);
    db_bind_text(st, 5, b->waiting_since);
    db_bind_text(st, 6, b->keeper_id);
    db_bind_text(st, 7, b->created_at);
    return store_step_done(st, e);
}

int store_bridging_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                       struct bridging_rec *out, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT id, org_id, dossier_id, awaited, waiting_since,"
                                    " keeper_id, ended_on, created_at, version FROM bridging"
                                    " WHERE id = ? AND org_id = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, org_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc != DB_ROW)
        return err_set(e, PD_ENOTFOUND, NULL, "no such bridging period");
    memset(out, 0, sizeof(*out));
    store_col_id(st, 0, out->id);
    store_col_id(st, 1, out->org_id);
    store_col_id(st, 2, out->dossier_id);
    out->awaited = store_col_str(a, st, 3);
    out->waiting_since = store_col_str(a, st, 4);
    store_col_id(st, 5, out->keeper_id);
    out->ended_on = store_col_opt(a, st, 6);
    out->created_at = store_col_str(a, st, 7);
    out->version = db_col_int64(st, 8);
    db_reset(st);
    return PD_OK;
}

int store_bridging_end(struct db *db, const struct bridging_rec *b, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE bridging SET ended_on = ?, version = version + 1"
                                    " WHERE id = ? AND version = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, b->ended_on);
    db_bind_text(st, 2, b->id);
    db_bind_int64(st, 3, b->version);
    return store_step_versioned(db, st, "bridging period", e);
}

/* ---- closing and reopening ---- */

int store_dossier_close(struct db *db, const char *dossier_id, int64_t version,
                        const char *closed_on, const char *reason, const char *note,
                        const char *now, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE dossier SET status = 'closed', closed_on = ?,"
                                    " closure_reason = ?, closing_note = ?, updated_at = ?,"
                                    " version = version + 1"
                                    " WHERE id = ? AND version = ? AND status = 'open'",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, closed_on);
    db_bind_text(st, 2, reason);
    db_bind_text(st, 3, note);
    db_bind_text(st, 4, now);
    db_bind_text(st, 5, dossier_id);
    db_bind_int64(st, 6, version);
    return store_step_versioned(db, st, "dossier", e);
}

int store_dossier_reopen(struct db *db, const char *dossier_id, int64_t version, const char *now,
                         struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE dossier SET status = 'open', closed_on = NULL,"
                                    " closure_reason = NULL, closing_note = NULL, updated_at = ?,"
                                    " version = version + 1"
                                    " WHERE id = ? AND version = ? AND status = 'closed'",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, now);
    db_bind_text(st, 2, dossier_id);
    db_bind_int64(st, 3, version);
    return store_step_versioned(db, st, "dossier", e);
}

int store_dossier_end_work(struct db *db, const char *dossier_id, const char *today,
                           struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE assignment SET end_on = ?1, version = version + 1"
                                    " WHERE dossier_id = ?2 AND (end_on IS NULL OR end_on > ?1)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, today);
    db_bind_text(st, 2, dossier_id);
    if (store_step_done(st, e) != PD_OK)
        return e->code;
    st = db_prepare(db,
                    "UPDATE bridging SET ended_on = ?1, version = version + 1"
                    " WHERE dossier_id = ?2 AND ended_on IS NULL",
                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, today);
    db_bind_text(st, 2, dossier_id);
    return store_step_done(st, e);
}

int store_outcomes_replace(struct db *db, const char *org_id, const char *dossier_id,
                           const char *vocab, const char *const *codes, size_t n, struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db, "DELETE FROM dossier_outcome WHERE dossier_id = ? AND vocab = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, dossier_id);
    db_bind_text(st, 2, vocab);
    if (store_step_done(st, e) != PD_OK)
        return e->code;
    for (size_t i = 0; i < n; i++) {
        st = db_prepare(db,
                        "INSERT INTO dossier_outcome (org_id, dossier_id, vocab, code)"
                        " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                        e);
        if (!st)
            return e->code;
        db_bind_text(st, 1, org_id);
        db_bind_text(st, 2, dossier_id);
        db_bind_text(st, 3, vocab);
        db_bind_text(st, 4, codes[i]);
        if (store_step_done(st, e) != PD_OK)
            return e->code;
    }
    return PD_OK;
}

int store_closure_insert(struct db *db, const struct closure_rec *c, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO dossier_closure (id, org_id, dossier_id, action,"
                                    " on_date, reason, note, created_by, created_at)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, c->id);
    db_bind_text(st, 2, c->org_id);
    db_bind_text(st, 3, c->dossier_id);
    db_bind_text(st, 4, c->action);
    db_bind_text(st, 5, c->on_date);
    db_bind_text(st, 6, c->reason);
    db_bind_text(st, 7, c->note);
    db_bind_text(st, 8, c->created_by);
    db_bind_text(st, 9, c->created_at);
    return store_step_done(st, e);
}

/* ---- the timeline ---- */

/* Every item of dossier ?1 as (type, id, at, created_at, who, s1, s2, s3, text, i1, i2,
 * version). Kept as one macro so the page query and the cursor check read the same set. */
#define TIMELINE_CTE                                                                               \
    "WITH t (type, id, at, created_at, who, s1, s2, s3, txt, i1, i2, version) AS ("                \
    " SELECT 'note', id, contact_on, created_at, author_id, author_role, kind, NULL, body,"        \
    "  minutes, attempt, version FROM note WHERE dossier_id = ?1"                                  \
    " UNION ALL SELECT 'evaluation', id, COALESCE(held_on, planned_on), created_at, planned_by,"   \
    "  planned_on, held_on, NULL, summary, 0, 0, version FROM evaluation WHERE dossier_id = ?1"    \
    " UNION ALL SELECT 'referral', id, referred_on, created_at, created_by, service, NULL, NULL,"  \
    "  note, accompanied, 0, 1 FROM referral WHERE dossier_id = ?1"                                \
    " UNION ALL SELECT 'bridging', id, waiting_since, created_at, keeper_id, awaited, ended_on,"   \
    "  NULL, NULL, 0, 0, version FROM bridging WHERE dossier_id = ?1"                              \
    " UNION ALL SELECT 'intensity', i.id, i.agreed_on, i.created_at, s.worker_id, i.pattern,"      \
    "  s.role, s.id, NULL, 0, 0, 1 FROM intensity i JOIN assignment s ON s.id = i.assignment_id"   \
    "  WHERE s.dossier_id = ?1"                                                                    \
    " UNION ALL SELECT 'request', id, substr(created_at, 1, 10), created_at, requester_id, "       \
    "status,"                                                                                      \
    "  phase, NULL, NULL, 0, 0, version FROM request WHERE dossier_id = ?1"                        \
    " UNION ALL SELECT 'closure', id, on_date, created_at, created_by, action, reason, NULL, "     \
    "note,"                                                                                        \
    "  0, 0, 1 FROM dossier_closure WHERE dossier_id = ?1) "

/* The codes of the page's notes, once the page query has finished: one query for the
 * whole dossier (a dossier has tens of notes, a page at most LIMIT_PAGE items), not two per
 * note. Rows come ordered by note, vocabulary and code, so each list is in code order. */
static int timeline_codes(struct db *db, struct arena *a, const char *dossier_id,
                          struct timeline_row *v, size_t len, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT c.note_id, c.vocab, c.code FROM note n"
                                    " JOIN note_code c ON c.note_id = n.id"
                                    " WHERE n.dossier_id = ? ORDER BY c.note_id, c.vocab, c.code",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, dossier_id);
    size_t *cap = arena_array(a, 2 * len, sizeof(*cap));
    for (size_t i = 0; i < len; i++)
        if (strcmp(v[i].type, "note") == 0) { /* every note has both lists, maybe empty */
            v[i].activities = arena_array(a, cap[2 * i] = 4, sizeof(char *));
            v[i].approaches = arena_array(a, cap[2 * i + 1] = 4, sizeof(char *));
        }
    int rc;
    struct timeline_row *t = NULL;
    while ((rc = db_step(st, e)) == DB_ROW) {
        const char *note = db_col_text(st, 0);
        if (!t || strcmp(t->id, note) != 0) {
            t = NULL;
            for (size_t i = 0; i < len && !t; i++)
                if (strcmp(v[i].id, note) == 0 && strcmp(v[i].type, "note") == 0)
                    t = &v[i];
            if (!t)
                continue; /* a note of this dossier outside the page */
        }
        size_t k = (size_t)(t - v);
        bool act = strcmp(db_col_text(st, 1), "activity") == 0;
        const char ***list = act ? &t->activities : &t->approaches;
        size_t *n = act ? &t->nactivities : &t->napproaches;
        if (*n == cap[2 * k + !act])
            *list = store_grow(a, *list, &cap[2 * k + !act], sizeof(char *));
        (*list)[(*n)++] = store_col_str(a, st, 2);
    }
    return rc < 0 ? rc : PD_OK;
}

int store_timeline(struct db *db, struct arena *a, const char *dossier_id, const char *after,
                   int limit, struct timeline_row **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db,
        TIMELINE_CTE "SELECT type, id, at, created_at, who, s1, s2, s3, txt, i1, i2, version,"
                     " (SELECT w.name FROM worker w WHERE w.id = t.who) FROM t"
                     " WHERE CAST(?2 AS TEXT) IS NULL OR (at, created_at, id) < (SELECT at, "
                     "created_at, id FROM t"
                     "  WHERE id = ?2)"
                     " ORDER BY at DESC, created_at DESC, id DESC LIMIT ?3",
        e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, dossier_id);
    db_bind_text(st, 2, after);
    db_bind_int64(st, 3, limit > 0 ? limit : 0);
    size_t len = 0, cap = 8;
    struct timeline_row *v = arena_array(a, cap, sizeof(*v));
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        struct timeline_row *t = &v[len++];
        memset(t, 0, sizeof(*t));
        t->type = store_col_str(a, st, 0);
        store_col_id(st, 1, t->id);
        t->at = store_col_str(a, st, 2);
        t->created_at = store_col_str(a, st, 3);
        store_col_id(st, 4, t->who);
        t->s1 = store_col_opt(a, st, 5);
        t->s2 = store_col_opt(a, st, 6);
        t->s3 = store_col_opt(a, st, 7);
        t->text = store_col_opt(a, st, 8);
        t->i1 = db_col_int64(st, 9);
        t->i2 = db_col_int64(st, 10);
        t->version = db_col_int64(st, 11);
        t->who_name = store_col_opt(a, st, 12);
    }
    if (rc < 0)
        return rc;
    if (len && timeline_codes(db, a, dossier_id, v, len, e) != PD_OK)
        return e->code;
    *out = v;
    *n = len;
    return PD_OK;
}

int store_timeline_has(struct db *db, const char *dossier_id, const char *id, bool *yes,
                       struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db,
        TIMELINE_CTE "SELECT CASE WHEN EXISTS (SELECT 1 FROM t WHERE id = ?2) THEN 1 ELSE 0 END",
        e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, dossier_id);
    db_bind_text(st, 2, id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    *yes = rc == DB_ROW && db_col_int64(st, 0) != 0;
    db_reset(st);
    return PD_OK;
}

/* ---- the evaluation prompt ---- */

int store_due_facts(struct db *db, struct arena *a, const char *org_id, const char *worker_id,
                    const char *today, int limit, struct due_row **out, size_t *n, struct pd_err *e)
{
    /* basis: 1 responsible, 2 assignment, 3 bridging (enum access_basis order). */
    struct db_stmt *st = db_prepare(
        db,
        "SELECT d.id, d.client_id, d.responsible_id,"
        " CASE WHEN d.responsible_id = ?2 THEN 1 WHEN EXISTS (SELECT 1 FROM assignment a"
        "  WHERE a.dossier_id = d.id AND a.worker_id = ?2 AND a.role IN ('generalist', 'expert')"
        "  AND (a.end_on IS NULL OR a.end_on >= ?3)) THEN 2 ELSE 3 END,"
        " CASE WHEN d.goal_type = 'progress' THEN 1 ELSE 0 END, d.opened_on,"
        " (SELECT max(contact_on) FROM note WHERE dossier_id = d.id),"
        " (SELECT max(held_on) FROM evaluation WHERE dossier_id = d.id),"
        " (SELECT min(planned_on) FROM evaluation WHERE dossier_id = d.id AND held_on IS NULL),"
        " d.version"
        " FROM dossier d WHERE d.org_id = ?1 AND d.status = 'open'"
        " AND (d.responsible_id = ?2 OR EXISTS (SELECT 1 FROM assignment a"
        "  WHERE a.dossier_id = d.id AND a.worker_id = ?2"
        "  AND (a.end_on IS NULL OR a.end_on >= ?3)))"
        " ORDER BY d.id LIMIT ?4",
        e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, worker_id);
    db_bind_text(st, 3, today);
    db_bind_int64(st, 4, limit > 0 ? limit : 0);
    size_t len = 0, cap = 8;
    struct due_row *v = arena_array(a, cap, sizeof(*v));
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        struct due_row *d = &v[len++];
        memset(d, 0, sizeof(*d));
        store_col_id(st, 0, d->dossier_id);
        store_col_id(st, 1, d->client_id);
        store_col_id(st, 2, d->responsible_id);
        d->basis = (int)db_col_int64(st, 3);
        d->progress_goal = db_col_int64(st, 4) != 0;
        d->opened_on = store_col_str(a, st, 5);
        d->last_note_on = store_col_opt(a, st, 6);
        d->last_held_on = store_col_opt(a, st, 7);
        d->overdue_planned = store_col_opt(a, st, 8);
        d->version = db_col_int64(st, 9);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

/* ---- search ---- */

/* The app's FTS5 expression ("w1"* "w2"*) as a PostgreSQL tsquery of prefix terms
 * (w1:* & w2:*). Only the letters and digits of the words are kept (any other byte
 * separates words), so nothing the user typed can be tsquery syntax. "" when no word is
 * left. */
static const char *pg_tsquery(struct arena *a, const char *match)
{
    size_t len = strlen(match), o = 0;
    char *out = arena_alloc(a, len * 6 + 1); /* "x" -> "x:* & " at most */
    for (size_t i = 0; i < len;) {
        unsigned char ch = (unsigned char)match[i];
        if (!(ch >= 0x80 || (ch >= '0' && ch <= '9') ||
              ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z'))) {
            i++;
            continue;
        }
        if (o) {
            memcpy(out + o, " & ", 3);
            o += 3;
        }
        for (; i < len; i++) {
            ch = (unsigned char)match[i];
            if (!(ch >= 0x80 || (ch >= '0' && ch <= '9') ||
                  ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z')))
                break;
            out[o++] = (char)ch;
        }
        memcpy(out + o, ":*", 2);
        o += 2;
    }
    out[o] = '\0';
    return out;
}

/* At most this many dossiers are named in the full-text expression; a searcher who may read
 * more (rare: a bridging expert with a large list, a long break-glass) is searched the old
 * way, by the word alone, and filtered afterwards. Tests lower it to reach that path. */
static int fts_scope_max = 400;

void store_note_search_scope_max(int n)
{
    fts_scope_max = n > 0 ? n : 400;
}

/* The SQLite search expression: the user's words (app-made: "w1"* "w2"*) in the body column,
 * and, when the searcher may read at most fts_scope_max dossiers, only notes of those:
 * `body : (words) AND dossier_id : (t1 OR t2 ...)`, t the last group of each dossier id (12
 * hex digits, one token; a token two dossiers share only widens the list, which the SQL
 * filter narrows again). PD_ENOTFOUND when the searcher may read no dossier at all. The
 * same conditions as the query's own filter (responsible, assigned, break-glass). */
static int fts_scope(struct db *db, struct arena *a, const char *org_id, const char *worker_id,
                     const char *now, const char **match, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db,
        "SELECT d.id FROM dossier d WHERE d.org_id = ?1 AND d.responsible_id = ?2"
        " UNION SELECT d.id FROM assignment a JOIN dossier d ON d.id = a.dossier_id"
        "  WHERE a.worker_id = ?2 AND d.org_id = ?1"
        "  AND (a.end_on IS NULL OR a.end_on >= substr(?3, 1, 10))"
        " UNION SELECT d.id FROM break_glass b JOIN dossier d ON d.client_id = b.client_id"
        "  WHERE b.worker_id = ?2 AND d.org_id = ?1 AND b.ended_at IS NULL AND b.expires_at > ?3"
        " LIMIT ?4",
        e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, worker_id);
    db_bind_text(st, 3, now);
    db_bind_int64(st, 4, fts_scope_max + 1);
    struct buf b;
    buf_init(&b, (size_t)LIMIT_RESPONSE_BYTES);
    int rc, count = 0;
    bool fits = true;
    buf_printf(&b, "body : (%s) AND dossier_id : (", *match);
    while ((rc = db_step(st, e)) == DB_ROW) {
        const char *id = db_col_text(st, 0);
        const char *tail = id ? strrchr(id, '-') : NULL;
        if (++count > fts_scope_max || !tail || strlen(tail + 1) != 12) {
            fits = false;
            continue;
        }
        buf_printf(&b, "%s%s", count > 1 ? " OR " : "", tail + 1);
    }
    if (rc < 0) {
        buf_release(&b);
        return rc;
    }
    if (count == 0) {
        buf_release(&b);
        return PD_ENOTFOUND;
    }
    buf_putc(&b, ')');
    *match = fits ? arena_strdup(a, buf_cstr(&b)) : arena_printf(a, "body : (%s)", *match);
    buf_release(&b);
    return PD_OK;
}

int store_note_search(struct db *db, struct arena *a, const char *org_id, const char *worker_id,
                      const char *now, const char *match, int limit, struct search_hit **out,
                      size_t *n, struct pd_err *e)
{
    struct db_stmt *st;
    if (db_dialect(db) == DB_DIALECT_PG) {
        match = pg_tsquery(a, match);
        if (!*match) {
            *out = arena_array(a, 1, sizeof(**out));
            *n = 0;
            return PD_OK;
        }
        st = db_prepare(
            db,
            "SELECT n.id, n.dossier_id, n.contact_on,"
            /* snippet() as SQLite makes it: a body of at most 16 words whole, else 16
             * words around the match with "..." where the body goes on */
            " CASE WHEN array_length(regexp_split_to_array(btrim(n.body), '\\s+'), 1) <= 16"
            " THEN n.body ELSE (SELECT CASE WHEN starts_with(n.body, h) THEN '' ELSE '...' END"
            "  || h || CASE WHEN right(n.body, length(h)) = h THEN '' ELSE '...' END"
            "  FROM (SELECT ts_headline('" SQL_PG_FTS_CONFIG "', n.body, tq,"
            "   'StartSel=\"\", StopSel=\"\", MaxWords=16, MinWords=8, ShortWord=0') AS h) x)"
            " END, c.code"
            " FROM to_tsquery('" SQL_PG_FTS_CONFIG "', ?1) tq, note n"
            " JOIN dossier d ON d.id = n.dossier_id JOIN client c ON c.id = d.client_id"
            " WHERE to_tsvector('" SQL_PG_FTS_CONFIG
            "', n.body) @@ tq AND n.org_id = ?2 AND d.org_id = ?2"
            " AND (d.responsible_id = ?3"
            "  OR EXISTS (SELECT 1 FROM assignment a WHERE a.dossier_id = d.id AND a.worker_id = ?3"
            "   AND (a.end_on IS NULL OR a.end_on >= substr(?4, 1, 10)))"
            "  OR EXISTS (SELECT 1 FROM break_glass b WHERE b.client_id = d.client_id"
            "   AND b.worker_id = ?3 AND b.ended_at IS NULL AND b.expires_at > ?4))"
            " ORDER BY ts_rank(to_tsvector('" SQL_PG_FTS_CONFIG
            "', n.body), tq) DESC, n.id LIMIT ?5",
            e);
    } else {
        int rc = fts_scope(db, a, org_id, worker_id, now, &match, e);
        if (rc != PD_OK && rc != PD_ENOTFOUND)
            return rc;
        if (rc == PD_ENOTFOUND) { /* no dossier to read: nothing to find */
            *out = arena_array(a, 1, sizeof(**out));
            *n = 0;
            return PD_OK;
        }
        st = db_prepare(
            db,
            "SELECT n.id, n.dossier_id, n.contact_on,"
            " snippet(note_fts, 0, '', '', '...', 16), c.code"
            " FROM note_fts JOIN note n ON n.rowid = note_fts.rowid"
            " JOIN dossier d ON d.id = n.dossier_id JOIN client c ON c.id = d.client_id"
            " WHERE note_fts MATCH ?1 AND n.org_id = ?2 AND d.org_id = ?2"
            " AND (d.responsible_id = ?3"
            "  OR EXISTS (SELECT 1 FROM assignment a WHERE a.dossier_id = d.id AND a.worker_id = ?3"
            "   AND (a.end_on IS NULL OR a.end_on >= substr(?4, 1, 10)))"
            "  OR EXISTS (SELECT 1 FROM break_glass b WHERE b.client_id = d.client_id"
            "   AND b.worker_id = ?3 AND b.ended_at IS NULL AND b.expires_at > ?4))"
            " ORDER BY pd_rank(note_fts), n.rowid DESC LIMIT ?5",
            e);
    }
    if (!st)
        return e->code;
    db_bind_text(st, 1, match);
    db_bind_text(st, 2, org_id);
    db_bind_text(st, 3, worker_id);
    db_bind_text(st, 4, now);
    db_bind_int64(st, 5, limit > 0 ? limit : 0);
    size_t len = 0, cap = 8;
    struct search_hit *v = arena_array(a, cap, sizeof(*v));
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        struct search_hit *h = &v[len++];
        store_col_id(st, 0, h->note_id);
        store_col_id(st, 1, h->dossier_id);
        h->contact_on = store_col_str(a, st, 2);
        h->snippet = store_col_str(a, st, 3);
        h->client_code = store_col_str(a, st, 4);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}
