/*
 * auth.c: logging in, sessions, the second factor and login throttling.
 *
 * Tokens: 32 random bytes, base64url, handed to the browser once; the database keeps
 * only their BLAKE2b hash, so a copy of the database opens no session (SECURITY.md 15).
 * A new token is issued at login and whenever the session's level rises (no fixation).
 *
 * Identical answers: an unknown email, a disabled worker and a wrong password all take
 * one Argon2id verification and answer the same PD_EUNAUTH detail. Throttling is keyed
 * by the hash of the typed email, so it behaves the same for unknown addresses.
 */
#include <pthread.h>
#include <semaphore.h>
#include <sodium.h>
#include <string.h>

#include "../domain/password.h"
#include "../domain/role.h"
#include "../domain/totp.h"
#include "../lib/log.h"
#include "../lib/mem.h"
#include "../lib/ptime.h"
#include "app_int.h"

#define PWHASH_OPSLIMIT 2ULL
#define PWHASH_MEMLIMIT (19u * 1024u * 1024u)
#define TOUCH_EVERY_MS  60000 /* last-seen is written at most once a minute */
#define BAD_LOGIN       "email address or password is incorrect"

/* ---- password hashing ---- */

static sem_t pwhash_slots;
static pthread_once_t pwhash_once = PTHREAD_ONCE_INIT;
static char dummy_hash[PWHASH_STR_BYTES];

static void pwhash_setup(void)
{
    if (sodium_init() < 0)
        fatal("libsodium failed to initialise");
    sem_init(&pwhash_slots, 0, LIMIT_PWHASH_CONCURRENT);
    /* Verified against when the email is unknown, so that costs the same as a real one. */
    if (crypto_pwhash_str_alg(dummy_hash, "peerdesk-dummy-password", 23, PWHASH_OPSLIMIT,
                              PWHASH_MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13) != 0)
        fatal("cannot compute the Argon2id reference hash");
}

int auth_hash_password(const char *pw, char *out, size_t outcap, struct pd_err *e)
{
    pthread_once(&pwhash_once, pwhash_setup);
    if (outcap < crypto_pwhash_STRBYTES)
        return err_set(e, PD_EINTERNAL, NULL, "hash buffer too small");
    sem_wait(&pwhash_slots);
    int rc = crypto_pwhash_str_alg(out, pw, strlen(pw), PWHASH_OPSLIMIT, PWHASH_MEMLIMIT,
                                   crypto_pwhash_ALG_ARGON2ID13);
    sem_post(&pwhash_slots);
    if (rc != 0)
        return err_set(e, PD_EINTERNAL, NULL, "password hashing failed (out of memory?)");
    return PD_OK;
}

bool auth_verify_password(const char *hash, const char *pw)
{
    pthread_once(&pwhash_once, pwhash_setup);
    sem_wait(&pwhash_slots);
    int rc = crypto_pwhash_str_verify(hash ? hash : dummy_hash, pw, strlen(pw));
    sem_post(&pwhash_slots);
    return hash && rc == 0;
}

static bool pw_needs_rehash(const char *hash)
{
    return crypto_pwhash_str_needs_rehash(hash, PWHASH_OPSLIMIT, PWHASH_MEMLIMIT) != 0;
}

/* ---- per-IP throttle: a small fixed table, per minute, in process memory ---- */

#define IPT_SLOTS 1024

struct ipt_slot {
    char ip[48];
    int64_t minute;
    int count;
};

struct ip_throttle {
    pthread_mutex_t mu;
    struct ipt_slot slot[IPT_SLOTS];
};

void auth_state_init(struct app *app)
{
    pthread_once(&pwhash_once, pwhash_setup);
    app->ipt = xcalloc(1, sizeof(*app->ipt));
    pthread_mutex_init(&app->ipt->mu, NULL);
}

void auth_state_release(struct app *app)
{
    pthread_mutex_destroy(&app->ipt->mu);
    free(app->ipt);
}

bool auth_ip_allow(struct app *app, const char *ip, int64_t now_ms, int *retry_after, bool *first)
{
    struct ip_throttle *t = app->ipt;
    int64_t minute = now_ms / 60000;
    size_t h = 5381;
    for (const char *p = ip; *p; p++)
        h = h * 33 + (unsigned char)*p;
    struct ipt_slot *s = &t->slot[h % IPT_SLOTS];
    bool ok;

    pthread_mutex_lock(&t->mu);
    /* A colliding IP shares the slot: at worst two addresses share one budget. */
    if (s->minute != minute || strcmp(s->ip, ip) != 0) {
        snprintf(s->ip, sizeof(s->ip), "%s", ip);
        s->minute = minute;
        s->count = 0;
    }
    ok = ++s->count <= LIMIT_IP_LOGINS_PER_MIN;
    if (first)
        *first = s->count == LIMIT_IP_LOGINS_PER_MIN + 1;
    pthread_mutex_unlock(&t->mu);
    if (!ok && retry_after)
        *retry_after = (int)(60 - (now_ms / 1000) % 60);
    return ok;
}

int app_login_ip_refused(struct app_req *r)
{
    struct audit_event ev = {.event = "session.create",
                             .action = 'E',
                             .outcome = "denied",
                             .record_type = "session",
                             .access_basis = "public"};
    return audit_write_alone(r, &ev);
}

/* ---- tokens ---- */

static void token_new(char out[TOKEN_STR_BYTES], uint8_t hash[SESSION_HASH_BYTES])
{
    uint8_t raw[32];
    randombytes_buf(raw, sizeof(raw));
    sodium_bin2base64(out, TOKEN_STR_BYTES, raw, sizeof(raw),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    crypto_generichash(hash, SESSION_HASH_BYTES, (const uint8_t *)out, strlen(out), NULL, 0);
    sodium_memzero(raw, sizeof(raw));
}

static void token_hash(const char *token, uint8_t hash[SESSION_HASH_BYTES])
{
    crypto_generichash(hash, SESSION_HASH_BYTES, (const uint8_t *)token, strlen(token), NULL, 0);
}

void auth_throttle_key(const char *email, uint8_t key[SESSION_HASH_BYTES])
{
    static const uint8_t ctx[] = "peerdesk login throttle v1";
    crypto_generichash(key, SESSION_HASH_BYTES, (const uint8_t *)email, strlen(email), ctx,
                       sizeof(ctx) - 1);
}

int auth_throttle_clear(struct app_req *r, const char *email)
{
    uint8_t key[SESSION_HASH_BYTES];
    auth_throttle_key(email, key);
    return store_throttle_clear(r->db, key, &r->err);
}

/* Seconds to wait after `failures` consecutive failures; 0 = may try now. */
static int64_t throttle_delay_s(int64_t failures)
{
    if (failures < LIMIT_LOGIN_FREE_FAILS)
        return 0;
    int64_t shift = failures - LIMIT_LOGIN_FREE_FAILS;
    if (shift > 20)
        return LIMIT_LOGIN_MAX_DELAY_S;
    int64_t d = (int64_t)1 << shift;
    return d > LIMIT_LOGIN_MAX_DELAY_S ? LIMIT_LOGIN_MAX_DELAY_S : d;
}

/* PD_OK when this account key may try now. */
int auth_throttle_check(struct app_req *r, const uint8_t key[SESSION_HASH_BYTES], int64_t now)
{
    struct throttle_row t;
    if (store_throttle_get(r->db, key, &t, &r->err) != PD_OK)
        return r->err.code;
    if (t.failures >= LIMIT_LOGIN_LOCK_FAILS)
        return err_set(&r->err, PD_ETHROTTLE, NULL,
                       "too many failed attempts: ask an administrator to reset the password");
    int64_t wait_ms = throttle_delay_s(t.failures) * 1000 - (now - t.last_failure_ms);
    if (wait_ms > 0) {
        r->err.retry_after = (int)((wait_ms + 999) / 1000);
        return err_set(&r->err, PD_ETHROTTLE, NULL, "too many failed attempts: try again later");
    }
    return PD_OK;
}

static const char *level_record = "session";

/* A throttled attempt is refused and audited as denied; returns the throttle error (or
 * the audit failure: fail closed). */
static int throttled_audit(struct app_req *r, const char *event)
{
    struct pd_err keep = r->err;
    struct audit_event ev = {.event = event,
                             .action = 'E',
                             .outcome = "denied",
                             .record_type = level_record,
                             .access_basis = "public"};
    if (audit_write_alone(r, &ev) != PD_OK)
        return r->err.code;
    r->err = keep;
    return r->err.code;
}

/* Insert a session of `level` for w and fill the grant; inside a write transaction. */
static int session_issue(struct app_req *r, const struct worker *w, enum session_level level,
                         int64_t created_ms, struct session_grant *out)
{
    struct session_row s = {0};
    int64_t now = ptime_now_ms();

    token_new(out->token, s.token_hash);
    token_new(out->csrf_token, s.csrf_hash);
    memcpy(s.worker_id, w->id, sizeof(s.worker_id));
    memcpy(s.org_id, w->org_id, sizeof(s.org_id));
    s.level = level;
    s.created_ms = created_ms ? created_ms : now;
    s.last_seen_ms = now;
    s.ip = r->client_ip;
    if (store_session_insert(r->db, &s, &r->err) != PD_OK)
        return r->err.code;
    out->level = level;
    out->expires_ms = s.created_ms + (int64_t)r->app->cfg.session_absolute_s * 1000;
    out->worker = *w;
    return PD_OK;
}

static enum session_level level_after_password(const struct org *o, const struct worker *w,
                                               bool has_totp)
{
    if (has_totp)
        return SESSION_TOTP;
    if (o->totp_roles & w->roles)
        return SESSION_TOTP_ENROL;
    return SESSION_FULL;
}

static int login_failed(struct app_req *r, const uint8_t key[SESSION_HASH_BYTES],
                        const struct worker *w, int64_t now, const char *event)
{
    err_clear(&r->err);
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK)
        return r->err.code;
    struct audit_event ev = {
        .event = event,
        .action = 'E',
        .outcome = "failure",
        .record_type = level_record,
        .access_basis = "public",
        .org_id = w ? w->org_id : NULL,
        .actor_user_id = w ? w->id : NULL,
        .actor_role = w ? role_code(role_primary(w->roles)) : NULL,
    };
    if (store_throttle_fail(r->db, key, now, &r->err) != PD_OK || audit_write(r, &ev) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return err_set(&r->err, PD_EUNAUTH, NULL, BAD_LOGIN);
}

int app_session_create(struct app_req *r, const char *email, const char *password,
                       struct session_grant *out)
{
    char norm[LIMIT_EMAIL_BYTES + 1];
    uint8_t key[SESSION_HASH_BYTES];
    struct worker w;
    struct org o;
    int64_t now = ptime_now_ms();
    bool known;

    if (app_need_db(r) != PD_OK)
        return r->err.code;
    if (email_normalise(email, "email", norm, &r->err) != PD_OK) {
        /* Not an address at all: say so; it reveals nothing about accounts. */
        return r->err.code;
    }
    auth_throttle_key(norm, key);
    if (auth_throttle_check(r, key, now) != PD_OK)
        return throttled_audit(r, "session.create");

    int rc = store_worker_by_email(r->db, r->arena, norm, &w, &r->err);
    if (rc != PD_OK && rc != PD_ENOTFOUND)
        return r->err.code;
    known = rc == PD_OK;
    err_clear(&r->err);

    /* Always one verification, against the dummy hash when the account is unknown. */
    bool pw_ok = auth_verify_password(known ? w.pw_hash : NULL, password);
    if (!known || !pw_ok || w.status != WORKER_ACTIVE)
        return login_failed(r, key, known ? &w : NULL, now, "session.create");

    char rehash[PWHASH_STR_BYTES] = "";
    if (pw_needs_rehash(w.pw_hash) &&
        auth_hash_password(password, rehash, sizeof(rehash), &r->err) != PD_OK)
        return r->err.code;

    struct worker_totp t;
    if (store_org_by_id(r->db, r->arena, w.org_id, &o, &r->err) != PD_OK ||
        store_totp_get(r->db, w.id, &t, &r->err) != PD_OK)
        return r->err.code;

    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK)
        return r->err.code;
    enum session_level level = level_after_password(&o, &w, t.secret_len > 0);
    struct audit_event ev = {.event = "session.create",
                             .action = 'E',
                             .record_type = "session",
                             .access_basis = "public",
                             .org_id = w.org_id,
                             .actor_user_id = w.id,
                             .actor_role = role_code(role_primary(w.roles))};
    if (store_throttle_clear(r->db, key, &r->err) != PD_OK ||
        (*rehash && store_worker_set_password(r->db, w.id, rehash, app_now_iso(r), &r->err)) ||
        session_issue(r, &w, level, 0, out) != PD_OK || audit_write(r, &ev) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_session_resolve(struct app_req *r, const char *token, struct actor *actor)
{
    uint8_t h[SESSION_HASH_BYTES];
    struct session_row s;
    struct worker w;
    int64_t now = ptime_now_ms();
    const struct app_config *cfg = &r->app->cfg;

    if (app_need_db(r) != PD_OK)
        return r->err.code;
    if (!token || strlen(token) != TOKEN_STR_BYTES - 1)
        return err_set(&r->err, PD_EUNAUTH, NULL, "not logged in");
    token_hash(token, h);
    int rc = store_session_get(r->db, r->arena, h, &s, &r->err);
    if (rc == PD_ENOTFOUND) {
        err_clear(&r->err);
        return err_set(&r->err, PD_EUNAUTH, NULL, "not logged in");
    }
    if (rc != PD_OK)
        return rc;

    bool idle = now - s.last_seen_ms > (int64_t)cfg->session_idle_s * 1000;
    bool old = now - s.created_ms > (int64_t)cfg->session_absolute_s * 1000;
    if (idle || old) {
        struct pd_err ignore;
        store_session_end(r->db, h, now, &ignore);
        return err_set(&r->err, PD_EUNAUTH, NULL, "the session has expired: log in again");
    }
    if (store_worker_by_id(r->db, r->arena, s.worker_id, &w, &r->err) != PD_OK) {
        err_clear(&r->err);
        return err_set(&r->err, PD_EUNAUTH, NULL, "not logged in");
    }
    if (w.status != WORKER_ACTIVE) {
        struct pd_err ignore;
        store_session_end_worker(r->db, w.id, now, &ignore);
        return err_set(&r->err, PD_EUNAUTH, NULL, "not logged in");
    }
    if (now - s.last_seen_ms > TOUCH_EVERY_MS &&
        store_session_touch(r->db, h, now, &r->err) != PD_OK)
        return r->err.code;

    memset(actor, 0, sizeof(*actor));
    memcpy(actor->user_id, w.id, sizeof(actor->user_id));
    memcpy(actor->org_id, w.org_id, sizeof(actor->org_id));
    actor->email = w.email;
    actor->name = w.name;
    actor->roles = w.roles;
    actor->totp_enabled = w.totp_enabled;
    actor->level = s.level;
    memcpy(actor->session_hash, h, sizeof(h));
    memcpy(actor->csrf_hash, s.csrf_hash, sizeof(s.csrf_hash));
    actor->session_created_ms = s.created_ms;
    r->actor = actor;
    return PD_OK;
}

bool app_session_csrf_ok(struct app_req *r, const char *csrf_token)
{
    uint8_t h[SESSION_HASH_BYTES];
    if (!r->actor || !csrf_token || strlen(csrf_token) != TOKEN_STR_BYTES - 1)
        return false;
    token_hash(csrf_token, h);
    return sodium_memcmp(h, r->actor->csrf_hash, sizeof(h)) == 0;
}

int app_session_end(struct app_req *r)
{
    if (!r->actor)
        return err_set(&r->err, PD_EUNAUTH, NULL, "not logged in");
    struct audit_event ev = {
        .event = "session.end", .action = 'E', .record_type = "session", .access_basis = "self"};
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        store_session_end(r->db, r->actor->session_hash, ptime_now_ms(), &r->err) != PD_OK ||
        audit_write(r, &ev) != PD_OK || db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

/* Replace the actor's session with one of `level`, keeping its start time (the absolute
 * time-out runs from the password). */
static int session_raise(struct app_req *r, const struct worker *w, enum session_level level,
                         struct session_grant *out)
{
    if (store_session_end(r->db, r->actor->session_hash, ptime_now_ms(), &r->err) != PD_OK)
        return r->err.code;
    return session_issue(r, w, level, r->actor->session_created_ms, out);
}

static int second_factor_failed(struct app_req *r, const struct worker *w, const char *event)
{
    uint8_t key[SESSION_HASH_BYTES];
    auth_throttle_key(w->email, key);
    int rc = login_failed(r, key, w, ptime_now_ms(), event);
    if (rc == PD_EUNAUTH) {
        err_clear(&r->err);
        return err_set(&r->err, PD_ETOTP, "code", "the code is not correct (or already used)");
    }
    return rc;
}

int app_session_totp(struct app_req *r, const char *code, struct session_grant *out)
{
    struct worker w;
    struct worker_totp t;
    uint8_t key[SESSION_HASH_BYTES];
    int64_t now = ptime_now_ms(), step;

    if (!r->actor)
        return err_set(&r->err, PD_EUNAUTH, NULL, "not logged in");
    if (r->actor->level != SESSION_TOTP)
        return err_set(&r->err, PD_ECONFLICT, NULL, "this session does not wait for a code");
    if (store_worker_by_id(r->db, r->arena, r->actor->user_id, &w, &r->err) != PD_OK ||
        store_totp_get(r->db, w.id, &t, &r->err) != PD_OK)
        return r->err.code;
    auth_throttle_key(w.email, key);
    if (auth_throttle_check(r, key, now) != PD_OK)
        return throttled_audit(r, "session.totp");
    if (!totp_verify(t.secret, t.secret_len, code, now, t.last_step, &step))
        return second_factor_failed(r, &w, "session.totp");

    struct audit_event ev = {
        .event = "session.totp", .action = 'E', .record_type = "session", .access_basis = "self"};
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        store_totp_set_last_step(r->db, w.id, step, &r->err) != PD_OK ||
        store_throttle_clear(r->db, key, &r->err) != PD_OK ||
        session_raise(r, &w, SESSION_FULL, out) != PD_OK || audit_write(r, &ev) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

static char *uri_escape(struct arena *a, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = strlen(s);
    char *out = arena_alloc(a, n * 3 + 1), *o = out;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~') {
            *o++ = (char)c;
        } else {
            *o++ = '%';
            *o++ = hex[c >> 4];
            *o++ = hex[c & 15];
        }
    }
    *o = '\0';
    return out;
}

int app_totp_enrol(struct app_req *r, const char **secret_b32, const char **otpauth_uri)
{
    struct worker_totp t;
    uint8_t secret[TOTP_SECRET_BYTES];

    if (!r->actor)
        return err_set(&r->err, PD_EUNAUTH, NULL, "not logged in");
    if (store_totp_get(r->db, r->actor->user_id, &t, &r->err) != PD_OK)
        return r->err.code;
    if (t.secret_len > 0)
        return err_set(&r->err, PD_ECONFLICT, NULL,
                       "a second factor is already set up; an administrator can reset it");
    randombytes_buf(secret, sizeof(secret));
    char *b32 = arena_alloc(r->arena, TOTP_B32_BYTES);
    base32_encode(secret, sizeof(secret), b32, TOTP_B32_BYTES);

    struct audit_event ev = {.event = "totp.enrol",
                             .action = 'U',
                             .record_type = "worker",
                             .record_id = r->actor->user_id,
                             .access_basis = "self"};
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        store_totp_set_pending(r->db, r->actor->user_id, secret, sizeof(secret), &r->err) ||
        audit_write(r, &ev) != PD_OK || db_commit(r->db, &r->err) != PD_OK) {
        sodium_memzero(secret, sizeof(secret));
        return app_fail(r);
    }
    sodium_memzero(secret, sizeof(secret));
    *secret_b32 = b32;
    *otpauth_uri =
        arena_printf(r->arena,
                     "otpauth://totp/peerdesk:%s?secret=%s&issuer=peerdesk"
                     "&algorithm=SHA1&digits=%d&period=%d",
                     uri_escape(r->arena, r->actor->email), b32, TOTP_DIGITS, TOTP_STEP_S);
    return PD_OK;
}

int app_totp_verify(struct app_req *r, const char *code, struct session_grant *out)
{
    struct worker w;
    struct worker_totp t;
    uint8_t key[SESSION_HASH_BYTES];
    int64_t now = ptime_now_ms(), step;

    if (!r->actor)
        return err_set(&r->err, PD_EUNAUTH, NULL, "not logged in");
    if (store_worker_by_id(r->db, r->arena, r->actor->user_id, &w, &r->err) != PD_OK ||
        store_totp_get(r->db, w.id, &t, &r->err) != PD_OK)
        return r->err.code;
    if (t.pending_len == 0)
        return err_set(&r->err, PD_ECONFLICT, NULL, "start enrolment first");
    auth_throttle_key(w.email, key);
    if (auth_throttle_check(r, key, now) != PD_OK)
        return throttled_audit(r, "totp.verify");
    if (!totp_verify(t.pending, t.pending_len, code, now, t.last_step, &step))
        return second_factor_failed(r, &w, "totp.verify");

    struct audit_event ev = {.event = "totp.verify",
                             .action = 'U',
                             .record_type = "worker",
                             .record_id = w.id,
                             .access_basis = "self"};
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        store_totp_activate(r->db, w.id, step, &r->err) != PD_OK ||
        store_throttle_clear(r->db, key, &r->err) != PD_OK ||
        session_raise(r, &w, SESSION_FULL, out) != PD_OK || audit_write(r, &ev) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}
