/*
 * cmd_init.c: `peerdesk init`: create or upgrade the database, optionally with the demo
 * organisation. Running it again is harmless: applied migrations are skipped and the
 * demo is made only once. An older database is copied before it is migrated, as on
 * `serve` (cli_upgrade, upgrade.h).
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
    struct org o;

    if (cli_parse(argc, argv, "init", extra) != 0 || cli_req_begin(&c, "init") != 0)
        return 1;
    struct app_req *r = &c.r;
    if (cli_upgrade(&c, true) != 0 || vocab_seed_all(r) != PD_OK) {
        int rc = r->err.code ? cli_error("init", &r->err) : 1;
        cli_req_end(&c);
        return rc;
    }

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
