/*
 * upgrade.c: migrate an older database at start, after a copy of it (upgrade.h,
 * docs/upgrade.md).
 */
#include "upgrade.h"

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "../lib/log.h"
#include "../lib/ptime.h"
#include "app_int.h"
#include "backup.h"
#include "vocab.h"

bool upgrade_mode_parse(const char *s, enum upgrade_mode *mode)
{
    static const struct {
        const char *name;
        enum upgrade_mode mode;
    } modes[] = {
        {"after-backup", UPGRADE_AFTER_BACKUP},
        {"yes", UPGRADE_WITHOUT_BACKUP},
        {"no", UPGRADE_REFUSE},
    };
    for (size_t i = 0; s && i < sizeof(modes) / sizeof(modes[0]); i++)
        if (strcmp(s, modes[i].name) == 0) {
            *mode = modes[i].mode;
            return true;
        }
    return false;
}

static bool is_pg(const char *target)
{
    return strncmp(target, "postgres://", 11) == 0 || strncmp(target, "postgresql://", 13) == 0;
}

/* "<dir>/<name>-schema<from>-<YYYYMMDDTHHMMSSZ>.backup" */
static int backup_name(const char *target, const char *backup_dir, int from, int64_t now_ms,
                       char out[UPGRADE_PATH_BYTES], struct pd_err *e)
{
    char dirbuf[UPGRADE_PATH_BYTES], namebuf[UPGRADE_PATH_BYTES], stamp[32];
    const char *dir = backup_dir, *name = "postgresql";
    if (!is_pg(target)) {
        const char *path = strncmp(target, "sqlite:", 7) == 0 ? target + 7 : target;
        snprintf(dirbuf, sizeof(dirbuf), "%s", path);
        snprintf(namebuf, sizeof(namebuf), "%s", path);
        if (!dir || !*dir)
            dir = dirname(dirbuf);
        name = basename(namebuf);
    } else if (!dir || !*dir) {
        return err_set(e, PD_EINVAL, "backup-dir",
                       "on PostgreSQL, name a directory for the copy taken before migrating "
                       "(--backup-dir DIR), or say --migrate yes when you have your own");
    }
    struct stat sb;
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return err_set(e, PD_EINVAL, "backup-dir", "%s is not a directory", dir);
    time_t t = (time_t)(now_ms / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
    if ((size_t)snprintf(out, UPGRADE_PATH_BYTES, "%s/%s-schema%d-%s.backup", dir, name, from,
                         stamp) >= UPGRADE_PATH_BYTES)
        return err_set(e, PD_EINVAL, "backup-dir", "the path is too long");
    return PD_OK;
}

/* One transaction, once the schema is current: the copy and the migration. */
static int record(struct app_req *r, const struct upgrade_result *res)
{
    char versions[32];
    snprintf(versions, sizeof(versions), "%d-%d", res->from, res->to);
    struct audit_event copy = {.event = "db.backup",
                               .action = 'E',
                               .record_type = "database",
                               .record_id = res->backup,
                               .actor_role = "cli",
                               .access_basis = "cli"};
    struct audit_event migrate = {.event = "db.migrate",
                                  .action = 'U',
                                  .record_type = "database",
                                  .record_id = versions,
                                  .actor_role = "cli",
                                  .access_basis = "cli"};
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        (*res->backup && audit_write(r, &copy) != PD_OK) || audit_write(r, &migrate) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_upgrade(struct app_req *r, const char *target, enum upgrade_mode mode,
                const char *backup_dir, bool fresh_ok, int64_t now_ms, struct upgrade_result *res)
{
    memset(res, 0, sizeof(*res));
    if (app_need_db(r) != PD_OK || store_schema_version(r->db, &res->from, &r->err) != PD_OK)
        return r->err.code;
    res->to = res->from;
    if (res->from > store_migration_count)
        return store_check_schema(r->db, &r->err); /* refuses, naming both versions */
    if (res->from == store_migration_count)
        return PD_OK;
    if (res->from == 0) { /* nothing in it yet: nothing to copy */
        if (!fresh_ok)
            return err_set(&r->err, PD_EUNAVAIL, "db",
                           "%s is not a peerdesk database yet: create it with `peerdesk init`",
                           target);
    } else if (mode == UPGRADE_REFUSE) {
        return err_set(&r->err, PD_EUNAVAIL, "migrate",
                       "the database is at schema version %d and this peerdesk needs %d; it "
                       "was told not to migrate (migrate = no): use the peerdesk it was made "
                       "with, or migrate (migrate = after-backup)",
                       res->from, store_migration_count);
    } else if (mode == UPGRADE_AFTER_BACKUP) {
        struct backup_result b;
        if (backup_name(target, backup_dir, res->from, now_ms, res->backup, &r->err) != PD_OK)
            return r->err.code;
        log_info("database at schema version %d, this peerdesk has %d: copying it to %s "
                 "before migrating",
                 res->from, store_migration_count, res->backup);
        int64_t t0 = ptime_mono_ns();
        if (app_backup_before_migrate(target, res->backup, &b, &r->err) != PD_OK) {
            log_error("the copy before migrating failed: nothing was migrated");
            res->backup[0] = '\0';
            return r->err.code;
        }
        res->backup_bytes = b.bytes;
        res->backup_ms = (ptime_mono_ns() - t0) / 1000000;
        log_info("copy written and checked: %s, %lld bytes in %.1f s", res->backup,
                 (long long)b.bytes, (double)res->backup_ms / 1000);
    } else {
        log_warn("database at schema version %d, this peerdesk has %d: migrating WITHOUT a "
                 "copy first (migrate = yes)",
                 res->from, store_migration_count);
    }

    int64_t t0 = ptime_mono_ns();
    if (store_migrate(r->db, store_migration_count, &r->err) != PD_OK) {
        int at = -1;
        struct pd_err keep = r->err;
        if (store_schema_version(r->db, &at, &r->err) != PD_OK)
            at = -1;
        r->err = keep;
        if (*res->backup)
            log_error("migrating failed at schema version %d; the copy from before is %s", at,
                      res->backup);
        return r->err.code;
    }
    res->migrate_ms = (ptime_mono_ns() - t0) / 1000000;
    res->to = store_migration_count;
    /* New vocabulary entries a migration brings (idempotent). */
    if (vocab_seed_all(r) != PD_OK)
        return r->err.code;
    if (res->from > 0 && record(r, res) != PD_OK)
        return r->err.code;
    if (res->from > 0)
        log_info("migrated from schema version %d to %d in %.1f s", res->from, res->to,
                 (double)res->migrate_ms / 1000);
    return PD_OK;
}
