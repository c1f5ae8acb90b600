/*
 * store_vfs_test.c: the test VFS of store/vfs_test.h. The volatile page cache: a commit
 * with synchronous=OFF reaches neither the WAL file nor the database file, yet every
 * connection of the process reads it; one with synchronous=FULL is in the WAL file; a
 * process that dies without closing (a child's _exit) keeps the synced commit and loses the
 * unsynced one; a process that closes normally leaves its writes to the file. Faults: an
 * armed fsync or write error fails exactly one commit with SQLITE_IOERR_FSYNC /
 * SQLITE_IOERR_WRITE and says so in the control file; through db.h it latches the process
 * (no write transaction starts again).
 */
#include <ftw.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/db.h"
#include "store/vfs_test.h"
#include "tap.h"

static char dir[] = "/tmp/pd-vfs-test-XXXXXX";
static char faults[256];

static int rm_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(p);
}

static long long file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (long long)sb.st_size : -1;
}

static void arm(const char *word)
{
    FILE *f = fopen(faults, "w");
    if (f) {
        fprintf(f, "%s\n", word);
        fclose(f);
    }
}

static const char *control(void)
{
    static char buf[64];
    FILE *f = fopen(faults, "r");
    size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
    if (f)
        fclose(f);
    buf[n] = '\0';
    buf[strcspn(buf, "\n")] = '\0';
    return buf;
}

static sqlite3 *open_db(const char *path)
{
    sqlite3 *h = NULL;
    if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_extended_result_codes(h, 1);
    sqlite3_exec(h, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", NULL, NULL, NULL);
    return h;
}

static int count(sqlite3 *h, const char *v)
{
    sqlite3_stmt *st = NULL;
    int n = -1;
    if (sqlite3_prepare_v2(h, "SELECT count(*) FROM t WHERE v = ?", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_bind_text(st, 1, v, -1, SQLITE_STATIC) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n;
}

static int insert(sqlite3 *h, const char *v)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(h, "INSERT INTO t (v) VALUES (?)", -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_text(st, 1, v, -1, SQLITE_STATIC);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode(h);
}

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    char path[256], wal[300];
    snprintf(path, sizeof(path), "%s/v.db", dir);
    snprintf(wal, sizeof(wal), "%s-wal", path);
    snprintf(faults, sizeof(faults), "%s/faults", dir);
    arm("none");
    db_sqlite_init(); /* its process-wide settings first, as peerdesk does */
    is_int(vfs_test_register(true, faults), SQLITE_OK, "the test VFS registers");
    ok(strcmp(sqlite3_vfs_find(NULL)->zName, "peerdesk-test") == 0, "  ... as the default VFS");

    sqlite3 *h = open_db(path);
    ok(h != NULL, "a database opens through it");
    is_int(sqlite3_exec(h, "CREATE TABLE t (v TEXT)", NULL, NULL, NULL), SQLITE_OK,
           "a table is created (synchronous=FULL: synced)");

    subtest("volatile page cache")
    {
        long long wal0 = file_size(wal);
        sqlite3_exec(h, "PRAGMA synchronous=OFF", NULL, NULL, NULL);
        is_int(insert(h, "unsynced"), SQLITE_OK, "a commit with synchronous=OFF");
        is_int(file_size(wal), wal0, "  ... leaves the WAL file as it was (%lld bytes)", wal0);
        is_int(count(h, "unsynced"), 1, "  ... yet the connection reads it");
        sqlite3 *other = open_db(path);
        is_int(count(other, "unsynced"), 1, "  ... and so does another connection");
        sqlite3_close(other);
        sqlite3_exec(h, "PRAGMA synchronous=FULL", NULL, NULL, NULL);
        is_int(insert(h, "synced"), SQLITE_OK, "a commit with synchronous=FULL");
        ok(file_size(wal) > wal0, "  ... is in the WAL file (%lld bytes)", file_size(wal));
        sqlite3_close(h); /* no connection crosses a fork */
    }

    subtest("a process that dies keeps what was synced, loses what was not")
    {
        pid_t pid = fork();
        if (pid == 0) {
            sqlite3 *c = open_db(path);
            int rc = insert(c, "child-synced");
            sqlite3_exec(c, "PRAGMA synchronous=OFF", NULL, NULL, NULL);
            rc |= insert(c, "child-unsynced");
            _exit(rc == SQLITE_OK && count(c, "child-unsynced") == 1 ? 0 : 1); /* no close */
        }
        int status = -1;
        waitpid(pid, &status, 0);
        is_int(status, 0, "the child wrote both and died without closing");
        sqlite3 *c = open_db(path);
        is_int(count(c, "child-synced"), 1, "its synced commit is there");
        is_int(count(c, "child-unsynced"), 0, "its unsynced commit is gone");
        sqlite3_close(c);

        pid = fork();
        if (pid == 0) {
            sqlite3 *k = open_db(path);
            sqlite3_exec(k, "PRAGMA synchronous=OFF", NULL, NULL, NULL);
            int rc = insert(k, "closed-unsynced");
            sqlite3_close(k);
            _exit(rc == SQLITE_OK ? 0 : 1);
        }
        waitpid(pid, &status, 0);
        is_int(status, 0, "a child writes without syncing and closes");
        c = open_db(path);
        is_int(count(c, "closed-unsynced"), 1, "  ... its write reached the file at the close");
        sqlite3_close(c);
    }

    subtest("injected faults: one per arming")
    {
        h = open_db(path);
        arm("fsync");
        is_int(insert(h, "fsync-fault"), SQLITE_IOERR_FSYNC, "armed fsync: the commit fails");
        is_str(control(), "fired fsync", "  ... and the control file says it fired");
        sqlite3_close(h);
        h = open_db(path);
        is_int(insert(h, "after-fsync"), SQLITE_OK, "the next commit succeeds");
        arm("write");
        is_int(insert(h, "write-fault"), SQLITE_IOERR_WRITE, "armed write: the commit fails");
        is_str(control(), "fired write", "  ... and the control file says it fired");
        arm("something else");
        sqlite3_close(h);
        h = open_db(path);
        is_int(insert(h, "other-word"), SQLITE_OK, "any other word arms nothing");
        is_int(count(h, "write-fault"), 0, "the failed write is not there");
        sqlite3_close(h);
    }

    subtest("through db.h a fault latches the process")
    {
        struct pd_err e;
        err_clear(&e);
        struct db *db = db_open(path, &e);
        ok(db != NULL, "db_open through the test VFS");
        ok(!db_write_failed(), "no storage failure yet");
        arm("fsync");
        db_begin(db, DB_TXN_WRITE, &e);
        struct db_stmt *st = db_prepare(db, "INSERT INTO t (v) VALUES ('latched')", &e);
        is_int(db_step(st, &e), DB_DONE, "an insert");
        is_int(db_commit(db, &e), PD_EDB, "  ... whose commit meets the fsync fault fails");
        db_rollback(db);
        ok(db_write_failed(), "the storage-failure latch is set");
        err_clear(&e);
        is_int(db_begin(db, DB_TXN_WRITE, &e), PD_EUNAVAIL,
               "no write transaction starts again, fault or not");
        db_close(db);
    }

    nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
    return done_testing();
}
