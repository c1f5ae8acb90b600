/*
 * store_audit_query.c: reading the audit log for the privacy officer (see
 * store_audit_query.h).
 *
 * Plans (SQLite, checked with EXPLAIN QUERY PLAN): a page walks one index backwards from
 * the cursor, audit_log_client (client_id, seq) when the client is asked for, else
 * audit_log_actor (actor_user_id, seq, migration 0004) when the worker is, else
 * audit_log_org (org_id, seq), tests the other filters row by row and stops after limit
 * matches. A filter that matches nothing therefore reads every entry on that index below
 * the cursor once: for the organisation's index about 0.3 s per million entries. The
 * access report walks audit_log_client. The unary `+` on org_id keeps the planner from
 * choosing the far less selective organisation index instead.
 */
#include "store_audit_query.h"

#include <string.h>

#include "store_util.h"

/* The columns of struct audit_row, in its order; a = audit_log, wa/wb = the actor's and
 * the responsible worker, only when they belong to the entry's organisation. */
#define ROW_COLS                                                                                   \
    "a.seq, a.at, a.event, a.action, a.outcome, a.actor_user_id, wa.name, a.actor_role,"           \
    " a.on_behalf_user_id, wb.name, a.client_id, a.record_type, a.record_id,"                      \
    " a.access_basis, a.trace_id"
#define ROW_FROM                                                                                   \
    " FROM audit_log a"                                                                            \
    " LEFT JOIN worker wa ON wa.id = a.actor_user_id AND wa.org_id = a.org_id"                     \
    " LEFT JOIN worker wb ON wb.id = a.on_behalf_user_id AND wb.org_id = a.org_id"

static void read_row(struct db_stmt *st, struct arena *a, struct audit_row *r)
{
    size_t n;
    const char *action = db_col_textn(st, 3, &n);

    *r = (struct audit_row){0};
    r->seq = db_col_int64(st, 0);
    r->at = store_col_str(a, st, 1);
    r->event = store_col_str(a, st, 2);
    r->action[0] = n == 1 ? action[0] : '?'; /* the table's CHECK allows one letter only */
    r->outcome = store_col_str(a, st, 4);
    r->actor_user_id = store_col_opt(a, st, 5);
    r->actor_name = store_col_opt(a, st, 6);
    r->actor_role = store_col_opt(a, st, 7);
    r->on_behalf_user_id = store_col_opt(a, st, 8);
    r->on_behalf_name = store_col_opt(a, st, 9);
    r->client_id = store_col_opt(a, st, 10);
    r->record_type = store_col_str(a, st, 11);
    r->record_id = store_col_opt(a, st, 12);
    r->access_basis = store_col_str(a, st, 13);
    r->trace_id = store_col_str(a, st, 14);
}

/* Step st to the end, collecting rows into an arena array. */
static int collect(struct db_stmt *st, struct arena *a, struct audit_row **out, size_t *n,
                   struct pd_err *e)
{
    size_t cap = 16, len = 0;
    struct audit_row *v = arena_array(a, cap, sizeof(*v));
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        read_row(st, a, &v[len++]);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

/* The page's filters after the WHERE clause that picks the index; ?1..?9 as bound by
 * store_audit_page. The cursor is not a filter: "none" binds INT64_MAX, so it stays a
 * range on the index instead of a test on every row. */
#define PAGE_FILTERS                                                                               \
    " AND a.seq < ?2"                                                                              \
    " AND (CAST(?3 AS TEXT) IS NULL OR a.event = ?3)"                                              \
    " AND (CAST(?4 AS TEXT) IS NULL OR a.outcome = ?4)"                                            \
    " AND (CAST(?5 AS TEXT) IS NULL OR a.actor_user_id = ?5)"                                      \
    " AND (CAST(?6 AS TEXT) IS NULL OR a.client_id = ?6)"                                          \
    " AND (CAST(?7 AS TEXT) IS NULL OR a.at >= ?7)"                                                \
    " AND (CAST(?8 AS TEXT) IS NULL OR a.at < ?8)"                                                 \
    " ORDER BY a.seq DESC LIMIT ?9"

/* The planner cannot use an index through `(CAST(? AS TEXT) IS NULL OR col = ?)`, so the one
 * selective filter that has an index leads: the client's, else the worker's, else the whole
 * organisation's entries below the cursor. The SQL differs only in that first term. */
static struct db_stmt *page_stmt(struct db *db, const struct audit_filter *f, struct pd_err *e)
{
    if (f->client_id)
        return db_prepare(db,
                          "SELECT " ROW_COLS ROW_FROM " WHERE a.client_id = ?6"
                          " AND a.org_id || '' = ?1" PAGE_FILTERS,
                          e);
    if (f->actor_id)
        return db_prepare(db,
                          "SELECT " ROW_COLS ROW_FROM " WHERE a.actor_user_id = ?5"
                          " AND a.org_id || '' = ?1" PAGE_FILTERS,
                          e);
    return db_prepare(db, "SELECT " ROW_COLS ROW_FROM " WHERE a.org_id = ?1" PAGE_FILTERS, e);
}

int store_audit_page(struct db *db, struct arena *a, const struct audit_filter *f, int limit,
                     struct audit_row **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st = page_stmt(db, f, e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, f->org_id);
    db_bind_int64(st, 2, f->before > 0 ? f->before : INT64_MAX);
    db_bind_text(st, 3, f->event);
    db_bind_text(st, 4, f->outcome);
    db_bind_text(st, 5, f->actor_id);
    db_bind_text(st, 6, f->client_id);
    db_bind_text(st, 7, f->at_from);
    db_bind_text(st, 8, f->at_until);
    db_bind_int64(st, 9, limit);
    return collect(st, a, out, n, e);
}

int store_audit_of_client(struct db *db, struct arena *a, const char *org_id, const char *client_id,
                          struct audit_row **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT " ROW_COLS ROW_FROM " WHERE a.client_id = ?1"
                                    " AND a.org_id || '' = ?2 ORDER BY a.seq",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, client_id);
    db_bind_text(st, 2, org_id);
    return collect(st, a, out, n, e);
}

int store_audit_client_find(struct db *db, struct arena *a, const char *org_id, const char *id,
                            const char *code, bool *found, char id_out[UUID_STR_BYTES],
                            const char **code_out, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT id, code FROM client WHERE org_id = ?1"
                                    " AND ((CAST(?2 AS TEXT) IS NOT NULL AND id = ?2)"
                                    " OR (CAST(?2 AS TEXT) IS NULL AND code = ?3))",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, id);
    db_bind_text(st, 3, code);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    *found = rc == DB_ROW;
    if (*found) {
        store_col_id(st, 0, id_out);
        *code_out = store_col_str(a, st, 1);
        db_reset(st);
    }
    return PD_OK;
}
