/*
 * db.c: the generic half of db.h. It picks a backend from the target string, keeps the
 * handle (ops table, backend state, whether a transaction is open) and forwards every
 * call to the backend's ops. It also owns the process-wide storage-failure latch
 * (SECURITY.md 22): after a backend reports an I/O error, a full disk or corruption
 * during a write, no write transaction starts again until the process restarts, so a
 * half-broken disk cannot lead to acknowledged writes that were never stored.
 */
#include "db.h"

#include <assert.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/log.h"
#include "../lib/mem.h"
#include "../lib/ptime.h"

struct db {
    const struct db_ops *ops;
    void *impl;     /* the backend's connection state */
    bool in_txn;    /* between a successful db_begin and db_commit/db_rollback */
    int64_t txn_t0; /* when db_begin was called, for the time in transactions */
};

static atomic_bool write_failed;

/* Time inside transactions, begin to commit or rollback, for GET /metrics. Per transaction,
 * not per statement: a timeline read makes ~90 calls, and two clock reads each would cost
 * it ~6 us (64 ns a pair here), a transaction's two about 0.1 us. */
static atomic_uint_fast64_t txn_ns, txn_count;

static void txn_done(struct db *db)
{
    atomic_fetch_add_explicit(&txn_ns, (uint_fast64_t)(ptime_mono_ns() - db->txn_t0),
                              memory_order_relaxed);
    atomic_fetch_add_explicit(&txn_count, 1, memory_order_relaxed);
}

void db_time_read(uint64_t *ns, uint64_t *txns)
{
    *ns = atomic_load_explicit(&txn_ns, memory_order_relaxed);
    *txns = atomic_load_explicit(&txn_count, memory_order_relaxed);
}

bool db_write_failed(void)
{
    return atomic_load(&write_failed);
}

void db_latch_write_failure(void)
{
    if (!atomic_exchange(&write_failed, true))
        log_error("storage failure: refusing further writes until restart");
}

void db_set_impl(struct db *db, void *impl)
{
    db->impl = impl;
}

void *db_impl(const struct db *db)
{
    return db->impl;
}

static const struct db_ops *stmt_ops(const struct db_stmt *st)
{
    return ((const struct db_stmt_head *)(const void *)st)->ops;
}

struct db *db_open(const char *target, struct pd_err *e)
{
    const struct db_ops *ops = &db_sqlite_ops;
    const char *where = target;

    if (!target || !*target) {
        err_set(e, PD_EINVAL, "db", "no database given");
        return NULL;
    }
    if (strncmp(target, "postgres://", 11) == 0 || strncmp(target, "postgresql://", 13) == 0)
        ops = &db_pg_ops; /* libpq reads the URL itself */
    else if (strncmp(target, "sqlite:", 7) == 0)
        where = target + 7;
    if (!*where) {
        err_set(e, PD_EINVAL, "db", "no database file given");
        return NULL;
    }

    struct db *db = xcalloc(1, sizeof(*db));
    db->ops = ops;
    if (ops->open(db, where, e) != PD_OK) {
        free(db);
        return NULL;
    }
    return db;
}

void db_close(struct db *db)
{
    if (!db)
        return;
    if (db->in_txn)
        db->ops->rollback(db);
    db->ops->close(db);
    free(db);
}

const char *db_backend(const struct db *db)
{
    return db->ops->name;
}

enum db_dialect db_dialect(const struct db *db)
{
    return db->ops->dialect;
}

int db_table_exists(struct db *db, const char *name, bool *exists, struct pd_err *e)
{
    struct db_stmt *st;
    if (db->ops->dialect == DB_DIALECT_PG)
        st = db_prepare(db,
                        "SELECT count(*) FROM information_schema.tables"
                        " WHERE table_schema = current_schema() AND table_name = ?",
                        e);
    else
        st = db_prepare(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?",
                        e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, name);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    *exists = db_col_int64(st, 0) > 0;
    db_reset(st);
    return PD_OK;
}

bool db_in_txn(const struct db *db)
{
    return db->in_txn;
}

int db_exec(struct db *db, const char *sql, struct pd_err *e)
{
    return db->ops->exec(db, sql, e);
}

int db_begin(struct db *db, enum db_txn mode, struct pd_err *e)
{
    assert(!db->in_txn); /* transactions do not nest: the use case owns the one it opened */
    if (mode == DB_TXN_WRITE && db_write_failed())
        return err_set(e, PD_EUNAVAIL, NULL,
                       "storage failed earlier: writes are refused until peerdesk restarts");
    db->txn_t0 = ptime_mono_ns();
    int rc = db->ops->begin(db, mode, e);
    if (rc == PD_OK)
        db->in_txn = true;
    return rc;
}

int db_commit(struct db *db, struct pd_err *e)
{
    assert(db->in_txn);
    int rc = db->ops->commit(db, e);
    /* On failure the transaction may still be open (SQLITE_BUSY): the caller rolls back,
     * which is why in_txn stays set. */
    if (rc == PD_OK) {
        db->in_txn = false;
        txn_done(db);
    }
    return rc;
}

void db_rollback(struct db *db)
{
    db->ops->rollback(db);
    if (db->in_txn)
        txn_done(db);
    db->in_txn = false;
}

struct db_stmt *db_prepare(struct db *db, const char *sql, struct pd_err *e)
{
    return db->ops->prepare(db, sql, e);
}

int db_bind_text(struct db_stmt *st, int idx, const char *s)
{
    if (!s)
        return stmt_ops(st)->bind_null(st, idx);
    return stmt_ops(st)->bind_text(st, idx, s, strlen(s));
}

int db_bind_textn(struct db_stmt *st, int idx, const char *p, size_t n)
{
    if (!p)
        return stmt_ops(st)->bind_null(st, idx);
    return stmt_ops(st)->bind_text(st, idx, p, n);
}

int db_bind_int64(struct db_stmt *st, int idx, int64_t v)
{
    return stmt_ops(st)->bind_int64(st, idx, v);
}

int db_bind_blob(struct db_stmt *st, int idx, const void *p, size_t n)
{
    if (!p)
        return stmt_ops(st)->bind_null(st, idx);
    return stmt_ops(st)->bind_blob(st, idx, p, n);
}

int db_bind_null(struct db_stmt *st, int idx)
{
    return stmt_ops(st)->bind_null(st, idx);
}

int db_step(struct db_stmt *st, struct pd_err *e)
{
    return stmt_ops(st)->step(st, e);
}

const char *db_col_text(struct db_stmt *st, int col)
{
    size_t n;
    return stmt_ops(st)->col_text(st, col, &n);
}

const char *db_col_textn(struct db_stmt *st, int col, size_t *n)
{
    return stmt_ops(st)->col_text(st, col, n);
}

int64_t db_col_int64(struct db_stmt *st, int col)
{
    return stmt_ops(st)->col_int64(st, col);
}

const void *db_col_blob(struct db_stmt *st, int col, size_t *n)
{
    return stmt_ops(st)->col_blob(st, col, n);
}

bool db_col_is_null(struct db_stmt *st, int col)
{
    return stmt_ops(st)->col_is_null(st, col);
}

int db_col_count(struct db_stmt *st)
{
    return stmt_ops(st)->col_count(st);
}

const char *db_col_name(struct db_stmt *st, int col)
{
    return stmt_ops(st)->col_name(st, col);
}

void db_reset(struct db_stmt *st)
{
    stmt_ops(st)->reset(st);
}

int64_t db_changes(struct db *db)
{
    return db->ops->changes(db);
}

/* ---- statement cache (db.h) ---- */

#define CACHE_MIN_SLOTS 64 /* power of two */

static size_t ptr_hash(const char *p, size_t mask)
{
    uint64_t x = (uint64_t)(uintptr_t)p;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return (size_t)x & mask;
}

/* The slot holding sql, or the empty slot where it belongs; cap must be > 0. */
static struct db_stmt_head **cache_slot(const struct db_stmt_cache *c, const char *sql)
{
    size_t mask = c->cap - 1;
    for (size_t i = ptr_hash(sql, mask);; i = (i + 1) & mask) {
        struct db_stmt_head *s = c->slots[i];
        if (!s || strcmp(s->text, sql) == 0)
            return &c->slots[i];
    }
}

struct db_stmt_head *db_cache_get(const struct db_stmt_cache *c, const char *sql)
{
    return c->cap ? *cache_slot(c, sql) : NULL;
}

static void cache_grow(struct db_stmt_cache *c)
{
    struct db_stmt_head **old = c->slots;
    size_t old_cap = c->cap;

    c->cap = old_cap ? old_cap * 2 : CACHE_MIN_SLOTS;
    c->slots = xcalloc(c->cap, sizeof(*c->slots));
    for (size_t i = 0; i < old_cap; i++) {
        if (!old[i])
            continue;
        size_t mask = c->cap - 1, j = ptr_hash(old[i]->key, mask);
        while (c->slots[j]) /* every entry is distinct: place without comparing */
            j = (j + 1) & mask;
        c->slots[j] = old[i];
    }
    free(old);
}

void db_cache_add(struct db_stmt_cache *c, struct db_stmt_head *s)
{
    if ((c->used + 1) * 2 > c->cap)
        cache_grow(c);
    struct db_stmt_head **slot = cache_slot(c, s->key);
    assert(!*slot);
    *slot = s;
    c->used++;
}

void db_cache_free(struct db_stmt_cache *c)
{
    free(c->slots);
    memset(c, 0, sizeof(*c));
}
