/*
 * cmd_backup.c: `peerdesk backup --db TARGET --out FILE [--force]` and `peerdesk restore
 * --from FILE --db TARGET [--force]` (app/backup.c, docs/backup.md).
 */
#include <inttypes.h>
#include <stdio.h>

#include "../app/backup.h"
#include "../lib/ptime.h"
#include "../lib/uuid.h"
#include "cli.h"

#define PROGRESS_MIN_PAGES 25600 /* 100 MiB of 4 KiB pages: smaller copies say nothing */

struct progress {
    int last_tenth;
};

static void progress(void *vctx, int64_t done, int64_t total)
{
    struct progress *p = vctx;
    if (total < PROGRESS_MIN_PAGES)
        return;
    int tenth = (int)(done * 10 / total);
    if (tenth > p->last_tenth) {
        p->last_tenth = tenth;
        fprintf(stderr, "backup: %d%% (%" PRId64 " of %" PRId64 " pages)\n", tenth * 10, done,
                total);
    }
}

static void print_chain(const struct backup_result *res)
{
    printf("audit chain holds: %" PRId64 " entries checked\n", res->audit_checked);
    if (res->head_seq > 0)
        printf("head: seq %" PRId64 " hash %s\n", res->head_seq, res->head_hash);
}

int cmd_backup(int argc, char **argv)
{
    static const char *const extra[] = {"out=", "force", NULL};
    struct cli_req c;
    struct backup_result res;
    struct progress p = {0};

    if (cli_parse(argc, argv, "backup", extra) != 0 || !cli_require("out") ||
        cli_req_begin(&c, "backup") != 0)
        return 2;
    int64_t t0 = ptime_mono_ns();
    const char *out = cli_get("out");
    int rc = app_backup(&c.r, cli_get("db"), out, cli_get_bool("force"), progress, &p, &res);
    if (rc != PD_OK) {
        cli_error("backup", &c.r.err);
        fprintf(stderr, "peerdesk backup: no backup written (%s was not touched)\n", out);
        cli_req_end(&c);
        return 1;
    }
    cli_req_end(&c);
    printf("backup written: %s (%" PRId64 " bytes, %.1f s)\n", out, res.bytes,
           (double)(ptime_mono_ns() - t0) / 1e9);
    if (res.postgres)
        printf("checked: pg_restore reads the dump; ");
    else
        printf("checked on the copy: integrity_check ok; schema version %d; ", res.schema_version);
    print_chain(&res);
    return 0;
}

int cmd_restore(int argc, char **argv)
{
    static const char *const extra[] = {"from=", "force", NULL};
    struct backup_result res;
    struct pd_err e;
    char trace[UUID_STR_BYTES];

    err_clear(&e);
    if (cli_parse(argc, argv, "restore", extra) != 0 || !cli_require("from") || !cli_require("db"))
        return 2;
    uuid7_new(trace);
    const char *from = cli_get("from"), *db = cli_get("db");
    if (app_restore(from, db, cli_get_bool("force"), trace, &res, &e) != PD_OK) {
        cli_error("restore", &e);
        fprintf(stderr, "peerdesk restore: nothing restored (%s was not touched)\n", db);
        return 1;
    }
    printf("restored %s into %s\n", from, db);
    if (!res.postgres)
        printf("integrity_check ok; ");
    printf("schema version %d; ", res.schema_version);
    print_chain(&res);
    if (res.schema_version < res.schema_current)
        printf("the schema is older than this peerdesk (%d): run peerdesk init --db %s before "
               "peerdesk serve\n",
               res.schema_current, db);
    return 0;
}
