/*
 * cmd_user.c: `peerdesk user add|list|disable|passwd`. Passwords come from standard
 * input, never from argv (which other users of the machine can read in /proc).
 */
#include <sodium.h>
#include <stdio.h>

#include "../domain/role.h"
#include "cli.h"

#define PW_BUF (LIMIT_PASSWORD_MAX_CHARS * 4 + 2)

int cmd_user_add(int argc, char **argv)
{
    static const char *const extra[] = {"org=", "email=", "name=", "role=", NULL};
    struct cli_req c;
    struct worker w;
    char pw[PW_BUF];

    if (cli_parse(argc, argv, "user add", extra) != 0)
        return 1;
    const char *org = cli_require("org"), *email = cli_require("email");
    const char *name = cli_require("name"), *roles = cli_require("role");
    if (!org || !email || !name || !roles || cli_read_password("user add", pw, sizeof(pw)))
        return 1;
    if (cli_req_begin(&c, "user add") != 0)
        return 1;
    int rc = app_user_add(&c.r, org, email, name, roles, pw, &w) == PD_OK
                 ? 0
                 : cli_error("user add", &c.r.err);
    sodium_memzero(pw, sizeof(pw));
    if (rc == 0)
        printf("%s\t%s\n", w.email, w.id);
    cli_req_end(&c);
    return rc;
}

int cmd_user_list(int argc, char **argv)
{
    static const char *const extra[] = {"org=", NULL};
    struct cli_req c;
    struct worker *ws;
    size_t n;

    if (cli_parse(argc, argv, "user list", extra) != 0 || !cli_require("org") ||
        cli_req_begin(&c, "user list") != 0)
        return 1;
    int rc = app_user_list(&c.r, cli_get("org"), &ws, &n) == PD_OK
                 ? 0
                 : cli_error("user list", &c.r.err);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        printf("%s\t%s\t", ws[i].email, ws[i].status == WORKER_ACTIVE ? "active" : "disabled");
        const char *sep = "";
        for (size_t k = 0; k < ROLE_COUNT; k++)
            if (ws[i].roles & role_table[k].role) {
                printf("%s%s", sep, role_table[k].code);
                sep = ",";
            }
        printf("\t%s\n", ws[i].name);
    }
    cli_req_end(&c);
    return rc;
}

int cmd_user_disable(int argc, char **argv)
{
    static const char *const extra[] = {"email=", NULL};
    struct cli_req c;

    if (cli_parse(argc, argv, "user disable", extra) != 0 || !cli_require("email") ||
        cli_req_begin(&c, "user disable") != 0)
        return 1;
    int rc =
        app_user_disable(&c.r, cli_get("email")) == PD_OK ? 0 : cli_error("user disable", &c.r.err);
    if (rc == 0)
        printf("disabled %s; their sessions have ended\n", cli_get("email"));
    cli_req_end(&c);
    return rc;
}

int cmd_user_passwd(int argc, char **argv)
{
    static const char *const extra[] = {"email=", NULL};
    struct cli_req c;
    char pw[PW_BUF];

    if (cli_parse(argc, argv, "user passwd", extra) != 0 || !cli_require("email") ||
        cli_read_password("user passwd", pw, sizeof(pw)) != 0)
        return 1;
    if (cli_req_begin(&c, "user passwd") != 0)
        return 1;
    int rc = app_user_passwd(&c.r, cli_get("email"), pw) == PD_OK
                 ? 0
                 : cli_error("user passwd", &c.r.err);
    sodium_memzero(pw, sizeof(pw));
    if (rc == 0)
        printf("password of %s set; their sessions have ended\n", cli_get("email"));
    cli_req_end(&c);
    return rc;
}
