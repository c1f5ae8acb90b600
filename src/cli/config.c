/*
 * config.c: settings as data. Each setting has a flag, an environment variable, a file
 * key, a default, limits and a line of help; `peerdesk help` prints this table,
 * and docs/config.md describes the same. Precedence: flag > environment > file >
 * default, so a unit file can set the environment and an operator can still override on
 * the command line.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "../app/upgrade.h"
#include "../http/proxy.h"
#include "../lib/limits.h"
#include "../lib/log.h"
#include "../lib/mem.h"
#include "../lib/str.h"
#include "cli.h"

#define DEFAULT_CONFIG "/etc/peerdesk/peerdesk.conf"
#define MAX_VALUES     64

const struct setting cli_settings[] = {
    {"db", "PEERDESK_DB", SET_STR, NULL, 0, 0, "database: a SQLite file path"},
    {"listen", "PEERDESK_LISTEN", SET_STR, "127.0.0.1:8080", 0, 0,
     "address:port to serve on (port 0 picks a free one)"},
    {"threads", "PEERDESK_THREADS", SET_INT, "4", 1, 256, "server threads (and DB connections)"},
    {"session-idle-minutes", "PEERDESK_SESSION_IDLE_MINUTES", SET_INT, "30", 1, 30,
     "a session ends after this long without requests"},
    {"session-max-hours", "PEERDESK_SESSION_MAX_HOURS", SET_INT, "12", 1, 12,
     "a session ends this long after login, active or not"},
    {"secure-cookie", "PEERDESK_SECURE_COOKIE", SET_BOOL, "false", 0, 0,
     "behind TLS: __Host- cookie with Secure, and HSTS"},
    {"trusted-proxy", "PEERDESK_TRUSTED_PROXY", SET_NETS, NULL, 0, 0,
     "proxies (addresses, CIDR blocks, comma-separated) whose X-Forwarded-For is believed"},
    {"log-level", "PEERDESK_LOG_LEVEL", SET_STR, "info", 0, 0, "off, error, warn, info or debug"},
    {"migrate", "PEERDESK_MIGRATE", SET_STR, "after-backup", 0, 0,
     "an older database: after-backup (copy it, then migrate), yes (no copy) or no (refuse)"},
    {"backup-dir", "PEERDESK_BACKUP_DIR", SET_STR, NULL, 0, 0,
     "where the copy before a migration goes (default: beside the SQLite file)"},
    {"config", "PEERDESK_CONFIG", SET_STR, NULL, 0, 0,
     "settings file (default " DEFAULT_CONFIG " when it exists)"},
};
const size_t cli_setting_count = sizeof(cli_settings) / sizeof(cli_settings[0]);

struct value {
    char *name;
    char *val;
    int source; /* 1 file, 2 env, 3 flag */
};

static struct value values[MAX_VALUES];
static size_t nvalues;

static const struct setting *setting_find(const char *name, size_t n)
{
    for (size_t i = 0; i < cli_setting_count; i++)
        if (strlen(cli_settings[i].name) == n && memcmp(cli_settings[i].name, name, n) == 0)
            return &cli_settings[i];
    return NULL;
}

static void value_put(const char *name, const char *val, int source)
{
    for (size_t i = 0; i < nvalues; i++)
        if (strcmp(values[i].name, name) == 0) {
            if (values[i].source > source)
                return;
            free(values[i].val);
            values[i].val = xstrdup(val);
            values[i].source = source;
            return;
        }
    if (nvalues == MAX_VALUES)
        fatal("too many settings");
    values[nvalues++] = (struct value){xstrdup(name), xstrdup(val), source};
}

static const struct value *value_get(const char *name)
{
    for (size_t i = 0; i < nvalues; i++)
        if (strcmp(values[i].name, name) == 0)
            return &values[i];
    return NULL;
}

static int check_value(const char *cmd, const struct setting *s, const char *val)
{
    int64_t v;
    if (s->type == SET_INT && !str_to_i64(str_from(val), s->min, s->max, &v)) {
        fprintf(stderr, "peerdesk %s: %s: must be a whole number from %lld to %lld\n", cmd, s->name,
                (long long)s->min, (long long)s->max);
        return -1;
    }
    if (s->type == SET_BOOL && strcmp(val, "true") && strcmp(val, "false") && strcmp(val, "1") &&
        strcmp(val, "0") && strcmp(val, "yes") && strcmp(val, "no")) {
        fprintf(stderr, "peerdesk %s: %s: must be true or false\n", cmd, s->name);
        return -1;
    }
    struct proxy_list nets;
    struct pd_err e;
    err_clear(&e);
    if (s->type == SET_NETS && proxy_list_parse(&nets, val, &e) != PD_OK) {
        fprintf(stderr, "peerdesk %s: %s: %s\n", cmd, s->name, e.detail);
        return -1;
    }
    return 0;
}

static int load_file(const char *cmd, const char *path, bool must_exist)
{
    FILE *f = fopen(path, "r");
    char line[1024];
    int lineno = 0;

    if (!f) {
        if (!must_exist && errno == ENOENT)
            return 0;
        fprintf(stderr, "peerdesk %s: config %s: %s\n", cmd, path, strerror(errno));
        return -1;
    }
    while (fgets(line, sizeof(line), f)) {
        lineno++;
        struct str s = str_trim(str_from(line)), key;
        if (s.n == 0 || s.p[0] == '#')
            continue;
        if (!str_cut(&s, '=', &key)) {
            fprintf(stderr, "peerdesk %s: %s:%d: expected key = value\n", cmd, path, lineno);
            fclose(f);
            return -1;
        }
        key = str_trim(key);
        s = str_trim(s);
        const struct setting *st = setting_find(key.p, key.n);
        if (!st || strcmp(st->name, "config") == 0) {
            fprintf(stderr, "peerdesk %s: %s:%d: unknown setting '%.*s'\n", cmd, path, lineno,
                    (int)key.n, key.p);
            fclose(f);
            return -1;
        }
        char *val = xstrndup(s.p, s.n);
        int rc = check_value(cmd, st, val);
        if (rc != 0)
            fprintf(stderr, "peerdesk %s: (in %s:%d)\n", cmd, path, lineno);
        if (rc == 0)
            value_put(st->name, val, 1);
        free(val);
        if (rc != 0) {
            fclose(f);
            return -1;
        }
    }
    fclose(f);
    return 0;
}

static const char *extra_find(const char *const *extra, const char *name, size_t n,
                              bool *takes_value)
{
    for (size_t i = 0; extra && extra[i]; i++) {
        size_t len = strlen(extra[i]);
        bool val = len > 0 && extra[i][len - 1] == '=';
        if (val)
            len--;
        if (len == n && memcmp(extra[i], name, n) == 0) {
            *takes_value = val;
            return extra[i];
        }
    }
    return NULL;
}

int cli_parse(int argc, char **argv, const char *cmd, const char *const *extra)
{
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strncmp(a, "--", 2) != 0) {
            fprintf(stderr, "peerdesk %s: unexpected argument '%s' (see: peerdesk help %s)\n", cmd,
                    a, cmd);
            return -1;
        }
        a += 2;
        const char *eq = strchr(a, '=');
        size_t n = eq ? (size_t)(eq - a) : strlen(a);
        const char *val = eq ? eq + 1 : NULL;
        bool takes_value = false;
        const struct setting *st = setting_find(a, n);
        bool ex = !st && extra_find(extra, a, n, &takes_value);

        if (st)
            takes_value = st->type != SET_BOOL;
        if (!st && !ex) {
            fprintf(stderr, "peerdesk %s: unknown option --%.*s (see: peerdesk help %s)\n", cmd,
                    (int)n, a, cmd);
            return -1;
        }
        if (takes_value && !val) {
            if (i + 1 >= argc) {
                fprintf(stderr, "peerdesk %s: --%.*s needs a value\n", cmd, (int)n, a);
                return -1;
            }
            val = argv[++i];
        }
        if (!takes_value && !val)
            val = "true";
        if (st && check_value(cmd, st, val) != 0)
            return -1;
        char *name = xstrndup(a, n);
        value_put(name, val, 3);
        free(name);
    }
    for (size_t i = 0; i < cli_setting_count; i++) {
        const char *env = getenv(cli_settings[i].env);
        if (env && *env) {
            if (check_value(cmd, &cli_settings[i], env) != 0)
                return -1;
            value_put(cli_settings[i].name, env, 2);
        }
    }
    const struct value *cfg = value_get("config");
    if (load_file(cmd, cfg ? cfg->val : DEFAULT_CONFIG, cfg != NULL) != 0)
        return -1;
    enum log_level level;
    if (!log_level_parse(cli_get("log-level"), &level)) {
        fprintf(stderr, "peerdesk %s: log-level: must be off, error, warn, info or debug\n", cmd);
        return -1;
    }
    log_set_level(level);
    enum upgrade_mode mode;
    if (!upgrade_mode_parse(cli_get("migrate"), &mode)) {
        fprintf(stderr, "peerdesk %s: migrate: must be after-backup, yes or no\n", cmd);
        return -1;
    }
    return 0;
}

const char *cli_get(const char *name)
{
    const struct value *v = value_get(name);
    if (v)
        return v->val;
    const struct setting *s = setting_find(name, strlen(name));
    return s ? s->dflt : NULL;
}

int64_t cli_get_int(const char *name)
{
    int64_t v = 0;
    const char *s = cli_get(name);
    if (s)
        str_to_i64(str_from(s), INT64_MIN, INT64_MAX, &v);
    return v;
}

bool cli_get_bool(const char *name)
{
    const char *s = cli_get(name);
    return s && (!strcmp(s, "true") || !strcmp(s, "1") || !strcmp(s, "yes"));
}

int cli_get_int_checked(const char *name, int64_t min, int64_t max, int64_t *out)
{
    const char *s = cli_get(name);
    *out = 0;
    if (!s)
        return 0;
    if (!str_to_i64(str_from(s), min, max, out)) {
        fprintf(stderr, "peerdesk: --%s: must be a whole number from %lld\n", name, (long long)min);
        return -1;
    }
    return 0;
}

const char *cli_require(const char *name)
{
    const char *v = cli_get(name);
    if (!v || !*v) {
        fprintf(stderr, "peerdesk: missing --%s\n", name);
        return NULL;
    }
    return v;
}

struct app *cli_app(int connections)
{
    struct pd_err e;
    err_clear(&e);
    struct app_config cfg = {
        .db_target = cli_get("db"),
        .session_idle_s = (int)cli_get_int("session-idle-minutes") * 60,
        .session_absolute_s = (int)cli_get_int("session-max-hours") * 3600,
        .cookie_secure = cli_get_bool("secure-cookie"),
        .db_connections = connections,
        .trusted_proxies = cli_get("trusted-proxy"),
    };
    struct app *app = app_new(&cfg, &e);
    if (!app)
        cli_error("", &e);
    return app;
}

int cli_error(const char *cmd, const struct pd_err *e)
{
    fprintf(stderr, "peerdesk%s%s: %s%s%s\n", *cmd ? " " : "", cmd, e->field, *e->field ? ": " : "",
            *e->detail ? e->detail : err_title(e->code));
    return 1;
}

int cli_read_password(const char *cmd, char *out, size_t cap)
{
    bool tty = isatty(STDIN_FILENO);
    struct termios old, quiet;
    char again[LIMIT_PASSWORD_MAX_CHARS * 4 + 2];

    for (int round = 0; round < (tty ? 2 : 1); round++) {
        char *dst = round == 0 ? out : again;
        size_t dcap = round == 0 ? cap : sizeof(again);
        if (tty) {
            fprintf(stderr, round == 0 ? "Password: " : "Password again: ");
            tcgetattr(STDIN_FILENO, &old);
            quiet = old;
            quiet.c_lflag &= ~(tcflag_t)ECHO;
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        }
        char *got = fgets(dst, (int)dcap, stdin);
        if (tty) {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
            fprintf(stderr, "\n");
        }
        if (!got) {
            fprintf(stderr, "peerdesk %s: no password on standard input\n", cmd);
            return -1;
        }
        size_t n = strlen(dst);
        if (n > 0 && dst[n - 1] != '\n' && !feof(stdin)) {
            fprintf(stderr, "peerdesk %s: password: too long\n", cmd);
            return -1;
        }
        while (n > 0 && (dst[n - 1] == '\n' || dst[n - 1] == '\r'))
            dst[--n] = '\0';
    }
    if (tty && strcmp(out, again) != 0) {
        fprintf(stderr, "peerdesk %s: the passwords differ\n", cmd);
        return -1;
    }
    return 0;
}
