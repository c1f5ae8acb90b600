/*
 * backup.c: `peerdesk backup` and `peerdesk restore` (backup.h, docs/backup.md).
 */
#include "backup.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../lib/log.h"
#include "app_int.h"

extern char **environ;

#define PATH_BYTES 4096

static bool is_pg(const char *target)
{
    return strncmp(target, "postgres://", 11) == 0 || strncmp(target, "postgresql://", 13) == 0;
}

static const char *sqlite_path(const char *target)
{
    return strncmp(target, "sqlite:", 7) == 0 ? target + 7 : target;
}

/* A new empty file "<path>.<what>-XXXXXX" next to path, mode 0600 (it will hold client
 * data). */
static int temp_next_to(const char *path, const char *what, char tmp[PATH_BYTES], struct pd_err *e)
{
    if ((size_t)snprintf(tmp, PATH_BYTES, "%s.%s-XXXXXX", path, what) >= PATH_BYTES)
        return err_set(e, PD_EINVAL, "out", "the path is too long");
    int fd = mkstemp(tmp);
    if (fd < 0)
        return err_set(e, PD_EINVAL, "out", "cannot create a file next to %s: %s", path,
                       strerror(errno));
    fchmod(fd, 0600);
    close(fd);
    return PD_OK;
}

static void remove_temp(const char *tmp)
{
    static const char *const ext[] = {"", "-wal", "-shm", "-journal"};
    char p[PATH_BYTES + 16];
    for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
        snprintf(p, sizeof(p), "%s%s", tmp, ext[i]);
        unlink(p);
    }
}

/* Put tmp in place of path: rename, then sync the directory so the rename lasts. */
static int rename_into_place(const char *tmp, const char *path, struct pd_err *e)
{
    char dir[PATH_BYTES];
    if (store_fsync_path(tmp, e) != PD_OK)
        return e->code;
    if (rename(tmp, path) != 0)
        return err_set(e, PD_EDB, "out", "cannot rename %s to %s: %s", tmp, path, strerror(errno));
    snprintf(dir, sizeof(dir), "%s", path);
    return store_fsync_path(dirname(dir), e);
}

static int64_t file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (int64_t)sb.st_size : -1;
}

/* Run a program from PATH with argv; its standard output goes to /dev/null when `quiet`,
 * its standard error stays ours (the operator sees pg_dump's own words). */
static int run_tool(char *const argv[], bool quiet, struct pd_err *e)
{
    posix_spawn_file_actions_t fa;
    pid_t pid;
    int st = 0;
    posix_spawn_file_actions_init(&fa);
    if (quiet)
        posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc == ENOENT)
        return err_set(e, PD_EUNAVAIL, "db",
                       "%s is not on PATH (install the PostgreSQL client programs, e.g. "
                       "apt-get install postgresql-client-15)",
                       argv[0]);
    if (rc != 0)
        return err_set(e, PD_EUNAVAIL, "db", "cannot run %s: %s", argv[0], strerror(rc));
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
        return err_set(e, PD_EDB, "db", "%s failed (exit %d; its message is above)", argv[0],
                       WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    return PD_OK;
}

/* ---- checks shared by backup and restore ---- */

struct own_entry {
    const char *trace_id;
    bool found;
};

static int find_own(const struct audit_entry *en, void *vctx)
{
    struct own_entry *o = vctx;
    if (strcmp(en->event, "db.backup") == 0 && strcmp(en->trace_id, o->trace_id) == 0)
        o->found = true;
    return PD_OK;
}

/* Schema version and audit chain of an open database; with own_trace, the chain must also
 * hold the db.backup entry of that trace among its newest entries. */
static int check_db(struct db *db, const char *what, const char *own_trace,
                    struct backup_result *res, struct pd_err *e)
{
    struct audit_verify_result v = {0};
    res->schema_current = store_migration_count;
    if (store_schema_version(db, &res->schema_version, e) != PD_OK)
        return e->code;
    if (res->schema_version == 0)
        return err_set(e, PD_EINVAL, "from", "%s holds no peerdesk database (schema version 0)",
                       what);
    if (res->schema_version > store_migration_count)
        return err_set(e, PD_EINVAL, "from",
                       "%s has schema version %d, newer than this peerdesk (%d): restore it "
                       "with the peerdesk that made it",
                       what, res->schema_version, store_migration_count);
    if (store_audit_verify(db, &v, e) != PD_OK)
        return e->code;
    if (v.bad_seq)
        return err_set(e, PD_EINVAL, "audit",
                       "the audit chain of %s is broken at entry seq %lld: %s", what,
                       (long long)v.bad_seq, v.reason);
    res->audit_checked = v.checked;
    res->head_seq = v.head_seq;
    memcpy(res->head_hash, v.head_hash, sizeof(res->head_hash));
    if (own_trace) {
        struct own_entry o = {own_trace, false};
        if (store_audit_each(db, v.head_seq > 100 ? v.head_seq - 100 : 0, 0, find_own, &o, e) !=
            PD_OK)
            return e->code;
        if (!o.found)
            return err_set(e, PD_EINTERNAL, "out", "%s does not hold this backup's audit entry",
                           what);
    }
    return PD_OK;
}

static int check_sqlite_file(const char *path, const char *what, const char *own_trace,
                             struct backup_result *res, struct pd_err *e)
{
    if (store_sqlite_integrity(path, what, false, e) != PD_OK)
        return e->code;
    struct db *db = db_open(path, e);
    if (!db)
        return e->code;
    check_db(db, what, own_trace, res, e);
    db_close(db);
    return e->code;
}

int app_db_check(const char *target, struct pd_err *e)
{
    if (is_pg(target))
        return err_set(e, PD_EINVAL, "db",
                       "db check is for SQLite databases (PostgreSQL: use data checksums)");
    const char *path = sqlite_path(target);
    struct stat sb;
    if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
        return err_set(e, PD_EDB, "db", "%s is not a database file", path);
    return store_sqlite_integrity(path, path, false, e);
}

/* ---- backup ---- */

static struct audit_event backup_event(const char *outcome)
{
    struct audit_event ev = {.event = "db.backup",
                             .action = 'E',
                             .outcome = outcome,
                             .record_type = "database",
                             .actor_role = "cli",
                             .access_basis = "cli"};
    return ev;
}

static int backup_sqlite(struct app_req *r, const char *src, const char *out, const char *tmp,
                         store_copy_progress_fn progress, void *ctx, struct backup_result *res)
{
    if (store_sqlite_copy(src, tmp, BACKUP_STEP_PAGES, progress, ctx, &r->err) != PD_OK ||
        check_sqlite_file(tmp, "the copy", r->trace_id, res, &r->err) != PD_OK)
        return r->err.code;
    res->bytes = file_size(tmp);
    return rename_into_place(tmp, out, &r->err);
}

static int backup_pg(struct app_req *r, const char *url, const char *out, const char *tmp,
                     struct backup_result *res)
{
    char file_arg[PATH_BYTES + 16], db_arg[PATH_BYTES + 16];
    struct audit_verify_result v = {0};
    snprintf(file_arg, sizeof(file_arg), "--file=%s", tmp);
    snprintf(db_arg, sizeof(db_arg), "--dbname=%s", url);
    char *dump[] = {"pg_dump", "--format=custom", file_arg, db_arg, NULL};
    char *list[] = {"pg_restore", "--list", (char *)tmp, NULL};
    res->postgres = true;
    if (run_tool(dump, false, &r->err) != PD_OK || run_tool(list, true, &r->err) != PD_OK)
        return r->err.code;
    if (store_schema_version(r->db, &res->schema_version, &r->err) != PD_OK ||
        store_audit_verify(r->db, &v, &r->err) != PD_OK)
        return r->err.code;
    if (v.bad_seq)
        return err_set(&r->err, PD_EINVAL, "audit",
                       "the audit chain of the database is broken at entry seq %lld: %s",
                       (long long)v.bad_seq, v.reason);
    res->schema_current = store_migration_count;
    res->audit_checked = v.checked;
    res->head_seq = v.head_seq;
    memcpy(res->head_hash, v.head_hash, sizeof(res->head_hash));
    res->bytes = file_size(tmp);
    return rename_into_place(tmp, out, &r->err);
}

int app_backup(struct app_req *r, const char *target, const char *out, bool force,
               store_copy_progress_fn progress, void *ctx, struct backup_result *res)
{
    struct stat so, st;
    char tmp[PATH_BYTES];
    memset(res, 0, sizeof(*res));
    if (app_need_db(r) != PD_OK)
        return r->err.code;
    bool pg = is_pg(target);
    const char *src = pg ? NULL : sqlite_path(target);
    if (stat(out, &so) == 0) {
        if (S_ISDIR(so.st_mode))
            return err_set(&r->err, PD_EINVAL, "out", "%s is a directory: name the file", out);
        if (src && stat(src, &st) == 0 && st.st_dev == so.st_dev && st.st_ino == so.st_ino)
            return err_set(&r->err, PD_EINVAL, "out", "%s is the database itself", out);
        if (!force)
            return err_set(&r->err, PD_ECONFLICT, "out",
                           "%s exists: give another name, or --force to replace it", out);
    }
    if (temp_next_to(out, "partial", tmp, &r->err) != PD_OK)
        return r->err.code;
    /* The entry first, committed: the copy then holds it. */
    struct audit_event ev = backup_event("success");
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK || audit_write(r, &ev) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK) {
        remove_temp(tmp);
        return app_fail(r);
    }
    int rc = pg ? backup_pg(r, target, out, tmp, res)
                : backup_sqlite(r, src, out, tmp, progress, ctx, res);
    if (rc != PD_OK) {
        remove_temp(tmp);
        ev = backup_event("failure");
        if (audit_write_alone(r, &ev) != PD_OK)
            log_error("backup: the failure entry could not be written");
        return r->err.code;
    }
    return PD_OK;
}

int app_backup_before_migrate(const char *target, const char *out, struct backup_result *res,
                              struct pd_err *e)
{
    char tmp[PATH_BYTES];
    struct stat so;
    memset(res, 0, sizeof(*res));
    res->postgres = is_pg(target);
    if (stat(out, &so) == 0)
        return err_set(e, PD_ECONFLICT, "backup-dir", "%s exists already", out);
    if (temp_next_to(out, "partial", tmp, e) != PD_OK)
        return err_set(e, PD_EINVAL, "backup-dir", "%s", e->detail);
    int rc;
    if (res->postgres) {
        char file_arg[PATH_BYTES + 16], db_arg[PATH_BYTES + 16];
        snprintf(file_arg, sizeof(file_arg), "--file=%s", tmp);
        snprintf(db_arg, sizeof(db_arg), "--dbname=%s", target);
        char *dump[] = {"pg_dump", "--format=custom", file_arg, db_arg, NULL};
        char *list[] = {"pg_restore", "--list", tmp, NULL};
        rc =
            run_tool(dump, false, e) != PD_OK || run_tool(list, true, e) != PD_OK ? e->code : PD_OK;
    } else {
        const char *src = sqlite_path(target);
        rc = store_sqlite_copy(src, tmp, BACKUP_STEP_PAGES, NULL, NULL, e) != PD_OK ||
                     store_sqlite_integrity(tmp, "the copy", false, e) != PD_OK
                 ? e->code
                 : PD_OK;
    }
    if (rc == PD_OK) {
        res->bytes = file_size(tmp);
        rc = rename_into_place(tmp, out, e);
    }
    if (rc != PD_OK)
        remove_temp(tmp);
    return rc;
}

/* ---- restore ---- */

static int copy_file(const char *from, const char *to, struct pd_err *e)
{
    char buf[1 << 16];
    int in = open(from, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return err_set(e, PD_EINVAL, "from", "cannot open %s: %s", from, strerror(errno));
    int outfd = open(to, O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (outfd < 0) {
        close(in);
        return err_set(e, PD_EDB, "db", "cannot write %s: %s", to, strerror(errno));
    }
    ssize_t n;
    while ((n = read(in, buf, sizeof(buf))) > 0) {
        for (ssize_t off = 0; off < n;) {
            ssize_t w = write(outfd, buf + off, (size_t)(n - off));
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0) {
                err_set(e, PD_EDB, "db", "cannot write %s: %s", to, strerror(errno));
                goto done;
            }
            off += w;
        }
    }
    if (n < 0)
        err_set(e, PD_EINVAL, "from", "cannot read %s: %s", from, strerror(errno));
    else if (fsync(outfd) != 0)
        err_set(e, PD_EDB, "db", "cannot sync %s: %s", to, strerror(errno));
done:
    close(in);
    close(outfd);
    return e->code;
}

/* Append db.restore to the restored log, in a transaction of its own. */
static int restore_entry(struct db *db, const char *trace_id, struct pd_err *e)
{
    struct audit_entry en = {.event = "db.restore",
                             .action = 'C',
                             .outcome = "success",
                             .actor_role = "cli",
                             .record_type = "database",
                             .access_basis = "cli",
                             .client_ip = "local",
                             .trace_id = trace_id};
    if (db_begin(db, DB_TXN_WRITE, e) != PD_OK)
        return e->code;
    if (store_audit_append(db, &en, e) != PD_OK || db_commit(db, e) != PD_OK) {
        db_rollback(db);
        return e->code;
    }
    return PD_OK;
}

static int restore_sqlite(const char *from, const char *path, bool force, const char *trace_id,
                          struct backup_result *res, struct pd_err *e)
{
    char tmp[PATH_BYTES], side[PATH_BYTES + 8];
    struct stat sb;
    if (store_sqlite_header_check(from, e) != PD_OK)
        return e->code;
    long pid = store_sqlite_user_pid(path);
    if (pid)
        return err_set(e, PD_ECONFLICT, "db",
                       "process %ld has %s open: stop peerdesk serve (and every other user of "
                       "the database) before restoring over it",
                       pid, path);
    if (stat(path, &sb) == 0 && !force)
        return err_set(e, PD_ECONFLICT, "db",
                       "%s exists: restore into a new path, or give --force to replace it "
                       "(with no server running on it)",
                       path);
    if (temp_next_to(path, "restore", tmp, e) != PD_OK)
        return e->code;
    struct db *db = NULL;
    if (copy_file(from, tmp, e) != PD_OK || store_sqlite_integrity(tmp, from, false, e) != PD_OK ||
        !(db = db_open(tmp, e)) || check_db(db, from, NULL, res, e) != PD_OK ||
        restore_entry(db, trace_id, e) != PD_OK) {
        if (db)
            db_close(db);
        remove_temp(tmp);
        return e->code;
    }
    db_close(db);
    res->bytes = file_size(tmp);
    /* The old file's WAL and index belong to it, not to the restored one. */
    snprintf(side, sizeof(side), "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof(side), "%s-shm", path);
    unlink(side);
    if (rename_into_place(tmp, path, e) != PD_OK) {
        remove_temp(tmp);
        return e->code;
    }
    return PD_OK;
}

static int restore_pg(const char *from, const char *url, bool force, const char *trace_id,
                      struct backup_result *res, struct pd_err *e)
{
    char db_arg[PATH_BYTES + 16];
    snprintf(db_arg, sizeof(db_arg), "--dbname=%s", url);
    char *list[] = {"pg_restore", "--list", (char *)from, NULL};
    res->postgres = true;
    if (run_tool(list, true, e) != PD_OK)
        return err_set(e, PD_EINVAL, "from", "%s is not a pg_dump archive pg_restore can read",
                       from);
    struct db *db = db_open(url, e);
    if (!db)
        return e->code;
    int version = 0;
    if (store_schema_version(db, &version, e) != PD_OK) {
        db_close(db);
        return e->code;
    }
    db_close(db);
    if (version > 0 && !force)
        return err_set(e, PD_ECONFLICT, "db",
                       "the database holds peerdesk's tables (schema version %d): restore into "
                       "an empty database, or give --force to drop and replace them",
                       version);
    char *restore[] = {"pg_restore", "--exit-on-error", "--single-transaction",
                       db_arg,       (char *)from,      NULL};
    char *restore_clean[] = {"pg_restore",           "--exit-on-error",
                             "--single-transaction", "--clean",
                             "--if-exists",          db_arg,
                             (char *)from,           NULL};
    if (run_tool(version > 0 ? restore_clean : restore, false, e) != PD_OK)
        return e->code;
    if (!(db = db_open(url, e)))
        return e->code;
    if (check_db(db, "the restored database", NULL, res, e) == PD_OK)
        restore_entry(db, trace_id, e);
    db_close(db);
    return e->code;
}

int app_restore(const char *from, const char *target, bool force, const char *trace_id,
                struct backup_result *res, struct pd_err *e)
{
    memset(res, 0, sizeof(*res));
    if (access(from, R_OK) != 0)
        return err_set(e, PD_EINVAL, "from", "cannot read %s: %s", from, strerror(errno));
    if (is_pg(target))
        return restore_pg(from, target, force, trace_id, res, e);
    return restore_sqlite(from, sqlite_path(target), force, trace_id, res, e);
}
