/*
 * app.h: the use cases: one function per thing a user does.
 *
 * An app function gets a struct app_req (who acts, from where, the request's arena and
 * DB connection), opens its transaction, asks domain/ whether the actor may do it, calls
 * store/, writes the audit entry in the same transaction and commits. On any failure it
 * rolls back (nothing half-written) and returns a negative pd_code with r->err filled.
 *
 * struct app is process-wide and thread-safe after app_init(); struct app_req belongs to
 * one request on one thread.
 */
#ifndef PD_APP_H
#define PD_APP_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "../domain/people.h"
#include "../lib/arena.h"
#include "../lib/err.h"
#include "../store/store.h"

struct db_pool;
struct expert_directory;

struct app_config {
    const char *db_target;
    int session_idle_s;     /* <= LIMIT_SESSION_IDLE_S */
    int session_absolute_s; /* <= LIMIT_SESSION_ABSOLUTE_S */
    bool cookie_secure;     /* __Host- prefix + Secure: true behind TLS */
    int db_connections;     /* pool size; one per server thread */
    /* http: the setting trusted-proxy (copied; NULL: trust nobody) */
    const char *trusted_proxies;
};

struct app;

struct app *app_new(const struct app_config *cfg, struct pd_err *e);
void app_free(struct app *app);
const struct app_config *app_config(const struct app *app);

/* Who is acting, as established from the session cookie. */
struct actor {
    char user_id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    const char *email;
    const char *name;
    unsigned roles;
    bool totp_enabled;
    enum session_level level;
    uint8_t session_hash[SESSION_HASH_BYTES];
    uint8_t csrf_hash[SESSION_HASH_BYTES];
    int64_t session_created_ms;
};

struct app_req {
    struct app *app;
    struct arena *arena;
    struct db *db;        /* borrowed from the pool for this request */
    const char *trace_id; /* UUIDv7 of the request */
    const char *client_ip;
    const struct actor *actor; /* NULL when anonymous */
    struct pd_err err;
    /* A read of client data (app_read_begin): its audit entries wait here, in the arena,
     * until app_read_end hands them to the group commit (audit_commit.c). */
    bool audit_deferred;
    struct audit_entry **pending;
    size_t npending, cap_pending;
    /* Set by the HTTP layer when it can hold the answer (audit_commit.c): app_read_end
     * then leaves the read's entries owed instead of waiting for them to be durable, and
     * the caller must see them written (app_audit_submit / app_audit_flush) before any
     * of the answer leaves. */
    bool audit_async;
    struct audit_entry **owed;
    size_t nowed, cap_owed;
    /* The expert directory this request ranks with (directory.h): a reference held until
     * app_req_end, since the ranking points into it. */
    const struct expert_directory *directory;
};

/* Borrow a connection for the request (blocks while all are in use) and give it back. */
void app_req_begin(struct app *app, struct app_req *r, struct arena *arena, const char *trace_id,
                   const char *client_ip);
void app_req_end(struct app_req *r);

/* ---- the audit writer (audit_commit.c) ----
 *
 * A server thread that waits for an fsync serves nobody meanwhile. With audit_async set,
 * a read's entries are owed when its use case returns; the HTTP layer suspends the
 * connection and hands them to the audit writer, a thread of its own with a connection
 * of its own, which writes everything handed to it since its last round in one
 * transaction (one fsync) and then calls each `done`; only then does the answer leave. */
typedef void (*app_audit_done_fn)(void *cls, int rc, const struct pd_err *e);
/* Accept hand-overs from now on; the thread and its connection start at the first one. */
void app_audit_writer_start(struct app *app);
/* Write what is queued, call every pending `done`, stop the writer. Later hand-overs are
 * refused (PD_EUNAVAIL) until started again; their callers write them. Idempotent. */
void app_audit_writer_stop(struct app *app);
/* Entries owed by this request (committed reads whose entries are not yet durable). */
size_t app_audit_owed(const struct app_req *r);
/* Hand the owed entries to the writer: PD_OK and `done` is called exactly once, from the
 * writer's thread, when they are durable or failed (the entries stay in r->arena, which
 * must live until then). An error (PD_EUNAVAIL: not started, stopping, or it could not
 * open its connection) when nothing was taken. */
int app_audit_submit(struct app_req *r, app_audit_done_fn done, void *cls);
/* Write the owed entries now, through the group commit on r->db (needs a connection). */
int app_audit_flush(struct app_req *r);

/* ---- audit (audit.c) ---- */

struct audit_event {
    const char *event;   /* "session.create" */
    char action;         /* 'C' 'R' 'U' 'D' 'E' */
    const char *outcome; /* "success" | "denied" | "failure" */
    const char *record_type;
    const char *record_id;
    const char *client_id;
    const char *on_behalf_user_id;
    const char *access_basis;
    const char *org_id;        /* defaults to the actor's */
    const char *actor_user_id; /* defaults to the actor's */
    const char *actor_role;    /* defaults to the actor's primary role */
};
/* Append one entry in the open write transaction of r->db. */
int audit_write(struct app_req *r, const struct audit_event *ev);
/* Append one entry in a transaction of its own (denied attempts, failed logins). If it
 * cannot be written, returns the error: callers fail the request (fail closed). */
int audit_write_alone(struct app_req *r, const struct audit_event *ev);

/* Read the audit log from the command line: appends an audit.read entry first (reading
 * the log is itself logged), then calls fn for each entry after `after`. */
int app_audit_list(struct app_req *r, int64_t after, int64_t limit, audit_each_fn fn, void *ctx);
/* Check the hash chain (store_audit_verify) for the command line. */
int app_audit_verify(struct app_req *r, struct audit_verify_result *res);

/* ---- sessions and authentication (auth.c) ---- */

/* Tokens handed to the browser (base64url of 32 random bytes). */
#define TOKEN_STR_BYTES 44

struct session_grant {
    char token[TOKEN_STR_BYTES];      /* cookie value */
    char csrf_token[TOKEN_STR_BYTES]; /* X-CSRF-Token value */
    enum session_level level;
    int64_t expires_ms; /* absolute end */
    struct worker worker;
};

/* Log in with email + password. Unknown email and wrong password fail identically
 * (PD_EUNAUTH, same detail, same work done). Throttled attempts fail with PD_ETHROTTLE. */
int app_session_create(struct app_req *r, const char *email, const char *password,
                       struct session_grant *out);
/* Look up the session of a cookie token; checks time-outs and the worker's status and
 * fills *actor. PD_EUNAUTH when there is none. Touches last-seen at most once a minute. */
int app_session_resolve(struct app_req *r, const char *token, struct actor *actor);
/* Is the CSRF token the one of the actor's session? */
bool app_session_csrf_ok(struct app_req *r, const char *csrf_token);
int app_session_end(struct app_req *r);
/* Second step of login: TOTP code for a SESSION_TOTP session; issues a new token. */
int app_session_totp(struct app_req *r, const char *code, struct session_grant *out);

/* Start TOTP enrolment: a fresh pending secret and its otpauth:// URI (arena strings). */
int app_totp_enrol(struct app_req *r, const char **secret_b32, const char **otpauth_uri);
/* Confirm enrolment with a code; a SESSION_TOTP_ENROL session becomes full (new token). */
int app_totp_verify(struct app_req *r, const char *code, struct session_grant *out);

/* Argon2id (SECURITY.md 13). Limited to LIMIT_PWHASH_CONCURRENT at once. */
int auth_hash_password(const char *pw, char *out, size_t outcap, struct pd_err *e);
bool auth_verify_password(const char *hash, const char *pw);
#define PWHASH_STR_BYTES 128

/* Per-IP login throttle (process memory). True when the IP may try now. Otherwise
 * *retry_after says when, and *first is true for the first refusal of the window: only
 * that one is audited (app_login_ip_refused), so a flood cannot flood the audit log. */
bool auth_ip_allow(struct app *app, const char *ip, int64_t now_ms, int *retry_after, bool *first);
/* The audit entry of a login refused by the per-IP throttle. */
int app_login_ip_refused(struct app_req *r);

/* ---- people (people.c): used by the CLI and the admin API ---- */

int app_org_add(struct app_req *r, const char *slug, const char *name, struct org *out);
int app_org_list(struct app_req *r, struct org **out, size_t *n);
/* Create a worker in the org with the slug; password checked against the policy. */
int app_user_add(struct app_req *r, const char *org_slug, const char *email, const char *name,
                 const char *roles_csv, const char *password, struct worker *out);
int app_user_list(struct app_req *r, const char *org_slug, struct worker **out, size_t *n);
int app_user_disable(struct app_req *r, const char *email);
int app_user_passwd(struct app_req *r, const char *email, const char *password);
/* The actor's organisation's workers by email after `after` (NULL: from the start). */
int app_user_page(struct app_req *r, const char *after, int limit, struct worker **out, size_t *n);
/* One worker of the actor's organisation; another organisation's is PD_ENOTFOUND. */
int app_user_get(struct app_req *r, const char *id, struct worker *out);
/* Change a worker of the actor's organisation at `version`: each of name, roles_csv
 * ("generalist,expert") and status ("active"|"disabled") when not NULL. PD_ESTALE with the
 * current worker in *out when the version moved; PD_ECONFLICT naming "status" or "roles"
 * when the actor would disable themself or drop their own admin role. Disabling ends the
 * worker's sessions (audited as worker.disable, anything else as worker.update); so does a
 * new role that needs a second factor the worker has not set up. */
int app_user_update(struct app_req *r, const char *id, int64_t version, const char *name,
                    const char *roles_csv, const char *status, struct worker *out);
/* The logged-in worker, freshly read (with lang). */
int app_me_get(struct app_req *r, struct worker *out);
/* Set the logged-in worker's UI language ("nl" or "en", else PD_EINVAL "lang"); *out is
 * the worker afterwards. Audited as me.update. */
int app_me_set_lang(struct app_req *r, const char *lang, struct worker *out);

/* ---- teams and areas (places.c): the actor's organisation ---- */

int app_area_add(struct app_req *r, const char *kind, const char *name, const char *parent_id,
                 struct area *out);
int app_area_list(struct app_req *r, struct area **out, size_t *n);
int app_team_add(struct app_req *r, const char *kind, const char *name, const char *area_id,
                 struct team *out);
int app_team_list(struct app_req *r, struct team **out, size_t *n);
json_t *area_to_json(const struct area *a);
json_t *team_to_json(const struct team *t);

/* Create the demo organisation with one worker per role (init --demo). Appends the
 * printable logins to *logins (arena string). */
int app_demo_seed(struct app_req *r, const char **logins);

/* bench-gen: a large organisation "bench" (docs/performance.md): the volumes of
 * PERFORMANCE.md times scale, drawn from seed; committed every few thousand clients, with
 * progress lines on stderr. Counts the rows in out (clients, requests, notes,
 * consultations); *experts and *generalists receive the number of workers. */
struct demo_counts;
int app_bench_gen(struct app_req *r, double scale, uint64_t seed, struct demo_counts *out,
                  int *experts, int *generalists);

/* JSON views (arena-free: caller decrefs). Never include secrets. */
json_t *worker_to_json(const struct worker *w);
json_t *org_to_json(const struct org *o);

#endif
