/*
 * app_breakglass.c: break-the-glass at the use-case level over a temporary database.
 * A worker without a relationship cannot read a dossier; with a reason and the right
 * password they can, for that one client only, read-only, audited with basis
 * break_glass; the grant is gone when stopped and when the time limit passes (clock
 * shifted with ptime_set_offset_ms); a wrong password grants nothing, is audited as a
 * failure and counts on the same throttle as a login; roles without care for clients are
 * refused; the privacy officer's queue holds every grant until reviewed, and a review
 * needs the current version.
 */
#include <ftw.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "app/access.h"
#include "app/app.h"
#include "app/breakglass.h"
#include "app/clients.h"
#include "domain/role.h"
#include "lib/ptime.h"
#include "lib/uuid.h"
#include "tap.h"

#define MINUTE (60 * 1000LL)
#define PW     "correct horse battery staple"
#define REASON "Crisis call at night; the responsible generalist cannot be reached."

static char dir[] = "/tmp/pd-app-breakglass-XXXXXX";
static char path[300];
static struct app *app;
static struct org org, org2;
static struct worker gen, stranger, other, po, mgr, outsider;
static char pw_hash[PWHASH_STR_BYTES];

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
    w->pw_hash = pw_hash;
    w->created_at = w->updated_at = "2024-01-01T00:00:00.000Z";
    w->version = 1;
    ok(store_worker_insert(r->db, w, &r->err) == PD_OK, "worker %s", email);
    end(&c);
}

/* Audit rows matching event (and, when not NULL, outcome and access basis). */
static int audit_rows(const char *event, const char *outcome, const char *basis)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    int n = -1;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_prepare_v2(db,
                           "SELECT count(*) FROM audit_log WHERE event = ?1"
                           " AND (?2 IS NULL OR outcome = ?2)"
                           " AND (?3 IS NULL OR access_basis = ?3)",
                           -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, event, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, outcome, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, basis, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW)
            n = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return n;
}

static int read_dossier(const struct worker *w, const char *dossier)
{
    struct call c;
    struct dossier_view v;
    int rc = app_dossier_get(begin(&c, w), dossier, &v);
    end(&c);
    return rc;
}

/* Write access, asked the way every write use case asks. */
static int write_access(const struct worker *w, const char *dossier)
{
    struct call c;
    struct dossier_access acc;
    struct app_req *r = begin(&c, w);
    int rc = db_begin(r->db, DB_TXN_WRITE, &r->err);
    if (rc == PD_OK)
        rc = app_access_dossier(r, dossier, NEED_DOSSIER_WRITE, "note.create", &acc);
    if (db_in_txn(r->db))
        db_rollback(r->db);
    end(&c);
    return rc;
}

static int start(const struct worker *w, const char *client, const char *reason, const char *pw,
                 int minutes, struct break_glass_rec *out, char *field)
{
    struct call c;
    struct break_glass_rec b;
    struct app_req *r = begin(&c, w);
    int rc = app_break_glass_start(r, client, reason, pw, minutes, &b);
    if (field)
        snprintf(field, LIMIT_ERR_FIELD_BYTES, "%s", r->err.field);
    if (out && rc == PD_OK) {
        memset(out, 0, sizeof(*out));
        memcpy(out->id, b.id, UUID_STR_BYTES);
        out->version = b.version;
    }
    end(&c);
    return rc;
}

static int stop(const struct worker *w, const char *id)
{
    struct call c;
    struct break_glass_rec b;
    int rc = app_break_glass_stop(begin(&c, w), id, 0, &b);
    end(&c);
    return rc;
}

/* Length of the review queue as the worker sees it (negative: the error). */
static int queue_len(const struct worker *w, char first[UUID_STR_BYTES])
{
    struct call c;
    struct break_glass_rec *bs;
    size_t n = 0;
    int rc = app_break_glass_queue(begin(&c, w), NULL, 50, &bs, &n);
    if (rc == PD_OK && n && first)
        memcpy(first, bs[0].id, UUID_STR_BYTES);
    end(&c);
    return rc == PD_OK ? (int)n : rc;
}

int main(void)
{
    struct pd_err e;
    struct call c;
    struct app_req *r;
    char field[LIMIT_ERR_FIELD_BYTES];
    char dossier[UUID_STR_BYTES], dossier2[UUID_STR_BYTES], client[UUID_STR_BYTES],
        missing[UUID_STR_BYTES];
    struct break_glass_rec g1, g2;

    if (!mkdtemp(dir))
        return 1;
    snprintf(path, sizeof(path), "%s/bg.db", dir);
    err_clear(&e);
    if (auth_hash_password(PW, pw_hash, sizeof(pw_hash), &e) != PD_OK)
        return 1;
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
    add_worker(&org, "stan@example.test", ROLE_GENERALIST, &stranger);
    add_worker(&org, "olga@example.test", ROLE_EXPERT, &other);
    add_worker(&org, "piet@example.test", ROLE_PRIVACY_OFFICER, &po);
    add_worker(&org, "mara@example.test", ROLE_MANAGER | ROLE_RESEARCHER, &mgr);
    add_worker(&org2, "otto@example.test", ROLE_GENERALIST, &outsider);
    uuid7_new(missing);

    subtest("a client with a dossier; a second client the grant must not open")
    {
        struct client_input ci = {.code = "BG-1"}, ci2 = {.code = "BG-2"};
        struct client_rec cl;
        struct dossier_rec d;
        r = begin(&c, &gen);
        is_int(app_client_create(r, &ci, "stabilise", &cl, &d), PD_OK, "client and dossier");
        memcpy(dossier, d.id, UUID_STR_BYTES);
        memcpy(client, cl.id, UUID_STR_BYTES);
        end(&c);
        r = begin(&c, &gen);
        is_int(app_client_create(r, &ci2, "stabilise", &cl, &d), PD_OK, "second client");
        memcpy(dossier2, d.id, UUID_STR_BYTES);
        end(&c);
        is_int(read_dossier(&stranger, dossier), PD_ENOTFOUND, "a stranger cannot read it");
    }

    subtest("bad input and refused roles grant nothing")
    {
        is_int(start(&stranger, client, "too short", PW, 0, NULL, field), PD_EINVAL,
               "a short reason");
        is_str(field, "reason", "names the reason");
        is_int(start(&stranger, "nope", REASON, PW, 0, NULL, field), PD_EINVAL, "a bad client id");
        is_str(field, "client_id", "names the client id");
        is_int(start(&stranger, client, REASON, PW, 61, NULL, field), PD_EINVAL,
               "over the time limit");
        is_str(field, "minutes", "names the minutes");
        is_int(start(&mgr, client, REASON, PW, 0, NULL, NULL), PD_EFORBID,
               "a manager/researcher may not");
        is_int(start(&po, client, REASON, PW, 0, NULL, NULL), PD_EFORBID,
               "the privacy officer may not");
        is_int(start(&stranger, missing, REASON, PW, 0, NULL, NULL), PD_ENOTFOUND,
               "an unknown client is not found");
        is_int(start(&outsider, client, REASON, PW, 0, NULL, NULL), PD_ENOTFOUND,
               "another organisation's client is not found");
        is_int(queue_len(&po, NULL), 0, "nothing queued");
    }

    subtest("a wrong password: 401, no grant, audited as a failure")
    {
        int before = audit_rows("break_glass.start", "failure", NULL);
        is_int(start(&stranger, client, REASON, "wrong password here", 0, NULL, field), PD_EUNAUTH,
               "refused");
        is_str(field, "password", "names the password");
        is_int(audit_rows("break_glass.start", "failure", NULL), before + 1, "one failure entry");
        is_int(read_dossier(&stranger, dossier), PD_ENOTFOUND, "still no access");
        is_int(queue_len(&po, NULL), 0, "no grant queued");
    }

    subtest("the right password: read access to that client only, audited break_glass")
    {
        is_int(start(&stranger, client, REASON, PW, 0, &g1, NULL), PD_OK, "granted");
        is_int(audit_rows("break_glass.start", "success", "break_glass"), 1, "start audited");
        int reads = audit_rows("dossier.read", "success", "break_glass");
        is_int(read_dossier(&stranger, dossier), PD_OK, "the stranger reads the dossier");
        is_int(audit_rows("dossier.read", "success", "break_glass"), reads + 1,
               "the read is audited with basis break_glass");
        is_int(read_dossier(&stranger, dossier2), PD_ENOTFOUND, "not another client's dossier");
        is_int(write_access(&stranger, dossier), PD_ENOTFOUND, "no write access");
        is_int(read_dossier(&other, dossier), PD_ENOTFOUND, "nor for anyone else");
    }

    subtest("stopping: someone else cannot, the holder can, access is gone")
    {
        is_int(stop(&other, g1.id), PD_ENOTFOUND, "another worker's grant is not found");
        is_int(stop(&stranger, missing), PD_ENOTFOUND, "a missing grant is not found");
        is_int(stop(&stranger, g1.id), PD_OK, "the holder stops it");
        is_int(audit_rows("break_glass.stop", "success", "break_glass"), 1, "stop audited");
        is_int(read_dossier(&stranger, dossier), PD_ENOTFOUND, "access is gone");
        is_int(stop(&stranger, g1.id), PD_ECONFLICT, "stopping twice is a conflict");
    }

    subtest("the time limit: access is gone after expiry")
    {
        is_int(start(&stranger, client, REASON, PW, 15, &g2, NULL), PD_OK, "granted for 15 min");
        is_int(read_dossier(&stranger, dossier), PD_OK, "readable now");
        ptime_set_offset_ms(14 * MINUTE);
        is_int(read_dossier(&stranger, dossier), PD_OK, "readable after 14 minutes");
        ptime_set_offset_ms(16 * MINUTE);
        is_int(read_dossier(&stranger, dossier), PD_ENOTFOUND, "gone after 16 minutes");
        is_int(stop(&stranger, g2.id), PD_ECONFLICT, "an expired grant cannot be stopped");
        ptime_set_offset_ms(0);
    }

    subtest("the review queue and the review")
    {
        char first[UUID_STR_BYTES] = "";
        struct break_glass_rec out;
        is_int(queue_len(&gen, NULL), PD_EFORBID, "a generalist cannot see the queue");
        is_int(queue_len(&po, first), 2, "both grants wait, the failed attempt is not one");
        is_str(first, g1.id, "oldest first");
        r = begin(&c, &po);
        is_int(app_break_glass_review(r, g1.id, 1, "justified", "Nachtdienst, terecht.", &out),
               PD_ESTALE, "a stale version (the stop moved it on)");
        is_int((int)out.version, 2, "the current record comes back");
        end(&c);
        r = begin(&c, &po);
        is_int(app_break_glass_review(r, g1.id, 2, "maybe", "x", &out), PD_EINVAL, "bad outcome");
        is_str(r->err.field, "outcome", "names the outcome");
        end(&c);
        r = begin(&c, &po);
        is_int(app_break_glass_review(r, g1.id, 2, "justified", "Nachtdienst, terecht.", &out),
               PD_OK, "reviewed");
        is_str(out.review_outcome, "justified", "finding kept");
        end(&c);
        r = begin(&c, &gen);
        is_int(app_break_glass_review(r, g2.id, 1, "justified", "x", &out), PD_EFORBID,
               "only the privacy officer reviews");
        end(&c);
        is_int(queue_len(&po, NULL), 1, "one left");
        r = begin(&c, &po);
        is_int(app_break_glass_review(r, g1.id, 3, "unjustified", "again", &out), PD_ESTALE,
               "a reviewed grant is not reviewed again");
        end(&c);
    }

    subtest("wrong passwords count on the login throttle")
    {
        int rc = PD_OK, i;
        for (i = 0; i < 10; i++) {
            rc = start(&stranger, client, REASON, "wrong password here", 0, NULL, NULL);
            if (rc != PD_EUNAUTH)
                break;
        }
        is_int(rc, PD_ETHROTTLE, "throttled after repeated failures");
        ok(i >= 4, "not before the free failures are used up (%d)", i);
        is_int(start(&stranger, client, REASON, PW, 0, NULL, NULL), PD_ETHROTTLE,
               "even the right password waits");
        struct session_grant sg;
        r = begin(&c, NULL);
        is_int(app_session_create(r, stranger.email, PW, &sg), PD_ETHROTTLE,
               "and so does a login of the same account");
        end(&c);
    }

    app_free(app);
    nftw(dir, rm, 8, FTW_DEPTH | FTW_PHYS);
    return done_testing();
}
