/*
 * db.h: the storage interface: an opaque handle and an ops table, like SQLite's VFS.
 *
 * store/ is the only place with SQL. SQL text is written once, in SQLite's dialect with
 * `?` placeholders; a backend translates what it must (db_pg.c, later). Every value is
 * bound, never pasted into SQL (tools/lint checks).
 *
 * A struct db is one connection and is used by one thread at a time. Statements are
 * prepared once per connection and cached by their SQL text pointer, so pass string
 * literals. db_stmt handles are owned by the connection: do not free them; call
 * db_reset() (or step to DB_DONE) before preparing the same SQL again.
 *
 * Errors: functions return PD_OK or a negative pd_code and fill the pd_err; a constraint
 * violation is PD_ECONFLICT, everything else PD_EDB (details go to the log, not to
 * users).
 */
#ifndef PD_DB_H
#define PD_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../lib/err.h"

struct db;
struct db_stmt;

enum db_txn {
    DB_TXN_READ,  /* a consistent snapshot, no writes */
    DB_TXN_WRITE, /* takes the write lock at once (BEGIN IMMEDIATE) */
};

enum db_step_result { DB_ROW = 1, DB_DONE = 0 };

/* The SQL a backend speaks underneath the common (SQLite) dialect. Store code asks only
 * where the two cannot share one statement (full-text search: store_notes.c). */
enum db_dialect { DB_DIALECT_SQLITE, DB_DIALECT_PG };

struct db_ops {
    const char *name; /* "sqlite", "postgresql" */
    enum db_dialect dialect;
    int (*open)(struct db *db, const char *target, struct pd_err *e);
    void (*close)(struct db *db);
    int (*exec)(struct db *db, const char *sql, struct pd_err *e);
    int (*begin)(struct db *db, enum db_txn mode, struct pd_err *e);
    int (*commit)(struct db *db, struct pd_err *e);
    void (*rollback)(struct db *db);
    struct db_stmt *(*prepare)(struct db *db, const char *sql, struct pd_err *e);
    int (*bind_text)(struct db_stmt *st, int idx, const char *p, size_t n);
    int (*bind_int64)(struct db_stmt *st, int idx, int64_t v);
    int (*bind_blob)(struct db_stmt *st, int idx, const void *p, size_t n);
    int (*bind_null)(struct db_stmt *st, int idx);
    int (*step)(struct db_stmt *st, struct pd_err *e);
    const char *(*col_text)(struct db_stmt *st, int col, size_t *n);
    int64_t (*col_int64)(struct db_stmt *st, int col);
    const void *(*col_blob)(struct db_stmt *st, int col, size_t *n);
    bool (*col_is_null)(struct db_stmt *st, int col);
    int (*col_count)(struct db_stmt *st);
    const char *(*col_name)(struct db_stmt *st, int col);
    void (*reset)(struct db_stmt *st);
    int64_t (*changes)(struct db *db);
};

/* Open by target: a file path (SQLite; "sqlite:" prefix optional) or a libpq URL
 * (postgres://... or postgresql://...: PostgreSQL, db_pg.c). */
struct db *db_open(const char *target, struct pd_err *e);
void db_close(struct db *db);
const char *db_backend(const struct db *db);
enum db_dialect db_dialect(const struct db *db);
/* Whether a table of that name exists (in the connection's schema). */
int db_table_exists(struct db *db, const char *name, bool *exists, struct pd_err *e);
bool db_in_txn(const struct db *db);

int db_exec(struct db *db, const char *sql, struct pd_err *e);
int db_begin(struct db *db, enum db_txn mode, struct pd_err *e);
int db_commit(struct db *db, struct pd_err *e);
void db_rollback(struct db *db);

/* Prepared (and cached) statement, reset and with its bindings cleared. */
struct db_stmt *db_prepare(struct db *db, const char *sql, struct pd_err *e);
/* Bind helpers: idx counts from 1. A NULL text binds SQL NULL. */
int db_bind_text(struct db_stmt *st, int idx, const char *s);
int db_bind_textn(struct db_stmt *st, int idx, const char *p, size_t n);
int db_bind_int64(struct db_stmt *st, int idx, int64_t v);
int db_bind_blob(struct db_stmt *st, int idx, const void *p, size_t n);
int db_bind_null(struct db_stmt *st, int idx);
/* DB_ROW, DB_DONE or a negative pd_code. */
int db_step(struct db_stmt *st, struct pd_err *e);
/* Text of a column; "" for NULL (check db_col_is_null when NULL matters). */
const char *db_col_text(struct db_stmt *st, int col);
const char *db_col_textn(struct db_stmt *st, int col, size_t *n);
int64_t db_col_int64(struct db_stmt *st, int col);
const void *db_col_blob(struct db_stmt *st, int col, size_t *n);
bool db_col_is_null(struct db_stmt *st, int col);
int db_col_count(struct db_stmt *st);
const char *db_col_name(struct db_stmt *st, int col);
void db_reset(struct db_stmt *st);
int64_t db_changes(struct db *db);

/* Storage-failure latch (SECURITY.md 22): once a write or fsync fails with an I/O
 * error, every later write transaction fails with PD_EUNAVAIL until restart. */
bool db_write_failed(void);

/* ---- for backends only (db.c and db_<backend>.c; nothing else calls these) ---- */

/* Each backend's struct db_stmt starts with this member, so db.c can reach the ops of a
 * statement it only holds a pointer to. */
struct db_stmt_head {
    const struct db_ops *ops;
    const char *key;  /* the SQL pointer it was prepared for: the cache's hash key */
    const char *text; /* that SQL's text, kept by the backend: confirms a cache hit */
};

/* A connection's prepared statements, for backends: open addressing keyed by the SQL
 * pointer (callers pass literals), the text compared on every hit (a pointer is a fast
 * key, not a proof: a reused buffer could hold other SQL, and a probe that meets equal
 * text under another pointer takes it). Grows by doubling at half full. It owns only its
 * slot array: a backend frees its statements (walk slots[0..cap)), then db_cache_free. */
struct db_stmt_cache {
    struct db_stmt_head **slots; /* NULL = empty */
    size_t cap;                  /* a power of two, or 0 before the first add */
    size_t used;
};
/* The statement prepared for sql, or NULL. */
struct db_stmt_head *db_cache_get(const struct db_stmt_cache *c, const char *sql);
/* Add s, whose key and text are set and which is not in the cache. */
void db_cache_add(struct db_stmt_cache *c, struct db_stmt_head *s);
void db_cache_free(struct db_stmt_cache *c);
/* The backend's state for one connection: set by its open(), freed by its close(). */
void db_set_impl(struct db *db, void *impl);
void *db_impl(const struct db *db);
/* Set the storage-failure latch: a backend calls this on an I/O error, a full disk or
 * corruption during a write or a commit. */
void db_latch_write_failure(void);

/* SQLite's process-wide settings, once, before any connection: code of store/ that opens
 * connections of its own (store_backup.c) calls it first. */
void db_sqlite_init(void);

extern const struct db_ops db_sqlite_ops;
extern const struct db_ops db_pg_ops;

/* Time this process has spent inside transactions (db_begin to db_commit or db_rollback)
 * and how many ended: for GET /metrics. */
void db_time_read(uint64_t *ns, uint64_t *txns);

#endif
