/*
 * store_time.c: experts' employment (fte_pct, qualification on expert_profile) and their
 * time log (expert_time); see store_time.h.
 */
#include "store_time.h"

#include <string.h>

#include "store_util.h"

int store_employment_get(struct db *db, struct arena *a, const char *org_id, const char *worker_id,
                         struct employment_rec *out, struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db,
                   "SELECT w.id, w.name, p.fte_pct, p.qualification, p.updated_at, p.version"
                   " FROM worker w JOIN worker_role r ON r.worker_id = w.id AND r.role = 'expert'"
                   " LEFT JOIN expert_profile p ON p.worker_id = w.id"
                   " WHERE w.id = ? AND w.org_id = ? AND w.status = 'active'",
                   e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, worker_id);
    db_bind_text(st, 2, org_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc != DB_ROW)
        return err_set(e, PD_ENOTFOUND, NULL, "no such expert");
    memset(out, 0, sizeof(*out));
    store_col_id(st, 0, out->worker_id);
    out->name = store_col_str(a, st, 1);
    out->fte_pct = db_col_is_null(st, 2) ? -1 : (int)db_col_int64(st, 2);
    out->qualification = store_col_opt(a, st, 3);
    out->updated_at = store_col_opt(a, st, 4);
    out->version = db_col_is_null(st, 5) ? 0 : db_col_int64(st, 5);
    db_reset(st);
    return PD_OK;
}

static void bind_employment(struct db_stmt *st, int idx, const struct employment_rec *rec)
{
    if (rec->fte_pct >= 0)
        db_bind_int64(st, idx, rec->fte_pct);
    else
        db_bind_null(st, idx);
    db_bind_text(st, idx + 1, rec->qualification);
}

int store_employment_put(struct db *db, const char *org_id, struct employment_rec *rec,
                         const char *now, struct pd_err *e)
{
    struct db_stmt *st;
    if (rec->version == 0) {
        st = db_prepare(db,
                        "INSERT INTO expert_profile (worker_id, org_id, fte_pct, qualification,"
                        " updated_at, version) VALUES (?, ?, ?, ?, ?, 1)"
                        " ON CONFLICT (worker_id) DO NOTHING",
                        e);
        if (!st)
            return e->code;
        db_bind_text(st, 1, rec->worker_id);
        db_bind_text(st, 2, org_id);
        bind_employment(st, 3, rec);
        db_bind_text(st, 5, now);
    } else {
        st = db_prepare(db,
                        "UPDATE expert_profile SET fte_pct = ?, qualification = ?, updated_at = ?,"
                        " version = version + 1 WHERE worker_id = ? AND org_id = ? AND version = ?",
                        e);
        if (!st)
            return e->code;
        bind_employment(st, 1, rec);
        db_bind_text(st, 3, now);
        db_bind_text(st, 4, rec->worker_id);
        db_bind_text(st, 5, org_id);
        db_bind_int64(st, 6, rec->version);
    }
    if (store_step_versioned(db, st, "profile", e) != PD_OK)
        return e->code;
    rec->version++;
    rec->updated_at = now;
    return PD_OK;
}

int store_time_insert(struct db *db, const struct time_entry *t, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO expert_time (id, org_id, worker_id, role_type,"
                                    " on_date, minutes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, t->id);
    db_bind_text(st, 2, t->org_id);
    db_bind_text(st, 3, t->worker_id);
    db_bind_text(st, 4, t->role_type);
    db_bind_text(st, 5, t->on_date);
    db_bind_int64(st, 6, t->minutes);
    db_bind_text(st, 7, t->created_at);
    return store_step_done(st, e);
}

int store_time_day_minutes(struct db *db, const char *worker_id, const char *on_date,
                           int64_t *minutes, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT COALESCE(sum(minutes), 0) FROM expert_time"
                                    " WHERE worker_id = ? AND on_date = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, worker_id);
    db_bind_text(st, 2, on_date);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    *minutes = rc == DB_ROW ? db_col_int64(st, 0) : 0;
    db_reset(st);
    return PD_OK;
}

int store_time_list(struct db *db, struct arena *a, const char *worker_id, const char *from,
                    const char *to, struct time_entry **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT id, org_id, worker_id, role_type, on_date, minutes,"
                                    " created_at FROM expert_time WHERE worker_id = ?"
                                    " AND on_date >= ? AND on_date <= ?"
                                    " ORDER BY on_date DESC, created_at DESC, id DESC",
                                    e);
    size_t cap = 16, len = 0;
    struct time_entry *v = arena_array(a, cap, sizeof(*v));
    int rc;
    if (!st)
        return e->code;
    db_bind_text(st, 1, worker_id);
    db_bind_text(st, 2, from);
    db_bind_text(st, 3, to);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        struct time_entry *t = &v[len++];
        store_col_id(st, 0, t->id);
        store_col_id(st, 1, t->org_id);
        store_col_id(st, 2, t->worker_id);
        t->role_type = store_col_str(a, st, 3);
        t->on_date = store_col_str(a, st, 4);
        t->minutes = (int)db_col_int64(st, 5);
        t->created_at = store_col_str(a, st, 6);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

int store_time_totals(struct db *db, struct arena *a, const char *worker_id, const char *from,
                      const char *to, struct time_total **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT role_type, sum(minutes), count(*) FROM expert_time"
                                    " WHERE worker_id = ? AND on_date >= ? AND on_date <= ?"
                                    " GROUP BY role_type ORDER BY sum(minutes) DESC, role_type",
                                    e);
    size_t cap = 8, len = 0;
    struct time_total *v = arena_array(a, cap, sizeof(*v));
    int rc;
    if (!st)
        return e->code;
    db_bind_text(st, 1, worker_id);
    db_bind_text(st, 2, from);
    db_bind_text(st, 3, to);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        v[len].role_type = store_col_str(a, st, 0);
        v[len].minutes = db_col_int64(st, 1);
        v[len].entries = db_col_int64(st, 2);
        len++;
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

int store_time_delete(struct db *db, const char *worker_id, const char *id, struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db, "DELETE FROM expert_time WHERE id = ? AND worker_id = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, worker_id);
    if (store_step_done(st, e) != PD_OK)
        return e->code;
    if (db_changes(db) == 0)
        return err_set(e, PD_ENOTFOUND, NULL, "no such time entry");
    return PD_OK;
}
