/*
 * store_audit.c: the audit log's hash chain. Appends 20 entries, proves the chain
 * verifies, that the append-only triggers refuse UPDATE and DELETE, and then tampers
 * with copies of the database file the way an attacker with file access would (after
 * dropping the triggers through a raw SQLite handle): change an entry, delete one,
 * insert a forged one, swap two, delete the newest. Each must be reported at the right
 * seq. Copies are made after closing, when the WAL has been checkpointed into the file.
 */
#include <ftw.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "tap.h"

static char dir[] = "/tmp/pd-store-audit-XXXXXX";
static char path[256];

static int rm_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(p);
}

struct seen {
    int n;
    int64_t first, last;
    int stop_at;
};

static int collect(const struct audit_entry *en, void *p)
{
    struct seen *c = p;
    if (c->n == 0)
        c->first = en->seq;
    c->last = en->seq;
    c->n++;
    return c->stop_at && c->n == c->stop_at ? 42 : 0;
}

/* Keep a full copy of one entry (its strings live only during the callback). */
struct grab {
    int64_t seq;
    struct audit_entry en;
    char text[12][128];
};

static int grab_one(const struct audit_entry *en, void *p)
{
    struct grab *g = p;
    const char **fields[] = {&g->en.event,         &g->en.outcome,     &g->en.org_id,
                             &g->en.actor_user_id, &g->en.actor_role,  &g->en.on_behalf_user_id,
                             &g->en.client_id,     &g->en.record_type, &g->en.record_id,
                             &g->en.access_basis,  &g->en.client_ip,   &g->en.trace_id};
    if (en->seq != g->seq)
        return 0;
    g->en = *en;
    for (size_t i = 0; i < 12; i++) {
        if (!*fields[i])
            continue;
        snprintf(g->text[i], sizeof(g->text[i]), "%s", *fields[i]);
        *fields[i] = g->text[i];
    }
    return 1;
}

static struct db *open_db(const char *p)
{
    struct pd_err e;
    err_clear(&e);
    struct db *db = db_open(p, &e);
    if (!db)
        printf("# db_open %s: %s\n", p, e.detail);
    return db;
}

static int append(struct db *db, int i)
{
    struct pd_err e;
    char rid[32], trace[32];
    snprintf(rid, sizeof(rid), "record-%d", i);
    snprintf(trace, sizeof(trace), "trace-%d", i);
    struct audit_entry en = {
        .event = i % 2 ? "client.read" : "session.create",
        .action = i % 2 ? 'R' : 'C',
        .outcome = i % 5 == 0 ? "denied" : "success",
        .org_id = i % 3 ? "0193a0a0-0000-7000-8000-000000000001" : NULL,
        .actor_user_id = i % 4 ? "0193a0a0-0000-7000-8000-000000000002" : NULL,
        .actor_role = i % 4 ? "expert" : NULL,
        .on_behalf_user_id = i % 2 ? "0193a0a0-0000-7000-8000-000000000003" : NULL,
        .client_id = i % 2 ? "0193a0a0-0000-7000-8000-000000000004" : NULL,
        .record_type = i % 2 ? "client" : "session",
        .record_id = rid,
        .access_basis = i % 2 ? "assignment" : "self",
        .client_ip = "192.0.2.7",
        .trace_id = trace,
    };
    err_clear(&e);
    if (db_begin(db, DB_TXN_WRITE, &e) != PD_OK)
        return e.code;
    int rc = store_audit_append(db, &en, &e);
    if (rc == PD_OK)
        rc = db_commit(db, &e);
    if (rc != PD_OK)
        db_rollback(db);
    return rc;
}

static int verify(const char *p, struct audit_verify_result *r)
{
    struct pd_err e;
    struct db *db = open_db(p);
    if (!db)
        return PD_EDB;
    err_clear(&e);
    int rc = db_begin(db, DB_TXN_READ, &e);
    if (rc == PD_OK)
        rc = store_audit_verify(db, r, &e);
    db_rollback(db);
    db_close(db);
    return rc;
}

/* Copy the closed database to NAME in the temp dir and return its path. */
static const char *copy_db(const char *name)
{
    static char out[300];
    snprintf(out, sizeof(out), "%s/%s", dir, name);
    FILE *in = fopen(path, "rb"), *o = fopen(out, "wb");
    char b[8192];
    size_t n;
    while (in && o && (n = fread(b, 1, sizeof(b), in)) > 0)
        fwrite(b, 1, n, o);
    if (in)
        fclose(in);
    if (o)
        fclose(o);
    return out;
}

/* Open a copy raw, drop every trigger (what an attacker with the file can do), run sql. */
static int tamper(const char *p, const char *sql)
{
    sqlite3 *h;
    char *msg = NULL;
    int rc = sqlite3_open(p, &h);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(h,
                          "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"
                          "DROP TRIGGER audit_log_next; DROP TRIGGER audit_head_no_delete;"
                          "DROP TRIGGER audit_head_forward;",
                          NULL, NULL, &msg);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(h, sql, NULL, NULL, &msg);
    if (!ok(rc == SQLITE_OK, "tampering applied to %s", strrchr(p, '/') + 1))
        printf("# tamper: %s\n", msg ? msg : sqlite3_errmsg(h));
    sqlite3_free(msg);
    sqlite3_close(h);
    return rc;
}

/* Read one stored column of entry seq from a copy (raw). */
static void raw_text(const char *p, const char *sql, char *out, size_t size)
{
    sqlite3 *h;
    sqlite3_stmt *st;
    out[0] = '\0';
    sqlite3_open(p, &h);
    if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(h);
}

static bool starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void expect_bad(const char *name, const char *p, int64_t seq, const char *reason)
{
    struct audit_verify_result r;
    int rc = verify(p, &r);
    is_int(rc, PD_OK, "%s: verify runs", name);
    is_int(r.bad_seq, seq, "%s: first bad entry is %lld", name, (long long)seq);
    ok(starts(r.reason, reason), "%s: reason '%s' starts with '%s'", name, r.reason, reason);
    if (seq != 20)
        ok(r.bad_id[0] != '\0', "%s: the bad entry's id is named (%s)", name, r.bad_id);
}

int main(void)
{
    struct pd_err e;
    struct audit_verify_result r;

    if (sodium_init() < 0 || !mkdtemp(dir))
        return 1;
    snprintf(path, sizeof(path), "%s/audit.db", dir);

    struct db *db = open_db(path);
    err_clear(&e);
    is_int(store_migrate(db, store_migration_count, &e), PD_OK, "migrate");

    subtest("append")
    {
        int fails = 0;
        for (int i = 1; i <= 20; i++)
            fails += append(db, i) != PD_OK;
        is_int(fails, 0, "20 entries appended");
        int64_t n = 0;
        err_clear(&e);
        is_int(store_audit_count(db, &n, &e), PD_OK, "count");
        is_int(n, 20, "20 entries stored");
    }

    subtest("entry fields")
    {
        struct audit_entry en = {.event = "client.read",
                                 .action = 'R',
                                 .outcome = "success",
                                 .record_type = "client",
                                 .access_basis = "assignment",
                                 .client_ip = "192.0.2.1",
                                 .trace_id = "t-x"};
        err_clear(&e);
        db_begin(db, DB_TXN_WRITE, &e);
        is_int(store_audit_append(db, &en, &e), PD_OK, "append fills the store's fields");
        db_rollback(db);
        is_int(en.seq, 21, "seq follows the head");
        ok(strlen(en.id) == 36 && en.id[14] == '7', "id is a UUIDv7 (%s)", en.id);
        ok(strlen(en.at) == 24 && en.at[23] == 'Z', "at is ISO 8601 UTC with ms (%s)", en.at);
        is_int((long long)strlen(en.hash), 64, "hash is 64 hex digits");
        char again[AUDIT_HASH_HEX];
        store_audit_hash(&en, again);
        is_str(again, en.hash, "store_audit_hash recomputes the same hash");

        struct audit_entry other = en;
        other.client_id = "";
        store_audit_hash(&other, again);
        ok(strcmp(again, en.hash) != 0, "NULL and \"\" hash differently");
        other = en;
        other.record_type = "clien";
        other.record_id = "t";
        struct audit_entry shifted = en;
        shifted.record_type = "client";
        shifted.record_id = NULL;
        char h1[AUDIT_HASH_HEX], h2[AUDIT_HASH_HEX];
        store_audit_hash(&other, h1);
        store_audit_hash(&shifted, h2);
        ok(strcmp(h1, h2) != 0 && strcmp(h1, en.hash) != 0,
           "moving bytes between fields changes the hash");
    }

    subtest("required fields")
    {
        static const char *const names[] = {"event",     "outcome",  "record_type", "access_basis",
                                            "client_ip", "trace_id", "action"};
        for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
            struct audit_entry en = {.event = "x.read",
                                     .action = 'R',
                                     .outcome = "success",
                                     .record_type = "x",
                                     .access_basis = "self",
                                     .client_ip = "192.0.2.1",
                                     .trace_id = "t"};
            const char **f = i == 0   ? &en.event
                             : i == 1 ? &en.outcome
                             : i == 2 ? &en.record_type
                             : i == 3 ? &en.access_basis
                             : i == 4 ? &en.client_ip
                             : i == 5 ? &en.trace_id
                                      : NULL;
            if (f)
                *f = NULL;
            else
                en.action = 'X';
            err_clear(&e);
            db_begin(db, DB_TXN_WRITE, &e);
            is_int(store_audit_append(db, &en, &e), PD_EINTERNAL, "without %s: refused", names[i]);
            db_commit(db, &e);
        }
        struct audit_entry en = {.event = "x.read",
                                 .action = 'R',
                                 .outcome = "maybe",
                                 .record_type = "x",
                                 .access_basis = "self",
                                 .client_ip = "192.0.2.1",
                                 .trace_id = "t"};
        err_clear(&e);
        db_begin(db, DB_TXN_WRITE, &e);
        is_int(store_audit_append(db, &en, &e), PD_EINTERNAL, "unknown outcome: refused");
        db_commit(db, &e);
        en.outcome = "success";
        err_clear(&e);
        is_int(store_audit_append(db, &en, &e), PD_EINTERNAL, "outside a transaction: refused");
        int64_t n = 0;
        store_audit_count(db, &n, &e);
        is_int(n, 20, "nothing was written");
    }

    subtest("each")
    {
        struct seen c = {0};
        err_clear(&e);
        is_int(store_audit_each(db, 15, 3, collect, &c, &e), PD_OK, "each runs");
        is_int(c.n, 3, "limit respected");
        is_int(c.first, 16, "starts after the given seq");
        is_int(c.last, 18, "in seq order");
        c = (struct seen){0};
        store_audit_each(db, 0, 0, collect, &c, &e);
        is_int(c.n, 20, "limit 0 reads all");
        c = (struct seen){.stop_at = 5};
        is_int(store_audit_each(db, 0, 0, collect, &c, &e), 42,
               "a callback's non-zero stops the walk");
        is_int(c.n, 5, "stopped at the fifth");
    }

    subtest("verify intact")
    {
        err_clear(&e);
        db_begin(db, DB_TXN_READ, &e);
        is_int(store_audit_verify(db, &r, &e), PD_OK, "verify runs");
        db_rollback(db);
        is_int(r.checked, 20, "20 entries checked");
        is_int(r.bad_seq, 0, "chain holds");
    }

    subtest("append-only")
    {
        err_clear(&e);
        db_begin(db, DB_TXN_WRITE, &e);
        is_int(db_exec(db, "UPDATE audit_log SET client_ip = '10.0.0.1' WHERE seq = 7", &e), PD_EDB,
               "UPDATE refused");
        ok(strstr(e.detail, "UPDATE") == NULL && strstr(e.detail, "audit_log") == NULL,
           "no SQL in the error detail ('%s')", e.detail);
        err_clear(&e);
        is_int(db_exec(db, "DELETE FROM audit_log WHERE seq = 20", &e), PD_EDB, "DELETE refused");
        err_clear(&e);
        is_int(db_exec(db, "DELETE FROM audit_head", &e), PD_EDB, "DELETE of the head refused");
        err_clear(&e);
        is_int(db_exec(db, "UPDATE audit_head SET seq = 19 WHERE id = 1", &e), PD_EDB,
               "moving the head back refused");
        err_clear(&e);
        is_int(db_exec(db,
                       "INSERT INTO audit_log (seq, id, at, event, action, outcome, record_type,"
                       " access_basis, client_ip, trace_id, prev_hash, hash) VALUES (30, 'x',"
                       " 'x', 'x', 'R', 'success', 'x', 'x', 'x', 'x', 'x', 'x')",
                       &e),
               PD_EDB, "an entry that does not follow the head is refused");
        db_rollback(db);
    }

    db_close(db);
    is_int(verify(path, &r), PD_OK, "reopened: verify runs");
    is_int(r.bad_seq, 0, "reopened: chain holds");

    subtest("tamper")
    {
        const char *p = copy_db("changed.db");
        tamper(p, "UPDATE audit_log SET client_ip = '198.51.100.66' WHERE seq = 7");
        expect_bad("field of entry 7 changed", p, 7, "entry changed");

        p = copy_db("deleted.db");
        tamper(p, "DELETE FROM audit_log WHERE seq = 7");
        expect_bad("entry 7 deleted", p, 8, "chain broken");

        /* A forger who knows the format: a valid entry linked to 6, the rest renumbered. */
        p = copy_db("inserted.db");
        char h6[AUDIT_HASH_HEX], sql[1024];
        raw_text(p, "SELECT hash FROM audit_log WHERE seq = 6", h6, sizeof(h6));
        struct audit_entry f = {.seq = 7,
                                .id = "0193a0a0-0000-7000-8000-00000000f0f0",
                                .at = "2026-01-01T00:00:00.000Z",
                                .event = "client.read",
                                .action = 'R',
                                .outcome = "success",
                                .record_type = "client",
                                .access_basis = "break_glass",
                                .client_ip = "192.0.2.9",
                                .trace_id = "forged"};
        memcpy(f.prev_hash, h6, sizeof(f.prev_hash));
        store_audit_hash(&f, f.hash);
        /* lint-allow sql-format: test builds tampering SQL for a raw sqlite3 handle */
        snprintf(sql, sizeof(sql),
                 "UPDATE audit_log SET seq = seq + 1000 WHERE seq >= 7;"
                 "UPDATE audit_log SET seq = seq - 999 WHERE seq > 1000;"
                 "INSERT INTO audit_log (seq, id, at, event, action, outcome, record_type,"
                 " access_basis, client_ip, trace_id, prev_hash, hash) VALUES (7, '%s', '%s',"
                 " 'client.read', 'R', 'success', 'client', 'break_glass', '192.0.2.9',"
                 " 'forged', '%s', '%s');"
                 "UPDATE audit_head SET seq = 21;",
                 f.id, f.at, f.prev_hash, f.hash);
        tamper(p, sql);
        expect_bad("valid forged entry inserted at 7", p, 8, "entry changed");

        p = copy_db("inserted-naive.db");
        tamper(p, "UPDATE audit_log SET seq = seq + 1000 WHERE seq >= 7;"
                  "UPDATE audit_log SET seq = seq - 999 WHERE seq > 1000;"
                  "INSERT INTO audit_log SELECT 7, 'forged-id', at, event, action, outcome,"
                  " org_id, actor_user_id, actor_role, on_behalf_user_id, client_id,"
                  " record_type, record_id, access_basis, client_ip, trace_id, prev_hash,"
                  " hash FROM audit_log WHERE seq = 8;"
                  "UPDATE audit_head SET seq = 21;");
        expect_bad("copied entry inserted at 7", p, 7, "entry changed");

        p = copy_db("swapped.db");
        tamper(p, "UPDATE audit_log SET seq = -7 WHERE seq = 7;"
                  "UPDATE audit_log SET seq = 7 WHERE seq = 8;"
                  "UPDATE audit_log SET seq = 8 WHERE seq = -7;");
        expect_bad("entries 7 and 8 swapped", p, 7, "entry changed");

        /* Deleted 7 and re-linked 8 to 6 with a recomputed hash: only the gap shows. */
        p = copy_db("gap.db");
        struct grab g8 = {.seq = 8};
        struct db *cdb = open_db(p);
        err_clear(&e);
        store_audit_each(cdb, 7, 1, grab_one, &g8, &e);
        db_close(cdb);
        memcpy(g8.en.prev_hash, h6, sizeof(g8.en.prev_hash));
        store_audit_hash(&g8.en, g8.en.hash);
        /* lint-allow sql-format: test builds tampering SQL for a raw sqlite3 handle */
        snprintf(sql, sizeof(sql),
                 "DELETE FROM audit_log WHERE seq = 7;"
                 "UPDATE audit_log SET prev_hash = '%s', hash = '%s' WHERE seq = 8;",
                 g8.en.prev_hash, g8.en.hash);
        tamper(p, sql);
        expect_bad("entry 7 deleted and 8 re-linked", p, 8, "sequence gap");

        p = copy_db("newest.db");
        tamper(p, "DELETE FROM audit_log WHERE seq = 20");
        expect_bad("newest entry deleted", p, 20, "newest entries deleted");
        struct audit_verify_result nr;
        verify(p, &nr);
        ok(strstr(nr.reason, "20") != NULL, "the reason names the head's seq (%s)", nr.reason);
    }

    nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
    return done_testing();
}
