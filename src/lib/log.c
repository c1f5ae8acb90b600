/*
 * log.c: one logfmt line per event on stderr, written with a single write() so lines
 * from different threads never interleave. The message is escaped: a value containing a
 * newline or a quote cannot start a forged line or field.
 */
#include "log.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ptime.h"

static _Atomic int current_level = -1; /* -1: not yet read from the environment */

bool log_level_parse(const char *name, enum log_level *level)
{
    static const struct {
        const char *name;
        enum log_level level;
    } names[] = {{"off", LOG_OFF},
                 {"error", LOG_ERROR},
                 {"warn", LOG_WARN},
                 {"info", LOG_INFO},
                 {"debug", LOG_DEBUG}};
    for (size_t i = 0; name && i < sizeof(names) / sizeof(names[0]); i++)
        if (strcmp(name, names[i].name) == 0) {
            *level = names[i].level;
            return true;
        }
    return false;
}

static int level_now(void)
{
    int l = atomic_load(&current_level);
    if (l < 0) {
        enum log_level from_env = LOG_INFO;
        log_level_parse(getenv("PEERDESK_LOG_LEVEL"), &from_env);
        int expected = -1;
        atomic_compare_exchange_strong(&current_level, &expected, (int)from_env);
        l = atomic_load(&current_level);
    }
    return l;
}

void log_set_level(enum log_level level)
{
    atomic_store(&current_level, (int)level);
}

enum log_level log_get_level(void)
{
    return (enum log_level)level_now();
}

static const char *level_name(enum log_level l)
{
    switch (l) {
    case LOG_ERROR:
        return "error";
    case LOG_WARN:
        return "warn";
    case LOG_INFO:
        return "info";
    default:
        return "debug";
    }
}

/* Append s to line at *o, escaped so that no value can end the field or the line. */
static void put_escaped(char *line, size_t cap, size_t *o, const char *s)
{
    for (const char *p = s; *p && *o < cap - 8; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '"' || c == '\\') {
            line[(*o)++] = '\\';
            line[(*o)++] = (char)c;
        } else if (c < 0x20 || c == 0x7f) {
            *o += (size_t)snprintf(line + *o, 6, "\\x%02x", c);
        } else {
            line[(*o)++] = (char)c;
        }
    }
}

static void vlog(enum log_level level, const char *trace, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

static void vlog(enum log_level level, const char *trace, const char *fmt, va_list ap)
{
    char msg[1024], line[2304], ts[PTIME_ISO_BYTES], tr[40];
    size_t o = 0;

    vsnprintf(msg, sizeof(msg), fmt, ap);
    ptime_fmt_iso(ptime_now_ms(), ts);
    /* a trace id is a UUID; anything else is not trusted into the line */
    size_t tn = trace ? strspn(trace, "0123456789abcdef-") : 0;
    snprintf(tr, sizeof(tr), "%s", tn > 0 && tn <= 36 && trace[tn] == '\0' ? trace : "-");
    int n = snprintf(line, sizeof(line), "<%d>ts=%s level=%s trace=%s msg=\"", (int)level, ts,
                     level_name(level), tr);
    o = n > 0 && (size_t)n < sizeof(line) ? (size_t)n : 0;
    put_escaped(line, sizeof(line), &o, msg);
    line[o++] = '"';
    line[o++] = '\n';
    ssize_t w = write(STDERR_FILENO, line, o);
    (void)w;
}

void log_msg(enum log_level level, const char *trace, const char *fmt, ...)
{
    /* LOG_OFF is a setting, not a severity: nothing is logged "at" it */
    if (level == LOG_OFF || (int)level > level_now())
        return;
    va_list ap;
    va_start(ap, fmt);
    vlog(level, trace, fmt, ap);
    va_end(ap);
}

_Noreturn void fatal(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vlog(LOG_ERROR, NULL, fmt, ap);
    va_end(ap);
    abort();
}
