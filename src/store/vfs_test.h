/*
 * vfs_test.h: a test-only SQLite VFS (vfs_test.c) for the crash harness and the
 * storage-error tests (docs/testing.md "Crash harness"; make crashtest).
 *
 * It wraps SQLite's default VFS and touches only the main database and WAL files:
 *
 *   volatile  The OS page cache made volatile: writes are held in process memory (reads
 *             see them) and reach the real file only at xSync (or at the last close: a
 *             process that exits normally leaves its writes to the OS). kill -9 then loses
 *             exactly what a power cut would lose.
 *   faults    A control file: when it says "fsync" (or "write"), the next xSync (xWrite)
 *             of a database or WAL file fails with SQLITE_IOERR_FSYNC (SQLITE_IOERR_WRITE)
 *             and the file is rewritten to "fired fsync" ("fired write"): one fault per
 *             arming. Any other content arms nothing.
 *
 * Only debug builds (PD_DEBUG) read the environment that turns it on; a release build has
 * no way to register it (tests/security/hardening.t checks that its variables are not in
 * the release binary). Registered as SQLite's default VFS once per process, before the
 * first connection (db_sqlite_init). Thread-safe: the buffered writes of a file are shared
 * by all its handles in the process, behind one mutex per file.
 */
#ifndef PD_VFS_TEST_H
#define PD_VFS_TEST_H

#include <stdbool.h>

/* Register the VFS as the default one. faults_path NULL: no fault injection. Returns an
 * SQLite result code. Call once, before any connection is opened. */
int vfs_test_register(bool volatile_cache, const char *faults_path);

#endif
