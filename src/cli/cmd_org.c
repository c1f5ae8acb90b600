/*
 * cmd_org.c: `peerdesk org add|list`.
 */
#include <stdio.h>

#include "cli.h"

int cmd_org_add(int argc, char **argv)
{
    static const char *const extra[] = {"slug=", "name=", NULL};
    struct cli_req c;
    struct org o;

    if (cli_parse(argc, argv, "org add", extra) != 0)
        return 1;
    const char *slug = cli_require("slug"), *name = cli_require("name");
    if (!slug || !name || cli_req_begin(&c, "org add") != 0)
        return 1;
    int rc = app_org_add(&c.r, slug, name, &o) == PD_OK ? 0 : cli_error("org add", &c.r.err);
    if (rc == 0)
        printf("%s\t%s\t%s\n", o.slug, o.name, o.id);
    cli_req_end(&c);
    return rc;
}

int cmd_org_list(int argc, char **argv)
{
    struct cli_req c;
    struct org *orgs;
    size_t n;

    if (cli_parse(argc, argv, "org list", NULL) != 0 || cli_req_begin(&c, "org list") != 0)
        return 1;
    int rc = app_org_list(&c.r, &orgs, &n) == PD_OK ? 0 : cli_error("org list", &c.r.err);
    for (size_t i = 0; rc == 0 && i < n; i++)
        printf("%s\t%s\t%s\n", orgs[i].slug, orgs[i].name, orgs[i].id);
    cli_req_end(&c);
    return rc;
}
