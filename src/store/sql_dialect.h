/*
 * sql_dialect.h: the one place where SQLite's dialect becomes PostgreSQL's.
 *
 * store/ writes SQL once, in SQLite's dialect with `?` placeholders (db.h). The
 * PostgreSQL backend (db_pg.c) passes every statement and every migration script through
 * sql_dialect_pg() before it reaches the server. The rewriter works on tokens, so string
 * literals, quoted names and comments are never changed (a `?` or `--` inside a literal
 * stays as it is). What it rewrites, everywhere:
 *   - `?` and `?NNN` placeholders become `$N` (SQLite's numbering: a bare `?` takes one
 *     more than the highest number so far; `?1` may repeat);
 *   - `x IS y` / `x IS NOT y` (SQLite's null-safe comparison, y not NULL/TRUE/FALSE)
 *     become IS NOT DISTINCT FROM / IS DISTINCT FROM;
 *   - the type names INTEGER -> BIGINT, BLOB -> BYTEA, REAL -> DOUBLE PRECISION;
 *   - `LIMIT ?` becomes LIMIT CASE WHEN $n >= 0 THEN $n END (negative: no limit, as in
 *     SQLite; PostgreSQL refuses a negative limit and reads NULL as none);
 *   - a subquery in FROM or JOIN without an alias gets one (AS pd_subN; PostgreSQL 15
 *     requires it);
 * and in migration scripts:
 *   - PRAGMA statements are dropped; CREATE TABLE loses STRICT and WITHOUT ROWID;
 *   - a column's REFERENCES clause moves to an ALTER TABLE ... ADD FOREIGN KEY at the end
 *     of the script (SQLite accepts a reference to a table created later in the same
 *     migration, PostgreSQL does not);
 *   - CREATE TRIGGER ... [WHEN cond] BEGIN SELECT RAISE(ABORT, 'msg'); END becomes a
 *     PL/pgSQL function raising 'msg' (under the same condition) and a row trigger; a
 *     BEFORE DELETE trigger without a condition also gets a BEFORE TRUNCATE trigger, since
 *     TRUNCATE fires no row triggers (this is what keeps audit_log append-only);
 *   - CREATE TRIGGER ... [WHEN cond] BEGIN UPDATE ...; END (one UPDATE, no placeholders)
 *     becomes a PL/pgSQL function running that UPDATE (under the same condition; NEW.x and
 *     OLD.x mean the same there) and a row trigger; the event may be UPDATE OF col, ...;
 *   - CREATE VIRTUAL TABLE x USING fts5 (col, content = 'tbl', ...) becomes a GIN
 *     expression index x on tbl (to_tsvector('dutch', col)) (SQL_PG_FTS_CONFIG).
 * Anything it cannot translate (another trigger body, an fts5 table without content) is
 * an error, never a silent pass-through.
 */
#ifndef PD_SQL_DIALECT_H
#define PD_SQL_DIALECT_H

#include "../lib/err.h"

/* The text search configuration of the note index; a search must use the same one to
 * use the index: to_tsvector('dutch', body) @@ to_tsquery('dutch', ...). */
#define SQL_PG_FTS_CONFIG "dutch"

/* Translate sql (one statement or a script) to PostgreSQL. Returns a malloc'd string the
 * caller frees, and the highest parameter number in *nparams; NULL with e set (PD_EINTERNAL)
 * when the SQL cannot be translated. */
char *sql_dialect_pg(const char *sql, int *nparams, struct pd_err *e);

#endif
