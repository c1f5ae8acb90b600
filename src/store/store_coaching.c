/*
 * store_coaching.c: see store_coaching.h.
 */
#include "store_coaching.h"

#include <string.h>

#include "store_util.h"

/* ---- links ---- */

#define LINK_COLS                                                                                  \
    "l.id, l.org_id, l.coach_id, l.expert_id, l.started_on, l.ended_on, l.created_by,"             \
    " l.created_at, l.version, c.name, x.name,"                                                    \
    " (SELECT max(v.on_date) FROM coaching_conversation v WHERE v.link_id = l.id"                  \
    "   AND v.status = 'held'),"                                                                   \
    " (SELECT min(v.on_date) FROM coaching_conversation v WHERE v.link_id = l.id"                  \
    "   AND v.status = 'planned')"

#define LINK_FROM                                                                                  \
    " FROM coaching_link l JOIN worker c ON c.id = l.coach_id JOIN worker x ON x.id = l.expert_id"

static void link_row(struct db_stmt *st, struct arena *a, struct coaching_link_rec *l)
{
    memset(l, 0, sizeof(*l));
    store_col_id(st, 0, l->id);
    store_col_id(st, 1, l->org_id);
    store_col_id(st, 2, l->coach_id);
    store_col_id(st, 3, l->expert_id);
    l->started_on = store_col_str(a, st, 4);
    l->ended_on = store_col_opt(a, st, 5);
    store_col_id(st, 6, l->created_by);
    l->created_at = store_col_str(a, st, 7);
    l->version = db_col_int64(st, 8);
    l->coach_name = store_col_str(a, st, 9);
    l->expert_name = store_col_str(a, st, 10);
    l->last_held_on = store_col_opt(a, st, 11);
    l->next_planned_on = store_col_opt(a, st, 12);
}

static int link_rows(struct db_stmt *st, struct arena *a, struct coaching_link_rec **out, size_t *n,
                     struct pd_err *e)
{
    size_t cap = 16, len = 0;
    struct coaching_link_rec *v = arena_array(a, cap, sizeof(*v));
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        link_row(st, a, &v[len++]);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

int store_coaching_link_insert(struct db *db, const struct coaching_link_rec *l, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO coaching_link (id, org_id, coach_id, expert_id,"
                                    " started_on, created_by, created_at, version)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, 1)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, l->id);
    db_bind_text(st, 2, l->org_id);
    db_bind_text(st, 3, l->coach_id);
    db_bind_text(st, 4, l->expert_id);
    db_bind_text(st, 5, l->started_on);
    db_bind_text(st, 6, l->created_by);
    db_bind_text(st, 7, l->created_at);
    int rc = db_step(st, e);
    if (rc == PD_ECONFLICT) {
        err_clear(e);
        return err_set(e, PD_ECONFLICT, "expert_id", "this expert has a coach already");
    }
    return rc < 0 ? rc : PD_OK;
}

int store_coaching_link_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                            struct coaching_link_rec *out, struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT " LINK_COLS LINK_FROM " WHERE l.id = ? AND l.org_id = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, org_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc != DB_ROW)
        return err_set(e, PD_ENOTFOUND, NULL, "no such coaching link");
    link_row(st, a, out);
    db_reset(st);
    return PD_OK;
}

int store_coaching_link_end(struct db *db, const char *org_id, const char *id, int64_t version,
                            const char *ended_on, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE coaching_link SET ended_on = ?, version = version + 1"
                                    " WHERE id = ? AND org_id = ? AND version = ?"
                                    " AND ended_on IS NULL",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, ended_on);
    db_bind_text(st, 2, id);
    db_bind_text(st, 3, org_id);
    db_bind_int64(st, 4, version);
    return store_step_versioned(db, st, "coaching link", e);
}

int store_coaching_links(struct db *db, struct arena *a, const char *org_id, const char *coach_id,
                         const char *expert_id, struct coaching_link_rec **out, size_t *n,
                         struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db,
                   "SELECT " LINK_COLS LINK_FROM " WHERE l.org_id = ?1 AND l.ended_on IS NULL"
                   " AND (CAST(?2 AS TEXT) IS NULL OR l.coach_id = ?2) AND (CAST(?3 AS TEXT) IS "
                   "NULL OR l.expert_id = ?3)"
                   " ORDER BY x.name, l.id",
                   e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, coach_id);
    db_bind_text(st, 3, expert_id);
    return link_rows(st, a, out, n, e);
}

int store_coaching_links_of_expert(struct db *db, struct arena *a, const char *org_id,
                                   const char *expert_id, struct coaching_link_rec **out, size_t *n,
                                   struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT " LINK_COLS LINK_FROM
                                    " WHERE l.org_id = ?1 AND l.expert_id = ?2 ORDER BY l.id DESC",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, expert_id);
    return link_rows(st, a, out, n, e);
}

/* ---- conversations ---- */

#define CONV_COLS                                                                                  \
    "id, org_id, link_id, on_date, status, topic, created_by, created_at, updated_at, version"

static void conv_row(struct db_stmt *st, struct arena *a, struct coaching_conv_rec *c)
{
    memset(c, 0, sizeof(*c));
    store_col_id(st, 0, c->id);
    store_col_id(st, 1, c->org_id);
    store_col_id(st, 2, c->link_id);
    c->on_date = store_col_str(a, st, 3);
    c->status = store_col_str(a, st, 4);
    c->topic = store_col_opt(a, st, 5);
    store_col_id(st, 6, c->created_by);
    c->created_at = store_col_str(a, st, 7);
    c->updated_at = store_col_str(a, st, 8);
    c->version = db_col_int64(st, 9);
}

int store_coaching_conv_insert(struct db *db, const struct coaching_conv_rec *c, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO coaching_conversation (id, org_id, link_id,"
                                    " on_date, status, topic, created_by, created_at, updated_at,"
                                    " version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, c->id);
    db_bind_text(st, 2, c->org_id);
    db_bind_text(st, 3, c->link_id);
    db_bind_text(st, 4, c->on_date);
    db_bind_text(st, 5, c->status);
    db_bind_text(st, 6, c->topic);
    db_bind_text(st, 7, c->created_by);
    db_bind_text(st, 8, c->created_at);
    db_bind_text(st, 9, c->updated_at);
    return store_step_done(st, e);
}

int store_coaching_conv_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                            struct coaching_conv_rec *out, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT " CONV_COLS " FROM coaching_conversation WHERE id = ? AND org_id = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, org_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc != DB_ROW)
        return err_set(e, PD_ENOTFOUND, NULL, "no such coaching conversation");
    conv_row(st, a, out);
    db_reset(st);
    return PD_OK;
}

int store_coaching_conv_update(struct db *db, const struct coaching_conv_rec *c, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE coaching_conversation SET on_date = ?, status = ?,"
                                    " topic = ?, updated_at = ?, version = version + 1"
                                    " WHERE id = ? AND org_id = ? AND version = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, c->on_date);
    db_bind_text(st, 2, c->status);
    db_bind_text(st, 3, c->topic);
    db_bind_text(st, 4, c->updated_at);
    db_bind_text(st, 5, c->id);
    db_bind_text(st, 6, c->org_id);
    db_bind_int64(st, 7, c->version);
    return store_step_versioned(db, st, "conversation", e);
}

int store_coaching_conv_list(struct db *db, struct arena *a, const char *org_id,
                             const char *link_id, struct coaching_conv_rec **out, size_t *n,
                             struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT " CONV_COLS " FROM coaching_conversation"
                                    " WHERE org_id = ? AND link_id = ?"
                                    " ORDER BY on_date DESC, id DESC LIMIT 500",
                                    e);
    size_t cap = 16, len = 0;
    struct coaching_conv_rec *v = arena_array(a, cap, sizeof(*v));
    int rc;
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, link_id);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        conv_row(st, a, &v[len++]);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

/* ---- notes ---- */

#define NOTE_COLS "id, org_id, link_id, author_id, body, created_at, updated_at, version"

static void note_row(struct db_stmt *st, struct arena *a, struct coaching_note_rec *c)
{
    memset(c, 0, sizeof(*c));
    store_col_id(st, 0, c->id);
    store_col_id(st, 1, c->org_id);
    store_col_id(st, 2, c->link_id);
    store_col_id(st, 3, c->author_id);
    c->body = store_col_str(a, st, 4);
    c->created_at = store_col_str(a, st, 5);
    c->updated_at = store_col_str(a, st, 6);
    c->version = db_col_int64(st, 7);
}

int store_coaching_note_insert(struct db *db, const struct coaching_note_rec *c, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO coaching_note (id, org_id, link_id, author_id,"
                                    " body, created_at, updated_at, version)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, 1)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, c->id);
    db_bind_text(st, 2, c->org_id);
    db_bind_text(st, 3, c->link_id);
    db_bind_text(st, 4, c->author_id);
    db_bind_text(st, 5, c->body);
    db_bind_text(st, 6, c->created_at);
    db_bind_text(st, 7, c->updated_at);
    return store_step_done(st, e);
}

int store_coaching_note_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                            struct coaching_note_rec *out, struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT " NOTE_COLS " FROM coaching_note WHERE id = ? AND org_id = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, org_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc != DB_ROW)
        return err_set(e, PD_ENOTFOUND, NULL, "no such coaching note");
    note_row(st, a, out);
    db_reset(st);
    return PD_OK;
}

int store_coaching_note_update(struct db *db, const struct coaching_note_rec *c, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE coaching_note SET body = ?, updated_at = ?,"
                                    " version = version + 1"
                                    " WHERE id = ? AND org_id = ? AND version = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, c->body);
    db_bind_text(st, 2, c->updated_at);
    db_bind_text(st, 3, c->id);
    db_bind_text(st, 4, c->org_id);
    db_bind_int64(st, 5, c->version);
    return store_step_versioned(db, st, "note", e);
}

int store_coaching_note_list(struct db *db, struct arena *a, const char *org_id,
                             const char *link_id, struct coaching_note_rec **out, size_t *n,
                             struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT " NOTE_COLS " FROM coaching_note"
                                    " WHERE org_id = ? AND link_id = ? ORDER BY id DESC LIMIT 500",
                                    e);
    size_t cap = 16, len = 0;
    struct coaching_note_rec *v = arena_array(a, cap, sizeof(*v));
    int rc;
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, link_id);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        note_row(st, a, &v[len++]);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

/* ---- what a manager may know ---- */

int store_coaching_experts(struct db *db, struct arena *a, const char *org_id,
                           struct coaching_expert_row **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db,
                   "SELECT w.id, w.name, CASE WHEN l.id IS NOT NULL THEN 1 ELSE 0 END,"
                   " (SELECT max(v.on_date) FROM coaching_conversation v WHERE v.link_id = l.id"
                   "   AND v.status = 'held')"
                   " FROM worker w JOIN worker_role r ON r.worker_id = w.id AND r.role = 'expert'"
                   " LEFT JOIN coaching_link l ON l.expert_id = w.id AND l.ended_on IS NULL"
                   " WHERE w.org_id = ? AND w.status = 'active' ORDER BY w.name, w.id LIMIT 1000",
                   e);
    size_t cap = 16, len = 0;
    struct coaching_expert_row *v = arena_array(a, cap, sizeof(*v));
    int rc;
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        struct coaching_expert_row *x = &v[len++];
        memset(x, 0, sizeof(*x));
        store_col_id(st, 0, x->expert_id);
        x->name = store_col_str(a, st, 1);
        x->has_coach = db_col_int64(st, 2) != 0;
        x->last_held_on = store_col_opt(a, st, 3);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}
