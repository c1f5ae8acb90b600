/*
 * upgrade.h: bring a database made by an earlier peerdesk up to this one's schema, when
 * `peerdesk serve` or `peerdesk init` starts (docs/upgrade.md).
 *
 * A database newer than this binary is always refused (its data may mean things this
 * binary does not understand). An older one is migrated according to the `migrate`
 * setting: "after-backup" (the default) first writes a whole copy of it as it is, checked,
 * into `backup-dir` (default: the SQLite file's directory; PostgreSQL needs one), "yes"
 * migrates without a copy (the operator has one), "no" refuses and changes nothing. Each
 * migration is its own transaction and is logged with its time; a failure leaves the
 * database at the last version that committed, and says where the copy is. Once current,
 * one transaction records the copy (db.backup) and the migration (db.migrate) in the
 * audit log.
 */
#ifndef PD_UPGRADE_H
#define PD_UPGRADE_H

#include <stdbool.h>
#include <stdint.h>

#include "app.h"

#define UPGRADE_PATH_BYTES 4096

enum upgrade_mode {
    UPGRADE_AFTER_BACKUP,
    UPGRADE_WITHOUT_BACKUP,
    UPGRADE_REFUSE,
};

/* "after-backup", "yes", "no". */
bool upgrade_mode_parse(const char *s, enum upgrade_mode *mode);

struct upgrade_result {
    int from, to;                    /* schema versions; equal when nothing was to do */
    char backup[UPGRADE_PATH_BYTES]; /* the copy taken first, or "" */
    int64_t backup_bytes;
    int64_t backup_ms, migrate_ms;
};

/*
 * Bring the database r->db is open on (`target`, the --db value) to this peerdesk's
 * schema. `fresh_ok`: a database without any schema is created here (`init`); otherwise
 * it is refused ("run peerdesk init"). `backup_dir` may be NULL (the default above).
 * `now_ms` names the copy: "<name>-schema<from>-<UTC time>.backup", where <name> is the
 * SQLite file's name or "postgresql".
 */
int app_upgrade(struct app_req *r, const char *target, enum upgrade_mode mode,
                const char *backup_dir, bool fresh_ok, int64_t now_ms, struct upgrade_result *res);

#endif
