/*
 * main.c: `peerdesk <command>`: the command table, help, and dispatch (after git.c).
 * Each command lives in its own cmd_*.c; this file only knows their names.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

#ifndef PEERDESK_VERSION
#define PEERDESK_VERSION "0.1.0"
#endif

static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv);

const struct cli_cmd cli_commands[] = {
    {"init", cmd_init, "init --db PATH [--demo]", "create or upgrade a database",
     "Creates the database when it does not exist and applies every pending migration\n"
     "(each in its own transaction). With --demo it also creates the demo organisation\n"
     "with one worker per role and prints their logins. Safe to run again."},
    {"serve", cmd_serve, "serve --db PATH [--listen ADDR:PORT] [--threads N]",
     "serve the web application and the API",
     "Serves peerdesk over HTTP until SIGTERM or Ctrl-C. Refuses to start when the\n"
     "database schema is not current (run init). With --listen 127.0.0.1:0 it picks a\n"
     "free port; the first line on standard output says where it listens."},
    {"org add", cmd_org_add, "org add --db PATH --slug SLUG --name NAME", "add an organisation",
     "Adds an organisation. The slug (a-z, 0-9, '-') names it on the command line.\n"
     "By default every role that can reach client data must use a second factor."},
    {"org list", cmd_org_list, "org list --db PATH", "list organisations",
     "Prints one organisation per line: slug, name, id."},
    {"user add", cmd_user_add, "user add --db PATH --org SLUG --email E --name N --role R[,R...]",
     "add a worker",
     "Adds a worker with one or more roles: admin, coordinator, generalist, expert,\n"
     "coach, trainer, student, manager, researcher, privacy_officer. The password is\n"
     "read from standard input (one line) when that is not a terminal; on a terminal it\n"
     "is asked twice without echo. Passwords: 8 to 128 characters, not a common one."},
    {"user list", cmd_user_list, "user list --db PATH --org SLUG", "list workers",
     "Prints one worker per line: email, status, roles, name."},
    {"user disable", cmd_user_disable, "user disable --db PATH --email E",
     "disable a worker and end their sessions",
     "Disables the account; its open sessions end at once. Nothing is deleted."},
    {"user passwd", cmd_user_passwd, "user passwd --db PATH --email E",
     "set a worker's password and end their sessions",
     "Sets a new password (read like user add) and ends every open session of the\n"
     "worker. Also lifts a lock after too many failed logins."},
    {"audit verify", cmd_audit_verify, "audit verify --db PATH", "check the audit log's hash chain",
     "Recomputes the SHA-256 chain of the NEN 7513 audit log. Exit status 0 when it\n"
     "holds; 1 and the first bad entry (seq, id, reason) when an entry was changed,\n"
     "deleted, inserted or reordered; 2 when the check could not run."},
    {"audit list", cmd_audit_list, "audit list --db PATH [--after SEQ] [--limit N] [--json]",
     "print audit entries",
     "Prints audit entries after SEQ in order, one per line (JSON lines with --json).\n"
     "Reading the audit log is itself audited: the listing first appends its own\n"
     "audit.read entry, which it prints last."},
    {"retention", cmd_retention, "retention --db PATH [--dry-run|--apply]",
     "list (and with --apply erase) what has passed its retention",
     "Lists the clients whose dossier retention has passed (no open dossier; last change\n"
     "longer ago than the organisation's dossier years, default 20) and the closed rights\n"
     "requests past theirs. --dry-run (the default) changes nothing; --apply erases each\n"
     "client like an erasure request (audited client.erase by cli), removes the register\n"
     "rows, then purges the full-text index and the WAL. See docs/client-rights.md."},
    {"db grant", cmd_db_grant, "db grant --db postgres://OWNER@HOST/DB --role NAME [--create]",
     "give PostgreSQL role NAME only what peerdesk serve needs",
     "PostgreSQL only, as the owner of the tables after init. Makes NAME the role to run\n"
     "serve as: USAGE on the schema; SELECT, INSERT, UPDATE, DELETE on every table except\n"
     "audit_log (SELECT, INSERT), audit_head (SELECT, UPDATE) and schema_version (SELECT);\n"
     "USAGE on sequences. Revokes everything else from NAME and PUBLIC first, then checks\n"
     "that NAME holds exactly that set; refuses a superuser, a role with CREATEROLE and an\n"
     "owner. With --create it creates NAME (LOGIN) with a password from standard input\n"
     "(16 to 128 bytes). Safe to run again, e.g. after a migration. See docs/scaling.md."},
    {"db check", cmd_db_check, "db check --db PATH", "check a SQLite database's integrity",
     "Runs PRAGMA integrity_check on the SQLite database PATH (no server needs to stop).\n"
     "Exit status 0 when it holds; 1 and SQLite's first complaints when it does not; 2\n"
     "when the check could not run. SQLite 3.40's false \"NULL value in T.C\" lines about\n"
     "WITHOUT ROWID tables are not taken as damage (docs/backup.md, Limits)."},
    {"backup", cmd_backup, "backup --db TARGET --out FILE [--force]",
     "copy the whole database to a checked backup file",
     "SQLite: a consistent copy with the online backup API while peerdesk serve keeps\n"
     "running; the copy must pass integrity_check and its audit chain must hold before it\n"
     "is renamed to FILE (written next to FILE first, mode 0600). PostgreSQL (--db\n"
     "postgres://...): pg_dump --format=custom from PATH. Refuses an existing FILE without\n"
     "--force. Audited as db.backup (action E) before the copy starts, so the copy holds\n"
     "its own entry. See docs/backup.md."},
    {"restore", cmd_restore, "restore --from FILE --db TARGET [--force]",
     "restore a backup into a database (no server may run on it)",
     "SQLite: checks FILE first (whole, integrity_check, schema version not newer than\n"
     "this peerdesk, audit chain), then puts a checked copy at TARGET and removes TARGET's\n"
     "stale -wal and -shm. Refuses an existing TARGET without --force and a TARGET another\n"
     "process has open. PostgreSQL: pg_restore into a database without peerdesk's tables\n"
     "(--force: --clean). Appends db.restore to the restored audit log. Stop peerdesk\n"
     "serve on TARGET first. See docs/backup.md."},
    {"bench-gen", cmd_bench_gen, "bench-gen --db NEWFILE [--scale F] [--seed N]",
     "make a large organisation for the benchmarks",
     "Creates a new database holding the organisation 'bench': the volumes of a large\n"
     "organisation (300 experts, 6,000 generalists, 200,000 clients, 250,000 requests,\n"
     "3,000,000 notes, 400,000 consultations over 5 years) times F (default 1), drawn\n"
     "from seed N (default 1). Refuses an existing, non-empty database. Progress on stderr."},
    {"help", cmd_help, "help [COMMAND]", "list commands, or explain one", ""},
    {"version", cmd_version, "version", "print the version", ""},
};
const size_t cli_command_count = sizeof(cli_commands) / sizeof(cli_commands[0]);

static const struct cli_cmd *find(const char *a, const char *b, int *used)
{
    char two[64];
    if (b) {
        snprintf(two, sizeof(two), "%s %s", a, b);
        for (size_t i = 0; i < cli_command_count; i++)
            if (strcmp(cli_commands[i].name, two) == 0) {
                *used = 2;
                return &cli_commands[i];
            }
    }
    for (size_t i = 0; i < cli_command_count; i++)
        if (strcmp(cli_commands[i].name, a) == 0) {
            *used = 1;
            return &cli_commands[i];
        }
    return NULL;
}

static void list_commands(FILE *f)
{
    fprintf(f, "usage: peerdesk <command> [options]\n\ncommands:\n");
    for (size_t i = 0; i < cli_command_count; i++)
        fprintf(f, "  %-14s %s\n", cli_commands[i].name, cli_commands[i].summary);
    fprintf(f, "\nsettings (flag, environment, config file key):\n");
    for (size_t i = 0; i < cli_setting_count; i++) {
        const struct setting *s = &cli_settings[i];
        fprintf(f, "  --%-22s %-30s %s%s%s%s\n", s->name, s->env, s->help, s->dflt ? " [" : "",
                s->dflt ? s->dflt : "", s->dflt ? "]" : "");
    }
    fprintf(f, "\n'peerdesk help COMMAND' explains one command.\n");
}

static int cmd_help(int argc, char **argv)
{
    int used = 0;
    if (argc == 0) {
        list_commands(stdout);
        return 0;
    }
    const struct cli_cmd *c = find(argv[0], argc > 1 ? argv[1] : NULL, &used);
    if (!c) {
        fprintf(stderr, "peerdesk help: no command '%s'\n", argv[0]);
        return 1;
    }
    printf("usage: peerdesk %s\n\n%s\n", c->usage, *c->help ? c->help : c->summary);
    return 0;
}

static int cmd_version(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf("peerdesk %s\n", PEERDESK_VERSION);
    return 0;
}

int main(int argc, char **argv)
{
    int used = 0;
    if (argc < 2) {
        list_commands(stderr);
        return 1;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
        return cmd_help(0, NULL);
    const struct cli_cmd *c = find(argv[1], argc > 2 ? argv[2] : NULL, &used);
    if (!c) {
        fprintf(stderr, "peerdesk: '%s' is not a command. See 'peerdesk help'.\n", argv[1]);
        return 1;
    }
    return c->run(argc - 1 - used, argv + 1 + used);
}
