/*
 * store_org.c: organisations. Every other row belongs to one (org_id), so these are the
 * roots of the data; they are created by an administrator and looked up by slug (CLI,
 * login pages) or id (sessions).
 */
#include <string.h>

#include "../lib/size.h"
#include "store.h"
#include "store_util.h"

#define ORG_COLS "id, slug, name, totp_roles, created_at, version"

int store_org_insert(struct db *db, const struct org *o, struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db, "INSERT INTO org (" ORG_COLS ") VALUES (?, ?, ?, ?, ?, ?)", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, o->id);
    db_bind_text(st, 2, o->slug);
    db_bind_text(st, 3, o->name);
    db_bind_int64(st, 4, o->totp_roles);
    db_bind_text(st, 5, o->created_at);
    db_bind_int64(st, 6, o->version > 0 ? o->version : 1);
    int rc = db_step(st, e);
    return rc < 0 ? rc : PD_OK;
}

static void org_read(struct db_stmt *st, struct arena *a, struct org *o)
{
    size_t n;
    const char *id = db_col_textn(st, 0, &n);

    *o = (struct org){0};
    if (n < sizeof(o->id))
        memcpy(o->id, id, n);
    o->slug = arena_strdup(a, db_col_text(st, 1));
    o->name = arena_strdup(a, db_col_text(st, 2));
    o->totp_roles = (unsigned)db_col_int64(st, 3);
    o->created_at = arena_strdup(a, db_col_text(st, 4));
    o->version = db_col_int64(st, 5);
}

/* Step a prepared single-row lookup into *out. */
static int org_one(struct db_stmt *st, struct arena *a, struct org *out, struct pd_err *e)
{
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc == DB_DONE)
        return err_set(e, PD_ENOTFOUND, "org", "no such organisation");
    org_read(st, a, out);
    db_reset(st);
    return PD_OK;
}

int store_org_by_slug(struct db *db, struct arena *a, const char *slug, struct org *out,
                      struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db, "SELECT " ORG_COLS " FROM org WHERE slug = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, slug);
    return org_one(st, a, out, e);
}

int store_org_by_id(struct db *db, struct arena *a, const char *id, struct org *out,
                    struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db, "SELECT " ORG_COLS " FROM org WHERE id = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    return org_one(st, a, out, e);
}

int store_org_list(struct db *db, struct arena *a, struct org **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db, "SELECT " ORG_COLS " FROM org ORDER BY slug", e);
    size_t cap = 16, len = 0;
    struct org *v = arena_array(a, cap, sizeof(*v));
    int rc;

    if (!st)
        return e->code;
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        org_read(st, a, &v[len++]);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}
