/*
 * db_pg.c: the PostgreSQL backend of db.h, on libpq.
 *
 * The target is a libpq URL (postgres://user@host:port/dbname?...), handed to libpq as it
 * is. Every SQL text, statement or migration script, goes through sql_dialect_pg() first
 * (the one place for dialect differences, sql_dialect.h).
 *
 * Transactions. DB_TXN_WRITE must behave like SQLite's BEGIN IMMEDIATE: one writer at a
 * time over the whole database. The audit hash chain depends on it (each entry hashes the
 * previous one read in the same transaction; two concurrent writers would both read the
 * same head, and one would then fail on audit_head instead of waiting), and so do the
 * read-then-write checks in app/ (optimistic versions, "exactly one responsible
 * generalist"). So a write transaction is READ COMMITTED and first takes a transaction-
 * scoped advisory lock (PD_PG_WRITE_LOCK): writers queue on it, and because READ COMMITTED
 * takes a fresh snapshot per statement, every statement after the lock sees all that the
 * previous writer committed, exactly as under SQLite's single write lock. Readers are not
 * blocked. lock_timeout (5 s, SQLite's busy_timeout) turns a long wait into PD_EUNAVAIL.
 * DB_TXN_READ is REPEATABLE READ READ ONLY: one consistent snapshot, no writes.
 *
 * Statements are cached per connection by their SQL pointer, confirmed by the text (db.h's
 * statement cache, shared with db_sqlite.c), and prepared on the server (PQprepare, names
 * pd1, pd2, ...) at their first step, when the types of the bound values are known:
 * integers are declared int8, blobs bytea, text and NULL are left for the server to infer
 * from the context. Values travel as text, blobs as binary. The whole result is fetched by
 * the first step; later steps walk its rows. Results come back as text: booleans read as
 * 1/0 and bytea columns are unescaped, so store code sees what SQLite would give it.
 *
 * Errors: as in db_sqlite.c, details go to the log. A unique violation is PD_ECONFLICT
 * naming the last key column, a foreign-key violation PD_ECONFLICT; other constraint
 * violations and trigger exceptions (audit_log is append-only) "the database refused the
 * change". A lost connection, a lock or serialization timeout is PD_EUNAVAIL; the
 * connection is re-established at the next transaction or statement outside one.
 */
#include <libpq-fe.h>
#include <stdint.h>
#include <string.h>

#include "../lib/log.h"
#include "../lib/mem.h"
#include "db.h"
#include "sql_dialect.h"

#define PD_PG_WRITE_LOCK "75130001" /* advisory lock key of the one writer (NEN 7513) */

/* Type OIDs (server/catalog/pg_type_d.h, stable across versions). */
#define OID_BOOL  16
#define OID_BYTEA 17
#define OID_INT8  20

struct db_stmt {
    struct db_stmt_head head; /* first: db.c reads the ops through it */
    struct pg_conn *conn;
    char *src;     /* a copy of the SQL (SQLite dialect): head.text */
    char *sql;     /* translated */
    char name[16]; /* server-side name, once prepared */
    bool prepared;
    int described; /* column count from PQdescribePrepared, -1 until asked */
    int nparams;
    char **vals; /* NULL = SQL NULL */
    int *lens;
    int *fmts;
    Oid *types;
    int bind_err; /* first failed bind, reported by the next step */
    PGresult *res;
    int row, nrows;        /* row: current row, -1 before the first */
    unsigned char **unesc; /* per column of the current row: unescaped bytea */
    size_t *unesc_n;
    int ncols;
};

struct pg_conn {
    PGconn *h;
    struct db_stmt_cache stmts;
    unsigned next_name;
    bool in_txn; /* between begin and commit/rollback: a lost connection is not replaced */
    bool write_txn;
    int64_t changes;
};

static struct pg_conn *conn_of(struct db *db)
{
    return db_impl(db);
}

/* ---- errors ---- */

/* "Key (org_id, kind, name)=(...) already exists." -> "name". */
static void key_field(const char *detail, char *out, size_t size)
{
    out[0] = '\0';
    const char *p = detail ? strstr(detail, "Key (") : NULL;
    if (!p)
        return;
    p += 5;
    const char *end = strstr(p, ")=");
    if (!end)
        return;
    const char *last = p;
    for (const char *q = p; q < end; q++)
        if (*q == ',')
            last = q + 1;
    while (*last == ' ')
        last++;
    size_t n = (size_t)(end - last);
    if (n >= size)
        n = size - 1;
    memcpy(out, last, n);
    out[n] = '\0';
}

/* Map a failed result (or a NULL one: the connection failed) to a pd_err. */
static int pg_fail(struct pg_conn *c, const PGresult *r, bool writing, struct pd_err *e)
{
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = r ? PQresultErrorMessage(r) : PQerrorMessage(c->h);
    char field[LIMIT_ERR_FIELD_BYTES];

    if (!state || PQstatus(c->h) != CONNECTION_OK || strncmp(state, "08", 2) == 0 ||
        strncmp(state, "57P", 3) == 0) {
        log_error("postgresql connection failed: %s", msg);
        return err_set(e, PD_EUNAVAIL, NULL, "the database is unavailable; try again");
    }
    if (strcmp(state, "23505") == 0) {
        log_debug("postgresql constraint: %s", msg);
        key_field(PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL), field, sizeof(field));
        return err_set(e, PD_ECONFLICT, *field ? field : NULL, "is already in use");
    }
    if (strcmp(state, "23503") == 0) {
        log_debug("postgresql constraint: %s", msg);
        return err_set(e, PD_ECONFLICT, NULL,
                       "refers to a record that does not exist (or is still referred to)");
    }
    if (strncmp(state, "23", 2) == 0 || strcmp(state, "P0001") == 0) {
        log_error("postgresql refused a change: %s (%s)", msg, state);
        return err_set(e, PD_EDB, NULL, "the database refused the change");
    }
    if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 || strcmp(state, "55P03") == 0 ||
        strcmp(state, "57014") == 0) {
        log_warn("postgresql busy: %s (%s)", msg, state);
        return err_set(e, PD_EUNAVAIL, NULL, "the database is busy; try again");
    }
    if (strncmp(state, "53", 2) == 0 || strncmp(state, "58", 2) == 0 ||
        strncmp(state, "XX", 2) == 0) {
        log_error("postgresql storage error: %s (%s)", msg, state);
        if (writing)
            db_latch_write_failure();
        return err_set(e, PD_EDB, NULL, "storage failed");
    }
    log_error("postgresql error: %s (%s)", msg, state);
    return err_set(e, PD_EDB, NULL, "database error");
}

static bool result_ok(const PGresult *r)
{
    ExecStatusType s = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
}

/* ---- statements ---- */

static void drop_row_cache(struct db_stmt *s)
{
    for (int i = 0; i < s->ncols; i++) {
        PQfreemem(s->unesc[i]);
        s->unesc[i] = NULL;
    }
}

static void drop_result(struct db_stmt *s)
{
    drop_row_cache(s);
    free(s->unesc);
    free(s->unesc_n);
    s->unesc = NULL;
    s->unesc_n = NULL;
    s->ncols = 0;
    PQclear(s->res);
    s->res = NULL;
    s->row = -1;
    s->nrows = 0;
}

static void clear_binds(struct db_stmt *s)
{
    for (int i = 0; i < s->nparams; i++) {
        free(s->vals[i]);
        s->vals[i] = NULL;
        s->lens[i] = 0;
        s->fmts[i] = 0;
    }
    s->bind_err = 0;
}

static void stmt_free(struct db_stmt *s)
{
    drop_result(s);
    clear_binds(s);
    free(s->vals);
    free(s->lens);
    free(s->fmts);
    free(s->types);
    free(s->src);
    free(s->sql);
    free(s);
}

static struct db_stmt *pg_prepare(struct db *db, const char *sql, struct pd_err *e)
{
    struct pg_conn *c = conn_of(db);
    struct db_stmt *s = (struct db_stmt *)db_cache_get(&c->stmts, sql);

    if (s) {
        drop_result(s);
        clear_binds(s);
        return s;
    }
    int nparams = 0;
    char *pg = sql_dialect_pg(sql, &nparams, e);
    if (!pg)
        return NULL;
    s = xcalloc(1, sizeof(*s));
    s->head.ops = &db_pg_ops;
    s->conn = c;
    s->src = xstrdup(sql);
    s->head.key = sql;
    s->head.text = s->src;
    s->sql = pg;
    s->nparams = nparams;
    size_t np = nparams ? (size_t)nparams : 1;
    s->vals = xcalloc(np, sizeof(*s->vals));
    s->lens = xcalloc(np, sizeof(*s->lens));
    s->fmts = xcalloc(np, sizeof(*s->fmts));
    s->types = xcalloc(np, sizeof(*s->types));
    s->row = -1;
    s->described = -1;
    db_cache_add(&c->stmts, &s->head);
    return s;
}

/* ---- connection ---- */

static void notice(void *arg, const char *msg)
{
    (void)arg;
    log_debug("postgresql: %s", msg);
}

static void pg_close(struct db *db)
{
    struct pg_conn *c = conn_of(db);
    if (!c)
        return;
    for (size_t i = 0; i < c->stmts.cap; i++)
        if (c->stmts.slots[i])
            stmt_free((struct db_stmt *)c->stmts.slots[i]);
    db_cache_free(&c->stmts);
    PQfinish(c->h);
    free(c);
    db_set_impl(db, NULL);
}

/* Session settings every connection needs: UTF-8, UTC, and SQLite's busy_timeout. */
static int session_setup(struct pg_conn *c, struct pd_err *e)
{
    PGresult *r = PQexec(c->h, "SET client_encoding = 'UTF8'; SET TimeZone = 'UTC';"
                               " SET lock_timeout = '5s'; SET client_min_messages = 'warning'");
    int rc = result_ok(r) ? PD_OK : pg_fail(c, r, false, e);
    PQclear(r);
    return rc;
}

/* Text must sort and compare as in SQLite (BINARY: by bytes, i.e. by code point): every ORDER BY,
 * range and keyset comparison on text relies on it. So the database must use libc's C, POSIX or
 * C.UTF-8 collation; any other is refused (docs/internals/store.md, Portable SQL). */
static int check_collation(struct pg_conn *c, struct pd_err *e)
{
    PGresult *r = PQexec(c->h, "SELECT datlocprovider, datcollate, coalesce(daticulocale, '')"
                               " FROM pg_database WHERE datname = current_database()");
    if (!result_ok(r) || PQntuples(r) != 1) {
        int rc = result_ok(r) ? err_set(e, PD_EDB, "db", "cannot read the database's collation")
                              : pg_fail(c, r, false, e);
        PQclear(r);
        return rc;
    }
    bool libc = strcmp(PQgetvalue(r, 0, 0), "c") == 0;
    const char *coll = libc ? PQgetvalue(r, 0, 1) : PQgetvalue(r, 0, 2);
    bool ok = libc && (strcmp(coll, "C") == 0 || strcmp(coll, "POSIX") == 0 ||
                       strcmp(coll, "C.UTF-8") == 0 || strcmp(coll, "C.utf8") == 0);
    if (!ok)
        err_set(e, PD_EDB, "db",
                "the database's collation is %s%s; peerdesk needs C or C.UTF-8 (create the"
                " database with createdb -T template0 --locale=C.UTF-8)",
                libc ? "" : "ICU ", coll);
    PQclear(r);
    return ok ? PD_OK : e->code;
}

static int pg_open(struct db *db, const char *url, struct pd_err *e)
{
    struct pg_conn *c = xcalloc(1, sizeof(*c));
    db_set_impl(db, c);
    c->h = PQconnectdb(url);
    if (!c->h)
        fatal("PQconnectdb: out of memory");
    if (PQstatus(c->h) != CONNECTION_OK) {
        log_error("postgresql connect failed: %s", PQerrorMessage(c->h));
        err_set(e, PD_EUNAVAIL, "db", "cannot connect to the database");
        pg_close(db);
        return e->code;
    }
    PQsetNoticeProcessor(c->h, notice, NULL);
    if (session_setup(c, e) != PD_OK || check_collation(c, e) != PD_OK) {
        pg_close(db);
        return e->code;
    }
    return PD_OK;
}

/* Outside a transaction, a broken connection is re-established (statements must then be
 * prepared again). Inside one there is nothing to save: the caller gets PD_EUNAVAIL. */
static void reconnect_if_lost(struct pg_conn *c)
{
    if (PQstatus(c->h) == CONNECTION_OK || c->in_txn)
        return;
    log_warn("postgresql connection lost; reconnecting");
    PQreset(c->h);
    if (PQstatus(c->h) != CONNECTION_OK)
        return;
    for (size_t i = 0; i < c->stmts.cap; i++)
        if (c->stmts.slots[i])
            ((struct db_stmt *)c->stmts.slots[i])->prepared = false;
    struct pd_err e;
    err_clear(&e);
    session_setup(c, &e);
}

static int run(struct pg_conn *c, const char *sql, bool writing, struct pd_err *e)
{
    PGresult *r = PQexec(c->h, sql);
    int rc = result_ok(r) ? PD_OK : pg_fail(c, r, writing, e);
    /* COMMIT of a failed transaction answers ROLLBACK, not an error */
    if (rc == PD_OK && strcmp(PQcmdStatus(r), "ROLLBACK") == 0 && strcmp(sql, "COMMIT") == 0)
        rc = err_set(e, PD_EDB, NULL, "the transaction was rolled back");
    PQclear(r);
    return rc;
}

static int pg_exec(struct db *db, const char *sql, struct pd_err *e)
{
    struct pg_conn *c = conn_of(db);
    int n;
    char *pg = sql_dialect_pg(sql, &n, e);
    if (!pg)
        return e->code;
    reconnect_if_lost(c);
    int rc = run(c, pg, c->write_txn, e);
    free(pg);
    return rc;
}

static int pg_begin(struct db *db, enum db_txn mode, struct pd_err *e)
{
    struct pg_conn *c = conn_of(db);
    reconnect_if_lost(c);
    if (mode == DB_TXN_READ) {
        int rc = run(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", false, e);
        c->in_txn = rc == PD_OK;
        return rc;
    }
    int rc = run(c,
                 "BEGIN ISOLATION LEVEL READ COMMITTED READ WRITE;"
                 " SELECT pg_advisory_xact_lock(" PD_PG_WRITE_LOCK ")",
                 false, e);
    if (rc != PD_OK) {
        PGresult *r = PQexec(c->h, "ROLLBACK");
        PQclear(r);
        return rc;
    }
    c->in_txn = c->write_txn = true;
    return PD_OK;
}

static int pg_commit(struct db *db, struct pd_err *e)
{
    struct pg_conn *c = conn_of(db);
    int rc = run(c, "COMMIT", c->write_txn, e);
    if (rc == PD_OK || PQtransactionStatus(c->h) == PQTRANS_IDLE)
        c->in_txn = c->write_txn = false;
    return rc;
}

static void pg_rollback(struct db *db)
{
    struct pg_conn *c = conn_of(db);
    PGTransactionStatusType ts = PQtransactionStatus(c->h);
    if (ts == PQTRANS_INTRANS || ts == PQTRANS_INERROR) {
        PGresult *r = PQexec(c->h, "ROLLBACK");
        if (!result_ok(r))
            log_error("postgresql rollback failed: %s", PQerrorMessage(c->h));
        PQclear(r);
    }
    c->in_txn = c->write_txn = false;
}

/* ---- binds ---- */

static int bind_val(struct db_stmt *s, int idx, char *v, int len, int fmt, Oid type)
{
    if (idx < 1 || idx > s->nparams) {
        free(v);
        if (!s->bind_err)
            s->bind_err = idx;
        return PD_EINTERNAL;
    }
    free(s->vals[idx - 1]);
    s->vals[idx - 1] = v;
    s->lens[idx - 1] = len;
    s->fmts[idx - 1] = fmt;
    if (!s->prepared)
        s->types[idx - 1] = type;
    return PD_OK;
}

static int pg_bind_text(struct db_stmt *s, int idx, const char *p, size_t n)
{
    if (memchr(p, '\0', n)) { /* PostgreSQL text cannot hold NUL */
        if (!s->bind_err)
            s->bind_err = idx;
        return PD_EINTERNAL;
    }
    return bind_val(s, idx, xstrndup(p, n), (int)n, 0, 0);
}

static int pg_bind_int64(struct db_stmt *s, int idx, int64_t v)
{
    char num[24];
    int n = snprintf(num, sizeof(num), "%lld", (long long)v);
    return bind_val(s, idx, xstrdup(num), n, 0, OID_INT8);
}

static int pg_bind_blob(struct db_stmt *s, int idx, const void *p, size_t n)
{
    char *v = xmalloc(n ? n : 1);
    if (n)
        memcpy(v, p, n);
    return bind_val(s, idx, v, (int)n, 1, OID_BYTEA);
}

static int pg_bind_null(struct db_stmt *s, int idx)
{
    return bind_val(s, idx, NULL, 0, 0, 0);
}

/* ---- step and columns ---- */

/* Prepare on the server with the types bound so far (once per connection). */
static int ensure_prepared(struct db_stmt *s, struct pd_err *e)
{
    struct pg_conn *c = s->conn;
    if (s->prepared)
        return PD_OK;
    reconnect_if_lost(c);
    snprintf(s->name, sizeof(s->name), "pd%u", ++c->next_name);
    PGresult *r = PQprepare(c->h, s->name, s->sql, s->nparams, s->types);
    if (!result_ok(r)) {
        log_error("postgresql prepare failed in: %s", s->sql);
        int rc = pg_fail(c, r, false, e);
        PQclear(r);
        return rc;
    }
    PQclear(r);
    s->prepared = true;
    s->described = -1;
    return PD_OK;
}

static int execute(struct db_stmt *s, struct pd_err *e)
{
    struct pg_conn *c = s->conn;
    PGresult *r;

    reconnect_if_lost(c);
    if (ensure_prepared(s, e) != PD_OK)
        return e->code;
    r = PQexecPrepared(c->h, s->name, s->nparams, (const char *const *)s->vals, s->lens, s->fmts,
                       0);
    if (!result_ok(r)) {
        int rc = pg_fail(c, r, c->write_txn, e);
        PQclear(r);
        return rc;
    }
    const char *cmd = PQcmdStatus(r);
    if (strncmp(cmd, "INSERT", 6) == 0 || strncmp(cmd, "UPDATE", 6) == 0 ||
        strncmp(cmd, "DELETE", 6) == 0)
        c->changes = strtoll(PQcmdTuples(r), NULL, 10);
    s->res = r;
    s->nrows = PQntuples(r);
    s->ncols = PQnfields(r);
    s->unesc = xcalloc(s->ncols ? (size_t)s->ncols : 1, sizeof(*s->unesc));
    s->unesc_n = xcalloc(s->ncols ? (size_t)s->ncols : 1, sizeof(*s->unesc_n));
    s->row = -1;
    return PD_OK;
}

static int pg_step(struct db_stmt *s, struct pd_err *e)
{
    if (s->bind_err) {
        log_error("postgresql bind %d failed in: %s", s->bind_err, s->src);
        return err_set(e, PD_EINTERNAL, NULL, "internal error");
    }
    if (s->res && s->row >= s->nrows)
        drop_result(s); /* stepping after DB_DONE runs it again, as SQLite does */
    if (!s->res) {
        int rc = execute(s, e);
        if (rc != PD_OK)
            return rc;
    }
    drop_row_cache(s);
    if (s->row < s->nrows)
        s->row++;
    return s->row < s->nrows ? DB_ROW : DB_DONE;
}

static bool on_row(const struct db_stmt *s, int col)
{
    return s->res && s->row >= 0 && s->row < s->nrows && col >= 0 && col < s->ncols;
}

static const void *bytea_of(struct db_stmt *s, int col, size_t *n)
{
    if (!s->unesc[col]) {
        s->unesc[col] = PQunescapeBytea((const unsigned char *)PQgetvalue(s->res, s->row, col),
                                        &s->unesc_n[col]);
        if (!s->unesc[col])
            fatal("PQunescapeBytea: out of memory");
    }
    *n = s->unesc_n[col];
    return s->unesc[col];
}

static const char *pg_col_text(struct db_stmt *s, int col, size_t *n)
{
    *n = 0;
    if (!on_row(s, col) || PQgetisnull(s->res, s->row, col))
        return "";
    const char *v = PQgetvalue(s->res, s->row, col);
    switch (PQftype(s->res, col)) {
    case OID_BOOL:
        *n = 1;
        return v[0] == 't' ? "1" : "0";
    case OID_BYTEA:
        return bytea_of(s, col, n); /* SQLite gives a blob's bytes; unescaped is NUL-ended */
    default:
        *n = (size_t)PQgetlength(s->res, s->row, col);
        return v;
    }
}

static int64_t pg_col_int64(struct db_stmt *s, int col)
{
    if (!on_row(s, col) || PQgetisnull(s->res, s->row, col))
        return 0;
    const char *v = PQgetvalue(s->res, s->row, col);
    if (PQftype(s->res, col) == OID_BOOL)
        return v[0] == 't';
    char *end;
    long long x = strtoll(v, &end, 10);
    if (*end == '.' || *end == 'e' || *end == 'E') /* numeric or float: truncate, as SQLite */
        return (int64_t)strtod(v, NULL);
    return x;
}

static const void *pg_col_blob(struct db_stmt *s, int col, size_t *n)
{
    *n = 0;
    if (!on_row(s, col) || PQgetisnull(s->res, s->row, col))
        return NULL;
    if (PQftype(s->res, col) == OID_BYTEA)
        return bytea_of(s, col, n);
    return pg_col_text(s, col, n);
}

static bool pg_col_is_null(struct db_stmt *s, int col)
{
    return !on_row(s, col) || PQgetisnull(s->res, s->row, col);
}

/* Like sqlite3_column_count, also before the first step (store_reports.c asks then): the
 * statement is prepared with the types bound so far and described. */
static int pg_col_count(struct db_stmt *s)
{
    if (s->res)
        return s->ncols;
    if (s->described < 0) {
        struct pd_err e;
        err_clear(&e);
        if (ensure_prepared(s, &e) != PD_OK)
            return 0;
        PGresult *r = PQdescribePrepared(s->conn->h, s->name);
        s->described = result_ok(r) ? PQnfields(r) : 0;
        PQclear(r);
    }
    return s->described;
}

static const char *pg_col_name(struct db_stmt *s, int col)
{
    return s->res && col >= 0 && col < s->ncols ? PQfname(s->res, col) : NULL;
}

static void pg_reset(struct db_stmt *s)
{
    drop_result(s);
}

static int64_t pg_changes(struct db *db)
{
    return conn_of(db)->changes;
}

const struct db_ops db_pg_ops = {
    .name = "postgresql",
    .dialect = DB_DIALECT_PG,
    .open = pg_open,
    .close = pg_close,
    .exec = pg_exec,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .prepare = pg_prepare,
    .bind_text = pg_bind_text,
    .bind_int64 = pg_bind_int64,
    .bind_blob = pg_bind_blob,
    .bind_null = pg_bind_null,
    .step = pg_step,
    .col_text = pg_col_text,
    .col_int64 = pg_col_int64,
    .col_blob = pg_col_blob,
    .col_is_null = pg_col_is_null,
    .col_count = pg_col_count,
    .col_name = pg_col_name,
    .reset = pg_reset,
    .changes = pg_changes,
};
