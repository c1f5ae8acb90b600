/*
 * migrate.c: bring a database's schema up to the version this binary was built with.
 *
 * Migrations are the numbered files in src/store/migrations/, embedded at build time by
 * tools/embed-sql (store_migrations[i] is version i + 1). Each one runs in its own write
 * transaction together with the row that records it in schema_version, so a crash leaves
 * the database at the previous version or the next one, never between. The version is
 * read again inside the transaction, so two processes migrating at once do not apply a
 * migration twice. We never migrate down, and refuse a database newer than we know:
 * its data may mean things this binary does not understand. A migration marked "sqlite
 * only" (store_migration_sqlite_only) is recorded but not run on PostgreSQL.
 */
#include <assert.h>
#include <string.h>

#include "../lib/log.h"
#include "../lib/ptime.h"
#include "store.h"

int store_schema_version(struct db *db, int *version, struct pd_err *e)
{
    bool exists;
    if (db_table_exists(db, "schema_version", &exists, e) != PD_OK)
        return e->code;
    if (!exists) {
        *version = 0;
        return PD_OK;
    }

    struct db_stmt *st = db_prepare(db, "SELECT coalesce(max(version), 0) FROM schema_version", e);
    if (!st)
        return e->code;
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    *version = (int)db_col_int64(st, 0);
    db_reset(st);
    return PD_OK;
}

static int too_new(int version, struct pd_err *e)
{
    return err_set(e, PD_EINVAL, "db",
                   "database schema version %d is newer than this peerdesk (%d)", version,
                   store_migration_count);
}

bool store_migration_sqlite_only(const struct migration *m)
{
    static const char mark[] = "-- sqlite only";
    return strncmp(m->sql, mark, sizeof(mark) - 1) == 0;
}

/* Apply migration m in the open write transaction. */
static int apply(struct db *db, const struct migration *m, struct pd_err *e)
{
    char now[PTIME_ISO_BYTES];

    bool skip = store_migration_sqlite_only(m) && db_dialect(db) != DB_DIALECT_SQLITE;
    /* lint-allow sql-arg: migration text embedded at build time by tools/embed-sql */
    if (!skip && db_exec(db, m->sql, e) != PD_OK)
        return e->code;
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)", e);
    if (!st)
        return e->code;
    ptime_fmt_iso(ptime_now_ms(), now);
    db_bind_int64(st, 1, m->version);
    db_bind_text(st, 2, m->name);
    db_bind_text(st, 3, now);
    int rc = db_step(st, e);
    return rc < 0 ? rc : PD_OK;
}

int store_migrate(struct db *db, int target, struct pd_err *e)
{
    int current;

    assert(!db_in_txn(db)); /* each migration is its own transaction */
    if (target < 0 || target > store_migration_count)
        return err_set(e, PD_EINVAL, "target", "no schema version %d (this peerdesk knows %d)",
                       target, store_migration_count);
    if (store_schema_version(db, &current, e) != PD_OK)
        return e->code;
    if (current > store_migration_count)
        return too_new(current, e);

    for (int v = current + 1; v <= target; v++) {
        const struct migration *m = &store_migrations[v - 1];
        assert(m->version == v);
        if (db_begin(db, DB_TXN_WRITE, e) != PD_OK)
            return e->code;
        /* Another process may have migrated while we waited for the write lock. */
        if (store_schema_version(db, &current, e) != PD_OK)
            goto fail;
        if (current > store_migration_count) {
            too_new(current, e);
            goto fail;
        }
        if (current >= v) {
            db_rollback(db);
            v = current;
            continue;
        }
        /* Said before it runs: on a large database one migration can take a minute. */
        log_info("migration %d of %d (%s): applying", m->version, target, m->name);
        int64_t t0 = ptime_mono_ns();
        if (apply(db, m, e) != PD_OK || db_commit(db, e) != PD_OK) {
            log_error("migration %d (%s) failed; the database stays at schema version %d",
                      m->version, m->name, v - 1);
            goto fail;
        }
        log_info("migration %d of %d (%s): applied in %.1f s", m->version, target, m->name,
                 (double)(ptime_mono_ns() - t0) / 1e9);
    }
    return PD_OK;

fail:
    db_rollback(db);
    return e->code;
}

int store_check_schema(struct db *db, struct pd_err *e)
{
    int version;

    if (store_schema_version(db, &version, e) != PD_OK)
        return e->code;
    if (version > store_migration_count)
        return too_new(version, e);
    if (version < store_migration_count)
        return err_set(e, PD_EUNAVAIL, "db",
                       "schema version %d, expected %d: run `peerdesk init --db PATH`", version,
                       store_migration_count);
    return PD_OK;
}
