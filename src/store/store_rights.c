/*
 * store_rights.c: see store_rights.h.
 */
#include "store_rights.h"

#include <stdio.h>
#include <string.h>

#include "../lib/log.h"
#include "sql_dialect.h"
#include "store_reports.h"
#include "store_util.h"

/* ---- the register ---- */

#define RQ_COLS                                                                                    \
    "q.id, q.org_id, q.reference, q.client_id, c.code, q.kind, q.received_on, q.due_on,"           \
    " q.extended_due_on, q.extension_reason, q.status, q.done_on, q.note, q.erased_at,"            \
    " q.created_by, q.created_at, q.updated_at, q.version"

static void read_request(struct arena *a, struct db_stmt *st, struct rights_request *q)
{
    memset(q, 0, sizeof(*q));
    store_col_id(st, 0, q->id);
    store_col_id(st, 1, q->org_id);
    q->reference = store_col_str(a, st, 2);
    store_col_id(st, 3, q->client_id);
    q->client_code = store_col_opt(a, st, 4);
    q->kind = store_col_str(a, st, 5);
    q->received_on = store_col_str(a, st, 6);
    q->due_on = store_col_str(a, st, 7);
    q->extended_due_on = store_col_opt(a, st, 8);
    q->extension_reason = store_col_opt(a, st, 9);
    q->status = store_col_str(a, st, 10);
    q->done_on = store_col_opt(a, st, 11);
    q->note = store_col_opt(a, st, 12);
    q->erased_at = store_col_opt(a, st, 13);
    store_col_id(st, 14, q->created_by);
    q->created_at = store_col_str(a, st, 15);
    q->updated_at = store_col_str(a, st, 16);
    q->version = db_col_int64(st, 17);
}

int store_rights_insert(struct db *db, const struct rights_request *q, struct pd_err *e)
{
    /* The reference: AVG-<year received>-<number in that year, from 0001>. */
    struct db_stmt *st = db_prepare(db,
                                    "SELECT count(*) FROM client_right_request WHERE org_id = ?1"
                                    " AND substr(reference, 5, 4) = substr(?2, 1, 4)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, q->org_id);
    db_bind_text(st, 2, q->received_on);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    long long nth = (rc == DB_ROW ? (long long)db_col_int64(st, 0) : 0) + 1;
    db_reset(st);
    char ref[64];
    snprintf(ref, sizeof(ref), "AVG-%.4s-%04lld", q->received_on ? q->received_on : "", nth);

    st = db_prepare(db,
                    "INSERT INTO client_right_request (id, org_id, reference, client_id, kind,"
                    " received_on, due_on, note, created_by, created_at, updated_at)"
                    " VALUES (?1, ?2, ?10, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, q->id);
    db_bind_text(st, 2, q->org_id);
    db_bind_text(st, 3, q->client_id);
    db_bind_text(st, 4, q->kind);
    db_bind_text(st, 5, q->received_on);
    db_bind_text(st, 6, q->due_on);
    db_bind_text(st, 7, q->note);
    db_bind_text(st, 8, q->created_by);
    db_bind_text(st, 9, q->created_at);
    db_bind_text(st, 10, ref);
    return store_step_done(st, e);
}

int store_rights_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                     struct rights_request *out, bool *found, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT " RQ_COLS " FROM client_right_request q"
                                    " LEFT JOIN client c ON c.id = q.client_id"
                                    " WHERE q.org_id = ? AND q.id = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    *found = rc == DB_ROW;
    if (*found) {
        read_request(a, st, out);
        db_reset(st);
    }
    return PD_OK;
}

static int read_all(struct db_stmt *st, struct arena *a, struct rights_request **out, size_t *n,
                    struct pd_err *e)
{
    size_t cap = 8, len = 0;
    struct rights_request *v = arena_array(a, cap, sizeof(*v));
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        read_request(a, st, &v[len++]);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

int store_rights_list(struct db *db, struct arena *a, const char *org_id,
                      struct rights_request **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db,
        "SELECT " RQ_COLS " FROM client_right_request q"
        " LEFT JOIN client c ON c.id = q.client_id WHERE q.org_id = ?"
        " ORDER BY q.status <> 'open', CASE WHEN q.status = 'open'"
        " THEN coalesce(q.extended_due_on, q.due_on) END NULLS FIRST, q.done_on DESC NULLS LAST,"
        " q.received_on DESC, q.reference DESC",
        e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    return read_all(st, a, out, n, e);
}

int store_rights_extend(struct db *db, const char *org_id, const char *id, int64_t version,
                        const char *extended_due_on, const char *reason, const char *now,
                        struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE client_right_request SET extended_due_on = ?,"
                                    " extension_reason = ?, updated_at = ?, version = version + 1"
                                    " WHERE org_id = ? AND id = ? AND version = ? AND status ="
                                    " 'open'",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, extended_due_on);
    db_bind_text(st, 2, reason);
    db_bind_text(st, 3, now);
    db_bind_text(st, 4, org_id);
    db_bind_text(st, 5, id);
    db_bind_int64(st, 6, version);
    return store_step_versioned(db, st, "rights request", e);
}

int store_rights_close(struct db *db, const char *org_id, const char *id, int64_t version,
                       const char *status, const char *done_on, const char *note, const char *now,
                       struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db,
        "UPDATE client_right_request SET status = ?, done_on = ?, note = coalesce(?, note),"
        " updated_at = ?, version = version + 1"
        " WHERE org_id = ? AND id = ? AND version = ? AND status = 'open'",
        e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, status);
    db_bind_text(st, 2, done_on);
    db_bind_text(st, 3, note);
    db_bind_text(st, 4, now);
    db_bind_text(st, 5, org_id);
    db_bind_text(st, 6, id);
    db_bind_int64(st, 7, version);
    return store_step_versioned(db, st, "rights request", e);
}

int store_rights_delete(struct db *db, const char *org_id, const char *id, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db, "DELETE FROM client_right_request WHERE org_id = ? AND id = ? AND status <> 'open'", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, id);
    return store_step_done(st, e);
}

/* ---- erasure ---- */

/* One step of an erasure: a statement over (?1 org, ?2 client, ?3 now), what it does to
 * its table. Children before parents, so no foreign key is ever left dangling. */
struct erase_step {
    const char *table;
    const char *how;
    struct db_stmt *(*prepare)(struct db *db, struct pd_err *e);
};

/* The external-content index needs each note's own text to find the tokens to remove. */
static struct db_stmt *fts_delete(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "INSERT INTO note_fts (note_fts, rowid, body, dossier_id)"
                      " SELECT 'delete', rowid, body, dossier_id FROM note WHERE org_id = ?1"
                      " AND dossier_id"
                      " IN (SELECT id FROM dossier WHERE org_id = ?1 AND client_id = ?2)"
                      " AND CAST(?3 AS TEXT) IS NOT NULL",
                      e);
}

static struct db_stmt *del_note_code(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "DELETE FROM note_code WHERE note_id IN (SELECT id FROM note WHERE org_id ="
                      " ?1 AND dossier_id IN (SELECT id FROM dossier WHERE org_id = ?1 AND"
                      " client_id = ?2)) AND CAST(?3 AS TEXT) IS NOT NULL",
                      e);
}

static struct db_stmt *del_note(struct db *db, struct pd_err *e)
{
    return db_prepare(
        db,
        "DELETE FROM note WHERE org_id = ?1 AND dossier_id IN (SELECT id FROM"
        " dossier WHERE org_id = ?1 AND client_id = ?2) AND CAST(?3 AS TEXT) IS NOT NULL",
        e);
}

static struct db_stmt *del_dossier_outcome(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "DELETE FROM dossier_outcome WHERE dossier_id IN (SELECT id FROM dossier"
                      " WHERE org_id = ?1 AND client_id = ?2) AND CAST(?3 AS TEXT) IS NOT NULL",
                      e);
}

static struct db_stmt *del_intensity(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "DELETE FROM intensity WHERE assignment_id IN (SELECT id FROM assignment"
                      " WHERE dossier_id IN (SELECT id FROM dossier WHERE org_id = ?1 AND"
                      " client_id = ?2)) AND CAST(?3 AS TEXT) IS NOT NULL",
                      e);
}

static struct db_stmt *del_assignment(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "DELETE FROM assignment WHERE dossier_id IN (SELECT id FROM dossier WHERE"
                      " org_id = ?1 AND client_id = ?2) AND CAST(?3 AS TEXT) IS NOT NULL",
                      e);
}

static struct db_stmt *del_request_code(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "DELETE FROM request_code WHERE request_id IN (SELECT id FROM request WHERE"
                      " dossier_id IN (SELECT id FROM dossier WHERE org_id = ?1 AND client_id ="
                      " ?2)) AND CAST(?3 AS TEXT) IS NOT NULL",
                      e);
}

static struct db_stmt *del_request(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "DELETE FROM request WHERE dossier_id IN (SELECT id FROM dossier WHERE"
                      " org_id = ?1 AND client_id = ?2) AND CAST(?3 AS TEXT) IS NOT NULL",
                      e);
}

static struct db_stmt *del_evaluation(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "DELETE FROM evaluation WHERE dossier_id IN (SELECT id FROM dossier WHERE"
                      " org_id = ?1 AND client_id = ?2) AND CAST(?3 AS TEXT) IS NOT NULL",
                      e);
}

static struct db_stmt *del_referral(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "DELETE FROM referral WHERE dossier_id IN (SELECT id FROM dossier WHERE"
                      " org_id = ?1 AND client_id = ?2) AND CAST(?3 AS TEXT) IS NOT NULL",
                      e);
}

static struct db_stmt *del_bridging(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "DELETE FROM bridging WHERE dossier_id IN (SELECT id FROM dossier WHERE"
                      " org_id = ?1 AND client_id = ?2) AND CAST(?3 AS TEXT) IS NOT NULL",
                      e);
}

static struct db_stmt *del_dossier_closure(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "DELETE FROM dossier_closure WHERE dossier_id IN (SELECT id FROM dossier"
                      " WHERE org_id = ?1 AND client_id = ?2) AND CAST(?3 AS TEXT) IS NOT NULL",
                      e);
}

/* The expert's record of a consultation stays (hours, theme, channel: their own work);
 * the link to the dossier and the summary about the client go. */
static struct db_stmt *unlink_consultation(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "UPDATE consultation SET dossier_id = NULL, summary = '', version ="
                      " version + 1 WHERE dossier_id IN (SELECT id FROM dossier WHERE org_id ="
                      " ?1 AND client_id = ?2) AND CAST(?3 AS TEXT) IS NOT NULL",
                      e);
}

/* Likewise a case discussion: date, team, outcome and the experts who joined stay. */
static struct db_stmt *unlink_case_discussion(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "UPDATE case_discussion SET dossier_id = NULL, summary = NULL, version ="
                      " version + 1 WHERE dossier_id IN (SELECT id FROM dossier WHERE org_id ="
                      " ?1 AND client_id = ?2) AND CAST(?3 AS TEXT) IS NOT NULL",
                      e);
}

static struct db_stmt *del_consent(struct db *db, struct pd_err *e)
{
    return db_prepare(
        db,
        "DELETE FROM consent WHERE org_id = ?1 AND client_id = ?2 AND CAST(?3 AS TEXT) IS NOT NULL",
        e);
}

static struct db_stmt *del_break_glass(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "DELETE FROM break_glass WHERE org_id = ?1 AND client_id = ?2 AND CAST(?3 AS "
                      "TEXT) IS NOT NULL",
                      e);
}

static struct db_stmt *del_dossier(struct db *db, struct pd_err *e)
{
    return db_prepare(
        db,
        "DELETE FROM dossier WHERE org_id = ?1 AND client_id = ?2 AND CAST(?3 AS TEXT) IS NOT NULL",
        e);
}

/* The register keeps the request without the client: no link, no free text. An erasure
 * request still open (the retention command erases without one) is done by this erasure:
 * on the day of ?3 (UTC). */
static struct db_stmt *anonymise_rights(struct db *db, struct pd_err *e)
{
    return db_prepare(db,
                      "UPDATE client_right_request SET client_id = NULL, note = NULL,"
                      " extension_reason = CASE WHEN extension_reason IS NULL THEN NULL ELSE"
                      " '(gewist / erased)' END, status = CASE WHEN status = 'open' AND kind ="
                      " 'erasure' THEN 'done' ELSE status END, done_on = CASE WHEN status ="
                      " 'open' AND kind = 'erasure' THEN substr(?3, 1, 10) ELSE done_on END,"
                      " erased_at = ?3, updated_at = ?3, version = version + 1"
                      " WHERE org_id = ?1 AND client_id = ?2",
                      e);
}

static struct db_stmt *del_client(struct db *db, struct pd_err *e)
{
    return db_prepare(
        db, "DELETE FROM client WHERE org_id = ?1 AND id = ?2 AND CAST(?3 AS TEXT) IS NOT NULL", e);
}

static const struct erase_step erase_steps[] = {
    {"note_fts", "deleted", fts_delete},
    {"note_code", "deleted", del_note_code},
    {"note", "deleted", del_note},
    {"dossier_outcome", "deleted", del_dossier_outcome},
    {"intensity", "deleted", del_intensity},
    {"assignment", "deleted", del_assignment},
    {"request_code", "deleted", del_request_code},
    {"request", "deleted", del_request},
    {"evaluation", "deleted", del_evaluation},
    {"referral", "deleted", del_referral},
    {"bridging", "deleted", del_bridging},
    {"dossier_closure", "deleted", del_dossier_closure},
    {"consultation", "unlinked", unlink_consultation},
    {"case_discussion", "unlinked", unlink_case_discussion},
    {"consent", "deleted", del_consent},
    {"break_glass", "deleted", del_break_glass},
    {"dossier", "deleted", del_dossier},
    {"client_right_request", "anonymised", anonymise_rights},
    {"client", "deleted", del_client},
};

static int count_notes(struct db *db, const char *org_id, const char *client_id, int64_t *n,
                       struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db,
                   "SELECT count(*) FROM note WHERE org_id = ?1 AND dossier_id IN"
                   " (SELECT id FROM dossier WHERE org_id = ?1 AND client_id = ?2)",
                   e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, client_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    *n = rc == DB_ROW ? db_col_int64(st, 0) : 0;
    db_reset(st);
    return PD_OK;
}

int store_erase_client(struct db *db, const char *org_id, const char *client_id,
                       const char *request_id, const char *today, const char *now,
                       struct erase_result *out, struct pd_err *e)
{
    _Static_assert(sizeof(erase_steps) / sizeof(erase_steps[0]) <= ERASE_TABLES,
                   "ERASE_TABLES too small");
    memset(out, 0, sizeof(*out));
    /* The request is closed first: the anonymising step then also clears its note. The
     * retention command erases without a request (request_id NULL). */
    struct db_stmt *st =
        request_id ? db_prepare(db,
                                "UPDATE client_right_request SET status = 'done', done_on = ?,"
                                " updated_at = ?, version = version + 1 WHERE org_id = ? AND"
                                " id = ? AND client_id = ? AND kind = 'erasure' AND status ="
                                " 'open'",
                                e)
                   : NULL;
    if (request_id && !st)
        return e->code;
    if (request_id) {
        db_bind_text(st, 1, today);
        db_bind_text(st, 2, now);
        db_bind_text(st, 3, org_id);
        db_bind_text(st, 4, request_id);
        db_bind_text(st, 5, client_id);
        if (store_step_versioned(db, st, "rights request", e) != PD_OK)
            return e->code;
    }

    /* the hours report's sums lose the notes with them */
    if (store_report_minutes_erase(db, org_id, client_id, e) != PD_OK)
        return e->code;
    for (size_t i = 0; i < sizeof(erase_steps) / sizeof(erase_steps[0]); i++) {
        const struct erase_step *s = &erase_steps[i];
        int64_t rows = 0;
        if (strcmp(s->table, "note_fts") == 0 && count_notes(db, org_id, client_id, &rows, e))
            return e->code;
        /* PostgreSQL indexes note.body by an expression index: it goes with the rows. */
        if (strcmp(s->table, "note_fts") == 0 && db_dialect(db) == DB_DIALECT_PG) {
            out->counts[out->n++] = (struct erase_count){s->table, s->how, rows};
            continue;
        }
        st = s->prepare(db, e);
        if (!st)
            return e->code;
        db_bind_text(st, 1, org_id);
        db_bind_text(st, 2, client_id);
        db_bind_text(st, 3, now);
        if (store_step_done(st, e) != PD_OK)
            return e->code;
        if (strcmp(s->table, "note_fts") != 0)
            rows = db_changes(db);
        out->counts[out->n++] = (struct erase_count){s->table, s->how, rows};
    }
    return PD_OK;
}

int store_erase_purge(struct db *db, struct purge_result *out, struct pd_err *e)
{
    memset(out, 0, sizeof(*out));
    /* PostgreSQL: VACUUM (outside a transaction) frees the dead row versions and their
     * index entries for reuse. It does not zero them, and the WAL segments keep them until
     * they are recycled: docs/client-rights.md says so. Only an owner may vacuum a table;
     * VACUUM skips the others without an error, so a runtime role that owns nothing
     * (`peerdesk db grant`) reports the purge as not done and leaves it to autovacuum. */
    if (db_dialect(db) == DB_DIALECT_PG) {
        struct db_stmt *own = db_prepare(
            db,
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = current_schema() AND c.relkind = 'r'"
            " AND NOT pg_has_role(current_user, c.relowner, 'USAGE')",
            e);
        if (!own)
            return e->code;
        int rc = db_step(own, e);
        if (rc < 0)
            return rc;
        int64_t foreign = db_col_int64(own, 0);
        db_reset(own);
        if (foreign > 0) {
            log_warn("erasure purge: this role does not own %lld tables and cannot VACUUM them",
                     (long long)foreign);
            return PD_OK;
        }
        if (db_exec(db, "VACUUM", e) != PD_OK)
            return e->code;
        out->fts_optimized = out->checkpointed = true;
        return PD_OK;
    }
    /* 'optimize' merges every segment into one; the deleted notes' entries (and the
     * delete markers naming their tokens) do not survive the merge, and the old segment
     * rows are deleted, so secure_delete zeroes them. */
    if (db_begin(db, DB_TXN_WRITE, e) != PD_OK)
        return e->code;
    struct db_stmt *st = db_prepare(db, "INSERT INTO note_fts (note_fts) VALUES ('optimize')", e);
    if (!st || store_step_done(st, e) != PD_OK || db_commit(db, e) != PD_OK) {
        db_rollback(db);
        return e->code;
    }
    out->fts_optimized = true;
    /* TRUNCATE waits (busy_timeout) for readers of older snapshots, copies every frame
     * into the database file and truncates the WAL to zero bytes. Its row is (busy, log
     * frames, checkpointed frames); busy = 1 means it could not finish. */
    for (int attempt = 0; attempt < 5 && !out->checkpointed; attempt++) {
        st = db_prepare(db, "PRAGMA wal_checkpoint(TRUNCATE)", e);
        if (!st)
            return e->code;
        int rc = db_step(st, e);
        if (rc < 0)
            return rc;
        out->checkpointed = rc == DB_ROW && db_col_int64(st, 0) == 0;
        db_reset(st);
    }
    return PD_OK;
}

/* ---- retention ---- */

int store_retention_get(struct db *db, const char *org_id, const char *category, int *years,
                        bool *found, struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT years FROM retention_rule WHERE org_id = ? AND category = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, category);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    *found = rc == DB_ROW;
    if (*found) {
        *years = (int)db_col_int64(st, 0);
        db_reset(st);
    }
    return PD_OK;
}

int store_retention_set(struct db *db, const char *org_id, const char *category, int years,
                        const char *worker_id, const char *now, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db,
        "INSERT INTO retention_rule (org_id, category, years, updated_by, updated_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (org_id, category) DO UPDATE SET years ="
        " excluded.years, updated_by = excluded.updated_by, updated_at = excluded.updated_at,"
        " version = retention_rule.version + 1",
        e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, category);
    db_bind_int64(st, 3, years);
    db_bind_text(st, 4, worker_id);
    db_bind_text(st, 5, now);
    return store_step_done(st, e);
}

/* The day N years after day D ('YYYY-MM-DD...'), as SQLite's date(D, '+N years') gives it
 * (29 February to 1 March in a year that is not a leap year), in SQL both backends run. */
#define PY_YEAR(d, n) "(CAST(substr(" d ", 1, 4) AS INTEGER) + (" n "))"
#define PY_LEAP(y)    "((" y " % 4 = 0 AND " y " % 100 <> 0) OR " y " % 400 = 0)"
#define PLUS_YEARS(d, n)                                                                           \
    "CASE WHEN substr(" d                                                                          \
    ", 6, 5) = '02-29' AND NOT " PY_LEAP(PY_YEAR(d, n)) " THEN CAST(" PY_YEAR(                     \
        d, n) " AS TEXT) || '-03-01'"                                                              \
              " ELSE CAST(" PY_YEAR(d, n) " AS TEXT) || substr(" d ", 5, 6) END"

/* The last change: the client row, any dossier (updated_at covers every edit and the
 * closing), any closing or reopening. A client with an open dossier never expires. */
#define RETENTION_CLIENTS_SQL                                                                      \
    "WITH base AS (SELECT c.org_id, c.id, c.code, c.updated_at AS u,"                              \
    " coalesce((SELECT max(CASE WHEN d.updated_at >= coalesce(d.closed_on, '')"                    \
    " THEN d.updated_at ELSE coalesce(d.closed_on, '') END) FROM dossier d"                        \
    " WHERE d.client_id = c.id), '') AS du, coalesce((SELECT max(x.created_at) FROM"               \
    " dossier_closure x JOIN dossier d ON d.id = x.dossier_id WHERE d.client_id = c.id),"          \
    " '') AS xu, coalesce((SELECT r.years FROM retention_rule r WHERE"                             \
    " r.org_id = c.org_id AND r.category = 'dossier'), ?2) AS years FROM client c"                 \
    " WHERE (CAST(?1 AS TEXT) IS NULL OR c.org_id = ?1) AND NOT EXISTS (SELECT 1"                  \
    " FROM dossier d WHERE d.client_id = c.id AND d.status = 'open')),"                            \
    " last AS (SELECT org_id, id, code, substr(CASE WHEN u >= du AND u >= xu THEN u"               \
    " WHEN du >= xu THEN du ELSE xu END, 1, 10) AS last_change, years FROM base)"                  \
    " SELECT org_id, id, code, last_change, " PLUS_YEARS(                                          \
        "last_change",                                                                             \
        "years") " AS expires_on FROM last WHERE " PLUS_YEARS("last_change",                       \
                                                              "years") " < ?3"                     \
                                                                       " ORDER BY org_id, "        \
                                                                       "expires_on, code"

#define RQ_YEARS                                                                                   \
    "coalesce((SELECT r.years FROM retention_rule r WHERE r.org_id = q.org_id"                     \
    " AND r.category = 'rights_request'), ?2)"
#define RETENTION_REQUESTS_SQL                                                                     \
    "SELECT " RQ_COLS " FROM client_right_request q LEFT JOIN client c ON c.id = q.client_id"      \
    " WHERE (CAST(?1 AS TEXT) IS NULL OR q.org_id = ?1) AND q.status <> 'open'"                    \
    " AND " PLUS_YEARS("q.done_on",                                                                \
                       RQ_YEARS) " < ?3"                                                           \
                                 " ORDER BY q.org_id, q.done_on NULLS FIRST, q.reference"

int store_retention_clients(struct db *db, struct arena *a, const char *org_id, int dflt_years,
                            const char *today, struct retention_client **out, size_t *n,
                            struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db, RETENTION_CLIENTS_SQL, e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_int64(st, 2, dflt_years);
    db_bind_text(st, 3, today);
    size_t cap = 8, len = 0;
    struct retention_client *v = arena_array(a, cap, sizeof(*v));
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        struct retention_client *c = &v[len++];
        store_col_id(st, 0, c->org_id);
        store_col_id(st, 1, c->client_id);
        c->code = store_col_str(a, st, 2);
        c->last_change = store_col_str(a, st, 3);
        c->expires_on = store_col_str(a, st, 4);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

int store_retention_requests(struct db *db, struct arena *a, const char *org_id, int dflt_years,
                             const char *today, struct rights_request **out, size_t *n,
                             struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db, RETENTION_REQUESTS_SQL, e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_int64(st, 2, dflt_years);
    db_bind_text(st, 3, today);
    return read_all(st, a, out, n, e);
}
