/*
 * store_migrate.c: schema migrations. An empty database migrates to the current
 * version; a database at the previous version (only migration 1 applied, with an
 * organisation and a worker in it) upgrades with its data intact; a database newer than
 * this binary is refused; store_check_schema tells a behind database to run init.
 */
#include <ftw.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "tap.h"

static char dir[] = "/tmp/pd-store-migrate-XXXXXX";

static int rm_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(p);
}

static struct db *fresh(const char *name)
{
    char path[300];
    struct pd_err e;
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    err_clear(&e);
    struct db *db = db_open(path, &e);
    if (!db)
        printf("# db_open: %s\n", e.detail);
    return db;
}

static int version(struct db *db)
{
    struct pd_err e;
    int v = -1;
    err_clear(&e);
    store_schema_version(db, &v, &e);
    return v;
}

static bool has_table(struct db *db, const char *name)
{
    struct pd_err e;
    err_clear(&e);
    struct db_stmt *st =
        db_prepare(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?", &e);
    db_bind_text(st, 1, name);
    bool yes = db_step(st, &e) == DB_ROW && db_col_int64(st, 0) == 1;
    db_reset(st);
    return yes;
}

int main(void)
{
    struct pd_err e;
    struct arena a;

    if (sodium_init() < 0 || !mkdtemp(dir))
        return 1;
    arena_init(&a);

    subtest("embedded migrations")
    {
        ok(store_migration_count >= 2, "at least two migrations (%d)", store_migration_count);
        int bad = 0;
        for (int i = 0; i < store_migration_count; i++)
            bad += store_migrations[i].version != i + 1 || !store_migrations[i].sql[0];
        is_int(bad, 0, "numbered 1..N in order, none empty");
        is_str(store_migrations[0].name, "people", "name from the file name");
    }

    subtest("empty to current")
    {
        struct db *db = fresh("empty.db");
        is_int(version(db), 0, "an empty database is version 0");
        err_clear(&e);
        is_int(store_check_schema(db, &e), PD_EUNAVAIL, "check: behind");
        ok(strstr(e.detail, "schema version 0, expected") && strstr(e.detail, "peerdesk init"),
           "tells to run init ('%s')", e.detail);
        err_clear(&e);
        is_int(store_migrate(db, store_migration_count, &e), PD_OK, "migrate");
        is_int(version(db), store_migration_count, "now current");
        err_clear(&e);
        is_int(store_check_schema(db, &e), PD_OK, "check: current");
        ok(has_table(db, "audit_log") && has_table(db, "worker"), "tables exist");
        err_clear(&e);
        is_int(store_migrate(db, store_migration_count, &e), PD_OK, "migrating again: no-op");
        struct db_stmt *st = db_prepare(db, "SELECT count(*), max(name) FROM schema_version", &e);
        db_step(st, &e);
        is_int(db_col_int64(st, 0), store_migration_count, "one schema_version row each");
        db_reset(st);
        err_clear(&e);
        is_int(store_migrate(db, store_migration_count + 1, &e), PD_EINVAL, "unknown target");
        db_close(db);
    }

    subtest("previous version to current")
    {
        struct db *db = fresh("previous.db");
        err_clear(&e);
        is_int(store_migrate(db, 1, &e), PD_OK, "apply migration 1 only");
        is_int(version(db), 1, "at version 1");
        ok(!has_table(db, "audit_log"), "migration 2 not applied");

        struct org o = {.id = "0193a0a0-0000-7000-8000-0000000000aa",
                        .slug = "zorg",
                        .name = "Zorg Noord",
                        .totp_roles = 0x0f,
                        .created_at = "2026-01-01T00:00:00.000Z",
                        .version = 1};
        struct worker w = {.id = "0193a0a0-0000-7000-8000-0000000000bb",
                           .org_id = "0193a0a0-0000-7000-8000-0000000000aa",
                           .email = "els@zorg.nl",
                           .name = "Els",
                           .roles = 0x0c,
                           .pw_hash = "$argon2id$v=19$m=19456,t=2,p=1$x$y",
                           .created_at = "2026-01-01T00:00:00.000Z"};
        err_clear(&e);
        db_begin(db, DB_TXN_WRITE, &e);
        is_int(store_org_insert(db, &o, &e), PD_OK, "org at version 1");
        is_int(store_worker_insert(db, &w, &e), PD_OK, "worker at version 1");
        is_int(db_commit(db, &e), PD_OK, "committed");

        err_clear(&e);
        is_int(store_check_schema(db, &e), PD_EUNAVAIL, "check: behind");
        err_clear(&e);
        is_int(store_migrate(db, store_migration_count, &e), PD_OK, "migrate to current");
        is_int(version(db), store_migration_count, "now current");
        db_close(db);

        db = fresh("previous.db");
        struct org o2;
        struct worker w2;
        err_clear(&e);
        is_int(store_org_by_slug(db, &a, "zorg", &o2, &e), PD_OK, "org survived");
        is_str(o2.name, "Zorg Noord", "org name");
        is_int(o2.totp_roles, 0x0f, "org totp roles");
        is_int(store_worker_by_email(db, &a, "els@zorg.nl", &w2, &e), PD_OK, "worker survived");
        is_str(w2.name, "Els", "worker name");
        is_int(w2.roles, 0x0c, "worker roles");
        ok(w2.pw_hash && strcmp(w2.pw_hash, w.pw_hash) == 0, "password hash");
        err_clear(&e);
        is_int(store_check_schema(db, &e), PD_OK, "check: current");
        db_close(db);
    }

    subtest("newer than known")
    {
        struct db *db = fresh("newer.db");
        err_clear(&e);
        store_migrate(db, store_migration_count, &e);
        db_begin(db, DB_TXN_WRITE, &e);
        db_exec(db,
                "INSERT INTO schema_version (version, name, applied_at)"
                " VALUES (99, 'future', '2030-01-01T00:00:00.000Z')",
                &e);
        db_commit(db, &e);
        err_clear(&e);
        is_int(store_migrate(db, store_migration_count, &e), PD_EINVAL, "migrate refuses");
        char want[128];
        snprintf(want, sizeof(want), "database schema version 99 is newer than this peerdesk (%d)",
                 store_migration_count);
        is_str(e.detail, want, "and says why");
        err_clear(&e);
        is_int(store_check_schema(db, &e), PD_EINVAL, "check refuses too");
        db_close(db);
    }

    arena_release(&a);
    nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
    return done_testing();
}
