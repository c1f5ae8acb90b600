/*
 * cmd_retention.c: `peerdesk retention --db PATH [--dry-run|--apply]`: what has passed its
 * retention (docs/client-rights.md). Lists the clients whose dossier retention has passed
 * and the closed rights requests past theirs; with --apply erases each client through the
 * same erasure as a privacy officer's (audited client.erase by "cli", basis retention),
 * removes the register rows, and purges the full-text index and the WAL once at the end.
 * --dry-run (the default) only lists; the scan itself is audited (retention.scan).
 */
#include <stdio.h>

#include "../app/rights.h"
#include "cli.h"

static void progress(void *ctx, size_t i, size_t total, const char *what, const char *code,
                     const struct erase_result *removed)
{
    (void)ctx;
    int64_t rows = 0;
    for (size_t k = 0; removed && k < removed->n; k++)
        rows += removed->counts[k].rows;
    if (removed)
        printf("[%zu/%zu] erased %s %s (%lld rows)\n", i + 1, total, what, code, (long long)rows);
    else
        printf("[%zu/%zu] removed %s %s\n", i + 1, total, what, code);
    fflush(stdout);
}

int cmd_retention(int argc, char **argv)
{
    static const char *const extra[] = {"dry-run", "apply", NULL};
    struct cli_req c;
    struct retention_scan scan;

    if (cli_parse(argc, argv, "retention", extra) != 0)
        return 2;
    bool apply = cli_get_bool("apply");
    if (apply && cli_get_bool("dry-run")) {
        fprintf(stderr, "peerdesk retention: --dry-run and --apply exclude each other\n");
        return 2;
    }
    if (cli_req_begin(&c, "retention") != 0)
        return 2;
    if (app_retention_scan(&c.r, NULL, &scan) != PD_OK) {
        cli_error("retention", &c.r.err);
        cli_req_end(&c);
        return 1;
    }
    printf("%zu client(s) and %zu rights request(s) past retention\n", scan.nclients,
           scan.nrequests);
    for (size_t i = 0; i < scan.nclients; i++)
        printf("client\t%s\t%s\tlast change %s\texpired %s\n", scan.clients[i].org_id,
               scan.clients[i].code, scan.clients[i].last_change, scan.clients[i].expires_on);
    for (size_t i = 0; i < scan.nrequests; i++)
        printf("rights_request\t%s\t%s\tclosed %s\n", scan.requests[i].org_id,
               scan.requests[i].reference, scan.requests[i].done_on);
    int rc = 0;
    if (!apply) {
        if (scan.nclients + scan.nrequests)
            printf("dry run: nothing changed (run with --apply to erase)\n");
    } else {
        struct purge_result purge;
        if (app_retention_apply(&c.r, &scan, progress, NULL, &purge) != PD_OK)
            rc = cli_error("retention", &c.r.err);
        else if (scan.nclients + scan.nrequests)
            printf("done; full-text index %s, WAL %s\n",
                   purge.fts_optimized ? "merged" : "NOT merged",
                   purge.checkpointed ? "truncated" : "NOT truncated (readers active: run again)");
        else
            printf("nothing to do\n");
    }
    cli_req_end(&c);
    return rc;
}
