/*
 * db_sqlite.c: the SQLite backend of db.h.
 *
 * One connection per thread (SQLITE_OPEN_NOMUTEX), opened with the settings SECURITY.md
 * 21 relies on: WAL with synchronous=FULL (an acknowledged commit survives kill -9 and
 * power loss), foreign keys on, defensive mode and untrusted schema (a database file
 * cannot smuggle in functions that run with our privileges), secure_delete (erased
 * content is overwritten, SECURITY.md 11; docs/client-rights.md). The open fails unless
 * WAL, foreign keys and secure_delete really took effect: each can silently stay off (WAL
 * on some file systems and for in-memory databases; foreign_keys inside a transaction or
 * in builds without them; secure_delete where SQLITE_SECURE_DELETE limits are compiled
 * in).
 *
 * Statements are prepared once per connection with SQLITE_PREPARE_PERSISTENT and kept in
 * a small open-addressing table keyed by the SQL text pointer (callers pass literals),
 * confirmed by comparing the text, so a reused buffer can never get another SQL's
 * statement. Bind errors are remembered in the statement
 * and reported by the next step, so store code need not check every bind.
 *
 * Errors: the SQLite message goes to the log, never into pd_err.detail (users see that);
 * a unique-key clash becomes PD_ECONFLICT naming the column.
 */
#include <assert.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "../lib/log.h"
#include "../lib/mem.h"
#include "db.h"
#include "vfs_test.h"

struct db_stmt {
    struct db_stmt_head head; /* first: db.c reads the ops through it */
    sqlite3_stmt *st;
    struct sqlite_conn *conn;
    int bind_rc; /* first failed bind (an SQLite code), reported by the next step */
};

struct gate;

struct sqlite_conn {
    sqlite3 *h;
    struct db_stmt_cache stmts;
    bool write_txn;    /* inside BEGIN IMMEDIATE: errors count as write failures */
    struct gate *gate; /* the writer gate of its database file; NULL for a temporary one */
    bool gated;        /* holds the gate: between db_begin(WRITE) and its end */
};

/* ---- the writer gate ----
 *
 * SQLite lets one connection write at a time, and a connection that finds the lock taken
 * polls for it with sleeps (the busy handler: 1, 2, 5, ... 100 ms). Under load a waiting
 * writer sleeps on long after the lock is free, and the unluckiest wait for seconds
 * (bench P2: p99 940 ms with 64 connections writing notes). So within the process, the
 * writers of one database file queue on a mutex first and ask for BEGIN IMMEDIATE only
 * when they hold it: woken as soon as it is free. Another process is still kept out by
 * SQLite's own lock and busy_timeout. The wait is bounded by the connection's busy_timeout
 * (5 s): then the answer is "busy" (503), not a hang. */
#define GATE_MAX    32
#define GATE_WAIT_S 5

struct gate {
    dev_t dev;
    ino_t ino;
    pthread_mutex_t mu;
};

static struct gate gates[GATE_MAX];
static size_t ngates;
static pthread_mutex_t gates_mu = PTHREAD_MUTEX_INITIALIZER;

/* The gate of the file behind a connection (by device and inode: two paths of one file
 * share it); NULL for a temporary or in-memory database, or when the table is full. */
static struct gate *gate_of(sqlite3 *h)
{
    const char *file = sqlite3_db_filename(h, "main");
    struct stat st;
    if (!file || !*file || stat(file, &st) != 0)
        return NULL;
    struct gate *g = NULL;
    pthread_mutex_lock(&gates_mu);
    for (size_t i = 0; i < ngates && !g; i++)
        if (gates[i].dev == st.st_dev && gates[i].ino == st.st_ino)
            g = &gates[i];
    if (!g && ngates < GATE_MAX) {
        g = &gates[ngates++];
        g->dev = st.st_dev;
        g->ino = st.st_ino;
        pthread_mutex_init(&g->mu, NULL);
    }
    pthread_mutex_unlock(&gates_mu);
    return g;
}

/* The connection's busy_timeout in ms (PRAGMA busy_timeout; 5000 unless changed). */
static int64_t busy_ms(struct sqlite_conn *c)
{
    sqlite3_stmt *st = NULL;
    int64_t ms = GATE_WAIT_S * 1000;
    if (sqlite3_prepare_v2(c->h, "PRAGMA busy_timeout", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        ms = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return ms;
}

static bool gate_enter(struct sqlite_conn *c)
{
    if (!c->gate)
        return true;
    if (pthread_mutex_trylock(&c->gate->mu) != 0) {
        /* Taken: wait for it as long as the connection would wait for SQLite's lock. */
        int64_t ms = busy_ms(c);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += (time_t)(ms / 1000);
        until.tv_nsec += (long)(ms % 1000) * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        if (pthread_mutex_timedlock(&c->gate->mu, &until) != 0)
            return false;
    }
    c->gated = true;
    return true;
}

static void gate_leave(struct sqlite_conn *c)
{
    if (c->gated && sqlite3_get_autocommit(c->h)) {
        c->gated = false;
        pthread_mutex_unlock(&c->gate->mu);
    }
}

static struct sqlite_conn *conn_of(struct db *db)
{
    return db_impl(db);
}

/* ---- errors ---- */

/* "UNIQUE constraint failed: area.org_id, area.kind, area.name" -> "name": the last
 * column is the one that makes the key unique within its organisation. */
static void constraint_field(const char *msg, char *out, size_t size)
{
    const char *p = strstr(msg, "failed: ");
    out[0] = '\0';
    if (!p)
        return;
    p += 8;
    const char *last = strrchr(p, ',');
    if (last)
        p = last + 1;
    while (*p == ' ')
        p++;
    const char *dot = strrchr(p, '.');
    if (dot)
        p = dot + 1;
    size_t n = strcspn(p, " ,");
    if (n >= size)
        n = size - 1;
    memcpy(out, p, n);
    out[n] = '\0';
}

/* Map an SQLite result code to a pd_err; `writing` says whether the failed call could
 * have changed the file (for the storage-failure latch). */
static int sqlite_fail(struct sqlite_conn *c, int rc, bool writing, struct pd_err *e)
{
    const char *msg = sqlite3_errmsg(c->h);
    char field[LIMIT_ERR_FIELD_BYTES];

    switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
        log_debug("sqlite constraint: %s (%d)", msg, rc);
        if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
            constraint_field(msg, field, sizeof(field));
            return err_set(e, PD_ECONFLICT, *field ? field : NULL, "is already in use");
        }
        if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
            return err_set(e, PD_ECONFLICT, NULL,
                           "refers to a record that does not exist (or is still referred to)");
        /* CHECK, NOT NULL, a trigger's RAISE(ABORT) (audit_log is append-only): input was
         * validated before it got here, so this is a bug or tampering, not a user error. */
        log_error("sqlite refused a change: %s (%d)", msg, rc);
        return err_set(e, PD_EDB, NULL, "the database refused the change");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        log_warn("sqlite busy: %s (%d)", msg, rc);
        return err_set(e, PD_EUNAVAIL, NULL, "the database is busy; try again");
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CORRUPT:
        log_error("sqlite storage error: %s (%d)", msg, rc);
        if (writing)
            db_latch_write_failure();
        return err_set(e, PD_EDB, NULL, "storage failed");
    default:
        log_error("sqlite error: %s (%d)", msg, rc);
        return err_set(e, PD_EDB, NULL, "database error");
    }
}

static struct db_stmt *sq_prepare(struct db *db, const char *sql, struct pd_err *e)
{
    struct sqlite_conn *c = conn_of(db);
    struct db_stmt *s = (struct db_stmt *)db_cache_get(&c->stmts, sql);

    if (s) {
        sqlite3_reset(s->st); /* its result is the last step's, already reported */
        sqlite3_clear_bindings(s->st);
        s->bind_rc = SQLITE_OK;
        return s;
    }

    sqlite3_stmt *st = NULL;
    const char *tail = NULL;
    int rc = sqlite3_prepare_v3(c->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, &tail);
    if (rc != SQLITE_OK) {
        log_error("sqlite prepare failed: %s (%d) in: %s", sqlite3_errmsg(c->h), rc, sql);
        sqlite_fail(c, rc, false, e);
        return NULL;
    }
    if (!st || (tail && tail[strspn(tail, " \t\r\n;")] != '\0')) {
        /* empty SQL, or more than one statement: db_exec is for those */
        log_error("db_prepare needs exactly one statement: %s", sql);
        sqlite3_finalize(st);
        err_set(e, PD_EINTERNAL, NULL, "internal error");
        return NULL;
    }

    s = xcalloc(1, sizeof(*s));
    s->head.ops = &db_sqlite_ops;
    s->head.key = sql;
    s->head.text = sqlite3_sql(st); /* SQLite keeps the text for the statement's life */
    s->st = st;
    s->conn = c;
    db_cache_add(&c->stmts, &s->head);
    return s;
}

/* Reset every statement still in the middle of a result, so COMMIT and ROLLBACK never
 * meet a pending statement (and no snapshot outlives its transaction). */
static void reset_busy(struct sqlite_conn *c)
{
    for (sqlite3_stmt *st = sqlite3_next_stmt(c->h, NULL); st; st = sqlite3_next_stmt(c->h, st))
        if (sqlite3_stmt_busy(st))
            sqlite3_reset(st);
}

/* ---- connection ---- */

static int exec_sql(struct sqlite_conn *c, const char *sql, struct pd_err *e)
{
    int rc = sqlite3_exec(c->h, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return sqlite_fail(c, rc, c->write_txn, e);
    return PD_OK;
}

/* The single integer or text a PRAGMA query returns. */
static int pragma_text(struct sqlite_conn *c, const char *sql, char *out, size_t size,
                       struct pd_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(c->h, sql, -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        int r = sqlite_fail(c, rc, false, e);
        sqlite3_finalize(st);
        return r;
    }
    const unsigned char *t = sqlite3_column_text(st, 0);
    snprintf(out, size, "%s", t ? (const char *)t : "");
    sqlite3_finalize(st);
    return PD_OK;
}

static int check_setting(struct sqlite_conn *c, const char *sql, const char *want, const char *what,
                         struct pd_err *e)
{
    char got[32];
    if (pragma_text(c, sql, got, sizeof(got), e) != PD_OK)
        return e->code;
    if (strcmp(got, want) != 0) {
        log_error("sqlite: %s is '%s', need '%s'", what, got, want);
        return err_set(e, PD_EDB, "db", "the database cannot use %s (got %s)", what, got);
    }
    return PD_OK;
}

static void sq_close(struct db *db)
{
    struct sqlite_conn *c = conn_of(db);
    if (!c)
        return;
    for (size_t i = 0; i < c->stmts.cap; i++) {
        struct db_stmt *s = (struct db_stmt *)c->stmts.slots[i];
        if (s) {
            sqlite3_finalize(s->st);
            free(s);
        }
    }
    db_cache_free(&c->stmts);
    int rc = sqlite3_close(c->h); /* inside a write transaction: SQLite rolls it back */
    if (rc != SQLITE_OK)
        log_error("sqlite close failed: %s (%d)", sqlite3_errstr(rc), rc);
    if (c->gated)
        pthread_mutex_unlock(&c->gate->mu);
    free(c);
    db_set_impl(db, NULL);
}

/* Once per process, before SQLite initialises itself: no global allocation statistics.
 * They take one process-wide mutex around every allocation of every connection, which the
 * server threads then queue on (measured: a third of the futex calls of a dossier read). */
static pthread_once_t sq_config_once = PTHREAD_ONCE_INIT;

/* Test settings (docs/testing.md "Crash harness"), read once with the other process-wide
 * settings. Debug builds only: PEERDESK_TEST_VOLATILE=1 and PEERDESK_TEST_FAULTS=FILE
 * register the test VFS (vfs_test.h); PEERDESK_TEST_SYNCHRONOUS=off opens every connection
 * with synchronous=OFF, the crash harness's negative control. A release build knows only
 * the last name, to refuse it: a database that silently ran without syncing would be
 * worse than one that does not open. */
static bool sync_off;
static char test_refusal[160]; /* why every open fails; "" when none */

static void sq_test_settings(void)
{
    const char *sync = getenv("PEERDESK_TEST_SYNCHRONOUS");
#ifdef PD_DEBUG
    const char *vol = getenv("PEERDESK_TEST_VOLATILE");
    const char *faults = getenv("PEERDESK_TEST_FAULTS");
    bool want_vol = vol && strcmp(vol, "1") == 0;
    if (vol && *vol && !want_vol)
        snprintf(test_refusal, sizeof(test_refusal), "PEERDESK_TEST_VOLATILE must be 1 or unset");
    if (sync && *sync && strcmp(sync, "off") != 0)
        snprintf(test_refusal, sizeof(test_refusal),
                 "PEERDESK_TEST_SYNCHRONOUS must be off or unset");
    sync_off = sync && strcmp(sync, "off") == 0;
    if (faults && !*faults)
        faults = NULL;
    if (!*test_refusal && (want_vol || faults)) {
        if (vfs_test_register(want_vol, faults) != SQLITE_OK)
            snprintf(test_refusal, sizeof(test_refusal), "cannot register the test VFS");
        else
            log_warn("sqlite: test VFS on (volatile page cache: %s; faults from: %s)",
                     want_vol ? "yes" : "no", faults ? faults : "none");
    }
    if (sync_off)
        log_warn("sqlite: synchronous=OFF (PEERDESK_TEST_SYNCHRONOUS): commits are not synced");
#else
    if (sync && *sync)
        snprintf(test_refusal, sizeof(test_refusal),
                 "PEERDESK_TEST_SYNCHRONOUS is honoured by debug builds only: unset it");
#endif
}

static void sq_config(void)
{
    if (sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK)
        log_error("sqlite: cannot turn allocation statistics off");
    sq_test_settings();
}

/* ---- note search ranking ----
 *
 * pd_rank(note_fts): the term-frequency part of BM25 (k1 1.2, b 0.75, as FTS5's bm25) over
 * the body column only, each query word weighted alike. FTS5's own bm25() also weighs each
 * word by its rarity in the whole index, and finds that out by walking every row the word
 * matches once per query: for a common prefix on 3,000,000 notes that walk costs more than
 * the rest of the search (PERFORMANCE.md P4), while a search names only the searcher's own
 * dossiers. For one word the order is bm25's (its rarity is a common factor); for more, a
 * rare word no longer counts more than a common one. Lower is better, as with bm25(). */
static void pd_rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int argc,
                    sqlite3_value **argv)
{
    (void)argc, (void)argv;
    sqlite3_int64 rows = 0, tokens = 0;
    int len = 0, ninst = 0, nphrase = api->xPhraseCount(fts);
    if (api->xRowCount(fts, &rows) != SQLITE_OK ||
        api->xColumnTotalSize(fts, 0, &tokens) != SQLITE_OK ||
        api->xColumnSize(fts, 0, &len) != SQLITE_OK || api->xInstCount(fts, &ninst) != SQLITE_OK) {
        sqlite3_result_error(ctx, "pd_rank: no statistics", -1);
        return;
    }
    int *tf = sqlite3_malloc64((sqlite3_uint64)(nphrase > 0 ? nphrase : 1) * sizeof(int));
    if (!tf) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    memset(tf, 0, (size_t)(nphrase > 0 ? nphrase : 1) * sizeof(int));
    for (int i = 0; i < ninst; i++) {
        int phrase, column, offset;
        if (api->xInst(fts, i, &phrase, &column, &offset) == SQLITE_OK && column == 0 &&
            phrase >= 0 && phrase < nphrase)
            tf[phrase]++;
    }
    const double k1 = 1.2, b = 0.75;
    double avg = rows > 0 ? (double)tokens / (double)rows : 1.0, score = 0;
    double norm = k1 * (1 - b + b * (double)len / (avg > 0 ? avg : 1.0));
    for (int p = 0; p < nphrase; p++)
        if (tf[p])
            score += tf[p] * (k1 + 1) / (tf[p] + norm);
    sqlite3_free(tf);
    sqlite3_result_double(ctx, -score);
}

/* Register pd_rank with this connection's FTS5 (SQLite's documented way to its API). */
static int register_rank(struct sqlite_conn *c, struct pd_err *e)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(c->h, "SELECT fts5(?1)", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
        sqlite3_step(st);
    }
    sqlite3_finalize(st);
    if (!api || api->iVersion < 2 ||
        api->xCreateFunction(api, "pd_rank", NULL, pd_rank, NULL) != SQLITE_OK)
        return err_set(e, PD_EDB, "db", "this SQLite has no usable FTS5");
    return PD_OK;
}

void db_sqlite_init(void)
{
    pthread_once(&sq_config_once, sq_config);
}

static int sq_open(struct db *db, const char *path, struct pd_err *e)
{
    db_sqlite_init();
    struct sqlite_conn *c = xcalloc(1, sizeof(*c));
    int flags =
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;

    db_set_impl(db, c);
    if (*test_refusal) {
        log_error("sqlite: %s", test_refusal);
        err_set(e, PD_EDB, "db", "%s", test_refusal);
        free(c);
        db_set_impl(db, NULL);
        return e->code;
    }
    int rc = sqlite3_open_v2(path, &c->h, flags, NULL);
    if (!c->h)
        fatal("sqlite3_open_v2: out of memory");
    if (rc != SQLITE_OK) {
        log_error("sqlite open failed: %s (%d)", sqlite3_errmsg(c->h), rc);
        err_set(e, PD_EDB, "db", "cannot open the database: %s", sqlite3_errstr(rc));
        goto fail;
    }
    int defensive = 0;
    if (sqlite3_db_config(c->h, SQLITE_DBCONFIG_DEFENSIVE, 1, &defensive) != SQLITE_OK ||
        !defensive) {
        err_set(e, PD_EDB, "db", "cannot put the database into defensive mode");
        goto fail;
    }
    /* busy_timeout first: switching to WAL needs a lock another process may hold. */
    if (exec_sql(c,
                 "PRAGMA busy_timeout=5000;"
                 "PRAGMA journal_mode=WAL;"
                 "PRAGMA synchronous=FULL;"
                 "PRAGMA foreign_keys=ON;"
                 "PRAGMA trusted_schema=OFF;"
                 "PRAGMA secure_delete=ON;",
                 e) != PD_OK ||
        (sync_off && exec_sql(c, "PRAGMA synchronous=OFF;", e) != PD_OK) ||
        check_setting(c, "PRAGMA journal_mode", "wal", "journal_mode=WAL", e) != PD_OK ||
        check_setting(c, "PRAGMA foreign_keys", "1", "foreign_keys", e) != PD_OK ||
        check_setting(c, "PRAGMA synchronous", sync_off ? "0" : "2",
                      sync_off ? "synchronous=OFF" : "synchronous=FULL", e) != PD_OK ||
        check_setting(c, "PRAGMA secure_delete", "1", "secure_delete", e) != PD_OK ||
        register_rank(c, e) != PD_OK)
        goto fail;
    c->gate = gate_of(c->h);
    return PD_OK;

fail:
    if (e->code == PD_OK)
        err_set(e, PD_EDB, "db", "cannot open the database");
    sq_close(db);
    return e->code;
}

static int sq_exec(struct db *db, const char *sql, struct pd_err *e)
{
    return exec_sql(conn_of(db), sql, e);
}

/* Run one cached control statement (BEGIN, COMMIT, ...). */
static int control(struct db *db, const char *sql, bool writing, struct pd_err *e)
{
    struct sqlite_conn *c = conn_of(db);
    struct db_stmt *s = sq_prepare(db, sql, e);
    if (!s)
        return e->code;
    int rc = sqlite3_step(s->st);
    sqlite3_reset(s->st);
    if (rc != SQLITE_DONE)
        return sqlite_fail(c, rc, writing, e);
    return PD_OK;
}

static int sq_begin(struct db *db, enum db_txn mode, struct pd_err *e)
{
    struct sqlite_conn *c = conn_of(db);
    if (mode == DB_TXN_WRITE) {
        if (!gate_enter(c)) {
            log_warn("sqlite busy: no turn to write within the busy timeout");
            return err_set(e, PD_EUNAVAIL, NULL, "the database is busy; try again");
        }
        int rc = control(db, "BEGIN IMMEDIATE", false, e);
        c->write_txn = rc == PD_OK;
        gate_leave(c); /* only when BEGIN failed */
        return rc;
    }
    return control(db, "BEGIN", false, e);
}

static int sq_commit(struct db *db, struct pd_err *e)
{
    struct sqlite_conn *c = conn_of(db);
    reset_busy(c);
    int rc = control(db, "COMMIT", c->write_txn, e);
    if (rc == PD_OK || sqlite3_get_autocommit(c->h))
        c->write_txn = false;
    gate_leave(c);
    return rc;
}

static void sq_rollback(struct db *db)
{
    struct sqlite_conn *c = conn_of(db);
    struct pd_err e;

    reset_busy(c);
    if (!sqlite3_get_autocommit(c->h)) { /* an I/O error may have rolled back already */
        err_clear(&e);
        if (control(db, "ROLLBACK", false, &e) != PD_OK)
            log_error("sqlite rollback failed");
    }
    c->write_txn = false;
    gate_leave(c);
}

/* ---- statements ---- */

static int bound(struct db_stmt *s, int rc)
{
    if (rc != SQLITE_OK && s->bind_rc == SQLITE_OK)
        s->bind_rc = rc;
    return rc == SQLITE_OK ? PD_OK : PD_EINTERNAL;
}

static int sq_bind_text(struct db_stmt *s, int idx, const char *p, size_t n)
{
    return bound(s, sqlite3_bind_text64(s->st, idx, p, n, SQLITE_TRANSIENT, SQLITE_UTF8));
}

static int sq_bind_int64(struct db_stmt *s, int idx, int64_t v)
{
    return bound(s, sqlite3_bind_int64(s->st, idx, v));
}

static int sq_bind_blob(struct db_stmt *s, int idx, const void *p, size_t n)
{
    return bound(s, sqlite3_bind_blob64(s->st, idx, p, n, SQLITE_TRANSIENT));
}

static int sq_bind_null(struct db_stmt *s, int idx)
{
    return bound(s, sqlite3_bind_null(s->st, idx));
}

static int sq_step(struct db_stmt *s, struct pd_err *e)
{
    struct sqlite_conn *c = s->conn;
    if (s->bind_rc != SQLITE_OK) {
        log_error("sqlite bind failed: %s (%d) in: %s", sqlite3_errstr(s->bind_rc), s->bind_rc,
                  sqlite3_sql(s->st));
        return err_set(e, PD_EINTERNAL, NULL, "internal error");
    }
    int rc = sqlite3_step(s->st);
    if (rc == SQLITE_ROW)
        return DB_ROW;
    if (rc == SQLITE_DONE)
        return DB_DONE;
    int r = sqlite_fail(c, rc, c->write_txn || !sqlite3_stmt_readonly(s->st), e);
    sqlite3_reset(s->st);
    return r;
}

static const char *sq_col_text(struct db_stmt *s, int col, size_t *n)
{
    const unsigned char *t = sqlite3_column_text(s->st, col);
    *n = t ? (size_t)sqlite3_column_bytes(s->st, col) : 0;
    return t ? (const char *)t : "";
}

static int64_t sq_col_int64(struct db_stmt *s, int col)
{
    return sqlite3_column_int64(s->st, col);
}

static const void *sq_col_blob(struct db_stmt *s, int col, size_t *n)
{
    const void *p = sqlite3_column_blob(s->st, col);
    *n = p ? (size_t)sqlite3_column_bytes(s->st, col) : 0;
    return p;
}

static bool sq_col_is_null(struct db_stmt *s, int col)
{
    return sqlite3_column_type(s->st, col) == SQLITE_NULL;
}

static int sq_col_count(struct db_stmt *s)
{
    return sqlite3_column_count(s->st);
}

static const char *sq_col_name(struct db_stmt *s, int col)
{
    return sqlite3_column_name(s->st, col);
}

static void sq_reset(struct db_stmt *s)
{
    sqlite3_reset(s->st);
}

static int64_t sq_changes(struct db *db)
{
    return sqlite3_changes64(conn_of(db)->h);
}

const struct db_ops db_sqlite_ops = {
    .name = "sqlite",
    .dialect = DB_DIALECT_SQLITE,
    .open = sq_open,
    .close = sq_close,
    .exec = sq_exec,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .prepare = sq_prepare,
    .bind_text = sq_bind_text,
    .bind_int64 = sq_bind_int64,
    .bind_blob = sq_bind_blob,
    .bind_null = sq_bind_null,
    .step = sq_step,
    .col_text = sq_col_text,
    .col_int64 = sq_col_int64,
    .col_blob = sq_col_blob,
    .col_is_null = sq_col_is_null,
    .col_count = sq_col_count,
    .col_name = sq_col_name,
    .reset = sq_reset,
    .changes = sq_changes,
};
