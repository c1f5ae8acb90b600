/*
 * store.h: the queries peerdesk runs, one function per question or change, over db.h.
 *
 * Callers own the transaction (app/ opens it); these functions never begin or commit.
 * Strings returned in structs are allocated from the given arena. "Not found" is
 * PD_ENOTFOUND; a unique-key clash is PD_ECONFLICT with the field named.
 */
#ifndef PD_STORE_H
#define PD_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "../domain/people.h"
#include "../lib/arena.h"
#include "../lib/err.h"
#include "db.h"

/* ---- migrations (migrate.c) ---- */

struct migration {
    int version;
    const char *name;
    const char *sql;
};
extern const struct migration store_migrations[];
extern const int store_migration_count;
/* A migration whose text begins with "-- sqlite only" changes only what SQLite needs (the
 * FTS5 index); on PostgreSQL it is recorded as applied and nothing else is done. */
bool store_migration_sqlite_only(const struct migration *m);

/* Current schema version of an opened database (0 for an empty one). */
int store_schema_version(struct db *db, int *version, struct pd_err *e);
/* Apply every migration above the current version, each in its own transaction, up to
 * `target` (use store_migration_count for all). Refuses a database newer than we know. */
int store_migrate(struct db *db, int target, struct pd_err *e);
/* PD_OK when the schema is exactly current; otherwise a reason telling to run init. */
int store_check_schema(struct db *db, struct pd_err *e);

/* ---- organisations (store_org.c) ---- */

int store_org_insert(struct db *db, const struct org *o, struct pd_err *e);
int store_org_by_slug(struct db *db, struct arena *a, const char *slug, struct org *out,
                      struct pd_err *e);
int store_org_by_id(struct db *db, struct arena *a, const char *id, struct org *out,
                    struct pd_err *e);
/* All organisations by slug; *out is an arena array. */
int store_org_list(struct db *db, struct arena *a, struct org **out, size_t *n, struct pd_err *e);

/* ---- workers (store_worker.c) ---- */

/* Inserts the worker and its roles; w->pw_hash must be set. w->lang is not written: a new
 * worker starts with the column default, "nl". */
int store_worker_insert(struct db *db, const struct worker *w, struct pd_err *e);
/* With pw_hash. Email must already be normalised. */
int store_worker_by_email(struct db *db, struct arena *a, const char *email, struct worker *out,
                          struct pd_err *e);
int store_worker_by_id(struct db *db, struct arena *a, const char *id, struct worker *out,
                       struct pd_err *e);
/* Workers of one organisation ordered by email, after `after_email` (cursor; NULL for
 * the first page), at most `limit`. */
int store_worker_list(struct db *db, struct arena *a, const char *org_id, const char *after_email,
                      int limit, struct worker **out, size_t *n, struct pd_err *e);
int store_worker_set_status(struct db *db, const char *id, enum worker_status st, const char *now,
                            struct pd_err *e);
int store_worker_set_password(struct db *db, const char *id, const char *pw_hash, const char *now,
                              struct pd_err *e);
int store_worker_set_roles(struct db *db, const char *org_id, const char *id, unsigned roles,
                           const char *now, struct pd_err *e);
/* Write name, status, roles and updated_at of w (matched by id and org_id) if its version
 * is still `version`, bumping it by one. PD_ESTALE naming If-Match when the worker changed
 * (or is not in w->org_id: callers look it up first). */
int store_worker_update(struct db *db, const struct worker *w, int64_t version, struct pd_err *e);
/* The worker's UI language ("nl" or "en"; the CHECK refuses others). A preference: the
 * version is not bumped. */
int store_worker_set_lang(struct db *db, const char *id, const char *lang, struct pd_err *e);
/* Members of a team of org_id, by name then email (empty for an unknown team). */
/* Active workers of the organisation holding any role of `roles`, by name (at most
 * LIMIT_COLLEAGUES). */
int store_worker_colleagues(struct db *db, struct arena *a, const char *org_id, unsigned roles,
                            struct worker **out, size_t *n, struct pd_err *e);
int store_worker_list_team(struct db *db, struct arena *a, const char *org_id, const char *team_id,
                           struct worker **out, size_t *n, struct pd_err *e);

/* Second factor. The pending secret is kept until verified, then becomes the secret. */
struct worker_totp {
    uint8_t secret[32];
    size_t secret_len; /* 0 = none */
    uint8_t pending[32];
    size_t pending_len; /* 0 = none */
    int64_t last_step;
};
int store_totp_get(struct db *db, const char *worker_id, struct worker_totp *out, struct pd_err *e);
int store_totp_set_pending(struct db *db, const char *worker_id, const uint8_t *secret, size_t n,
                           struct pd_err *e);
/* pending -> secret, and last_step = step. */
int store_totp_activate(struct db *db, const char *worker_id, int64_t step, struct pd_err *e);
int store_totp_set_last_step(struct db *db, const char *worker_id, int64_t step, struct pd_err *e);
int store_totp_clear(struct db *db, const char *worker_id, struct pd_err *e);

/* ---- teams and areas (store_team.c) ---- */

int store_area_insert(struct db *db, const struct area *ar, struct pd_err *e);
int store_area_list(struct db *db, struct arena *a, const char *org_id, struct area **out,
                    size_t *n, struct pd_err *e);
int store_team_insert(struct db *db, const struct team *t, struct pd_err *e);
int store_team_list(struct db *db, struct arena *a, const char *org_id, struct team **out,
                    size_t *n, struct pd_err *e);
int store_team_add_member(struct db *db, const char *org_id, const char *team_id,
                          const char *worker_id, struct pd_err *e);
/* PD_ENOTFOUND when the worker is not a member of that team of org_id. */
int store_team_remove_member(struct db *db, const char *org_id, const char *team_id,
                             const char *worker_id, struct pd_err *e);

/* ---- sessions (store_session.c) ---- */

enum session_level { SESSION_TOTP_ENROL = 1, SESSION_TOTP = 2, SESSION_FULL = 3 };

#define SESSION_HASH_BYTES 32

struct session_row {
    uint8_t token_hash[SESSION_HASH_BYTES];
    uint8_t csrf_hash[SESSION_HASH_BYTES];
    char worker_id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    enum session_level level;
    int64_t created_ms;
    int64_t last_seen_ms;
    const char *ip;
};

int store_session_insert(struct db *db, const struct session_row *s, struct pd_err *e);
/* Only sessions not ended. */
int store_session_get(struct db *db, struct arena *a, const uint8_t *token_hash,
                      struct session_row *out, struct pd_err *e);
int store_session_touch(struct db *db, const uint8_t *token_hash, int64_t now_ms, struct pd_err *e);
int store_session_end(struct db *db, const uint8_t *token_hash, int64_t now_ms, struct pd_err *e);
/* End every open session of a worker (disable, password change). */
int store_session_end_worker(struct db *db, const char *worker_id, int64_t now_ms,
                             struct pd_err *e);
int store_session_count_open(struct db *db, int64_t *n, struct pd_err *e);

/* ---- login throttling per account key (store_throttle.c) ---- */

struct throttle_row {
    int64_t failures;
    int64_t last_failure_ms;
};
/* A missing key reads as zero failures. */
int store_throttle_get(struct db *db, const uint8_t *key_hash, struct throttle_row *out,
                       struct pd_err *e);
int store_throttle_fail(struct db *db, const uint8_t *key_hash, int64_t now_ms, struct pd_err *e);
int store_throttle_clear(struct db *db, const uint8_t *key_hash, struct pd_err *e);

/* ---- audit log (store_audit.c) ---- */

#define AUDIT_HASH_HEX 65 /* SHA-256 as hex + NUL */

/* One NEN 7513 entry. Optional members may be NULL; the rest are required and the store
 * refuses an entry without them. */
struct audit_entry {
    int64_t seq;                   /* set by the store */
    char id[UUID_STR_BYTES];       /* set by the store */
    char at[25];                   /* set by the store (UTC, ms) */
    const char *event;             /* "session.create", "client.read", ... */
    char action;                   /* 'C' 'R' 'U' 'D' 'E' */
    const char *outcome;           /* "success" | "denied" | "failure" */
    const char *org_id;            /* NULL only when unknown (failed login) */
    const char *actor_user_id;     /* NULL for anonymous */
    const char *actor_role;        /* role code the actor used, NULL for anonymous */
    const char *on_behalf_user_id; /* responsible generalist; NULL when not client data */
    const char *client_id;         /* NULL when not about a client */
    const char *record_type;       /* "session", "worker", "client", ... */
    const char *record_id;         /* NULL when none */
    const char *access_basis;      /* "self", "assignment", "coordinator", "break_glass",
                                      "admin", "public", ... */
    const char *client_ip;
    const char *trace_id;
    char prev_hash[AUDIT_HASH_HEX]; /* set by the store */
    char hash[AUDIT_HASH_HEX];      /* set by the store */
};

/* Append within the caller's write transaction: fills seq, id, at, prev_hash, hash. */
int store_audit_append(struct db *db, struct audit_entry *en, struct pd_err *e);
/* Append n entries in that order within the caller's write transaction, reading the
 * chain's head once (the group commit, app/audit_commit.c). */
int store_audit_append_many(struct db *db, struct audit_entry *const *en, size_t n,
                            struct pd_err *e);
/* PD_OK when an entry has every field SECURITY.md 2 requires (what append checks first). */
int store_audit_check(const struct audit_entry *en, struct pd_err *e);
/* The hash of an entry given its prev_hash and fields (what verify recomputes). */
void store_audit_hash(const struct audit_entry *en, char out[AUDIT_HASH_HEX]);
/* Entries with seq > after, in order, at most limit (0 = all), via callback. */
typedef int (*audit_each_fn)(const struct audit_entry *en, void *ctx);
int store_audit_each(struct db *db, int64_t after, int64_t limit, audit_each_fn fn, void *ctx,
                     struct pd_err *e);
int store_audit_count(struct db *db, int64_t *n, struct pd_err *e);

struct audit_verify_result {
    int64_t checked; /* entries read */
    int64_t bad_seq; /* seq of the first bad entry, 0 when all good */
    char bad_id[UUID_STR_BYTES];
    char reason[128];               /* "hash mismatch (entry changed)", "chain broken (entry
                                       missing or inserted before it)", "sequence out of order" */
    int64_t head_seq;               /* what audit_head records: keep it elsewhere */
    char head_hash[AUDIT_HASH_HEX]; /* (shipped logs, a signed report) to detect a */
                                    /* rewrite of the whole file */
};
/* Walk the whole chain. PD_OK with bad_seq = 0 when it holds. */
int store_audit_verify(struct db *db, struct audit_verify_result *r, struct pd_err *e);

#endif
