/*
 * store_team.c: areas (cluster > wijk > buurt) and teams (expert team, neighbourhood
 * team) of an organisation, and team membership. Kinds are stored by code; the tables
 * below match the CHECK constraints of migration 0001. struct area and struct team have
 * no creation time, so the insert stamps the current time.
 */
#include <string.h>

#include "../lib/ptime.h"
#include "../lib/size.h"
#include "store.h"
#include "store_util.h"

static const char *const area_kinds[] = {
    [AREA_CLUSTER] = "cluster", [AREA_WIJK] = "wijk", [AREA_BUURT] = "buurt"};
static const char *const team_kinds[] = {[TEAM_EXPERT] = "expert_team",
                                         [TEAM_NEIGHBOURHOOD] = "neighbourhood_team",
                                         [TEAM_OTHER] = "other"};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *kind_code(const char *const *table, size_t n, int k)
{
    return (k > 0 && (size_t)k < n) ? table[k] : NULL;
}

static int kind_parse(const char *const *table, size_t n, const char *s)
{
    for (size_t i = 1; i < n; i++)
        if (strcmp(table[i], s) == 0)
            return (int)i;
    return 0;
}

int store_area_insert(struct db *db, const struct area *ar, struct pd_err *e)
{
    const char *kind = kind_code(area_kinds, N(area_kinds), (int)ar->kind);
    char now[PTIME_ISO_BYTES];

    if (!kind)
        return err_set(e, PD_EINTERNAL, "kind", "unknown area kind %d", (int)ar->kind);
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO area (id, org_id, kind, name, parent_id,"
                                    " created_at, version) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                    e);
    if (!st)
        return e->code;
    ptime_fmt_iso(ptime_now_ms(), now);
    db_bind_text(st, 1, ar->id);
    db_bind_text(st, 2, ar->org_id);
    db_bind_text(st, 3, kind);
    db_bind_text(st, 4, ar->name);
    db_bind_text(st, 5, ar->parent_id);
    db_bind_text(st, 6, now);
    db_bind_int64(st, 7, ar->version > 0 ? ar->version : 1);
    int rc = db_step(st, e);
    return rc < 0 ? rc : PD_OK;
}

int store_area_list(struct db *db, struct arena *a, const char *org_id, struct area **out,
                    size_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT id, org_id, kind, name, parent_id, version"
                                    " FROM area WHERE org_id = ? ORDER BY kind, name",
                                    e);
    size_t cap = 16, len = 0;
    struct area *v = arena_array(a, cap, sizeof(*v));
    int rc;

    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        struct area *ar = &v[len++];
        store_col_id(st, 0, ar->id);
        store_col_id(st, 1, ar->org_id);
        ar->kind = (enum area_kind)kind_parse(area_kinds, N(area_kinds), db_col_text(st, 2));
        ar->name = arena_strdup(a, db_col_text(st, 3));
        ar->parent_id = store_col_opt(a, st, 4);
        ar->version = db_col_int64(st, 5);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

int store_team_insert(struct db *db, const struct team *t, struct pd_err *e)
{
    const char *kind = kind_code(team_kinds, N(team_kinds), (int)t->kind);
    char now[PTIME_ISO_BYTES];

    if (!kind)
        return err_set(e, PD_EINTERNAL, "kind", "unknown team kind %d", (int)t->kind);
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO team (id, org_id, kind, name, area_id,"
                                    " created_at, version) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                    e);
    if (!st)
        return e->code;
    ptime_fmt_iso(ptime_now_ms(), now);
    db_bind_text(st, 1, t->id);
    db_bind_text(st, 2, t->org_id);
    db_bind_text(st, 3, kind);
    db_bind_text(st, 4, t->name);
    db_bind_text(st, 5, t->area_id);
    db_bind_text(st, 6, now);
    db_bind_int64(st, 7, t->version > 0 ? t->version : 1);
    int rc = db_step(st, e);
    return rc < 0 ? rc : PD_OK;
}

int store_team_list(struct db *db, struct arena *a, const char *org_id, struct team **out,
                    size_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT id, org_id, kind, name, area_id, version"
                                    " FROM team WHERE org_id = ? ORDER BY name",
                                    e);
    size_t cap = 16, len = 0;
    struct team *v = arena_array(a, cap, sizeof(*v));
    int rc;

    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        struct team *t = &v[len++];
        store_col_id(st, 0, t->id);
        store_col_id(st, 1, t->org_id);
        t->kind = (enum team_kind)kind_parse(team_kinds, N(team_kinds), db_col_text(st, 2));
        t->name = arena_strdup(a, db_col_text(st, 3));
        t->area_id = store_col_opt(a, st, 4);
        t->version = db_col_int64(st, 5);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

/* The team and the worker must belong to org_id: a membership never crosses
 * organisations (the INSERT ... SELECT finds no row otherwise). */
int store_team_add_member(struct db *db, const char *org_id, const char *team_id,
                          const char *worker_id, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO team_member (org_id, team_id, worker_id)"
                                    " SELECT t.org_id, t.id, w.id FROM team t, worker w"
                                    " WHERE t.id = ? AND w.id = ? AND t.org_id = ?"
                                    " AND w.org_id = t.org_id",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, team_id);
    db_bind_text(st, 2, worker_id);
    db_bind_text(st, 3, org_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (db_changes(db) == 0)
        return err_set(e, PD_ENOTFOUND, "team", "no such team or worker in this organisation");
    return PD_OK;
}

int store_team_remove_member(struct db *db, const char *org_id, const char *team_id,
                             const char *worker_id, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "DELETE FROM team_member"
                                    " WHERE team_id = ? AND worker_id = ? AND org_id = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, team_id);
    db_bind_text(st, 2, worker_id);
    db_bind_text(st, 3, org_id);
    if (store_step_done(st, e) != PD_OK)
        return e->code;
    if (db_changes(db) == 0)
        return err_set(e, PD_ENOTFOUND, "worker_id", "not a member of this team");
    return PD_OK;
}
