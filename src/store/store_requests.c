/*
 * store_requests.c: deployment requests and their codes (request, request_code). A read
 * also brings the dossier's area and that area's cluster, for the coordinator's summary
 * and for matching; the cluster of a wijk is its parent, of a buurt its grandparent.
 */
#include <string.h>

#include "store_requests.h"
#include "store_reports.h"
#include "store_util.h"

#define REQUEST_COLS                                                                               \
    "q.id, q.org_id, q.dossier_id, q.requester_id, q.status, q.match_basis, q.phase,"              \
    " q.channel, q.question, q.preferred_expert_id, q.client_informed,"                            \
    " q.client_informed_on, q.decided_by, q.decided_at, q.decision_note,"                          \
    " q.assigned_expert_id, q.created_at, q.updated_at, q.version, d.area_id,"                     \
    " CASE ar.kind WHEN 'cluster' THEN ar.id WHEN 'wijk' THEN ar.parent_id"                        \
    " ELSE (SELECT p.parent_id FROM area p WHERE p.id = ar.parent_id) END"

#define REQUEST_FROM                                                                               \
    " FROM request q JOIN dossier d ON d.id = q.dossier_id"                                        \
    " LEFT JOIN area ar ON ar.id = d.area_id"

static void read_request(struct arena *a, struct db_stmt *st, struct request_rec *q)
{
    memset(q, 0, sizeof(*q));
    store_col_id(st, 0, q->id);
    store_col_id(st, 1, q->org_id);
    store_col_id(st, 2, q->dossier_id);
    store_col_id(st, 3, q->requester_id);
    q->status = store_col_str(a, st, 4);
    q->match_basis = store_col_str(a, st, 5);
    q->phase = store_col_str(a, st, 6);
    q->channel = store_col_str(a, st, 7);
    q->question = store_col_str(a, st, 8);
    q->preferred_expert_id = store_col_opt(a, st, 9);
    q->client_informed = db_col_int64(st, 10) != 0;
    q->client_informed_on = store_col_opt(a, st, 11);
    q->decided_by = store_col_opt(a, st, 12);
    q->decided_at = store_col_opt(a, st, 13);
    q->decision_note = store_col_opt(a, st, 14);
    q->assigned_expert_id = store_col_opt(a, st, 15);
    q->created_at = store_col_str(a, st, 16);
    q->updated_at = store_col_str(a, st, 17);
    q->version = db_col_int64(st, 18);
    q->area_id = store_col_opt(a, st, 19);
    q->cluster_id = store_col_opt(a, st, 20);
}

static int insert_codes(struct db *db, const struct request_rec *q, const char *vocab,
                        const char *const *codes, size_t n, struct pd_err *e)
{
    for (size_t i = 0; i < n; i++) {
        struct db_stmt *st = db_prepare(db,
                                        "INSERT INTO request_code (org_id, request_id, vocab, code)"
                                        " VALUES (?, ?, ?, ?)",
                                        e);
        if (!st)
            return e->code;
        db_bind_text(st, 1, q->org_id);
        db_bind_text(st, 2, q->id);
        db_bind_text(st, 3, vocab);
        db_bind_text(st, 4, codes[i]);
        if (store_step_done(st, e) != PD_OK)
            return e->code;
    }
    return PD_OK;
}

int store_request_insert(struct db *db, const struct request_rec *q, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db,
        "INSERT INTO request (id, org_id, dossier_id, requester_id, status, match_basis, phase,"
        " channel, question, preferred_expert_id, client_informed, client_informed_on,"
        " created_at, updated_at, version)"
        " VALUES (?, ?, ?, ?, 'submitted', ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
        e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, q->id);
    db_bind_text(st, 2, q->org_id);
    db_bind_text(st, 3, q->dossier_id);
    db_bind_text(st, 4, q->requester_id);
    db_bind_text(st, 5, q->match_basis);
    db_bind_text(st, 6, q->phase);
    db_bind_text(st, 7, q->channel);
    db_bind_text(st, 8, q->question);
    db_bind_text(st, 9, q->preferred_expert_id);
    db_bind_int64(st, 10, q->client_informed ? 1 : 0);
    db_bind_text(st, 11, q->client_informed_on);
    db_bind_text(st, 12, q->created_at);
    db_bind_text(st, 13, q->updated_at);
    if (store_step_done(st, e) != PD_OK)
        return e->code;
    if (insert_codes(db, q, "deployment_reason", q->reasons, q->nreasons, e) != PD_OK ||
        insert_codes(db, q, "experience_area", q->areas, q->nareas, e) != PD_OK ||
        insert_codes(db, q, "generic_theme", q->themes, q->nthemes, e) != PD_OK ||
        store_report_dossier(db, q->dossier_id, e) != PD_OK) /* the reports' upkeep */
        return e->code;
    return PD_OK;
}

/* The codes of one request into the three arrays of q. */
static int read_codes(struct db *db, struct arena *a, struct request_rec *q, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT vocab, code FROM request_code WHERE request_id = ?"
                                    " ORDER BY vocab, code",
                                    e);
    size_t cap = 8, nr = 0, na = 0, nt = 0;
    const char **r = arena_array(a, cap, sizeof(*r));
    const char **ar = arena_array(a, cap, sizeof(*ar));
    const char **t = arena_array(a, cap, sizeof(*t));
    size_t cr = cap, ca = cap, ct = cap;
    int rc;

    if (!st)
        return e->code;
    db_bind_text(st, 1, q->id);
    while ((rc = db_step(st, e)) == DB_ROW) {
        const char *vocab = db_col_text(st, 0);
        const char *code = store_col_str(a, st, 1);
        if (strcmp(vocab, "deployment_reason") == 0) {
            if (nr == cr)
                r = store_grow(a, r, &cr, sizeof(*r));
            r[nr++] = code;
        } else if (strcmp(vocab, "experience_area") == 0) {
            if (na == ca)
                ar = store_grow(a, ar, &ca, sizeof(*ar));
            ar[na++] = code;
        } else {
            if (nt == ct)
                t = store_grow(a, t, &ct, sizeof(*t));
            t[nt++] = code;
        }
    }
    if (rc < 0)
        return rc;
    q->reasons = r;
    q->nreasons = nr;
    q->areas = ar;
    q->nareas = na;
    q->themes = t;
    q->nthemes = nt;
    return PD_OK;
}

int store_request_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                      struct request_rec *out, struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT " REQUEST_COLS REQUEST_FROM " WHERE q.id = ? AND q.org_id = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, org_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc != DB_ROW)
        return err_set(e, PD_ENOTFOUND, NULL, "no such request");
    read_request(a, st, out);
    db_reset(st);
    return read_codes(db, a, out, e);
}

int store_request_list(struct db *db, struct arena *a, const char *org_id, const char *status,
                       const char *after, int limit, struct request_rec **out, size_t *n,
                       struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db,
        "SELECT " REQUEST_COLS REQUEST_FROM " WHERE q.org_id = ?1 AND ((CAST(?2 AS TEXT) IS NULL "
        "AND q.status IN ('submitted', 'in_review'))"
        " OR q.status = ?2) AND (CAST(?3 AS TEXT) IS NULL OR q.id > ?3) ORDER BY q.id LIMIT ?4",
        e);
    size_t cap = 16, len = 0;
    struct request_rec *v = arena_array(a, cap, sizeof(*v));
    int rc;

    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, status);
    db_bind_text(st, 3, after);
    db_bind_int64(st, 4, limit);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        read_request(a, st, &v[len++]);
    }
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < len; i++)
        if (read_codes(db, a, &v[i], e) != PD_OK)
            return e->code;
    *out = v;
    *n = len;
    return PD_OK;
}

int store_request_update(struct db *db, const struct request_rec *q, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE request SET status = ?, decided_by = ?, decided_at = ?,"
                                    " decision_note = ?, assigned_expert_id = ?, updated_at = ?,"
                                    " version = version + 1"
                                    " WHERE id = ? AND org_id = ? AND version = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, q->status);
    db_bind_text(st, 2, q->decided_by);
    db_bind_text(st, 3, q->decided_at);
    db_bind_text(st, 4, q->decision_note);
    db_bind_text(st, 5, q->assigned_expert_id);
    db_bind_text(st, 6, q->updated_at);
    db_bind_text(st, 7, q->id);
    db_bind_text(st, 8, q->org_id);
    db_bind_int64(st, 9, q->version);
    if (store_step_versioned(db, st, "request", e) != PD_OK)
        return e->code;
    return store_report_dossier(db, q->dossier_id, e); /* the reports' upkeep */
}

int store_request_open_on(struct db *db, const char *dossier_id, bool *yes, struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db,
                   "SELECT CASE WHEN EXISTS (SELECT 1 FROM request WHERE dossier_id = ?"
                   " AND status IN ('submitted', 'in_review')) THEN 1 ELSE 0 END",
                   e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, dossier_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    *yes = rc == DB_ROW && db_col_int64(st, 0) != 0;
    db_reset(st);
    return PD_OK;
}
