/*
 * app_audit_query.c: the privacy officer's reads of the audit log at the use-case level,
 * over a temporary database. Day filters include the whole of `from` and `to` and nothing
 * on either side of those midnights (entries written with the clock shifted by
 * ptime_set_offset_ms); a page walk with the cursor visits every entry once; each read
 * writes one entry in the privacy officer's role even when the worker holds another role
 * that sorts first; a refused role is one denied entry; if the read's own entry cannot be
 * written the read fails (fail closed, SECURITY.md 3); the access report finds a client
 * by code or id in the actor's organisation only.
 */
#include <ftw.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit_query.h"
#include "app/clients.h"
#include "domain/role.h"
#include "lib/ptime.h"
#include "lib/uuid.h"
#include "tap.h"

static char dir[] = "/tmp/pd-app-audit-query-XXXXXX";
static char path[300];
static struct app *app;
static struct org org, org2;
static struct worker gen, po, mgr, po2;

struct call {
    struct arena arena;
    struct app_req r;
    struct actor actor;
    char trace[UUID_STR_BYTES];
};

static struct app_req *begin(struct call *c, const struct worker *w)
{
    arena_init(&c->arena);
    uuid7_new(c->trace);
    app_req_begin(app, &c->r, &c->arena, c->trace, "127.0.0.1");
    if (w) {
        memset(&c->actor, 0, sizeof(c->actor));
        memcpy(c->actor.org_id, w->org_id, UUID_STR_BYTES);
        memcpy(c->actor.user_id, w->id, UUID_STR_BYTES);
        c->actor.email = w->email;
        c->actor.roles = w->roles;
        c->actor.level = SESSION_FULL;
        c->r.actor = &c->actor;
    }
    return &c->r;
}

static void end(struct call *c)
{
    app_req_end(&c->r);
    arena_release(&c->arena);
}

static int rm(const char *p, const struct stat *sb, int flag, struct FTW *f)
{
    (void)sb, (void)flag, (void)f;
    return remove(p);
}

static void add_worker(const struct org *o, const char *email, unsigned roles, struct worker *w)
{
    struct call c;
    struct app_req *r = begin(&c, NULL);
    memset(w, 0, sizeof(*w));
    uuid7_new(w->id);
    memcpy(w->org_id, o->id, UUID_STR_BYTES);
    w->email = email;
    w->name = email;
    w->roles = roles;
    w->status = WORKER_ACTIVE;
    w->pw_hash = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$not-used-here";
    w->created_at = w->updated_at = "2024-01-01T00:00:00.000Z";
    w->version = 1;
    ok(store_worker_insert(r->db, w, &r->err) == PD_OK, "worker %s", email);
    end(&c);
}

/* One entry by gen at the ISO time `at` (the clock is shifted for it, then put back). */
static void tick_at(const char *at)
{
    struct call c;
    int64_t want, real;
    ptime_set_offset_ms(0);
    real = ptime_now_ms();
    if (!ptime_parse_iso(at, strlen(at), &want))
        abort();
    ptime_set_offset_ms(want - real);
    struct audit_event ev = {
        .event = "test.tick", .action = 'R', .record_type = "test", .access_basis = "self"};
    ok(audit_write_alone(begin(&c, &gen), &ev) == PD_OK, "an entry at %s", at);
    end(&c);
    ptime_set_offset_ms(0);
}

/* The test.tick entries between the days (NULL: open) as their `at` minutes joined with
 * ',' ("23:59,00:00"), newest first, or the error code as text. */
static const char *ticks(const char *from, const char *to, char *out, size_t size)
{
    struct call c;
    struct audit_row *rows;
    size_t n = 0;
    struct audit_query q = {.event = "test.tick", .from = from, .to = to};
    int rc = app_audit_page(begin(&c, &po), &q, 50, &rows, &n);
    size_t len = 0;
    out[0] = '\0';
    if (rc != PD_OK)
        snprintf(out, size, "error %d", rc);
    for (size_t i = 0; rc == PD_OK && i < n && len + 16 < size; i++)
        len += (size_t)snprintf(out + len, size - len, "%s%.5s", i ? "," : "", rows[i].at + 11);
    end(&c);
    return out;
}

/* Rows of the audit log matching event (and, when not NULL, outcome and actor_role). */
static int audit_rows(const char *event, const char *outcome, const char *role)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    int n = -1;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_prepare_v2(db,
                           "SELECT count(*) FROM audit_log WHERE event = ?1"
                           " AND (?2 IS NULL OR outcome = ?2)"
                           " AND (?3 IS NULL OR actor_role = ?3)",
                           -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, event, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, outcome, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, role, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW)
            n = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return n;
}

static bool raw_exec(const char *sql)
{
    sqlite3 *db;
    bool done = sqlite3_open(path, &db) == SQLITE_OK &&
                sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK;
    sqlite3_close(db);
    return done;
}

static int report(const struct worker *w, const char *id, const char *code, size_t *n, char *field)
{
    struct call c;
    struct audit_report rep;
    struct app_req *r = begin(&c, w);
    int rc = app_audit_access_report(r, id, code, &rep);
    if (n)
        *n = rc == PD_OK ? rep.n : 0;
    if (field)
        snprintf(field, LIMIT_ERR_FIELD_BYTES, "%s", r->err.field);
    end(&c);
    return rc;
}

int main(void)
{
    struct pd_err e;
    struct call c;
    struct app_req *r;
    char buf[256], field[LIMIT_ERR_FIELD_BYTES], client[UUID_STR_BYTES];

    if (!mkdtemp(dir))
        return 1;
    snprintf(path, sizeof(path), "%s/aq.db", dir);
    err_clear(&e);
    struct app_config cfg = {.db_target = path, .db_connections = 2};
    app = app_new(&cfg, &e);
    if (!app)
        return 1;
    r = begin(&c, NULL);
    ok(r->db && store_migrate(r->db, store_migration_count, &r->err) == PD_OK, "migrated");
    ok(app_org_add(r, "alpha", "Alpha", &org) == PD_OK, "org");
    ok(app_org_add(r, "beta", "Beta", &org2) == PD_OK, "other org");
    end(&c);
    add_worker(&org, "gerda@example.test", ROLE_GENERALIST, &gen);
    /* generalist sorts before privacy_officer: the entry must still say privacy_officer */
    add_worker(&org, "piet@example.test", ROLE_GENERALIST | ROLE_PRIVACY_OFFICER, &po);
    add_worker(&org, "mara@example.test", ROLE_MANAGER, &mgr);
    add_worker(&org2, "olga@example.test", ROLE_PRIVACY_OFFICER, &po2);

    subtest("a day is midnight to midnight, UTC, both ends inclusive")
    {
        tick_at("2030-04-30T23:59:59.500Z");
        tick_at("2030-05-01T00:00:00.500Z");
        tick_at("2030-05-01T23:59:59.500Z");
        tick_at("2030-05-02T00:00:00.500Z");
        is_str(ticks("2030-05-01", "2030-05-01", buf, sizeof(buf)), "23:59,00:00",
               "from = to: that whole day, nothing either side");
        is_str(ticks("2030-05-01", NULL, buf, sizeof(buf)), "00:00,23:59,00:00",
               "from alone: that day and after");
        is_str(ticks(NULL, "2030-04-30", buf, sizeof(buf)), "23:59", "to alone: up to that day");
        is_str(ticks("2030-04-30", "2030-05-02", buf, sizeof(buf)), "00:00,23:59,00:00,23:59",
               "three days: all four");
        is_str(ticks("2030-05-03", NULL, buf, sizeof(buf)), "", "after the last: none");
        is_str(ticks("2030-05-02", "2030-05-01", buf, sizeof(buf)), "error -1",
               "to before from is refused");
    }

    subtest("a walk with the cursor visits every entry once, newest first")
    {
        struct audit_query q = {.event = "test.tick"};
        int64_t prev = INT64_MAX;
        int pages = 0, total = 0;
        char before[24] = "";
        for (;;) {
            struct audit_row *rows;
            size_t n = 0;
            q.before = *before ? before : NULL;
            int rc = app_audit_page(begin(&c, &po), &q, 2, &rows, &n);
            if (rc != PD_OK || n == 0) {
                end(&c);
                break;
            }
            for (size_t i = 0; i < n && total < 8; i++, total++) {
                ok(rows[i].seq < prev, "seq %lld comes after %lld", (long long)rows[i].seq,
                   (long long)prev);
                prev = rows[i].seq;
            }
            snprintf(before, sizeof(before), "%lld", (long long)rows[n - 1].seq);
            end(&c);
            pages++;
        }
        is_int(total, 4, "four entries");
        is_int(pages, 2, "in two pages of two");
    }

    subtest("each read is one entry, in the privacy officer's role")
    {
        struct audit_row *rows;
        size_t n;
        struct audit_query q = {0};
        int before = audit_rows("audit.read", "success", "privacy_officer");
        is_int(app_audit_page(begin(&c, &po), &q, 10, &rows, &n), PD_OK, "a page");
        end(&c);
        is_int(audit_rows("audit.read", "success", "privacy_officer"), before + 1, "one entry");
        is_int(audit_rows("audit.read", NULL, "generalist"), 0, "none in another role");
    }

    subtest("other roles are refused, and the refusal is an entry")
    {
        struct audit_row *rows;
        size_t n;
        struct audit_query q = {0};
        is_int(app_audit_page(begin(&c, &gen), &q, 10, &rows, &n), PD_EFORBID, "a generalist");
        end(&c);
        is_int(app_audit_page(begin(&c, &mgr), &q, 10, &rows, &n), PD_EFORBID, "a manager");
        end(&c);
        is_int(audit_rows("audit.read", "denied", NULL), 2, "two denied entries");
        is_int(report(&gen, NULL, "X-1", NULL, NULL), PD_EFORBID, "no access report either");
        is_int(audit_rows("audit.access_report", "denied", "generalist"), 1, "denied, audited");
    }

    subtest("bad filters name themselves and write nothing")
    {
        static const struct {
            struct audit_query q;
            const char *field;
        } bad[] = {
            {{.before = "0"}, "before"},
            {{.before = "12x"}, "before"},
            {{.event = ""}, "event"},
            {{.event = "Client.Read"}, "event"},
            {{.outcome = "ok"}, "outcome"},
            {{.actor_id = "01890000-0000-7000-8000-00000000000"}, "actor_id"},
            {{.client_id = "BT-0101"}, "client_id"},
            {{.from = "2030-02-29"}, "from"},
            {{.to = "2030-5-1"}, "to"},
        };
        int before = audit_rows("audit.read", NULL, NULL);
        for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
            struct audit_row *rows;
            size_t n;
            r = begin(&c, &po);
            is_int(app_audit_page(r, &bad[i].q, 10, &rows, &n), PD_EINVAL, "bad %s", bad[i].field);
            is_str(r->err.field, bad[i].field, "names the field (case %zu)", i);
            end(&c);
        }
        is_int(audit_rows("audit.read", NULL, NULL), before, "no entry written");
    }

    subtest("if the read's own entry cannot be written, the read fails")
    {
        struct audit_row *rows;
        size_t n = 0;
        struct audit_query q = {0};
        ok(raw_exec("CREATE TRIGGER t_no_read BEFORE INSERT ON audit_log"
                    " WHEN NEW.event = 'audit.read'"
                    " BEGIN SELECT RAISE(ABORT, 'test: no audit.read'); END"),
           "a trigger refuses audit.read entries");
        int before = audit_rows("audit.read", NULL, NULL);
        r = begin(&c, &po);
        int rc = app_audit_page(r, &q, 10, &rows, &n);
        ok(rc != PD_OK, "the read fails (%d)", rc);
        end(&c);
        is_int(audit_rows("audit.read", NULL, NULL), before, "and wrote nothing");
        ok(raw_exec("DROP TRIGGER t_no_read"), "trigger dropped");
        is_int(app_audit_page(begin(&c, &po), &q, 10, &rows, &n), PD_OK, "reads work again");
        end(&c);
    }

    subtest("the access report finds a client by code or id, in the own organisation only")
    {
        struct client_input ci = {.code = "AQ-1"};
        struct client_rec cl;
        struct dossier_rec d;
        size_t n = 0, n2 = 0;
        r = begin(&c, &gen);
        is_int(app_client_create(r, &ci, "stabilise", &cl, &d), PD_OK, "a client");
        memcpy(client, cl.id, UUID_STR_BYTES);
        end(&c);
        is_int(report(&po, NULL, "AQ-1", &n, NULL), PD_OK, "by code");
        ok(n >= 1, "with its entries (%zu)", n);
        is_int(report(&po, client, NULL, &n2, NULL), PD_OK, "by id");
        is_int(n2, n + 1, "the first report read is in the second");
        is_int(audit_rows("audit.access_report", "success", "privacy_officer"), 2,
               "two reads, two entries");
        is_int(report(&po, NULL, "AQ-2", NULL, NULL), PD_ENOTFOUND, "an unknown code");
        is_int(report(&po2, NULL, "AQ-1", NULL, NULL), PD_ENOTFOUND, "another organisation's");
        is_int(report(&po2, client, NULL, NULL, NULL), PD_ENOTFOUND, "also by id");
        is_int(audit_rows("audit.access_report", "denied", "privacy_officer"), 3,
               "each refusal an entry");
        is_int(report(&po, NULL, NULL, NULL, field), PD_EINVAL, "neither");
        is_str(field, "client_code", "names client_code");
        is_int(report(&po, client, "AQ-1", NULL, field), PD_EINVAL, "both");
        is_str(field, "client_id", "names client_id");
    }

    app_free(app);
    nftw(dir, rm, 8, FTW_DEPTH | FTW_PHYS);
    return done_testing();
}
