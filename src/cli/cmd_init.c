/*
 * cmd_init.c: `peerdesk init`: create or upgrade the database, optionally with the demo
 * organisation. Running it again is harmless: applied migrations are skipped and the
 * demo is made only once.
 */
#include <stdio.h>
#include <string.h>

#include "../app/vocab.h"
#include "../store/store.h"
#include "cli.h"

int cmd_init(int argc, char **argv)
{
    static const char *const extra[] = {"demo", NULL};
    struct cli_req c;
    int before = 0, after = 0;
    struct org o;

    if (cli_parse(argc, argv, "init", extra) != 0 || cli_req_begin(&c, "init") != 0)
        return 1;
    struct app_req *r = &c.r;
    if (store_schema_version(r->db, &before, &r->err) != PD_OK ||
        store_migrate(r->db, store_migration_count, &r->err) != PD_OK ||
        store_schema_version(r->db, &after, &r->err) != PD_OK || vocab_seed_all(r) != PD_OK) {
        int rc = cli_error("init", &r->err);
        cli_req_end(&c);
        return rc;
    }
    if (before == after)
        fprintf(stderr, "peerdesk: database %s is at schema version %d\n", cli_get("db"), after);
    else
        fprintf(stderr, "peerdesk: database %s migrated from schema version %d to %d\n",
                cli_get("db"), before, after);

    if (cli_get_bool("demo")) {
        int rc = store_org_by_slug(r->db, r->arena, "demo", &o, &r->err);
        err_clear(&r->err);
        if (rc == PD_OK) {
            fprintf(stderr, "peerdesk: the demo organisation exists already\n");
        } else {
            const char *logins;
            if (app_demo_seed(r, &logins) != PD_OK) {
                rc = cli_error("init", &r->err);
                cli_req_end(&c);
                return rc;
            }
            fputs(logins, stdout);
        }
    }
    cli_req_end(&c);
    return 0;
}
