/*
 * log.h: structured logging to stderr in logfmt with a syslog priority prefix, so that
 * journald assigns levels:  <6>ts=2026-...Z level=info trace=0193... msg="listening"
 *
 * The level starts from $PEERDESK_LOG_LEVEL (default info); the CLI's log-level setting
 * overrides it. Never log client data, note text, passwords or tokens: messages name ids and
 * events. Values are escaped so no input can forge a log line. Thread-safe (one write per line).
 */
#ifndef PD_LOG_H
#define PD_LOG_H

#include <stdbool.h>

enum log_level { LOG_OFF = 0, LOG_ERROR = 3, LOG_WARN = 4, LOG_INFO = 6, LOG_DEBUG = 7 };

/* "off", "error", "warn", "info", "debug" to a level; false when the name is unknown. */
bool log_level_parse(const char *name, enum log_level *level);

void log_set_level(enum log_level level);
enum log_level log_get_level(void);
/* trace may be NULL. fmt is a plain message; key=value pairs go in kv (may be NULL). */
void log_msg(enum log_level level, const char *trace, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define log_error(...) log_msg(LOG_ERROR, NULL, __VA_ARGS__)
#define log_warn(...)  log_msg(LOG_WARN, NULL, __VA_ARGS__)
#define log_info(...)  log_msg(LOG_INFO, NULL, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_DEBUG, NULL, __VA_ARGS__)

/* Print "fatal: ..." and abort. For programmer errors and impossible states only. */
_Noreturn void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
