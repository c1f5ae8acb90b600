/*
 * cli_req.c: a command-line action runs as a request of its own: an arena, a trace id
 * for the audit entries it writes, and one borrowed database connection.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../app/upgrade.h"
#include "../lib/ptime.h"
#include "../lib/uuid.h"
#include "cli.h"

/* Only init creates a database: a mistyped --db elsewhere must not leave an empty file. */
static bool db_missing(const char *target)
{
    if (strncmp(target, "postgres", 8) == 0)
        return false;
    if (strncmp(target, "sqlite:", 7) == 0)
        target += 7;
    return access(target, F_OK) != 0;
}

int cli_req_begin(struct cli_req *c, const char *cmd)
{
    if (!cli_require("db"))
        return -1;
    if (strcmp(cmd, "init") != 0 && strcmp(cmd, "bench-gen") != 0 && db_missing(cli_get("db"))) {
        fprintf(stderr,
                "peerdesk %s: database %s does not exist (create it with: peerdesk init --db "
                "%s)\n",
                cmd, cli_get("db"), cli_get("db"));
        return -1;
    }
    c->app = cli_app(1);
    if (!c->app)
        return -1;
    arena_init(&c->arena);
    uuid7_new(c->trace);
    app_req_begin(c->app, &c->r, &c->arena, c->trace, "local");
    if (!c->r.db) {
        fprintf(stderr, "peerdesk %s: cannot open the database %s\n", cmd, cli_get("db"));
        cli_req_end(c);
        return -1;
    }
    return 0;
}

void cli_req_end(struct cli_req *c)
{
    app_req_end(&c->r);
    arena_release(&c->arena);
    app_free(c->app);
    c->app = NULL;
}

int cli_upgrade(struct cli_req *c, bool fresh_ok)
{
    const char *cmd = fresh_ok ? "init" : "serve", *db = cli_get("db");
    enum upgrade_mode mode = UPGRADE_AFTER_BACKUP;
    struct upgrade_result res;
    upgrade_mode_parse(cli_get("migrate"), &mode); /* checked by cli_parse */
    if (app_upgrade(&c->r, db, mode, cli_get("backup-dir"), fresh_ok, ptime_now_ms(), &res) !=
        PD_OK) {
        cli_error(cmd, &c->r.err);
        return -1;
    }
    if (res.from == res.to) {
        if (fresh_ok)
            fprintf(stderr, "peerdesk: database %s is at schema version %d\n", db, res.to);
    } else if (res.from == 0) {
        fprintf(stderr, "peerdesk: database %s migrated from schema version 0 to %d\n", db, res.to);
    } else {
        fprintf(stderr,
                "peerdesk: database %s migrated from schema version %d to %d in %.1f s; %s%s\n", db,
                res.from, res.to, (double)res.migrate_ms / 1000,
                *res.backup ? "the copy from before is " : "no copy was taken (migrate = yes)",
                res.backup);
    }
    return 0;
}
