/*
 * store_clients.c: see store_clients.h.
 */
#include "store_clients.h"

#include <string.h>

#include "store_reports.h"
#include "store_util.h"

/* ---- clients ---- */

int store_client_insert(struct db *db, const struct client_rec *c, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO client (id, org_id, code, name, contact,"
                                    " birth_year, area_id, created_by, created_at, updated_at,"
                                    " version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, c->id);
    db_bind_text(st, 2, c->org_id);
    db_bind_text(st, 3, c->code);
    db_bind_text(st, 4, c->name);
    db_bind_text(st, 5, c->contact);
    if (c->birth_year)
        db_bind_int64(st, 6, c->birth_year);
    else
        db_bind_null(st, 6);
    db_bind_text(st, 7, c->area_id);
    db_bind_text(st, 8, c->created_by);
    db_bind_text(st, 9, c->created_at);
    db_bind_text(st, 10, c->updated_at);
    int rc = db_step(st, e);
    if (rc == PD_ECONFLICT) {
        err_clear(e);
        return err_set(e, PD_ECONFLICT, "code", "a client with this code exists already");
    }
    return rc < 0 ? rc : PD_OK;
}

int store_client_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                     struct client_rec *out, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT id, org_id, code, name, contact, birth_year, area_id,"
                                    " created_by, created_at, updated_at, version FROM client"
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
        return err_set(e, PD_ENOTFOUND, NULL, "no such client");
    memset(out, 0, sizeof(*out));
    store_col_id(st, 0, out->id);
    store_col_id(st, 1, out->org_id);
    out->code = store_col_str(a, st, 2);
    out->name = store_col_opt(a, st, 3);
    out->contact = store_col_opt(a, st, 4);
    out->birth_year = db_col_is_null(st, 5) ? 0 : (int)db_col_int64(st, 5);
    out->area_id = store_col_opt(a, st, 6);
    store_col_id(st, 7, out->created_by);
    out->created_at = store_col_str(a, st, 8);
    out->updated_at = store_col_str(a, st, 9);
    out->version = db_col_int64(st, 10);
    db_reset(st);
    return PD_OK;
}

int store_client_update(struct db *db, const struct client_rec *c, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE client SET name = ?, contact = ?, birth_year = ?,"
                                    " area_id = ?, updated_at = ?, version = version + 1"
                                    " WHERE id = ? AND org_id = ? AND version = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, c->name);
    db_bind_text(st, 2, c->contact);
    if (c->birth_year)
        db_bind_int64(st, 3, c->birth_year);
    else
        db_bind_null(st, 3);
    db_bind_text(st, 4, c->area_id);
    db_bind_text(st, 5, c->updated_at);
    db_bind_text(st, 6, c->id);
    db_bind_text(st, 7, c->org_id);
    db_bind_int64(st, 8, c->version);
    return store_step_versioned(db, st, "client", e);
}

int store_client_dossiers(struct db *db, struct arena *a, const char *org_id, const char *client_id,
                          char (**ids)[UUID_STR_BYTES], size_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT id FROM dossier WHERE client_id = ? AND org_id = ?"
                                    " ORDER BY id DESC",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, client_id);
    db_bind_text(st, 2, org_id);
    return store_step_ids(st, a, ids, n, e);
}

/* ---- dossiers ---- */

#define DOSSIER_COLS                                                                               \
    "d.id, d.org_id, d.client_id, d.responsible_id, d.status, d.goal_type, d.area_id,"             \
    " d.keep_warm, d.opened_on, d.closed_on, d.closure_reason, d.created_at, d.updated_at,"        \
    " d.version, c.code"

static void dossier_read(struct db_stmt *st, struct arena *a, struct dossier_rec *d)
{
    memset(d, 0, sizeof(*d));
    store_col_id(st, 0, d->id);
    store_col_id(st, 1, d->org_id);
    store_col_id(st, 2, d->client_id);
    store_col_id(st, 3, d->responsible_id);
    d->status = store_col_str(a, st, 4);
    d->goal_type = store_col_str(a, st, 5);
    d->area_id = store_col_opt(a, st, 6);
    d->keep_warm = db_col_int64(st, 7) != 0;
    d->opened_on = store_col_str(a, st, 8);
    d->closed_on = store_col_opt(a, st, 9);
    d->closure_reason = store_col_opt(a, st, 10);
    d->created_at = store_col_str(a, st, 11);
    d->updated_at = store_col_str(a, st, 12);
    d->version = db_col_int64(st, 13);
    d->client_code = store_col_str(a, st, 14);
}

int store_dossier_insert(struct db *db, const struct dossier_rec *d, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO dossier (id, org_id, client_id, responsible_id,"
                                    " status, goal_type, area_id, keep_warm, opened_on,"
                                    " created_at, updated_at, version)"
                                    " VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, 1)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, d->id);
    db_bind_text(st, 2, d->org_id);
    db_bind_text(st, 3, d->client_id);
    db_bind_text(st, 4, d->responsible_id);
    db_bind_text(st, 5, d->goal_type);
    db_bind_text(st, 6, d->area_id);
    db_bind_int64(st, 7, d->keep_warm ? 1 : 0);
    db_bind_text(st, 8, d->opened_on);
    db_bind_text(st, 9, d->created_at);
    db_bind_text(st, 10, d->updated_at);
    return store_step_done(st, e);
}

int store_dossier_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                      struct dossier_rec *out, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT " DOSSIER_COLS " FROM dossier d JOIN client c"
                                    " ON c.id = d.client_id WHERE d.id = ? AND d.org_id = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, org_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc != DB_ROW)
        return err_set(e, PD_ENOTFOUND, NULL, "no such dossier");
    dossier_read(st, a, out);
    db_reset(st);
    return PD_OK;
}

int store_dossier_update(struct db *db, const struct dossier_rec *d, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE dossier SET goal_type = ?, area_id = ?, keep_warm = ?,"
                                    " responsible_id = ?, updated_at = ?, version = version + 1"
                                    " WHERE id = ? AND org_id = ? AND version = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, d->goal_type);
    db_bind_text(st, 2, d->area_id);
    db_bind_int64(st, 3, d->keep_warm ? 1 : 0);
    db_bind_text(st, 4, d->responsible_id);
    db_bind_text(st, 5, d->updated_at);
    db_bind_text(st, 6, d->id);
    db_bind_text(st, 7, d->org_id);
    db_bind_int64(st, 8, d->version);
    return store_step_versioned(db, st, "dossier", e);
}

int store_dossier_mine(struct db *db, struct arena *a, const char *org_id, const char *worker_id,
                       const char *today, const char *status, const char *after, int limit,
                       struct dossier_rec **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db,
        "SELECT " DOSSIER_COLS " FROM dossier d JOIN client c ON c.id = d.client_id"
        " WHERE d.org_id = ?1 AND d.id > ?4 AND (CAST(?3 AS TEXT) IS NULL OR d.status = ?3)"
        " AND (d.responsible_id = ?2 OR EXISTS (SELECT 1 FROM assignment s"
        "  WHERE s.dossier_id = d.id AND s.worker_id = ?2"
        "  AND (s.end_on IS NULL OR s.end_on >= ?5)))"
        " ORDER BY d.id LIMIT ?6",
        e);
    size_t cap = 16, len = 0;
    struct dossier_rec *v = arena_array(a, cap, sizeof(*v));
    int rc;
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, worker_id);
    db_bind_text(st, 3, status);
    db_bind_text(st, 4, after ? after : "");
    db_bind_text(st, 5, today);
    db_bind_int64(st, 6, limit > 0 ? limit : 0);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        dossier_read(st, a, &v[len++]);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

/* ---- assignments ---- */

#define ASSIGNMENT_COLS                                                                            \
    "s.id, s.org_id, s.dossier_id, s.worker_id, w.name, s.role, s.start_on, s.end_on,"             \
    " s.created_at, s.version,"                                                                    \
    " (SELECT i.pattern FROM intensity i WHERE i.assignment_id = s.id"                             \
    "  ORDER BY i.created_at DESC, i.id DESC LIMIT 1),"                                            \
    " (SELECT i.agreed_on FROM intensity i WHERE i.assignment_id = s.id"                           \
    "  ORDER BY i.created_at DESC, i.id DESC LIMIT 1)"

static void assignment_read(struct db_stmt *st, struct arena *a, struct assignment_rec *s)
{
    memset(s, 0, sizeof(*s));
    store_col_id(st, 0, s->id);
    store_col_id(st, 1, s->org_id);
    store_col_id(st, 2, s->dossier_id);
    store_col_id(st, 3, s->worker_id);
    s->worker_name = store_col_str(a, st, 4);
    s->role = store_col_str(a, st, 5);
    s->start_on = store_col_str(a, st, 6);
    s->end_on = store_col_opt(a, st, 7);
    s->created_at = store_col_str(a, st, 8);
    s->version = db_col_int64(st, 9);
    s->pattern = store_col_opt(a, st, 10);
    s->agreed_on = store_col_opt(a, st, 11);
}

int store_assignment_insert(struct db *db, const struct assignment_rec *s, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO assignment (id, org_id, dossier_id, worker_id,"
                                    " role, start_on, end_on, created_at, version)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, s->id);
    db_bind_text(st, 2, s->org_id);
    db_bind_text(st, 3, s->dossier_id);
    db_bind_text(st, 4, s->worker_id);
    db_bind_text(st, 5, s->role);
    db_bind_text(st, 6, s->start_on);
    db_bind_text(st, 7, s->end_on);
    db_bind_text(st, 8, s->created_at);
    if (store_step_done(st, e) != PD_OK)
        return e->code;
    return store_report_dossier(db, s->dossier_id, e); /* the reports' upkeep */
}

int store_assignment_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                         struct assignment_rec *out, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT " ASSIGNMENT_COLS " FROM assignment s JOIN worker w"
                                    " ON w.id = s.worker_id WHERE s.id = ? AND s.org_id = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, org_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc != DB_ROW)
        return err_set(e, PD_ENOTFOUND, NULL, "no such assignment");
    assignment_read(st, a, out);
    db_reset(st);
    return PD_OK;
}

int store_assignment_active(struct db *db, struct arena *a, const char *dossier_id,
                            const char *today, struct assignment_rec **out, size_t *n,
                            struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT " ASSIGNMENT_COLS " FROM assignment s JOIN worker w"
                                    " ON w.id = s.worker_id WHERE s.dossier_id = ?"
                                    " AND (s.end_on IS NULL OR s.end_on >= ?)"
                                    " ORDER BY s.start_on, s.id",
                                    e);
    size_t cap = 8, len = 0;
    struct assignment_rec *v = arena_array(a, cap, sizeof(*v));
    int rc;
    if (!st)
        return e->code;
    db_bind_text(st, 1, dossier_id);
    db_bind_text(st, 2, today);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        assignment_read(st, a, &v[len++]);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

int store_assignment_exists(struct db *db, const char *dossier_id, const char *worker_id,
                            const char *role, const char *today, bool *yes, struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db,
                   "SELECT CASE WHEN EXISTS (SELECT 1 FROM assignment WHERE dossier_id = ?"
                   " AND worker_id = ? AND role = ?"
                   " AND (end_on IS NULL OR end_on >= ?)) THEN 1 ELSE 0 END",
                   e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, dossier_id);
    db_bind_text(st, 2, worker_id);
    db_bind_text(st, 3, role);
    db_bind_text(st, 4, today);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    *yes = rc == DB_ROW && db_col_int64(st, 0) != 0;
    db_reset(st);
    return PD_OK;
}

int store_assignment_touch(struct db *db, const struct assignment_rec *s, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE assignment SET end_on = coalesce(?, end_on),"
                                    " version = version + 1"
                                    " WHERE id = ? AND org_id = ? AND version = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, s->end_on);
    db_bind_text(st, 2, s->id);
    db_bind_text(st, 3, s->org_id);
    db_bind_int64(st, 4, s->version);
    return store_step_versioned(db, st, "assignment", e);
}

int store_intensity_insert(struct db *db, const char *org_id, const char *assignment_id,
                           const char *pattern, const char *agreed_on, const char *by,
                           const char *now, struct pd_err *e)
{
    char id[UUID_STR_BYTES];
    uuid7_new(id);
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO intensity (id, org_id, assignment_id, pattern,"
                                    " agreed_on, created_by, created_at)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, org_id);
    db_bind_text(st, 3, assignment_id);
    db_bind_text(st, 4, pattern);
    db_bind_text(st, 5, agreed_on);
    db_bind_text(st, 6, by);
    db_bind_text(st, 7, now);
    return store_step_done(st, e);
}

/* ---- consent ---- */

int store_consent_insert(struct db *db, const char *org_id, const struct consent_rec *c,
                         struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO consent (id, org_id, client_id, dossier_id, kind,"
                                    " given, recorded_on, recorded_by, created_at)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, c->id);
    db_bind_text(st, 2, org_id);
    db_bind_text(st, 3, c->client_id);
    db_bind_text(st, 4, *c->dossier_id ? c->dossier_id : NULL);
    db_bind_text(st, 5, c->kind);
    db_bind_int64(st, 6, c->given ? 1 : 0);
    db_bind_text(st, 7, c->recorded_on);
    db_bind_text(st, 8, c->recorded_by);
    db_bind_text(st, 9, c->created_at);
    return store_step_done(st, e);
}

int store_consent_list(struct db *db, struct arena *a, const char *client_id,
                       struct consent_rec **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT id, client_id, dossier_id, kind, given, recorded_on,"
                                    " recorded_by, created_at FROM consent WHERE client_id = ?"
                                    " ORDER BY recorded_on, created_at, id",
                                    e);
    size_t cap = 8, len = 0;
    struct consent_rec *v = arena_array(a, cap, sizeof(*v));
    int rc;
    if (!st)
        return e->code;
    db_bind_text(st, 1, client_id);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        struct consent_rec *c = &v[len++];
        memset(c, 0, sizeof(*c));
        store_col_id(st, 0, c->id);
        store_col_id(st, 1, c->client_id);
        store_col_id(st, 2, c->dossier_id);
        c->kind = store_col_str(a, st, 3);
        c->given = db_col_int64(st, 4) != 0;
        c->recorded_on = store_col_str(a, st, 5);
        store_col_id(st, 6, c->recorded_by);
        c->created_at = store_col_str(a, st, 7);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}
