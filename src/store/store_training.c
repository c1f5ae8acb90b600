/*
 * store_training.c: see store_training.h.
 */
#include "store_training.h"

#include <string.h>

#include "store_util.h"

#define TRAINING_COLS                                                                              \
    "s.id, s.org_id, s.title, s.held_on, s.place, s.created_by, s.created_at, s.updated_at,"       \
    " s.version, (SELECT count(*) FROM training_attendance a WHERE a.session_id = s.id)"

static void training_row(struct db_stmt *st, struct arena *a, struct training_rec *t)
{
    memset(t, 0, sizeof(*t));
    store_col_id(st, 0, t->id);
    store_col_id(st, 1, t->org_id);
    t->title = store_col_str(a, st, 2);
    t->held_on = store_col_str(a, st, 3);
    t->place = store_col_str(a, st, 4);
    store_col_id(st, 5, t->created_by);
    t->created_at = store_col_str(a, st, 6);
    t->updated_at = store_col_str(a, st, 7);
    t->version = db_col_int64(st, 8);
    t->nattendees = (size_t)db_col_int64(st, 9);
}

/* The trainers (or the attendees) of one session, by name. */
static int people(struct db *db, struct arena *a, bool attendees, const char *session_id,
                  struct training_person **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st =
        attendees ? db_prepare(db,
                               "SELECT w.id, w.name FROM training_attendance x JOIN worker w"
                               " ON w.id = x.worker_id WHERE x.session_id = ?1"
                               " ORDER BY w.name, w.id",
                               e)
                  : db_prepare(db,
                               "SELECT w.id, w.name FROM training_trainer x JOIN worker w"
                               " ON w.id = x.worker_id WHERE x.session_id = ?1"
                               " ORDER BY w.name, w.id",
                               e);
    size_t cap = 8, len = 0;
    struct training_person *v = arena_array(a, cap, sizeof(*v));
    int rc;
    if (!st)
        return e->code;
    db_bind_text(st, 1, session_id);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        store_col_id(st, 0, v[len].id);
        v[len].name = store_col_str(a, st, 1);
        len++;
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

static int trainers_of(struct db *db, struct arena *a, struct training_rec *t, struct pd_err *e)
{
    return people(db, a, false, t->id, &t->trainers, &t->ntrainers, e);
}

static int insert_trainers(struct db *db, const struct training_rec *t, struct pd_err *e)
{
    for (size_t i = 0; i < t->ntrainers; i++) {
        struct db_stmt *st = db_prepare(db,
                                        "INSERT INTO training_trainer (org_id, session_id,"
                                        " worker_id) VALUES (?, ?, ?)",
                                        e);
        if (!st)
            return e->code;
        db_bind_text(st, 1, t->org_id);
        db_bind_text(st, 2, t->id);
        db_bind_text(st, 3, t->trainers[i].id);
        if (store_step_done(st, e) != PD_OK)
            return e->code;
    }
    return PD_OK;
}

int store_training_insert(struct db *db, const struct training_rec *t, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO training_session (id, org_id, title, held_on,"
                                    " place, created_by, created_at, updated_at, version)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, t->id);
    db_bind_text(st, 2, t->org_id);
    db_bind_text(st, 3, t->title);
    db_bind_text(st, 4, t->held_on);
    db_bind_text(st, 5, t->place ? t->place : "");
    db_bind_text(st, 6, t->created_by);
    db_bind_text(st, 7, t->created_at);
    db_bind_text(st, 8, t->updated_at);
    if (store_step_done(st, e) != PD_OK)
        return e->code;
    return insert_trainers(db, t, e);
}

int store_training_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                       struct training_rec *out, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT " TRAINING_COLS " FROM training_session s WHERE s.id = ? AND s.org_id = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, org_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc != DB_ROW)
        return err_set(e, PD_ENOTFOUND, NULL, "no such training session");
    training_row(st, a, out);
    db_reset(st);
    if (trainers_of(db, a, out, e) != PD_OK)
        return e->code;
    return people(db, a, true, out->id, &out->attendees, &out->nattendees, e);
}

int store_training_update(struct db *db, const struct training_rec *t, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE training_session SET title = ?, held_on = ?,"
                                    " place = ?, updated_at = ?, version = version + 1"
                                    " WHERE id = ? AND org_id = ? AND version = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, t->title);
    db_bind_text(st, 2, t->held_on);
    db_bind_text(st, 3, t->place ? t->place : "");
    db_bind_text(st, 4, t->updated_at);
    db_bind_text(st, 5, t->id);
    db_bind_text(st, 6, t->org_id);
    db_bind_int64(st, 7, t->version);
    if (store_step_versioned(db, st, "training session", e) != PD_OK)
        return e->code;
    st = db_prepare(db, "DELETE FROM training_trainer WHERE session_id = ? AND org_id = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, t->id);
    db_bind_text(st, 2, t->org_id);
    if (store_step_done(st, e) != PD_OK)
        return e->code;
    return insert_trainers(db, t, e);
}

int store_training_list(struct db *db, struct arena *a, const char *org_id,
                        struct training_rec **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT " TRAINING_COLS " FROM training_session s"
                                    " WHERE s.org_id = ? ORDER BY s.held_on DESC, s.id DESC"
                                    " LIMIT 500",
                                    e);
    size_t cap = 16, len = 0;
    struct training_rec *v = arena_array(a, cap, sizeof(*v));
    int rc;
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        training_row(st, a, &v[len++]);
    }
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < len; i++)
        if (trainers_of(db, a, &v[i], e) != PD_OK)
            return e->code;
    *out = v;
    *n = len;
    return PD_OK;
}

int store_training_set_attendance(struct db *db, const char *org_id, const char *session_id,
                                  int64_t version, const char *const *worker_ids, size_t n,
                                  const char *recorded_by, const char *now, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE training_session SET version = version + 1,"
                                    " updated_at = ? WHERE id = ? AND org_id = ? AND version = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, now);
    db_bind_text(st, 2, session_id);
    db_bind_text(st, 3, org_id);
    db_bind_int64(st, 4, version);
    if (store_step_versioned(db, st, "training session", e) != PD_OK)
        return e->code;
    st = db_prepare(db, "DELETE FROM training_attendance WHERE session_id = ? AND org_id = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, session_id);
    db_bind_text(st, 2, org_id);
    if (store_step_done(st, e) != PD_OK)
        return e->code;
    for (size_t i = 0; i < n; i++) {
        st = db_prepare(db,
                        "INSERT INTO training_attendance (org_id, session_id, worker_id,"
                        " recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)",
                        e);
        if (!st)
            return e->code;
        db_bind_text(st, 1, org_id);
        db_bind_text(st, 2, session_id);
        db_bind_text(st, 3, worker_ids[i]);
        db_bind_text(st, 4, recorded_by);
        db_bind_text(st, 5, now);
        if (store_step_done(st, e) != PD_OK)
            return e->code;
    }
    return PD_OK;
}

int store_training_generalists(struct db *db, struct arena *a, const char *org_id,
                               const char *today, struct training_generalist **out, size_t *n,
                               struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db,
        "SELECT w.id, w.name, '', w.created_at,"
        " (SELECT max(s.held_on) FROM training_attendance x JOIN training_session s"
        "   ON s.id = x.session_id WHERE x.worker_id = w.id AND s.held_on <= ?2)"
        " FROM worker w JOIN worker_role r ON r.worker_id = w.id AND r.role = 'generalist'"
        " WHERE w.org_id = ?1 AND w.status = 'active' ORDER BY w.name, w.id LIMIT 5000",
        e);
    size_t cap = 64, len = 0;
    struct training_generalist *v = arena_array(a, cap, sizeof(*v));
    int rc;
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, today);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        struct training_generalist *g = &v[len++];
        store_col_id(st, 0, g->id);
        g->name = store_col_str(a, st, 1);
        g->teams = store_col_str(a, st, 2);
        g->created_at = store_col_str(a, st, 3);
        g->attended_on = store_col_opt(a, st, 4);
    }
    if (rc < 0)
        return rc;
    /* Their teams' names, ", "-joined in name order: a statement per generalist, as
     * SQLite's group_concat and PostgreSQL's string_agg have no common spelling. */
    for (size_t i = 0; i < len; i++) {
        st = db_prepare(db,
                        "SELECT t.name FROM team_member m JOIN team t ON t.id = m.team_id"
                        " WHERE m.worker_id = ? ORDER BY t.name",
                        e);
        if (!st)
            return e->code;
        db_bind_text(st, 1, v[i].id);
        while ((rc = db_step(st, e)) == DB_ROW)
            v[i].teams = *v[i].teams ? arena_printf(a, "%s, %s", v[i].teams, db_col_text(st, 0))
                                     : store_col_str(a, st, 0);
        if (rc < 0)
            return rc;
    }
    *out = v;
    *n = len;
    return PD_OK;
}

int store_training_coverage(struct db *db, struct arena *a, const char *org_id, const char *today,
                            struct training_coverage **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db,
        "SELECT t.id, t.name, count(*), sum(CASE WHEN EXISTS (SELECT 1 FROM training_attendance x"
        "   JOIN training_session s ON s.id = x.session_id"
        "   WHERE x.worker_id = w.id AND s.held_on <= ?2) THEN 1 ELSE 0 END)"
        " FROM team t JOIN team_member m ON m.team_id = t.id JOIN worker w ON w.id = m.worker_id"
        " JOIN worker_role r ON r.worker_id = w.id AND r.role = 'generalist'"
        " WHERE t.org_id = ?1 AND w.status = 'active' GROUP BY t.id ORDER BY t.name LIMIT 1000",
        e);
    size_t cap = 16, len = 0;
    struct training_coverage *v = arena_array(a, cap, sizeof(*v));
    int rc;
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, today);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        struct training_coverage *c = &v[len++];
        store_col_id(st, 0, c->team_id);
        c->team_name = store_col_str(a, st, 1);
        c->generalists = (int)db_col_int64(st, 2);
        c->attended = (int)db_col_int64(st, 3);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}
