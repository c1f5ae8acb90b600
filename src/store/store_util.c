/*
 * store_util.c: see store_util.h.
 */
#include "store_util.h"

#include <string.h>

#include "../lib/size.h"

void store_col_copy(struct db_stmt *st, int col, char *out, size_t size)
{
    size_t n;
    const char *p = db_col_textn(st, col, &n);
    memset(out, 0, size);
    if (n < size)
        memcpy(out, p, n);
}

void store_col_id(struct db_stmt *st, int col, char out[UUID_STR_BYTES])
{
    store_col_copy(st, col, out, UUID_STR_BYTES);
}

int store_step_ids(struct db_stmt *st, struct arena *a, char (**ids)[UUID_STR_BYTES], size_t *n,
                   struct pd_err *e)
{
    size_t cap = 8, len = 0;
    char(*v)[UUID_STR_BYTES] = arena_array(a, cap, UUID_STR_BYTES);
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, UUID_STR_BYTES);
        store_col_id(st, 0, v[len++]);
    }
    if (rc < 0)
        return rc;
    *ids = v;
    *n = len;
    return PD_OK;
}

const char *store_col_opt(struct arena *a, struct db_stmt *st, int col)
{
    if (db_col_is_null(st, col))
        return NULL;
    size_t n;
    const char *p = db_col_textn(st, col, &n);
    return arena_strndup(a, p, n);
}

const char *store_col_str(struct arena *a, struct db_stmt *st, int col)
{
    const char *s = store_col_opt(a, st, col);
    return s ? s : "";
}

void *store_grow(struct arena *a, const void *v, size_t *cap, size_t size)
{
    size_t grown = *cap ? size_mul(*cap, 2) : 8;
    void *bigger = arena_array(a, grown, size);
    if (*cap)
        memcpy(bigger, v, size_mul(*cap, size));
    *cap = grown;
    return bigger;
}

int store_step_versioned(struct db *db, struct db_stmt *st, const char *what, struct pd_err *e)
{
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (db_changes(db) == 0)
        return err_set(e, PD_ESTALE, "If-Match", "the %s changed since you read it", what);
    return PD_OK;
}

int store_step_done(struct db_stmt *st, struct pd_err *e)
{
    int rc = db_step(st, e);
    return rc < 0 ? rc : PD_OK;
}
