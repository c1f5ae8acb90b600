/*
 * app_int.h: what the files of app/ share with each other and nobody else.
 */
#ifndef PD_APP_INT_H
#define PD_APP_INT_H

#include <pthread.h>

#include "app.h"

struct db_pool;
struct ip_throttle;

struct audit_gc;
struct directory_cache;

struct app {
    struct app_config cfg;
    struct db_pool *pool;
    struct ip_throttle *ipt;
    struct audit_gc *gc; /* the group commit of read audit entries (audit_commit.c) */
    struct directory_cache *directories; /* expert directories per organisation (directory.c) */
};

/* ---- reads of client data (audit_commit.c) ----
 *
 * A use case that only reads runs in a read transaction (a snapshot: it neither waits for
 * nor blocks the writer) and its audit entries are gathered, not written:
 *
 *     if (app_read_begin(r) != PD_OK || ...reads and audit_client()... ||
 *         app_read_end(r) != PD_OK)
 *         return app_fail(r);
 *
 * app_read_end ends the snapshot and then writes the gathered entries through the group
 * commit: concurrent requests' entries go into one write transaction and one fsync. It
 * returns only when the entries are durable (or with the error), so no client data leaves
 * without its entry, as when the read itself held the write lock. A use case that writes
 * anything but audit entries keeps db_begin(DB_TXN_WRITE). */
int app_read_begin(struct app_req *r);
int app_read_end(struct app_req *r);
/* Defer one entry (audit_write calls this when r->audit_deferred). */
int audit_defer(struct app_req *r, const struct audit_entry *en);
/* Drop a deferred read's entries: its snapshot was abandoned (app_fail, a denial). */
void audit_defer_drop(struct app_req *r);
/* Write entries now through the group commit on r->db; returns when durable or failed. */
int audit_group_commit(struct app_req *r, struct audit_entry *const *entries, size_t n);
void audit_gc_init(struct app *app);
void audit_gc_release(struct app *app);
/* Rounds and entries written by the group commit since start (for bench/ and logs). */
void audit_gc_stats(const struct app *app, uint64_t *rounds, uint64_t *entries);

void auth_state_init(struct app *app);
void auth_state_release(struct app *app);

/* PD_OK when the request holds a connection, else PD_EUNAVAIL in r->err. */
int app_need_db(struct app_req *r);

/* Logged in and holding a connection: PD_EUNAUTH without an actor, else app_need_db(). */
int app_need_actor(struct app_req *r);

/* The id of a worker of the demo organisation by login (inside app_demo_seed). */
int app_demo_worker_id(struct app_req *r, const char *email, char id[UUID_STR_BYTES]);

/* Roll back and return r->err.code: the one way out of a failed use case. */
int app_fail(struct app_req *r);

/* Forget the failed logins of an (already normalised) email: after a password reset. */
int auth_throttle_clear(struct app_req *r, const char *email);
/* The per-account password throttle, shared by login and by break-the-glass (which asks
 * for the password again): one key per email, one delay rule. */
void auth_throttle_key(const char *email, uint8_t key[SESSION_HASH_BYTES]);
int auth_throttle_check(struct app_req *r, const uint8_t key[SESSION_HASH_BYTES], int64_t now);

/* The ISO time now, in the request arena. */
const char *app_now_iso(struct app_req *r);

#endif
