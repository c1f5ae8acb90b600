/*
 * backup.h: `peerdesk backup` and `peerdesk restore` (docs/backup.md, SECURITY.md 23).
 *
 * A backup is an export of everything, so it is audited: one db.backup entry (action E,
 * actor_role and access_basis "cli") is committed in the database before the copy starts,
 * so that the copy holds its own entry; a copy that then fails adds a second db.backup
 * entry with outcome "failure". A restore appends db.restore (action C) to the restored
 * log. Neither ever leaves a half-written file under the final name: each writes a
 * temporary file next to it (mode 0600: it holds client data), checks it, fsyncs it and
 * renames it into place.
 */
#ifndef PD_BACKUP_H
#define PD_BACKUP_H

#include <stdbool.h>
#include <stdint.h>

#include "../store/store_backup.h"
#include "app.h"

#define BACKUP_STEP_PAGES 256 /* pages per step of the SQLite online backup */

struct backup_result {
    bool postgres;
    int64_t bytes;         /* size of the file written */
    int64_t audit_checked; /* entries of the chain verified */
    int64_t head_seq;      /* the head of the verified chain */
    char head_hash[AUDIT_HASH_HEX];
    int schema_version; /* of the copy */
    int schema_current; /* of this peerdesk: restore says to run init when above */
};

/* Back up the database r->db is open on (`target`, the --db value) into `out`. Refuses an
 * existing out without `force`, and out naming the database itself. SQLite: the online
 * backup API (store_sqlite_copy), then integrity_check and the audit chain on the copy, and
 * the copy must hold this backup's own db.backup entry. PostgreSQL: pg_dump
 * --format=custom from PATH, then pg_restore --list on the dump; the chain is verified on
 * the database. */
int app_backup(struct app_req *r, const char *target, const char *out, bool force,
               store_copy_progress_fn progress, void *ctx, struct backup_result *res);

/* The copy `peerdesk` takes before it migrates an older database (app/upgrade.c): like
 * app_backup, but nothing is written into the database first (this binary's audit code
 * knows only its own schema): SQLite: the online backup API and integrity_check on the
 * copy; PostgreSQL: pg_dump --format=custom and pg_restore --list. The caller records the
 * copy in the audit log once the schema is current. `out` must not exist. */
int app_backup_before_migrate(const char *target, const char *out, struct backup_result *res,
                              struct pd_err *e);

/* Restore `from` into `target` (a SQLite path, or a postgres:// URL). SQLite: the file
 * must be whole (header and size), pass integrity_check, have a schema version not newer
 * than this peerdesk and an audit chain that holds; an existing target is replaced only
 * with `force`, never while another process has it open; its stale -wal and -shm go.
 * PostgreSQL: pg_restore --single-transaction into a database without peerdesk's tables
 * (with `force`: --clean --if-exists), then the same checks on the result. */
int app_restore(const char *from, const char *target, bool force, const char *trace_id,
                struct backup_result *res, struct pd_err *e);

/* PRAGMA integrity_check on the SQLite database `target` (`peerdesk db check`), read as
 * store_sqlite_integrity reads it (SQLite 3.40's false "NULL value in T.C" lines about
 * WITHOUT ROWID tables are not damage). PD_OK when it holds; PD_EINVAL (field "integrity")
 * with the first complaints when it does not; PD_EDB when it could not run. A database
 * left by a crash is recovered (its WAL replayed) on the way, as any open does. */
int app_db_check(const char *target, struct pd_err *e);

#endif
