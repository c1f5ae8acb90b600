/*
 * store_backup.c: whole-file copies and checks of a SQLite database (store_backup.h).
 *
 * The copy holds one read transaction on the source from its first step to its last: the
 * backup API then copies one snapshot and never starts over, however much a running server
 * writes meanwhile (without it, every commit by another connection restarts the copy, and
 * on a busy server a large copy never ends). In WAL mode a reader blocks nobody; the WAL
 * only grows until the copy ends and a checkpoint can pass it.
 */
#include "store_backup.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../lib/log.h"
#include "db.h"

static int open_conn(const char *path, int flags, sqlite3 **h, struct pd_err *e)
{
    db_sqlite_init();
    int rc = sqlite3_open_v2(path, h, flags | SQLITE_OPEN_EXRESCODE, NULL);
    if (rc != SQLITE_OK) {
        err_set(e, PD_EDB, "db", "cannot open %s: %s", path,
                *h ? sqlite3_errmsg(*h) : sqlite3_errstr(rc));
        sqlite3_close(*h);
        *h = NULL;
        return e->code;
    }
    sqlite3_busy_timeout(*h, 5000);
    return PD_OK;
}

int store_fsync_path(const char *path, struct pd_err *e)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0) {
        int saved = errno;
        if (fd >= 0)
            close(fd);
        return err_set(e, PD_EDB, "out", "cannot sync %s: %s", path, strerror(saved));
    }
    close(fd);
    return PD_OK;
}

int store_sqlite_copy(const char *src, const char *dst, int step_pages,
                      store_copy_progress_fn progress, void *ctx, struct pd_err *e)
{
    sqlite3 *from = NULL, *to = NULL;
    sqlite3_backup *b = NULL;
    int rc;

    if (open_conn(src, SQLITE_OPEN_READWRITE, &from, e) != PD_OK)
        return e->code;
    /* The snapshot: a read transaction the backup steps run inside. */
    if (sqlite3_exec(from, "BEGIN; SELECT count(*) FROM sqlite_schema;", NULL, NULL, NULL) !=
        SQLITE_OK) {
        err_set(e, PD_EDB, "db", "cannot read %s: %s", src, sqlite3_errmsg(from));
        goto done;
    }
    if (open_conn(dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &to, e) != PD_OK)
        goto done;
    b = sqlite3_backup_init(to, "main", from, "main");
    if (!b) {
        err_set(e, PD_EDB, "out", "cannot start the copy: %s", sqlite3_errmsg(to));
        goto done;
    }
    do {
        rc = sqlite3_backup_step(b, step_pages);
        if (progress && (rc == SQLITE_OK || rc == SQLITE_DONE)) {
            int total = sqlite3_backup_pagecount(b);
            progress(ctx, total - sqlite3_backup_remaining(b), total);
        }
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    if (rc != SQLITE_DONE) {
        err_set(e, PD_EDB, "out", "the copy failed: %s", sqlite3_errstr(rc));
        goto done;
    }
    rc = sqlite3_backup_finish(b);
    b = NULL;
    if (rc != SQLITE_OK) {
        err_set(e, PD_EDB, "out", "the copy failed: %s", sqlite3_errstr(rc));
        goto done;
    }

done:
    if (b)
        sqlite3_backup_finish(b);
    if (to && sqlite3_close(to) != SQLITE_OK && e->code == PD_OK)
        err_set(e, PD_EDB, "out", "cannot close the copy");
    sqlite3_exec(from, "COMMIT", NULL, NULL, NULL);
    sqlite3_close(from);
    if (e->code != PD_OK)
        return e->code;
    return store_fsync_path(dst, e);
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

int store_sqlite_header_check(const char *path, struct pd_err *e)
{
    unsigned char h[100];
    struct stat sb;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return err_set(e, PD_EINVAL, "from", "cannot open %s: %s", path, strerror(errno));
    ssize_t n = (fstat(fd, &sb) == 0) ? read(fd, h, sizeof(h)) : -1;
    close(fd);
    if (n != (ssize_t)sizeof(h) || memcmp(h, "SQLite format 3", 16) != 0)
        return err_set(e, PD_EINVAL, "from",
                       "%s is not a SQLite database (no SQLite header): not a peerdesk backup",
                       path);
    uint32_t psize = (uint32_t)h[16] << 8 | h[17];
    if (psize == 1)
        psize = 65536;
    if (psize < 512 || (psize & (psize - 1)) != 0)
        return err_set(e, PD_EINVAL, "from", "%s has a damaged header (page size %u)", path, psize);
    uint32_t pages = be32(h + 28);
    bool valid = pages != 0 && be32(h + 24) == be32(h + 92);
    if (sb.st_size % psize != 0 || (valid && (uint64_t)sb.st_size != (uint64_t)pages * psize))
        return err_set(e, PD_EINVAL, "from",
                       "%s is truncated or damaged: its header says %u pages of %u bytes "
                       "(%llu bytes), the file holds %lld bytes",
                       path, pages, psize, (unsigned long long)pages * psize,
                       (long long)sb.st_size);
    return PD_OK;
}

/* SQLite 3.40.0 to 3.41.x report "NULL value in T.C" for every row of a WITHOUT ROWID
 * table whose primary key lists its columns in another order than the table does, NULL or
 * not (a known false positive of both integrity_check and quick_check; Debian 12 ships
 * 3.40.1, and team_member, worker_role and dossier_outcome are such tables). On those
 * versions such a line about a WITHOUT ROWID table is not taken as damage; every other
 * complaint is. */
struct wr_memo {
    char table[128]; /* the last table asked about, and its answer */
    bool wr;
};

static bool known_false_null(sqlite3 *h, const char *line, struct wr_memo *m)
{
    int v = sqlite3_libversion_number();
    char table[128];
    if (v < 3040000 || v >= 3042000 || strncmp(line, "NULL value in ", 14) != 0)
        return false;
    const char *t = line + 14, *dot = strchr(t, '.');
    if (!dot || (size_t)(dot - t) >= sizeof(table))
        return false;
    memcpy(table, t, (size_t)(dot - t));
    table[dot - t] = 0;
    if (strcmp(table, m->table) == 0)
        return m->wr;
    sqlite3_stmt *st = NULL;
    bool wr = false;
    if (sqlite3_prepare_v2(h,
                           "SELECT wr FROM pragma_table_list WHERE schema = 'main' AND name = ?1",
                           -1, &st, NULL) == SQLITE_OK &&
        sqlite3_bind_text(st, 1, table, -1, SQLITE_TRANSIENT) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        wr = sqlite3_column_int(st, 0) == 1;
    sqlite3_finalize(st);
    memcpy(m->table, table, sizeof(table));
    m->wr = wr;
    return wr;
}

int store_sqlite_integrity(const char *path, const char *what, bool quick, struct pd_err *e)
{
    sqlite3 *h = NULL;
    sqlite3_stmt *st = NULL;
    if (open_conn(path, SQLITE_OPEN_READWRITE, &h, e) != PD_OK)
        return e->code;
    /* No limit on the lines: a real complaint must not hide behind the false ones above. */
    const char *sql =
        quick ? "PRAGMA quick_check(1000000000)" : "PRAGMA integrity_check(1000000000)";
    int rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL);
    bool any = false;
    struct wr_memo memo = {"", false};
    char why[200] = "";
    size_t used = 0, lines = 0;
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *got = (const char *)sqlite3_column_text(st, 0);
        any = true;
        rc = SQLITE_OK;
        if (!got || strcmp(got, "ok") == 0 || known_false_null(h, got, &memo))
            continue;
        if (strncmp(got, "*** in database", 15) == 0) /* a heading, not a finding */
            continue;
        if (used < sizeof(why))
            used +=
                (size_t)snprintf(why + used, sizeof(why) - used, "%s%s", lines ? "; " : "", got);
        if (++lines == 3)
            break;
    }
    if (lines)
        err_set(e, PD_EINVAL, "integrity", "%s fails the integrity check: %s", what, why);
    else if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        err_set(e, PD_EINVAL, "integrity", "%s fails the integrity check: %s", what,
                sqlite3_errmsg(h));
    else if (!any)
        err_set(e, PD_EINVAL, "integrity", "%s: the integrity check gave no answer", what);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return e->code;
}

long store_sqlite_user_pid(const char *path)
{
    char shm[4096];
    if ((size_t)snprintf(shm, sizeof(shm), "%s-shm", path) >= sizeof(shm))
        return 0;
    int fd = open(shm, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    /* SQLite's "dead man switch" byte of the -shm file (os_unix.c UNIX_SHM_DMS): every
     * connection in WAL mode holds a shared lock on it while the database is open. */
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 128, .l_len = 1};
    long pid = 0;
    if (fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK)
        pid = fl.l_pid > 0 ? fl.l_pid : 1;
    close(fd);
    return pid;
}
