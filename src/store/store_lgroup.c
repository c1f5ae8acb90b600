/*
 * store_lgroup.c: learning groups and their members (see store_lgroup.h).
 */
#include "store_lgroup.h"

#include <string.h>

#include "store_util.h"

int store_lgroup_insert(struct db *db, const struct lgroup *g, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO learning_group (id, org_id, name, level,"
                                    " starts_on, created_by, created_at, version)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, 1)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, g->id);
    db_bind_text(st, 2, g->org_id);
    db_bind_text(st, 3, g->name);
    db_bind_text(st, 4, g->level);
    db_bind_text(st, 5, g->starts_on);
    db_bind_text(st, 6, g->created_by);
    db_bind_text(st, 7, g->created_at);
    int rc = store_step_done(st, e);
    if (rc == PD_ECONFLICT) {
        err_clear(e);
        return err_set(e, PD_ECONFLICT, "name", "a learning group with this name exists");
    }
    return rc;
}

/* The members of every group in gs (one query per group: groups are few and small). */
static int load_members(struct db *db, struct arena *a, const char *org_id, struct lgroup *gs,
                        size_t n, struct pd_err *e)
{
    for (size_t i = 0; i < n; i++) {
        struct db_stmt *st =
            db_prepare(db,
                       "SELECT m.worker_id, w.name, m.role FROM learning_group_member m"
                       " JOIN worker w ON w.id = m.worker_id"
                       " WHERE m.org_id = ? AND m.group_id = ? ORDER BY m.role DESC, w.name, w.id",
                       e);
        size_t cap = 8, len = 0;
        struct lgroup_member *v = arena_array(a, cap, sizeof(*v));
        int rc;

        if (!st)
            return e->code;
        db_bind_text(st, 1, org_id);
        db_bind_text(st, 2, gs[i].id);
        while ((rc = db_step(st, e)) == DB_ROW) {
            if (len == cap)
                v = store_grow(a, v, &cap, sizeof(*v));
            store_col_id(st, 0, v[len].worker_id);
            v[len].name = store_col_str(a, st, 1);
            v[len].role = store_col_str(a, st, 2);
            len++;
        }
        if (rc < 0)
            return rc;
        gs[i].members = v;
        gs[i].nmembers = len;
    }
    return PD_OK;
}

#define LGROUP_COLS                                                                                \
    "SELECT g.id, g.org_id, g.name, g.level, g.starts_on, g.created_by, g.created_at,"             \
    " g.version FROM learning_group g"

static void read_group(struct arena *a, struct db_stmt *st, struct lgroup *g)
{
    memset(g, 0, sizeof(*g));
    store_col_id(st, 0, g->id);
    store_col_id(st, 1, g->org_id);
    g->name = store_col_str(a, st, 2);
    g->level = store_col_opt(a, st, 3);
    g->starts_on = store_col_opt(a, st, 4);
    store_col_id(st, 5, g->created_by);
    g->created_at = store_col_str(a, st, 6);
    g->version = db_col_int64(st, 7);
}

int store_lgroup_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                     struct lgroup *out, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db, LGROUP_COLS " WHERE g.org_id = ? AND g.id = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc != DB_ROW)
        return err_set(e, PD_ENOTFOUND, NULL, "no such learning group");
    read_group(a, st, out);
    db_reset(st);
    return load_members(db, a, org_id, out, 1, e);
}

int store_lgroup_list(struct db *db, struct arena *a, const char *org_id, const char *worker_id,
                      struct lgroup **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db,
        LGROUP_COLS " WHERE g.org_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM"
                    " learning_group_member m WHERE m.group_id = g.id AND m.worker_id = ?2))"
                    " ORDER BY g.name, g.id",
        e);
    size_t cap = 8, len = 0;
    struct lgroup *v = arena_array(a, cap, sizeof(*v));
    int rc;

    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, worker_id);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        read_group(a, st, &v[len++]);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return load_members(db, a, org_id, v, len, e);
}

int store_lgroup_member_add(struct db *db, const char *org_id, const char *group_id,
                            const char *worker_id, const char *role, const char *now,
                            struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO learning_group_member (org_id, group_id,"
                                    " worker_id, role, added_at) VALUES (?, ?, ?, ?, ?)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, group_id);
    db_bind_text(st, 3, worker_id);
    db_bind_text(st, 4, role);
    db_bind_text(st, 5, now);
    int rc = store_step_done(st, e);
    if (rc == PD_ECONFLICT) {
        err_clear(e);
        return err_set(e, PD_ECONFLICT, "worker_id", "already in this learning group");
    }
    return rc;
}

int store_lgroup_member_remove(struct db *db, const char *org_id, const char *group_id,
                               const char *worker_id, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "DELETE FROM learning_group_member"
                                    " WHERE org_id = ? AND group_id = ? AND worker_id = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, group_id);
    db_bind_text(st, 3, worker_id);
    int rc = store_step_done(st, e);
    if (rc != PD_OK)
        return rc;
    if (db_changes(db) == 0)
        return err_set(e, PD_ENOTFOUND, NULL, "no such member of this learning group");
    return PD_OK;
}
