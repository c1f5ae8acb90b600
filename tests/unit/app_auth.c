/*
 * app_auth.c: logging in, sessions and the second factor at the use-case level, with an
 * injected clock (ptime_set_offset_ms) so time-outs and throttling delays are tested
 * without sleeping. Also proves fail-closed auditing: when the audit entry cannot be
 * written, the login fails and leaves no session behind.
 */
#include <ftw.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "domain/totp.h"
#include "lib/ptime.h"
#include "lib/uuid.h"
#include "tap.h"

#define PW  "correct horse battery staple"
#define MIN (60 * 1000LL)

static char dir[] = "/tmp/pd-app-auth-XXXXXX";
static char path[300];
static struct app *app;

struct call {
    struct arena arena;
    struct app_req r;
    struct actor actor;
    char trace[UUID_STR_BYTES];
};

static struct app_req *begin(struct call *c)
{
    arena_init(&c->arena);
    uuid7_new(c->trace);
    app_req_begin(app, &c->r, &c->arena, c->trace, "127.0.0.1");
    return &c->r;
}

static void end(struct call *c)
{
    app_req_end(&c->r);
    arena_release(&c->arena);
}

static int login(const char *email, const char *pw, struct session_grant *g, struct pd_err *e)
{
    struct call c;
    int rc = app_session_create(begin(&c), email, pw, g);
    *e = c.r.err;
    end(&c);
    return rc;
}

/* Resolve a token into an actor; returns the code. */
static int resolve(const char *token)
{
    struct call c;
    int rc = app_session_resolve(begin(&c), token, &c.actor);
    end(&c);
    return rc;
}

static int64_t audit_count(void)
{
    struct call c;
    int64_t n = -1;
    store_audit_count(begin(&c)->db, &n, &c.r.err);
    end(&c);
    return n;
}

static int64_t open_sessions(void)
{
    struct call c;
    int64_t n = -1;
    store_session_count_open(begin(&c)->db, &n, &c.r.err);
    end(&c);
    return n;
}

static size_t b32_decode(const char *s, uint8_t *out, size_t cap)
{
    unsigned buffer = 0;
    int bits = 0;
    size_t o = 0;
    for (; *s && o < cap; s++) {
        const char *p = strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", *s);
        if (!p)
            return 0;
        buffer = (buffer << 5) | (unsigned)(p - "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
        bits += 5;
        if (bits >= 8) {
            out[o++] = (uint8_t)(buffer >> (bits - 8));
            bits -= 8;
        }
    }
    return o;
}

static void raw_sql(const char *sql)
{
    sqlite3 *h;
    if (sqlite3_open(path, &h) == SQLITE_OK)
        sqlite3_exec(h, sql, NULL, NULL, NULL);
    sqlite3_close(h);
}

static int rm_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(p);
}

int main(void)
{
    struct pd_err e;
    struct session_grant g, g2;
    struct call c;

    if (!mkdtemp(dir))
        return 1;
    snprintf(path, sizeof(path), "%s/auth.db", dir);
    err_clear(&e);
    struct app_config cfg = {.db_target = path, .db_connections = 2};
    app = app_new(&cfg, &e);
    if (!app)
        return 1;
    struct app_req *r = begin(&c);
    ok(r->db && store_migrate(r->db, store_migration_count, &r->err) == PD_OK, "migrated");
    ok(app_org_add(r, "test", "Test", NULL) == PD_OK, "org added");
    ok(app_user_add(r, "test", "sam@example.test", "Sam", "student", PW, NULL) == PD_OK,
       "a student (no second factor needed)");
    ok(app_user_add(r, "test", "gen@example.test", "Gen", "generalist", PW, NULL) == PD_OK,
       "a generalist (second factor required)");
    end(&c);

    subtest("login")
    {
        is_int(login("sam@example.test", PW, &g, &e), PD_OK, "the right password logs in");
        is_int(g.level, SESSION_FULL, "a student's session is full at once");
        ok(strlen(g.token) == TOKEN_STR_BYTES - 1, "a 256-bit token, base64url");
        is_int(resolve(g.token), PD_OK, "the token resolves");
        is_int(login("SAM@example.test", PW, &g2, &e), PD_OK, "email is case-insensitive");
        ok(strcmp(g.token, g2.token) != 0, "every login gets a new token");

        struct pd_err wrong, unknown;
        int64_t before = audit_count();
        is_int(login("sam@example.test", "wrong password here", &g2, &wrong), PD_EUNAUTH,
               "a wrong password is refused");
        is_int(login("nobody@example.test", PW, &g2, &unknown), PD_EUNAUTH,
               "an unknown email is refused");
        is_str(wrong.detail, unknown.detail, "with the same words");
        is_str(wrong.field, unknown.field, "and the same field");
        is_int(audit_count() - before, 2, "each failure is audited");

        is_int(login("gen@example.test", PW, &g2, &e), PD_OK, "the generalist logs in");
        is_int(g2.level, SESSION_TOTP_ENROL, "but must set up a second factor first");
    }

    subtest("csrf")
    {
        struct call k;
        struct app_req *kr = begin(&k);
        ok(app_session_resolve(kr, g.token, &k.actor) == PD_OK, "resolved");
        ok(app_session_csrf_ok(kr, g.csrf_token), "the session's CSRF token passes");
        ok(!app_session_csrf_ok(kr, g.token), "the session token is not the CSRF token");
        ok(!app_session_csrf_ok(kr, ""), "an empty token fails");
        ok(!app_session_csrf_ok(kr, NULL), "no token fails");
        end(&k);
    }

    subtest("time-outs")
    {
        login("sam@example.test", PW, &g, &e);
        ptime_set_offset_ms(29 * MIN);
        is_int(resolve(g.token), PD_OK, "29 idle minutes: still logged in");
        ptime_set_offset_ms(29 * MIN + 31 * MIN);
        is_int(resolve(g.token), PD_EUNAUTH, "31 idle minutes later: logged out");
        ptime_set_offset_ms(0);

        login("sam@example.test", PW, &g, &e);
        bool alive = true;
        for (int64_t t = 20 * MIN; t <= 12 * 60 * MIN - MIN; t += 20 * MIN) {
            ptime_set_offset_ms(t);
            alive = alive && resolve(g.token) == PD_OK;
        }
        ok(alive, "an active session lives up to 12 hours");
        ptime_set_offset_ms(12 * 60 * MIN + MIN);
        is_int(resolve(g.token), PD_EUNAUTH, "and not a minute longer");
        ptime_set_offset_ms(0);
    }

    subtest("throttling")
    {
        for (int i = 0; i < 5; i++)
            login("sam@example.test", "wrong password here", &g2, &e);
        is_int(login("sam@example.test", PW, &g2, &e), PD_ETHROTTLE,
               "after 5 failures even the right password waits");
        ok(e.retry_after > 0, "and the answer says how long (%d s)", e.retry_after);
        is_int(login("gen@example.test", PW, &g2, &e), PD_OK, "other accounts are unaffected");
        for (int i = 0; i < 5; i++)
            login("ghost@example.test", "wrong password here", &g2, &e);
        is_int(login("ghost@example.test", PW, &g2, &e), PD_ETHROTTLE,
               "unknown emails are throttled the same way");
        ptime_set_offset_ms(2000);
        is_int(login("sam@example.test", PW, &g2, &e), PD_OK, "after the delay it works again");
        ptime_set_offset_ms(0);
    }

    subtest("second factor")
    {
        const char *secret, *uri;
        uint8_t key[32];
        char code[8];
        struct call k;

        login("gen@example.test", PW, &g, &e);
        struct app_req *kr = begin(&k);
        app_session_resolve(kr, g.token, &k.actor);
        is_int(app_totp_enrol(kr, &secret, &uri), PD_OK, "enrolment starts");
        ok(strncmp(uri, "otpauth://totp/peerdesk:gen%40example.test?secret=", 50) == 0,
           "an otpauth URI for the authenticator app");
        size_t n = b32_decode(secret, key, sizeof(key));
        is_int(n, TOTP_SECRET_BYTES, "a 160-bit secret");
        snprintf(code, sizeof(code), "%06u",
                 totp_code(key, n, (uint64_t)totp_step_at(ptime_now_ms()), 6));
        is_int(app_totp_verify(kr, "000000", &g2), PD_ETOTP, "a wrong code is refused");
        end(&k);
        kr = begin(&k);
        app_session_resolve(kr, g.token, &k.actor);
        is_int(app_totp_verify(kr, code, &g2), PD_OK, "the right code confirms it");
        is_int(g2.level, SESSION_FULL, "and the session becomes full");
        end(&k);
        ok(strcmp(g.token, g2.token) != 0, "with a new token");
        is_int(resolve(g.token), PD_EUNAUTH, "the half-way token is dead");

        login("gen@example.test", PW, &g, &e);
        is_int(g.level, SESSION_TOTP, "the next login asks for a code");
        kr = begin(&k);
        app_session_resolve(kr, g.token, &k.actor);
        is_int(app_session_totp(kr, code, &g2), PD_ETOTP, "the used code does not work twice");
        end(&k);
        ptime_set_offset_ms(30 * 1000);
        snprintf(code, sizeof(code), "%06u",
                 totp_code(key, n, (uint64_t)totp_step_at(ptime_now_ms()), 6));
        kr = begin(&k);
        app_session_resolve(kr, g.token, &k.actor);
        is_int(app_session_totp(kr, code, &g2), PD_OK, "the next code does");
        is_int(g2.level, SESSION_FULL, "full session");
        end(&k);
        ptime_set_offset_ms(0);
    }

    subtest("ending sessions")
    {
        login("sam@example.test", PW, &g, &e);
        struct call k;
        is_int(app_user_passwd(begin(&k), "sam@example.test", "another long passphrase"), PD_OK,
               "password changed");
        end(&k);
        is_int(resolve(g.token), PD_EUNAUTH, "a password change ends the session");
        is_int(login("sam@example.test", PW, &g, &e), PD_EUNAUTH, "the old password is gone");
        is_int(login("sam@example.test", "another long passphrase", &g, &e), PD_OK, "new works");
        is_int(app_user_disable(begin(&k), "sam@example.test"), PD_OK, "disabled");
        end(&k);
        is_int(resolve(g.token), PD_EUNAUTH, "disabling ends the session");
        is_int(login("sam@example.test", "another long passphrase", &g, &e), PD_EUNAUTH,
               "a disabled worker cannot log in");
    }

    subtest("fail closed")
    {
        int64_t sessions = open_sessions(), entries = audit_count();
        raw_sql("CREATE TRIGGER test_fail BEFORE INSERT ON audit_log "
                "BEGIN SELECT RAISE(ABORT, 'injected'); END;");
        ok(login("gen@example.test", PW, &g, &e) < 0, "when the audit entry fails, login fails");
        is_int(open_sessions(), sessions, "and no session was left behind");
        raw_sql("DROP TRIGGER test_fail");
        is_int(audit_count(), entries, "nothing was written");
    }

    app_free(app);
    nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
    return done_testing();
}
