/*
 * store_consult.c: see store_consult.h.
 */
#include "store_consult.h"

#include <string.h>

#include "store_reports.h"
#include "store_util.h"

/* ---- consultations ---- */

#define CONSULT_COLS                                                                               \
    "id, org_id, expert_id, asker_id, channel, formal, theme, summary, response, minutes,"         \
    " dossier_id, held_on, created_at, version"

static void consult_row(struct db_stmt *st, struct arena *a, struct consult_rec *c)
{
    memset(c, 0, sizeof(*c));
    store_col_id(st, 0, c->id);
    store_col_id(st, 1, c->org_id);
    store_col_id(st, 2, c->expert_id);
    c->asker_id = store_col_opt(a, st, 3);
    c->channel = store_col_str(a, st, 4);
    c->formal = db_col_int64(st, 5) != 0;
    c->theme = store_col_str(a, st, 6);
    c->summary = store_col_str(a, st, 7);
    c->response = store_col_str(a, st, 8);
    c->minutes = (int)db_col_int64(st, 9);
    c->dossier_id = store_col_opt(a, st, 10);
    c->held_on = store_col_str(a, st, 11);
    c->created_at = store_col_str(a, st, 12);
    c->version = db_col_int64(st, 13);
}

static int consult_rows(struct db_stmt *st, struct arena *a, struct consult_rec **out, size_t *n,
                        struct pd_err *e)
{
    size_t cap = 16, len = 0;
    struct consult_rec *v = arena_array(a, cap, sizeof(*v));
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        consult_row(st, a, &v[len++]);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

int store_consult_insert(struct db *db, const struct consult_rec *c, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO consultation (id, org_id, expert_id, asker_id,"
                                    " channel, formal, theme, summary, response, minutes,"
                                    " dossier_id, held_on, created_at, version)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, c->id);
    db_bind_text(st, 2, c->org_id);
    db_bind_text(st, 3, c->expert_id);
    db_bind_text(st, 4, c->asker_id);
    db_bind_text(st, 5, c->channel);
    db_bind_int64(st, 6, c->formal ? 1 : 0);
    db_bind_text(st, 7, c->theme);
    db_bind_text(st, 8, c->summary);
    db_bind_text(st, 9, c->response);
    db_bind_int64(st, 10, c->minutes);
    db_bind_text(st, 11, c->dossier_id);
    db_bind_text(st, 12, c->held_on);
    db_bind_text(st, 13, c->created_at);
    if (store_step_done(st, e) != PD_OK)
        return e->code;
    return store_report_minutes_consult(db, c->id, 1, e);
}

int store_consult_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                      struct consult_rec *out, struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT " CONSULT_COLS " FROM consultation WHERE id = ? AND org_id = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, org_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc != DB_ROW)
        return err_set(e, PD_ENOTFOUND, NULL, "no such consultation");
    consult_row(st, a, out);
    db_reset(st);
    return PD_OK;
}

int store_consult_update(struct db *db, const struct consult_rec *c, struct pd_err *e)
{
    /* out of the hours with the old minutes and day, back in with the new */
    if (store_report_minutes_consult(db, c->id, -1, e) != PD_OK)
        return e->code;
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE consultation SET asker_id = ?, channel = ?, formal = ?,"
                                    " theme = ?, summary = ?, response = ?, minutes = ?,"
                                    " dossier_id = ?, held_on = ?, version = version + 1"
                                    " WHERE id = ? AND org_id = ? AND version = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, c->asker_id);
    db_bind_text(st, 2, c->channel);
    db_bind_int64(st, 3, c->formal ? 1 : 0);
    db_bind_text(st, 4, c->theme);
    db_bind_text(st, 5, c->summary);
    db_bind_text(st, 6, c->response);
    db_bind_int64(st, 7, c->minutes);
    db_bind_text(st, 8, c->dossier_id);
    db_bind_text(st, 9, c->held_on);
    db_bind_text(st, 10, c->id);
    db_bind_text(st, 11, c->org_id);
    db_bind_int64(st, 12, c->version);
    if (store_step_versioned(db, st, "consultation", e) != PD_OK)
        return e->code;
    return store_report_minutes_consult(db, c->id, 1, e);
}

int store_consult_mine(struct db *db, struct arena *a, const char *org_id, const char *expert_id,
                       const char *after, int limit, struct consult_rec **out, size_t *n,
                       struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db,
                   "SELECT " CONSULT_COLS " FROM consultation WHERE org_id = ?1 AND expert_id = ?2"
                   " AND (CAST(?3 AS TEXT) IS NULL OR id < ?3) ORDER BY id DESC LIMIT ?4",
                   e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, expert_id);
    db_bind_text(st, 3, after);
    db_bind_int64(st, 4, limit);
    return consult_rows(st, a, out, n, e);
}

int store_consult_team(struct db *db, struct arena *a, const char *org_id,
                       const char *coordinator_id, const char *after, int limit,
                       struct consult_rec **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db,
                   "SELECT " CONSULT_COLS " FROM consultation WHERE org_id = ?1"
                   " AND expert_id IN (SELECT m2.worker_id FROM team_member m1"
                   "   JOIN team t ON t.id = m1.team_id AND t.kind = 'expert_team'"
                   "   JOIN team_member m2 ON m2.team_id = m1.team_id WHERE m1.worker_id = ?2)"
                   " AND (CAST(?3 AS TEXT) IS NULL OR id < ?3) ORDER BY id DESC LIMIT ?4",
                   e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, coordinator_id);
    db_bind_text(st, 3, after);
    db_bind_int64(st, 4, limit);
    return consult_rows(st, a, out, n, e);
}

/* ---- case discussions ---- */

int store_discussion_insert(struct db *db, const struct discussion_rec *d, struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db,
                   "INSERT INTO case_discussion (id, org_id, held_on, team_id,"
                   " presenter_id, dossier_id, outcome, summary, created_by,"
                   " created_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                   e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, d->id);
    db_bind_text(st, 2, d->org_id);
    db_bind_text(st, 3, d->held_on);
    db_bind_text(st, 4, d->team_id);
    db_bind_text(st, 5, d->presenter_id);
    db_bind_text(st, 6, d->dossier_id);
    db_bind_text(st, 7, d->outcome);
    db_bind_text(st, 8, d->summary);
    db_bind_text(st, 9, d->created_by);
    db_bind_text(st, 10, d->created_at);
    if (store_step_done(st, e) != PD_OK)
        return e->code;
    for (size_t i = 0; i < d->nexperts; i++) {
        st = db_prepare(db,
                        "INSERT INTO case_discussion_expert (org_id, discussion_id, worker_id)"
                        " VALUES (?, ?, ?)",
                        e);
        if (!st)
            return e->code;
        db_bind_text(st, 1, d->org_id);
        db_bind_text(st, 2, d->id);
        db_bind_text(st, 3, d->expert_ids[i]);
        int rc = db_step(st, e);
        if (rc == PD_ECONFLICT) {
            err_clear(e);
            return err_set(e, PD_EINVAL, "expert_ids", "an expert is listed twice");
        }
        if (rc < 0)
            return rc;
    }
    return PD_OK;
}

static int discussion_experts(struct db *db, struct arena *a, struct discussion_rec *d,
                              struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT worker_id FROM case_discussion_expert"
                                    " WHERE discussion_id = ? ORDER BY worker_id",
                                    e);
    size_t cap = 8, len = 0;
    const char **v = arena_array(a, cap, sizeof(*v));
    int rc;
    if (!st)
        return e->code;
    db_bind_text(st, 1, d->id);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        v[len++] = store_col_str(a, st, 0);
    }
    if (rc < 0)
        return rc;
    d->expert_ids = v;
    d->nexperts = len;
    return PD_OK;
}

int store_discussion_list(struct db *db, struct arena *a, const char *org_id, const char *worker_id,
                          const char *after, int limit, struct discussion_rec **out, size_t *n,
                          struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db,
        "SELECT d.id, d.org_id, d.held_on, d.team_id, d.presenter_id, d.dossier_id, d.outcome,"
        " d.summary, d.created_by, d.created_at, d.version FROM case_discussion d"
        " WHERE d.org_id = ?1 AND (d.created_by = ?2 OR EXISTS (SELECT 1 FROM"
        "   case_discussion_expert x WHERE x.discussion_id = d.id AND x.worker_id = ?2))"
        " AND (CAST(?3 AS TEXT) IS NULL OR d.id < ?3) ORDER BY d.id DESC LIMIT ?4",
        e);
    size_t cap = 16, len = 0;
    struct discussion_rec *v = arena_array(a, cap, sizeof(*v));
    int rc;
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, worker_id);
    db_bind_text(st, 3, after);
    db_bind_int64(st, 4, limit);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        struct discussion_rec *d = &v[len++];
        memset(d, 0, sizeof(*d));
        store_col_id(st, 0, d->id);
        store_col_id(st, 1, d->org_id);
        d->held_on = store_col_str(a, st, 2);
        d->team_id = store_col_opt(a, st, 3);
        d->presenter_id = store_col_opt(a, st, 4);
        d->dossier_id = store_col_opt(a, st, 5);
        d->outcome = store_col_str(a, st, 6);
        d->summary = store_col_opt(a, st, 7);
        store_col_id(st, 8, d->created_by);
        d->created_at = store_col_str(a, st, 9);
        d->version = db_col_int64(st, 10);
    }
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < len; i++)
        if (discussion_experts(db, a, &v[i], e) != PD_OK)
            return e->code;
    *out = v;
    *n = len;
    return PD_OK;
}

/* ---- break-the-glass ---- */

#define BG_COLS                                                                                    \
    "b.id, b.org_id, b.worker_id, b.client_id, b.reason, b.started_at, b.expires_at,"              \
    " b.ended_at, b.reviewed_by, b.reviewed_at, b.review_outcome, b.review_note, b.version"

static void bg_row(struct db_stmt *st, struct arena *a, struct break_glass_rec *b)
{
    memset(b, 0, sizeof(*b));
    store_col_id(st, 0, b->id);
    store_col_id(st, 1, b->org_id);
    store_col_id(st, 2, b->worker_id);
    store_col_id(st, 3, b->client_id);
    b->reason = store_col_str(a, st, 4);
    b->started_at = store_col_str(a, st, 5);
    b->expires_at = store_col_str(a, st, 6);
    b->ended_at = store_col_opt(a, st, 7);
    b->reviewed_by = store_col_opt(a, st, 8);
    b->reviewed_at = store_col_opt(a, st, 9);
    b->review_outcome = store_col_opt(a, st, 10);
    b->review_note = store_col_opt(a, st, 11);
    b->version = db_col_int64(st, 12);
}

int store_break_glass_insert(struct db *db, const struct break_glass_rec *b, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO break_glass (id, org_id, worker_id, client_id,"
                                    " reason, started_at, expires_at, version)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, 1)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, b->id);
    db_bind_text(st, 2, b->org_id);
    db_bind_text(st, 3, b->worker_id);
    db_bind_text(st, 4, b->client_id);
    db_bind_text(st, 5, b->reason);
    db_bind_text(st, 6, b->started_at);
    db_bind_text(st, 7, b->expires_at);
    return store_step_done(st, e);
}

int store_break_glass_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                          struct break_glass_rec *out, struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT " BG_COLS " FROM break_glass b WHERE b.id = ? AND b.org_id = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, org_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc != DB_ROW)
        return err_set(e, PD_ENOTFOUND, NULL, "no such break-the-glass grant");
    bg_row(st, a, out);
    db_reset(st);
    return PD_OK;
}

int store_break_glass_end(struct db *db, const char *org_id, const char *id, const char *now,
                          struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE break_glass SET ended_at = ?3, version = version + 1"
                                    " WHERE id = ?1 AND org_id = ?2 AND ended_at IS NULL"
                                    " AND expires_at > ?3",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, org_id);
    db_bind_text(st, 3, now);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (db_changes(db) == 0)
        return err_set(e, PD_ECONFLICT, NULL, "this grant has ended already");
    return PD_OK;
}

int store_break_glass_queue(struct db *db, struct arena *a, const char *org_id, const char *after,
                            int limit, struct break_glass_rec **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db,
                   "SELECT " BG_COLS ", w.name, w.email FROM break_glass b"
                   " JOIN worker w ON w.id = b.worker_id"
                   " WHERE b.org_id = ?1 AND b.reviewed_at IS NULL"
                   " AND (CAST(?2 AS TEXT) IS NULL OR b.id > ?2) ORDER BY b.id LIMIT ?3",
                   e);
    size_t cap = 16, len = 0;
    struct break_glass_rec *v = arena_array(a, cap, sizeof(*v));
    int rc;
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, after);
    db_bind_int64(st, 3, limit);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        bg_row(st, a, &v[len]);
        v[len].worker_name = store_col_str(a, st, 13);
        v[len].worker_email = store_col_str(a, st, 14);
        len++;
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

int store_break_glass_review(struct db *db, const struct break_glass_rec *b, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE break_glass SET reviewed_by = ?, reviewed_at = ?,"
                                    " review_outcome = ?, review_note = ?, version = version + 1"
                                    " WHERE id = ? AND org_id = ? AND version = ?"
                                    " AND reviewed_at IS NULL",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, b->reviewed_by);
    db_bind_text(st, 2, b->reviewed_at);
    db_bind_text(st, 3, b->review_outcome);
    db_bind_text(st, 4, b->review_note);
    db_bind_text(st, 5, b->id);
    db_bind_text(st, 6, b->org_id);
    db_bind_int64(st, 7, b->version);
    return store_step_versioned(db, st, "grant", e);
}

int store_client_lookup(struct db *db, const char *org_id, const char *client_id, bool *exists,
                        char responsible_id[UUID_STR_BYTES], struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT c.id, (SELECT d.responsible_id FROM dossier d"
                                    " WHERE d.client_id = c.id ORDER BY d.id DESC LIMIT 1)"
                                    " FROM client c WHERE c.id = ? AND c.org_id = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, client_id);
    db_bind_text(st, 2, org_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    *exists = rc == DB_ROW;
    responsible_id[0] = '\0';
    if (*exists)
        store_col_id(st, 1, responsible_id);
    db_reset(st);
    return PD_OK;
}
