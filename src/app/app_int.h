/*
 * app_int.h: what the files of app/ share with each other and nobody else.
 */
#ifndef PD_APP_INT_H
#define PD_APP_INT_H

#include <pthread.h>

#include "app.h"

struct db_pool;
struct ip_throttle;

struct app {
    struct app_config cfg;
    struct db_pool *pool;
    struct ip_throttle *ipt;
};

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
