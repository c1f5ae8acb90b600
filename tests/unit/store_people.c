/*
 * store_people.c: organisations, workers (roles, status, password, second factor),
 * areas and teams, sessions and login throttling, over a migrated temporary database.
 * Unique clashes must come back as PD_ECONFLICT naming the field ("email", "slug",
 * "name"); updates of a missing row as PD_ENOTFOUND.
 */
#include <ftw.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "domain/role.h"
#include "store/store.h"
#include "tap.h"

static char dir[] = "/tmp/pd-store-people-XXXXXX";

static int rm_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(p);
}

#define ORG1  "0193a0a0-0000-7000-8000-000000000001"
#define ORG2  "0193a0a0-0000-7000-8000-000000000002"
#define NOW   "2026-03-01T10:00:00.000Z"
#define LATER "2026-03-02T10:00:00.000Z"

static struct worker new_worker(const char *org, const char *email, unsigned roles)
{
    struct worker w = {.email = email,
                       .name = "Naam",
                       .roles = roles,
                       .status = WORKER_ACTIVE,
                       .pw_hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
                       .created_at = NOW,
                       .updated_at = NOW,
                       .version = 1};
    uuid7_new(w.id);
    memcpy(w.org_id, org, UUID_STR_BYTES);
    return w;
}

int main(void)
{
    struct pd_err e;
    struct arena a;
    char path[300];

    if (sodium_init() < 0 || !mkdtemp(dir))
        return 1;
    arena_init(&a);
    snprintf(path, sizeof(path), "%s/people.db", dir);
    err_clear(&e);
    struct db *db = db_open(path, &e);
    if (!db || store_migrate(db, store_migration_count, &e) != PD_OK) {
        printf("# setup: %s\n", e.detail);
        return 1;
    }
    db_begin(db, DB_TXN_WRITE, &e); /* everything below in one transaction, like app/ */

    subtest("org")
    {
        struct org o = {.id = ORG1,
                        .slug = "noord",
                        .name = "Zorg Noord",
                        .totp_roles = 0x20f,
                        .created_at = NOW,
                        .version = 1};
        struct org o2 = {.id = ORG2, .slug = "zuid", .name = "Zorg Zuid", .created_at = NOW};
        err_clear(&e);
        is_int(store_org_insert(db, &o, &e), PD_OK, "insert");
        is_int(store_org_insert(db, &o2, &e), PD_OK, "insert a second");
        struct org dup = o2;
        memcpy(dup.id, "0193a0a0-0000-7000-8000-000000000003", UUID_STR_BYTES);
        is_int(store_org_insert(db, &dup, &e), PD_ECONFLICT, "duplicate slug");
        is_str(e.field, "slug", "names the slug");

        struct org got;
        err_clear(&e);
        is_int(store_org_by_slug(db, &a, "noord", &got, &e), PD_OK, "by slug");
        is_str(got.id, ORG1, "id");
        is_str(got.name, "Zorg Noord", "name");
        is_int(got.totp_roles, 0x20f, "totp roles");
        is_str(got.created_at, NOW, "created_at");
        is_int(got.version, 1, "version");
        is_int(store_org_by_id(db, &a, ORG2, &got, &e), PD_OK, "by id");
        is_str(got.slug, "zuid", "slug");
        is_int(store_org_by_slug(db, &a, "west", &got, &e), PD_ENOTFOUND, "unknown slug");
        struct org *list;
        size_t n;
        err_clear(&e);
        is_int(store_org_list(db, &a, &list, &n, &e), PD_OK, "list");
        ok(n == 2 && strcmp(list[0].slug, "noord") == 0 && strcmp(list[1].slug, "zuid") == 0,
           "all, by slug");
    }

    struct worker w = new_worker(ORG1, "els@zorg.nl", ROLE_GENERALIST | ROLE_EXPERT);
    subtest("worker")
    {
        err_clear(&e);
        is_int(store_worker_insert(db, &w, &e), PD_OK, "insert");
        struct worker dup = new_worker(ORG2, "els@zorg.nl", ROLE_ADMIN);
        is_int(store_worker_insert(db, &dup, &e), PD_ECONFLICT, "duplicate email");
        is_str(e.field, "email", "names the email");

        struct worker got;
        err_clear(&e);
        is_int(store_worker_by_email(db, &a, "els@zorg.nl", &got, &e), PD_OK, "by email");
        is_str(got.id, w.id, "id");
        is_str(got.org_id, ORG1, "org");
        is_int(got.roles, ROLE_GENERALIST | ROLE_EXPERT, "roles as a bit set");
        is_int(got.status, WORKER_ACTIVE, "active");
        ok(got.pw_hash && strcmp(got.pw_hash, w.pw_hash) == 0, "with the password hash");
        ok(!got.totp_enabled, "no second factor yet");
        is_int(store_worker_by_id(db, &a, w.id, &got, &e), PD_OK, "by id");
        ok(got.pw_hash == NULL, "by id: no password hash");
        is_int(store_worker_by_email(db, &a, "nobody@zorg.nl", &got, &e), PD_ENOTFOUND,
               "unknown email");

        err_clear(&e);
        is_int(store_worker_set_roles(db, ORG1, w.id, ROLE_COORDINATOR | ROLE_PRIVACY_OFFICER,
                                      LATER, &e),
               PD_OK, "set roles");
        store_worker_by_id(db, &a, w.id, &got, &e);
        is_int(got.roles, ROLE_COORDINATOR | ROLE_PRIVACY_OFFICER, "roles replaced");
        is_int(got.version, 2, "version bumped");
        is_str(got.updated_at, LATER, "updated_at set");
        is_int(store_worker_set_roles(db, ORG2, w.id, ROLE_ADMIN, LATER, &e), PD_ENOTFOUND,
               "set roles from another organisation: not found");
        err_clear(&e);
        is_int(store_worker_set_roles(db, ORG1, w.id, 1u << 12, LATER, &e), PD_EINTERNAL,
               "unknown role bits refused");
        err_clear(&e);
        is_int(store_worker_set_status(db, w.id, WORKER_DISABLED, LATER, &e), PD_OK, "disable");
        is_int(store_worker_set_password(db, w.id, "$argon2id$new", LATER, &e), PD_OK,
               "new password");
        store_worker_by_email(db, &a, "els@zorg.nl", &got, &e);
        is_int(got.status, WORKER_DISABLED, "disabled");
        is_str(got.pw_hash, "$argon2id$new", "password replaced");
        is_int(got.version, 4, "each change bumps the version");
        is_int(store_worker_set_status(db, "0193a0a0-0000-7000-8000-0000000000ff", WORKER_ACTIVE,
                                       LATER, &e),
               PD_ENOTFOUND, "unknown worker: not found");

        char email[32];
        int fails = 0;
        for (int i = 0; i < 5; i++) {
            snprintf(email, sizeof(email), "w%d@zorg.nl", i);
            struct worker x = new_worker(ORG1, arena_strdup(&a, email), ROLE_STUDENT);
            err_clear(&e);
            fails += store_worker_insert(db, &x, &e) != PD_OK;
        }
        is_int(fails, 0, "five more workers");
        struct worker *page;
        size_t n;
        err_clear(&e);
        is_int(store_worker_list(db, &a, ORG1, NULL, 4, &page, &n, &e), PD_OK, "first page");
        ok(n == 4 && strcmp(page[0].email, "els@zorg.nl") == 0 &&
               strcmp(page[3].email, "w2@zorg.nl") == 0,
           "ordered by email, limited");
        is_int(store_worker_list(db, &a, ORG1, page[3].email, 4, &page, &n, &e), PD_OK,
               "next page");
        ok(n == 2 && strcmp(page[0].email, "w3@zorg.nl") == 0, "continues after the cursor");
        ok(page[0].roles == ROLE_STUDENT && page[0].pw_hash == NULL, "with roles, no hash");
        is_int(store_worker_list(db, &a, ORG2, NULL, 50, &page, &n, &e), PD_OK, "other org");
        is_int(n, 0, "sees none of them");
    }

    subtest("role codes")
    {
        /* The store's code table (and the CHECK in 0001) must match domain/role.c. */
        int bad = 0;
        for (size_t i = 0; i < ROLE_COUNT; i++) {
            struct worker x =
                new_worker(ORG1, arena_printf(&a, "r%zu@zorg.nl", i), role_table[i].role);
            struct worker got;
            err_clear(&e);
            if (store_worker_insert(db, &x, &e) != PD_OK ||
                store_worker_by_id(db, &a, x.id, &got, &e) != PD_OK ||
                got.roles != (unsigned)role_table[i].role)
                bad++;
        }
        is_int(bad, 0, "every role round-trips");
    }

    subtest("totp")
    {
        struct worker_totp t;
        uint8_t secret[20];
        memset(secret, 0xab, sizeof(secret));
        err_clear(&e);
        is_int(store_totp_get(db, w.id, &t, &e), PD_OK, "get");
        ok(t.secret_len == 0 && t.pending_len == 0 && t.last_step == 0, "nothing yet");
        is_int(store_totp_activate(db, w.id, 10, &e), PD_ENOTFOUND, "activate without pending");
        err_clear(&e);
        is_int(store_totp_set_pending(db, w.id, secret, sizeof(secret), &e), PD_OK, "pending");
        store_totp_get(db, w.id, &t, &e);
        ok(t.pending_len == 20 && t.pending[0] == 0xab && t.secret_len == 0, "pending stored");
        is_int(store_totp_activate(db, w.id, 100, &e), PD_OK, "activate");
        store_totp_get(db, w.id, &t, &e);
        ok(t.secret_len == 20 && t.pending_len == 0 && t.last_step == 100, "now the secret");
        struct worker got;
        store_worker_by_id(db, &a, w.id, &got, &e);
        ok(got.totp_enabled, "worker shows a second factor");
        is_int(store_totp_set_last_step(db, w.id, 101, &e), PD_OK, "a newer step");
        is_int(store_totp_set_last_step(db, w.id, 101, &e), PD_ETOTP, "the same step again");
        err_clear(&e);
        is_int(store_totp_set_last_step(db, "0193a0a0-0000-7000-8000-0000000000ff", 5, &e),
               PD_ENOTFOUND, "unknown worker");
        err_clear(&e);
        is_int(store_totp_clear(db, w.id, &e), PD_OK, "clear");
        store_totp_get(db, w.id, &t, &e);
        ok(t.secret_len == 0 && t.last_step == 0, "cleared");
    }

    subtest("areas and teams")
    {
        struct area c = {.org_id = ORG1, .kind = AREA_CLUSTER, .name = "Noord"};
        struct area wk = {.org_id = ORG1, .kind = AREA_WIJK, .name = "Oud-Noord"};
        uuid7_new(c.id);
        uuid7_new(wk.id);
        wk.parent_id = c.id;
        err_clear(&e);
        is_int(store_area_insert(db, &c, &e), PD_OK, "cluster");
        is_int(store_area_insert(db, &wk, &e), PD_OK, "wijk inside it");
        struct area dup = wk;
        uuid7_new(dup.id);
        is_int(store_area_insert(db, &dup, &e), PD_ECONFLICT, "same kind and name");
        is_str(e.field, "name", "names the name");
        struct area *areas;
        size_t n;
        err_clear(&e);
        is_int(store_area_list(db, &a, ORG1, &areas, &n, &e), PD_OK, "list areas");
        ok(n == 2 && areas[0].kind == AREA_CLUSTER && areas[1].kind == AREA_WIJK &&
               areas[1].parent_id && strcmp(areas[1].parent_id, c.id) == 0 &&
               areas[0].parent_id == NULL,
           "kinds and parents");

        struct team t = {.org_id = ORG1,
                         .kind = TEAM_NEIGHBOURHOOD,
                         .name = "Buurtteam Noord",
                         .area_id = wk.id};
        uuid7_new(t.id);
        is_int(store_team_insert(db, &t, &e), PD_OK, "team");
        struct team tdup = t;
        uuid7_new(tdup.id);
        is_int(store_team_insert(db, &tdup, &e), PD_ECONFLICT, "same name");
        is_str(e.field, "name", "names the name");
        err_clear(&e);
        struct team *teams;
        is_int(store_team_list(db, &a, ORG1, &teams, &n, &e), PD_OK, "list teams");
        ok(n == 1 && teams[0].kind == TEAM_NEIGHBOURHOOD && strcmp(teams[0].area_id, wk.id) == 0,
           "kind and area");
        is_int(store_team_add_member(db, ORG1, t.id, w.id, &e), PD_OK, "add a member");
        is_int(store_team_add_member(db, ORG1, t.id, w.id, &e), PD_ECONFLICT, "twice");
        err_clear(&e);
        struct worker other = new_worker(ORG2, "piet@zuid.nl", ROLE_EXPERT);
        store_worker_insert(db, &other, &e);
        is_int(store_team_add_member(db, ORG1, t.id, other.id, &e), PD_ENOTFOUND,
               "a worker of another organisation cannot join");
        err_clear(&e);
        struct team bad = {.org_id = ORG1,
                           .kind = TEAM_OTHER,
                           .name = "X",
                           .area_id = "0193a0a0-0000-7000-8000-0000000000ff"};
        uuid7_new(bad.id);
        is_int(store_team_insert(db, &bad, &e), PD_ECONFLICT, "unknown area: refused (FK)");
    }

    subtest("sessions")
    {
        struct session_row s = {
            .level = SESSION_FULL, .created_ms = 1000, .last_seen_ms = 1000, .ip = "192.0.2.1"};
        memset(s.token_hash, 1, sizeof(s.token_hash));
        memset(s.csrf_hash, 2, sizeof(s.csrf_hash));
        memcpy(s.worker_id, w.id, UUID_STR_BYTES);
        memcpy(s.org_id, ORG1, UUID_STR_BYTES);
        struct session_row s2 = s;
        memset(s2.token_hash, 3, sizeof(s2.token_hash));
        err_clear(&e);
        is_int(store_session_insert(db, &s, &e), PD_OK, "insert");
        is_int(store_session_insert(db, &s2, &e), PD_OK, "a second one");
        int64_t n = 0;
        store_session_count_open(db, &n, &e);
        is_int(n, 2, "two open");
        struct session_row got;
        is_int(store_session_get(db, &a, s.token_hash, &got, &e), PD_OK, "get");
        ok(memcmp(got.csrf_hash, s.csrf_hash, 32) == 0 && strcmp(got.worker_id, w.id) == 0 &&
               strcmp(got.org_id, ORG1) == 0 && got.level == SESSION_FULL &&
               strcmp(got.ip, "192.0.2.1") == 0,
           "fields");
        is_int(store_session_touch(db, s.token_hash, 5000, &e), PD_OK, "touch");
        store_session_get(db, &a, s.token_hash, &got, &e);
        is_int(got.last_seen_ms, 5000, "last seen moved");
        is_int(store_session_end(db, s.token_hash, 6000, &e), PD_OK, "end");
        is_int(store_session_get(db, &a, s.token_hash, &got, &e), PD_ENOTFOUND, "ended: gone");
        err_clear(&e);
        is_int(store_session_touch(db, s.token_hash, 7000, &e), PD_ENOTFOUND, "cannot touch");
        err_clear(&e);
        is_int(store_session_end(db, s.token_hash, 7000, &e), PD_OK, "ending twice is fine");
        is_int(store_session_end_worker(db, w.id, 8000, &e), PD_OK, "end all of a worker");
        store_session_count_open(db, &n, &e);
        is_int(n, 0, "none open");
        struct session_row orphan = s;
        memset(orphan.token_hash, 9, sizeof(orphan.token_hash));
        memcpy(orphan.worker_id, "0193a0a0-0000-7000-8000-0000000000ff", UUID_STR_BYTES);
        is_int(store_session_insert(db, &orphan, &e), PD_ECONFLICT, "unknown worker (FK)");
    }

    subtest("throttle")
    {
        uint8_t key[SESSION_HASH_BYTES];
        struct throttle_row t;
        memset(key, 7, sizeof(key));
        err_clear(&e);
        is_int(store_throttle_get(db, key, &t, &e), PD_OK, "unknown key");
        ok(t.failures == 0 && t.last_failure_ms == 0, "reads as zero");
        store_throttle_fail(db, key, 100, &e);
        store_throttle_fail(db, key, 200, &e);
        is_int(store_throttle_fail(db, key, 300, &e), PD_OK, "three failures");
        store_throttle_get(db, key, &t, &e);
        ok(t.failures == 3 && t.last_failure_ms == 300, "counted (%lld at %lld)",
           (long long)t.failures, (long long)t.last_failure_ms);
        is_int(store_throttle_clear(db, key, &e), PD_OK, "clear");
        store_throttle_get(db, key, &t, &e);
        is_int(t.failures, 0, "back to zero");
    }

    is_int(db_commit(db, &e), PD_OK, "commit all");
    db_close(db);
    arena_release(&a);
    nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
    return done_testing();
}
