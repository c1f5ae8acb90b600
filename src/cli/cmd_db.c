/*
 * cmd_db.c: `peerdesk db grant --db postgres://OWNER@.../DB --role NAME [--create]`: make
 * NAME the least-privilege role `peerdesk serve` connects as (app/db_admin.c,
 * docs/scaling.md section 5). With --create the role is made first, its password read from
 * standard input like user add's, never from argv.
 *
 * `peerdesk db check --db PATH`: integrity_check on a SQLite database, as backup and
 * restore read it (app_db_check); the crash harness runs it after every restart.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "../app/backup.h"
#include "../app/db_admin.h"
#include "cli.h"

#define PW_BUF (DB_ROLE_PASSWORD_MAX * 4 + 2)

int cmd_db_grant(int argc, char **argv)
{
    static const char *const extra[] = {"role=", "create", NULL};
    struct cli_req c;
    struct db_grant_result res;
    char pw[PW_BUF] = "";
    struct pd_err e;

    err_clear(&e);
    if (cli_parse(argc, argv, "db grant", extra) != 0 || !cli_require("role"))
        return 1;
    const char *role = cli_get("role");
    bool create = cli_get_bool("create");
    if (app_db_role_name_check(role, &e) != PD_OK)
        return cli_error("db grant", &e);
    if (create && cli_read_password("db grant", pw, sizeof(pw)) != 0)
        return 1;
    if (cli_req_begin(&c, "db grant") != 0) {
        sodium_memzero(pw, sizeof(pw));
        return 1;
    }
    int rc = app_db_grant(&c.r, role, create, create ? pw : NULL, &res) == PD_OK
                 ? 0
                 : cli_error("db grant", &c.r.err);
    sodium_memzero(pw, sizeof(pw));
    if (rc == 0) {
        size_t rest = 0;
        for (size_t i = 0; i < res.now.n; i++) {
            const struct pg_table_privs *t = &res.now.tables[i];
            if (!t->sequence && strcmp(t->privs, DB_RUNTIME_TABLE_PRIVS) == 0)
                rest++;
            else
                printf("%s %s\t%s\n", t->sequence ? "sequence" : "table", t->name, t->privs);
        }
        printf("%zu other tables\t%s\n", rest, DB_RUNTIME_TABLE_PRIVS);
        printf("%s%s: USAGE on schema %s and the privileges above, nothing more; connect "
               "peerdesk serve as %s\n",
               role, res.created ? " (created)" : "", res.now.schema, role);
        if (!res.can_login)
            printf("note: %s cannot log in (NOLOGIN): grant it to the role serve logs in as\n",
                   role);
    }
    cli_req_end(&c);
    return rc;
}

int cmd_db_check(int argc, char **argv)
{
    struct pd_err e;

    err_clear(&e);
    if (cli_parse(argc, argv, "db check", NULL) != 0 || !cli_require("db"))
        return 2;
    const char *db = cli_get("db");
    if (app_db_check(db, &e) != PD_OK) {
        cli_error("db check", &e);
        return e.code == PD_EINVAL && e.field[0] && strcmp(e.field, "integrity") == 0 ? 1 : 2;
    }
    printf("integrity_check ok: %s\n", db);
    return 0;
}
