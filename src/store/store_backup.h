/*
 * store_backup.h: whole-file operations on a SQLite database for `peerdesk backup` and
 * `peerdesk restore` (app/backup.c, docs/backup.md). They open their own connections:
 * a copy is not a request and runs beside whoever else has the file open.
 */
#ifndef PD_STORE_BACKUP_H
#define PD_STORE_BACKUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../lib/err.h"

/* Called after each step of a copy: pages copied so far, pages in all. */
typedef void (*store_copy_progress_fn)(void *ctx, int64_t done, int64_t total);

/*
 * Copy the database `src` into the file `dst` (existing and empty, or absent) with
 * SQLite's online backup API, `step_pages` pages per step, all steps inside one read
 * transaction on src: the copy is the snapshot of the moment the copy began, and writers
 * on src (a running server, in WAL mode) neither wait for it nor make it start over.
 * dst is fsynced before this returns.
 */
int store_sqlite_copy(const char *src, const char *dst, int step_pages,
                      store_copy_progress_fn progress, void *ctx, struct pd_err *e);

/* fsync a file or a directory by path; PD_EDB naming "out" on failure. */
int store_fsync_path(const char *path, struct pd_err *e);

/*
 * Check that `path` looks like a whole SQLite file: the magic string, a valid page size,
 * and (when the header's page count is valid) a file size of exactly that many pages.
 * A truncated or foreign file fails with a detail that says so (field "from").
 */
int store_sqlite_header_check(const char *path, struct pd_err *e);

/* PRAGMA integrity_check (quick_check when `quick`) on `path`. PD_OK when it says "ok";
 * otherwise PD_EINVAL naming `what` with SQLite's first complaints (field "integrity"). */
int store_sqlite_integrity(const char *path, const char *what, bool quick, struct pd_err *e);

/* The pid of another process holding `path` open in WAL mode (it holds a shared lock on
 * the -shm file as long as it has the database open), or 0 when there is none. */
long store_sqlite_user_pid(const char *path);

#endif
