/*
 * store_sql_dialect.c: SQLite's dialect to PostgreSQL's (store/sql_dialect.h). Placeholders
 * are numbered as SQLite numbers them and never inside literals, quoted names or comments;
 * null-safe IS becomes IS [NOT] DISTINCT FROM; the migration DDL (types, STRICT, WITHOUT
 * ROWID, forward foreign keys, triggers, the fts5 table) becomes PostgreSQL's; what cannot
 * be translated is refused; and every embedded migration translates.
 */
#include <stdlib.h>
#include <string.h>

#include "store/sql_dialect.h"
#include "store/store.h"
#include "tap.h"

static char got[8192];
static int got_params;

/* Translate sql into got (or "<error>"). */
static const char *pg(const char *sql)
{
    struct pd_err e;
    err_clear(&e);
    got_params = -1;
    char *s = sql_dialect_pg(sql, &got_params, &e);
    snprintf(got, sizeof(got), "%s", s ? s : "<error>");
    if (!s && e.code != PD_EINTERNAL)
        snprintf(got, sizeof(got), "<error without PD_EINTERNAL>");
    free(s);
    return got;
}

static int has(const char *hay, const char *needle)
{
    return strstr(hay, needle) != NULL;
}

int main(void)
{
    subtest("placeholders")
    {
        is_str(pg("SELECT a FROM t WHERE id = ?"), "SELECT a FROM t WHERE id = $1", "one ?");
        is_int(got_params, 1, "one parameter");
        is_str(pg("INSERT INTO t (a, b, c) VALUES (?, ?, ?)"),
               "INSERT INTO t (a, b, c) VALUES ($1, $2, $3)", "bare ? count up");
        is_int(got_params, 3, "three parameters");
        is_str(pg("SELECT 1 WHERE a = ?2 AND b = ?1 AND c = ?2"),
               "SELECT 1 WHERE a = $2 AND b = $1 AND c = $2", "?N keep their number and repeat");
        is_int(got_params, 2, "repeats count once");
        is_str(pg("SELECT ?3, ?"), "SELECT $3, $4", "a bare ? after ?3 is 4, as in SQLite");
        is_str(pg("SELECT 1 WHERE a = ?10"), "SELECT 1 WHERE a = $10", "two-digit numbers");
        is_int(got_params, 10, "the highest number counts");
        is_str(pg("SELECT a FROM t WHERE b > ? LIMIT ?"),
               "SELECT a FROM t WHERE b > $1 LIMIT CASE WHEN $2 >= 0 THEN $2 END",
               "LIMIT ?: negative means no limit, as in SQLite");
        is_int(got_params, 2, "LIMIT ? is one parameter");
        is_str(pg("SELECT a FROM t LIMIT ?3"),
               "SELECT a FROM t LIMIT CASE WHEN $3 >= 0 THEN $3 END", "LIMIT ?N");
        is_str(pg("SELECT a FROM t LIMIT 5"), "SELECT a FROM t LIMIT 5", "a fixed LIMIT stays");
        is_str(pg("SELECT 1"), "SELECT 1", "no placeholders");
        is_int(got_params, 0, "zero parameters");
    }
    subtest("literals, quoted names and comments stay as they are")
    {
        is_str(pg("SELECT '?', ?"), "SELECT '?', $1", "? in a literal");
        is_str(pg("SELECT 'it''s ?', ?"), "SELECT 'it''s ?', $1", "doubled quote in a literal");
        is_str(pg("SELECT 'a -- b', ?"), "SELECT 'a -- b', $1", "-- in a literal");
        is_str(pg("SELECT 'a /* b', ?"), "SELECT 'a /* b', $1", "/* in a literal");
        is_str(pg("SELECT ? -- why?\n, ?"), "SELECT $1 -- why?\n, $2", "? in a line comment");
        is_str(pg("SELECT /* ? 'x */ ?"), "SELECT /* ? 'x */ $1", "? and ' in a block comment");
        is_str(pg("SELECT \"a?b\" FROM t WHERE x = ?"), "SELECT \"a?b\" FROM t WHERE x = $1",
               "? in a quoted name");
        is_str(pg("SELECT 'INTEGER IS BLOB'"), "SELECT 'INTEGER IS BLOB'", "keywords in a literal");
        is_str(pg("SELECT integer_count, blobs FROM t"), "SELECT integer_count, blobs FROM t",
               "words that only start like a type");
        is_str(pg("SELECT 'x' || ?"), "SELECT 'x' || $1", "|| is not touched");
    }
    subtest("null-safe comparison")
    {
        is_str(pg("SELECT 1 WHERE a IS ?"), "SELECT 1 WHERE a IS NOT DISTINCT FROM $1", "IS ?");
        is_str(pg("SELECT 1 WHERE a IS NOT ?"), "SELECT 1 WHERE a IS DISTINCT FROM $1", "IS NOT ?");
        is_str(pg("SELECT 1 WHERE a IS NOT (SELECT b FROM c)"),
               "SELECT 1 WHERE a IS DISTINCT FROM (SELECT b FROM c)", "IS NOT (subquery)");
        is_str(pg("SELECT 1 WHERE ?1 IS NULL OR a = ?1"), "SELECT 1 WHERE $1 IS NULL OR a = $1",
               "IS NULL stays");
        is_str(pg("SELECT 1 WHERE a IS NOT NULL"), "SELECT 1 WHERE a IS NOT NULL",
               "IS NOT NULL stays");
        is_str(pg("SELECT 1 WHERE a is true"), "SELECT 1 WHERE a is true", "IS TRUE stays");
        is_str(pg("SELECT 1 WHERE a IS DISTINCT FROM b"), "SELECT 1 WHERE a IS DISTINCT FROM b",
               "already PostgreSQL");
    }
    subtest("subqueries in FROM get an alias")
    {
        is_str(pg("SELECT group_concat(name) FROM (SELECT name FROM t ORDER BY name)"),
               "SELECT group_concat(name) FROM (SELECT name FROM t ORDER BY name) AS pd_sub1",
               "at the end");
        is_str(pg("SELECT x FROM (SELECT a AS x FROM t) WHERE x > ?"),
               "SELECT x FROM (SELECT a AS x FROM t) AS pd_sub1 WHERE x > $1", "before WHERE");
        is_str(pg("SELECT (SELECT 1 FROM (SELECT 1)), 2 FROM t JOIN (SELECT 1 AS y) ON y = 1"),
               "SELECT (SELECT 1 FROM (SELECT 1) AS pd_sub1), 2 FROM t JOIN (SELECT 1 AS y) AS "
               "pd_sub2 ON y = 1",
               "nested, and after JOIN");
        is_str(pg("SELECT x FROM (SELECT 1 AS x) s"), "SELECT x FROM (SELECT 1 AS x) s",
               "a bare alias is kept");
        is_str(pg("SELECT x FROM (SELECT 1 AS x) AS s"), "SELECT x FROM (SELECT 1 AS x) AS s",
               "AS alias is kept");
        is_str(pg("SELECT x FROM t WHERE a IN (SELECT b FROM u)"),
               "SELECT x FROM t WHERE a IN (SELECT b FROM u)", "IN (subquery) is left alone");
        is_str(pg("SELECT count(*) FROM (VALUES (1), (2))"),
               "SELECT count(*) FROM (VALUES (1), (2)) AS pd_sub1", "VALUES");
    }
    subtest("types")
    {
        is_str(pg("SELECT CAST(? AS INTEGER)"), "SELECT CAST($1 AS BIGINT)", "INTEGER");
        is_str(pg("SELECT CAST(a AS REAL) FROM t"), "SELECT CAST(a AS DOUBLE PRECISION) FROM t",
               "REAL");
        is_str(pg("CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB, s TEXT NOT NULL) STRICT;"),
               "CREATE TABLE t (id BIGINT PRIMARY KEY, b BYTEA, s TEXT NOT NULL);",
               "column types, STRICT dropped");
        is_str(pg("create table t (a text, primary key (a)) strict, without rowid;"),
               "create table t (a text, primary key (a));", "WITHOUT ROWID dropped, any case");
        is_str(pg("CREATE TABLE t (a TEXT CHECK (a IN ('x', 'y')), b INTEGER DEFAULT 1)\n) ;"),
               "<error>", "unbalanced parentheses are refused");
        is_str(pg("CREATE TABLE t (a TEXT) WITH (fillfactor = 70);"), "<error>",
               "unknown table options are refused");
    }
    subtest("migration scripts")
    {
        is_str(pg("PRAGMA foreign_keys = ON;\nCREATE INDEX i ON t (a);"),
               "\nCREATE INDEX i ON t (a);", "PRAGMA dropped");
        is_str(pg("-- head\nCREATE TABLE a (\n    x TEXT NOT NULL REFERENCES b (id) ON DELETE "
                  "CASCADE,\n"
                  "    y TEXT\n) STRICT;\n"),
               "-- head\nCREATE TABLE a (\n    x TEXT NOT NULL,\n    y TEXT\n);\n\n"
               "ALTER TABLE a ADD FOREIGN KEY (x) REFERENCES b (id) ON DELETE CASCADE;\n",
               "a column's REFERENCES moves to the end of the script");
        is_str(pg("CREATE TABLE a (x TEXT REFERENCES b (id) ON DELETE SET NULL, y TEXT "
                  "REFERENCES c, z INTEGER);"),
               "CREATE TABLE a (x TEXT, y TEXT, z BIGINT);\n"
               "ALTER TABLE a ADD FOREIGN KEY (x) REFERENCES b (id) ON DELETE SET NULL;\n"
               "ALTER TABLE a ADD FOREIGN KEY (y) REFERENCES c;\n",
               "SET NULL and a reference without columns");
        is_str(pg("CREATE TABLE a (x TEXT, n INTEGER, FOREIGN KEY (x, n) REFERENCES b (x, n) ON "
                  "DELETE CASCADE);"),
               "CREATE TABLE a (x TEXT, n BIGINT, FOREIGN KEY (x, n) REFERENCES b (x, n) ON "
               "DELETE CASCADE);",
               "a table constraint stays where it is");
        is_str(pg("CREATE TABLE a (x TEXT CHECK (x <> 'REFERENCES b'));"),
               "CREATE TABLE a (x TEXT CHECK (x <> 'REFERENCES b'));", "REFERENCES in a literal");
        is_str(pg("ALTER TABLE w ADD COLUMN lang TEXT NOT NULL DEFAULT 'nl';"),
               "ALTER TABLE w ADD COLUMN lang TEXT NOT NULL DEFAULT 'nl';", "ALTER TABLE as is");
    }
    subtest("triggers")
    {
        pg("CREATE TRIGGER t_no_update BEFORE UPDATE ON t\nBEGIN\n"
           "    SELECT RAISE(ABORT, 't is append-only');\nEND;");
        ok(has(got, "CREATE FUNCTION t_no_update_fn() RETURNS trigger LANGUAGE plpgsql"),
           "a function per trigger");
        ok(has(got, "RAISE EXCEPTION USING MESSAGE = 't is append-only';"), "raises the message");
        ok(has(got, "RETURN NEW;"), "an update trigger returns NEW");
        ok(has(got, "CREATE TRIGGER t_no_update BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION "
                    "t_no_update_fn();"),
           "a row trigger");
        ok(!has(got, "TRUNCATE"), "no truncate trigger for UPDATE");
        ok(!has(got, "SELECT RAISE"), "nothing of SQLite's body left");

        pg("CREATE TRIGGER t_no_delete BEFORE DELETE ON t BEGIN SELECT RAISE(ABORT, 'no'); END;");
        ok(has(got, "RETURN OLD;"), "a delete trigger returns OLD");
        ok(has(got, "CREATE TRIGGER t_no_delete_truncate BEFORE TRUNCATE ON t FOR EACH STATEMENT "
                    "EXECUTE FUNCTION t_no_delete_fn();"),
           "TRUNCATE is refused too");

        pg("CREATE TRIGGER t_next BEFORE INSERT ON t\nWHEN NEW.seq IS NOT (SELECT seq + 1 FROM h "
           "WHERE id = 1)\nBEGIN\n    SELECT RAISE(ABORT, 'after the head');\nEND;\nSELECT 1;");
        ok(has(got, "IF NEW.seq IS DISTINCT FROM (SELECT seq + 1 FROM h WHERE id = 1)\nTHEN"),
           "WHEN becomes IF, with IS NOT translated");
        ok(has(got, "END IF;"), "the IF is closed");
        ok(has(got, "FOR EACH ROW EXECUTE FUNCTION t_next_fn();\nSELECT 1;"),
           "the script goes on after the trigger");

        is_str(pg("CREATE TRIGGER x AFTER INSERT ON t BEGIN UPDATE c SET n = n + 1; END;"),
               "CREATE FUNCTION x_fn() RETURNS trigger LANGUAGE plpgsql AS $pd$\nBEGIN\n"
               "    UPDATE c SET n = n + 1;\n    RETURN NEW;\nEND\n$pd$;\n"
               "CREATE TRIGGER x AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION x_fn();",
               "an UPDATE body runs in the function");
        pg("CREATE TRIGGER d_dir AFTER DELETE ON t\nWHEN OLD.role IN ('a', 'b')\nBEGIN\n"
           "    UPDATE org SET v = v + 1\n    WHERE id = OLD.org_id;\nEND;\nSELECT 2;");
        ok(has(got, "IF OLD.role IN ('a', 'b')\nTHEN\n        UPDATE org SET v = v + 1\n"
                    "    WHERE id = OLD.org_id;\n    END IF;\n    RETURN OLD;"),
           "with its WHEN as IF; a delete trigger returns OLD");
        ok(has(got, "CREATE TRIGGER d_dir AFTER DELETE ON t FOR EACH ROW"), "a row trigger");
        ok(!has(got, "TRUNCATE"), "an UPDATE body gets no truncate trigger");
        ok(has(got, "d_dir_fn();\nSELECT 2;"), "the script goes on after the trigger");
        pg("CREATE TRIGGER s_dir AFTER UPDATE OF status, name ON d WHEN OLD.status IS NOT "
           "NEW.status BEGIN UPDATE org SET v = v + 1 WHERE id = NEW.org_id; END;");
        ok(has(got, "CREATE TRIGGER s_dir AFTER UPDATE OF status, name ON d FOR EACH ROW "
                    "EXECUTE FUNCTION s_dir_fn()"),
           "UPDATE OF a column list stays");
        ok(has(got, "IF OLD.status IS DISTINCT FROM NEW.status THEN"), "IS NOT in the WHEN");
        ok(has(got, "RETURN NEW;"), "an update trigger returns NEW");
        pg("CREATE TRIGGER k AFTER UPDATE ON t BEGIN UPDATE c SET n = CASE WHEN NEW.a THEN 1 "
           "ELSE 0 END WHERE id = NEW.id; END; SELECT 3;");
        ok(has(got, "UPDATE c SET n = CASE WHEN NEW.a THEN 1 ELSE 0 END WHERE id = NEW.id;\n"),
           "an END inside the body does not end the trigger");
        ok(has(got, "k_fn();\n SELECT 3;") || has(got, "k_fn(); SELECT 3;"),
           "the statement after it is its own");
        is_str(pg("CREATE TRIGGER x AFTER INSERT ON t BEGIN DELETE FROM c; END;"), "<error>",
               "a DELETE body is refused");
        is_str(pg("CREATE TRIGGER x AFTER INSERT ON t BEGIN UPDATE c SET n = 1; UPDATE c SET "
                  "n = 2; END;"),
               "<error>", "two statements are refused");
        is_str(pg("CREATE TRIGGER x AFTER INSERT ON t BEGIN UPDATE c SET n = ?; END;"), "<error>",
               "a placeholder in the body is refused");
        is_str(pg("CREATE TRIGGER x AFTER UPDATE OF ON t BEGIN UPDATE c SET n = 1; END;"),
               "<error>", "UPDATE OF without a column is refused");
        is_str(pg("CREATE TRIGGER x AFTER INSERT ON t BEGIN SELECT RAISE(IGNORE); END;"), "<error>",
               "another RAISE is refused");
        is_str(pg("CREATE TRIGGER x INSTEAD OF INSERT ON v BEGIN SELECT RAISE(ABORT, 'n'); END;"),
               "<error>", "INSTEAD OF is refused");
    }
    subtest("full-text search")
    {
        is_str(pg("CREATE VIRTUAL TABLE note_fts USING fts5 (\n    body, content = 'note', "
                  "content_rowid = 'rowid',\n    tokenize = 'unicode61 remove_diacritics 2'\n);"),
               "CREATE INDEX note_fts ON note USING GIN (to_tsvector('dutch', body));",
               "fts5 over a content table becomes a GIN expression index");
        is_str(pg("CREATE VIRTUAL TABLE f USING fts5 (body);"), "<error>",
               "without content it is refused");
        is_str(pg("CREATE VIRTUAL TABLE f USING fts5 (a, b, content = 'note');"), "<error>",
               "two columns are refused");
        is_str(pg("CREATE VIRTUAL TABLE f USING rtree (a, b);"), "<error>",
               "other modules are refused");
    }
    subtest("bad input")
    {
        is_str(pg("SELECT 'open"), "<error>", "unterminated literal");
        is_str(pg("SELECT \"open"), "<error>", "unterminated quoted name");
        is_str(pg("SELECT 1 /* open"), "<error>", "unterminated comment");
        is_str(pg("SELECT ?0"), "<error>", "?0 is no placeholder");
        is_str(pg("SELECT ?99999"), "<error>", "placeholder number out of range");
        is_str(pg(""), "", "empty");
    }
    subtest("every migration translates")
    {
        int skipped = 0;
        for (int i = 0; i < store_migration_count; i++) {
            if (store_migration_sqlite_only(&store_migrations[i])) {
                skipped++; /* not run on PostgreSQL (migrate.c) */
                continue;
            }
            const char *out = pg(store_migrations[i].sql);
            ok(strcmp(out, "<error>") != 0, "migration %d translates", i + 1);
            ok(!has(out, ") STRICT") && !has(out, "WITHOUT ROWID") && !has(out, " BLOB") &&
                   !has(out, "VIRTUAL TABLE") && !has(out, "RAISE(ABORT"),
               "migration %d has nothing of SQLite's DDL left", i + 1);
        }
        ok(skipped == 1 && store_migration_sqlite_only(&store_migrations[14]),
           "only 0015 (the FTS5 note index) is SQLite's alone");
    }
    return done_testing();
}
