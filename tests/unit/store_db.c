/*
 * store_db.c: the db.h layer over SQLite: open and its settings (WAL, synchronous=FULL,
 * foreign keys, defensive), backend choice by target, transactions, the statement
 * cache, error mapping (a unique clash names the column, no SQL reaches the user) and
 * the storage-failure latch, provoked with a full disk (PRAGMA max_page_count).
 */
#include <ftw.h>
#include <pthread.h>
#include <time.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/db.h"
#include "tap.h"

static char dir[] = "/tmp/pd-store-db-XXXXXX";

static int rm_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(p);
}

static int64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

struct gate_arg {
    const char *path;
    volatile bool done;
    int rc;
    int64_t released_ns, began_ns;
};

/* A second connection that writes one row: waits for its turn, notes when it got it. */
static void *gate_writer(void *p)
{
    struct gate_arg *g = p;
    struct pd_err e;
    err_clear(&e);
    struct db *db = db_open(g->path, &e);
    g->rc = db ? db_begin(db, DB_TXN_WRITE, &e) : PD_EDB;
    g->began_ns = now_ns();
    if (g->rc == PD_OK) {
        struct db_stmt *st = db_prepare(db, "INSERT INTO t (email, n, b) VALUES (?, 2, NULL)", &e);
        db_bind_text(st, 1, "gate@example.nl");
        g->rc = st && db_step(st, &e) == DB_DONE ? db_commit(db, &e) : PD_EDB;
    }
    db_close(db);
    g->done = true;
    return NULL;
}

static const char *pragma(struct db *db, const char *which)
{
    static char out[32];
    struct pd_err e;
    struct db_stmt *st = NULL;
    err_clear(&e);
    if (strcmp(which, "journal_mode") == 0)
        st = db_prepare(db, "PRAGMA journal_mode", &e);
    else if (strcmp(which, "foreign_keys") == 0)
        st = db_prepare(db, "PRAGMA foreign_keys", &e);
    else if (strcmp(which, "synchronous") == 0)
        st = db_prepare(db, "PRAGMA synchronous", &e);
    else if (strcmp(which, "trusted_schema") == 0)
        st = db_prepare(db, "PRAGMA trusted_schema", &e);
    else if (strcmp(which, "secure_delete") == 0)
        st = db_prepare(db, "PRAGMA secure_delete", &e);
    else if (strcmp(which, "busy_timeout") == 0)
        st = db_prepare(db, "PRAGMA busy_timeout", &e);
    if (!st || db_step(st, &e) != DB_ROW)
        return "(error)";
    snprintf(out, sizeof(out), "%s", db_col_text(st, 0));
    db_reset(st);
    return out;
}

static int64_t count_rows(struct db *db)
{
    struct pd_err e;
    err_clear(&e);
    struct db_stmt *st = db_prepare(db, "SELECT count(*) FROM t", &e);
    if (!st || db_step(st, &e) != DB_ROW)
        return -1;
    int64_t n = db_col_int64(st, 0);
    db_reset(st);
    return n;
}

int main(void)
{
    struct pd_err e;
    char path[256], target[300];

    if (sodium_init() < 0 || !mkdtemp(dir))
        return 1;
    snprintf(path, sizeof(path), "%s/db.db", dir);

    subtest("targets")
    {
        err_clear(&e);
        /* Nothing listens on port 1: the URL goes to libpq, not to SQLite as a file name. */
        ok(db_open("postgres://peerdesk@127.0.0.1:1/pd?connect_timeout=2", &e) == NULL,
           "postgres:// goes to PostgreSQL; no server there");
        is_int(e.code, PD_EUNAVAIL, "as PD_EUNAVAIL");
        is_str(e.detail, "cannot connect to the database", "with the reason");
        is_str(e.field, "db", "naming db");
        err_clear(&e);
        ok(db_open("postgresql://peerdesk@127.0.0.1:1/pd?connect_timeout=2", &e) == NULL &&
               e.code == PD_EUNAVAIL,
           "postgresql:// too");
        ok(access("postgres:", F_OK) != 0 && access("postgresql:", F_OK) != 0,
           "and no SQLite file was made of either URL");
        err_clear(&e);
        ok(db_open("", &e) == NULL && e.code == PD_EINVAL, "empty target refused");
        err_clear(&e);
        char missing[300];
        snprintf(missing, sizeof(missing), "%s/no/such/dir/x.db", dir);
        ok(db_open(missing, &e) == NULL && e.code == PD_EDB, "unopenable file: PD_EDB");
        char junk[300];
        snprintf(junk, sizeof(junk), "%s/junk.db", dir);
        FILE *f = fopen(junk, "w");
        for (int i = 0; f && i < 200; i++)
            fputs("this is not an SQLite database at all, just text.\n", f);
        if (f)
            fclose(f);
        err_clear(&e);
        ok(db_open(junk, &e) == NULL && e.code == PD_EDB, "a file that is not a database: PD_EDB");
        snprintf(target, sizeof(target), "sqlite:%s", path);
        err_clear(&e);
        struct db *db = db_open(target, &e);
        ok(db != NULL, "sqlite:PATH opens");
        if (db) {
            is_str(db_backend(db), "sqlite", "backend name");
            db_close(db);
        }
    }

    err_clear(&e);
    struct db *db = db_open(path, &e);
    if (!db) {
        printf("# %s\n", e.detail);
        return 1;
    }

    subtest("settings")
    {
        is_str(pragma(db, "journal_mode"), "wal", "journal_mode is wal");
        is_str(pragma(db, "foreign_keys"), "1", "foreign_keys is on");
        is_str(pragma(db, "synchronous"), "2", "synchronous is FULL (2)");
        is_str(pragma(db, "trusted_schema"), "0", "trusted_schema is off");
        is_str(pragma(db, "secure_delete"), "1", "secure_delete is on");
        is_str(pragma(db, "busy_timeout"), "5000", "busy_timeout is 5 s");
    }

    err_clear(&e);
    is_int(db_exec(db,
                   "CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT UNIQUE, n INTEGER"
                   " CHECK (n >= 0), b BLOB) STRICT",
                   &e),
           PD_OK, "create a table");

    subtest("transactions")
    {
        ok(!db_in_txn(db), "no transaction at first");
        err_clear(&e);
        is_int(db_begin(db, DB_TXN_WRITE, &e), PD_OK, "begin write");
        ok(db_in_txn(db), "in a transaction");
        struct db_stmt *st = db_prepare(db, "INSERT INTO t (email, n) VALUES (?, ?)", &e);
        db_bind_text(st, 1, "a@example.nl");
        db_bind_int64(st, 2, 1);
        is_int(db_step(st, &e), DB_DONE, "insert");
        is_int(db_changes(db), 1, "one row changed");
        db_rollback(db);
        ok(!db_in_txn(db), "rolled back");
        is_int(count_rows(db), 0, "the row is gone");

        err_clear(&e);
        db_begin(db, DB_TXN_WRITE, &e);
        st = db_prepare(db, "INSERT INTO t (email, n, b) VALUES (?, ?, ?)", &e);
        db_bind_text(st, 1, "a@example.nl");
        db_bind_int64(st, 2, 1);
        db_bind_blob(st, 3, "\0\1\2", 3);
        db_step(st, &e);
        is_int(db_commit(db, &e), PD_OK, "commit");
        ok(!db_in_txn(db), "committed");
        is_int(count_rows(db), 1, "the row stays");

        err_clear(&e);
        is_int(db_begin(db, DB_TXN_READ, &e), PD_OK, "begin read");
        st = db_prepare(db, "SELECT email, n, b, NULL FROM t", &e);
        is_int(db_step(st, &e), DB_ROW, "a row");
        is_str(db_col_text(st, 0), "a@example.nl", "text column");
        is_int(db_col_int64(st, 1), 1, "integer column");
        size_t n = 0;
        const unsigned char *b = db_col_blob(st, 2, &n);
        ok(n == 3 && b && b[0] == 0 && b[2] == 2, "blob column with NUL bytes");
        ok(db_col_is_null(st, 3) && !db_col_is_null(st, 0), "NULL is told apart");
        is_str(db_col_text(st, 3), "", "NULL text reads as \"\"");
        is_int(db_col_count(st), 4, "column count");
        is_str(db_col_name(st, 0), "email", "column name");
        /* the statement is left mid-result: commit must still work */
        is_int(db_commit(db, &e), PD_OK, "commit with a statement still open");
    }

    subtest("statement cache")
    {
        static const char CACHED_SQL[] = "SELECT id, email FROM t WHERE email = ?";
        char copy[sizeof(CACHED_SQL)];
        memcpy(copy, CACHED_SQL, sizeof(CACHED_SQL));
        err_clear(&e);
        struct db_stmt *a = db_prepare(db, CACHED_SQL, &e);
        db_bind_text(a, 1, "a@example.nl");
        is_int(db_step(a, &e), DB_ROW, "first use finds the row");
        struct db_stmt *b = db_prepare(db, CACHED_SQL, &e);
        ok(a == b, "the same SQL gives the same statement");
        is_int(db_step(b, &e), DB_DONE, "reset, with bindings cleared (NULL matches nothing)");
        /* lint-allow sql-arg: equal text at another address must work too */
        struct db_stmt *c = db_prepare(db, copy, &e);
        db_bind_text(c, 1, "a@example.nl");
        ok(c && db_step(c, &e) == DB_ROW, "equal text at another address works");

        /* One buffer holding different SQL over time (what the literal rule prevents, but
         * the cache must not hand back the statement of the old text). */
        char reused[48];
        int wrong = 0;
        for (int i = 0; i < 5; i++) {
            /* lint-allow sql-format: distinct statements in one buffer for the cache test */
            snprintf(reused, sizeof(reused), "SELECT %d", i * 7);
            /* lint-allow sql-arg: distinct statements in one buffer for the cache test */
            struct db_stmt *s = db_prepare(db, reused, &e);
            if (!s || db_step(s, &e) != DB_ROW || db_col_int64(s, 0) != i * 7)
                wrong++;
        }
        is_int(wrong, 0, "a reused SQL buffer never gets the old text's statement");

        /* Enough distinct statements to make the table grow; earlier handles survive. */
        static char many[200][48];
        struct db_stmt *first = NULL;
        int bad = 0;
        for (int i = 0; i < 200; i++) {
            /* lint-allow sql-format: generated distinct statements for the cache test */
            snprintf(many[i], sizeof(many[i]), "SELECT %d, count(*) FROM t", i);
            /* lint-allow sql-arg: generated distinct statements for the cache test */
            struct db_stmt *s = db_prepare(db, many[i], &e);
            if (!s || db_step(s, &e) != DB_ROW || db_col_int64(s, 0) != i)
                bad++;
            if (i == 0)
                first = s;
        }
        is_int(bad, 0, "200 distinct statements prepared and run");
        /* lint-allow sql-arg: generated distinct statements for the cache test */
        ok(db_prepare(db, many[0], &e) == first, "a handle survives the table growing");
        ok(db_prepare(db, CACHED_SQL, &e) == a, "and so does the first one");

        err_clear(&e);
        ok(db_prepare(db, "SELECT 1; SELECT 2", &e) == NULL && e.code == PD_EINTERNAL,
           "two statements in one prepare: a programmer error");
        err_clear(&e);
        ok(db_prepare(db, "SELEKT 1", &e) == NULL && e.code == PD_EDB, "bad SQL: PD_EDB");
        ok(strstr(e.detail, "SELEKT") == NULL, "no SQL in the detail");
    }

    subtest("errors")
    {
        err_clear(&e);
        db_begin(db, DB_TXN_WRITE, &e);
        struct db_stmt *st = db_prepare(db, "INSERT INTO t (email, n) VALUES (?, ?)", &e);
        db_bind_text(st, 1, "a@example.nl");
        db_bind_int64(st, 2, 5);
        is_int(db_step(st, &e), PD_ECONFLICT, "duplicate: PD_ECONFLICT");
        is_str(e.field, "email", "names the column");
        ok(strstr(e.detail, "a@example.nl") == NULL && strstr(e.detail, "UNIQUE") == NULL,
           "no value or SQL in the detail ('%s')", e.detail);
        err_clear(&e);
        st = db_prepare(db, "INSERT INTO t (email, n) VALUES (?, ?)", &e);
        db_bind_text(st, 1, "b@example.nl");
        db_bind_int64(st, 2, -1);
        is_int(db_step(st, &e), PD_EDB, "CHECK violation: PD_EDB");
        err_clear(&e);
        st = db_prepare(db, "INSERT INTO t (email, n) VALUES (?, ?)", &e);
        db_bind_text(st, 1, "c@example.nl");
        db_bind_int64(st, 3, 1);
        is_int(db_step(st, &e), PD_EINTERNAL, "a bad bind index is reported by the step");
        db_rollback(db);
        ok(!db_write_failed(), "constraint errors do not trip the latch");
    }

    subtest("second connection")
    {
        err_clear(&e);
        struct db *other = db_open(path, &e);
        ok(other != NULL, "second connection");
        db_begin(db, DB_TXN_WRITE, &e);
        err_clear(&e);
        is_int(db_exec(other, "PRAGMA busy_timeout=0", &e), PD_OK, "no waiting");
        is_int(db_begin(other, DB_TXN_WRITE, &e), PD_EUNAVAIL, "writer busy: PD_EUNAVAIL");
        err_clear(&e);
        is_int(db_begin(other, DB_TXN_READ, &e), PD_OK, "readers are not blocked (WAL)");
        is_int(count_rows(other), 1, "and see the committed rows");
        db_rollback(other);
        db_rollback(db);
        db_close(other);
    }

    subtest("the writer gate: a waiting writer goes as soon as the lock is free")
    {
        /* Without the gate the waiter polls SQLite's lock with sleeps (100 ms each once
         * it has waited a while), so it starts up to 100 ms late; with it, it is woken
         * when the holder commits. Three rounds, each must start within 30 ms. */
        int64_t worst = 0;
        bool all = true;
        for (int round = 0; round < 3; round++) {
            struct gate_arg ga = {.path = path};
            err_clear(&e);
            all &= db_begin(db, DB_TXN_WRITE, &e) == PD_OK;
            pthread_t th;
            pthread_create(&th, NULL, gate_writer, &ga);
            /* The other has been waiting a while by now; a different wait each round, so
             * a polling waiter cannot be lucky three times over. */
            usleep((useconds_t)(430 + 40 * round) * 1000);
            all &= !ga.done;
            ga.released_ns = now_ns();
            all &= db_commit(db, &e) == PD_OK;
            pthread_join(th, NULL);
            all &= ga.rc == PD_OK && count_rows(db) == 2;
            int64_t ms = (ga.began_ns - ga.released_ns) / 1000000;
            if (ms > worst)
                worst = ms;
            all &= db_exec(db, "DELETE FROM t WHERE n = 2", &e) == PD_OK;
        }
        ok(all, "the second writer waited while the first wrote, then wrote its row");
        ok(worst < 30, "and started within 30 ms of each commit (worst %lld ms)", (long long)worst);
    }

    subtest("storage failure latch")
    {
        err_clear(&e);
        is_int(db_exec(db, "PRAGMA max_page_count = 8", &e), PD_OK, "cap the file size");
        db_begin(db, DB_TXN_WRITE, &e);
        struct db_stmt *st = db_prepare(db, "INSERT INTO t (email, n, b) VALUES (?, 1, ?)", &e);
        static char big[64 * 1024];
        db_bind_text(st, 1, "big@example.nl");
        db_bind_blob(st, 2, big, sizeof(big));
        is_int(db_step(st, &e), PD_EDB, "disk full: PD_EDB");
        db_rollback(db);
        ok(db_write_failed(), "the latch is set");
        err_clear(&e);
        is_int(db_begin(db, DB_TXN_WRITE, &e), PD_EUNAVAIL, "further writes refused");
        err_clear(&e);
        is_int(db_begin(db, DB_TXN_READ, &e), PD_OK, "reads still work");
        is_int(count_rows(db), 1, "the data is intact");
        db_rollback(db);
    }

    db_close(db);
    nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
    return done_testing();
}
