/*
 * cli.h: the command line. Each subcommand is one file (cmd_*.c) with one entry in the
 * table of main.c; settings come from one table in config.c and are read the same way
 * by every command: flag, then environment, then config file, then default.
 */
#ifndef PD_CLI_H
#define PD_CLI_H

#include <stdbool.h>
#include <stdint.h>

#include "../app/app.h"
#include "../lib/arena.h"

struct cli_cmd {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *usage;   /* "init --db PATH [--demo]" */
    const char *summary; /* one line for `peerdesk help` */
    const char *help;    /* paragraphs for `peerdesk help CMD` */
};

extern const struct cli_cmd cli_commands[];
extern const size_t cli_command_count;

/* The commands, one file each. Each returns the process exit status. */
int cmd_init(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_org_add(int argc, char **argv);
int cmd_org_list(int argc, char **argv);
int cmd_user_add(int argc, char **argv);
int cmd_user_list(int argc, char **argv);
int cmd_user_disable(int argc, char **argv);
int cmd_user_passwd(int argc, char **argv);
int cmd_audit_verify(int argc, char **argv);
int cmd_audit_list(int argc, char **argv);
int cmd_retention(int argc, char **argv);
int cmd_bench_gen(int argc, char **argv);
int cmd_db_grant(int argc, char **argv);
int cmd_db_check(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);

/* ---- settings (config.c) ---- */

enum setting_type { SET_STR, SET_INT, SET_BOOL, SET_NETS /* IP addresses, CIDR blocks */ };

struct setting {
    const char *name; /* flag --name, file key name */
    const char *env;  /* PEERDESK_... */
    enum setting_type type;
    const char *dflt; /* NULL: no default */
    int64_t min, max; /* SET_INT */
    const char *help;
};

extern const struct setting cli_settings[];
extern const size_t cli_setting_count;

/*
 * Parse argv for settings (--name VALUE / --name=VALUE, booleans as --name) plus the
 * command's own flags listed in `extra` (NULL-terminated, "demo" for --demo, values
 * with a trailing '=' as in "org="). Loads the config file (--config, PEERDESK_CONFIG,
 * or /etc/peerdesk/peerdesk.conf when present). Prints an error and returns -1 on a bad
 * or unknown flag.
 */
int cli_parse(int argc, char **argv, const char *cmd, const char *const *extra);
/* Value of a setting or an extra flag, NULL when unset and without default. */
const char *cli_get(const char *name);
int64_t cli_get_int(const char *name);
bool cli_get_bool(const char *name);
/* A whole number in [min, max] (0 when unset), or a clear error naming the flag and -1. */
int cli_get_int_checked(const char *name, int64_t min, int64_t max, int64_t *out);
/* Value or a clear error (and -1) naming the flag. */
const char *cli_require(const char *name);

/* Build the app from the settings (db, threads, session time-outs, cookie). */
struct app *cli_app(int connections);
/* Print "peerdesk CMD: <field>: <detail>" for an error. Returns 1 (exit status). */
int cli_error(const char *cmd, const struct pd_err *e);
/* A password from stdin: one line, without its newline. Refuses a terminal unless
 * `prompt` is set, in which case it asks twice with echo off. */
int cli_read_password(const char *cmd, char *out, size_t cap);

/* ---- one command-line action as a request (cli_req.c) ---- */

struct cli_req {
    struct app *app;
    struct arena arena;
    struct app_req r;
    char trace[UUID_STR_BYTES];
};

/* Build the app and borrow a connection; prints the reason and returns -1 on failure. */
int cli_req_begin(struct cli_req *c, const char *cmd);
void cli_req_end(struct cli_req *c);

/* tls-cert is set: serve HTTPS (and the cookie is __Host- and Secure). */
bool cli_tls_on(void);

/* Bring the database to this peerdesk's schema per the `migrate` and `backup-dir` settings
 * (app_upgrade; `fresh_ok` for init), saying what it did on stderr; -1 after printing
 * why not. */
int cli_upgrade(struct cli_req *c, bool fresh_ok);

#endif
