/*
 * store_consult.h: consultations, case discussions and break-the-glass grants
 * (migration 0003). Callers own the transaction and every access decision (app/consult.c,
 * app/breakglass.c); these functions only read and write rows of one organisation.
 * Strings are copied into the given arena. Versioned updates run `WHERE id = ? AND
 * version = ?` and bump the version; zero rows changed is PD_ESTALE.
 */
#ifndef PD_STORE_CONSULT_H
#define PD_STORE_CONSULT_H

#include "store.h"

struct consult_rec {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    char expert_id[UUID_STR_BYTES];
    const char *asker_id; /* NULL when not recorded */
    const char *channel;
    bool formal;
    const char *theme;
    const char *summary;
    const char *response; /* advice | joined_conversation | became_request */
    int minutes;
    const char *dossier_id; /* NULL when not linked */
    const char *held_on;
    const char *created_at;
    int64_t version;
};

int store_consult_insert(struct db *db, const struct consult_rec *c, struct pd_err *e);
/* PD_ENOTFOUND when there is no such consultation in org_id. */
int store_consult_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                      struct consult_rec *out, struct pd_err *e);
/* Writes every field but id, org_id, expert_id, created_at, if still at c->version. */
int store_consult_update(struct db *db, const struct consult_rec *c, struct pd_err *e);
/* The consultations of one expert, newest first, with id < after (NULL: from the top). */
int store_consult_mine(struct db *db, struct arena *a, const char *org_id, const char *expert_id,
                       const char *after, int limit, struct consult_rec **out, size_t *n,
                       struct pd_err *e);
/* The consultations of every expert who shares an expert team with coordinator_id. */
int store_consult_team(struct db *db, struct arena *a, const char *org_id,
                       const char *coordinator_id, const char *after, int limit,
                       struct consult_rec **out, size_t *n, struct pd_err *e);

struct discussion_rec {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    const char *held_on;
    const char *team_id;      /* NULL when none */
    const char *presenter_id; /* NULL when none */
    const char *dossier_id;   /* NULL when not linked */
    const char *outcome;      /* expert_joins | advice | none */
    const char *summary;      /* NULL when none */
    char created_by[UUID_STR_BYTES];
    const char *created_at;
    int64_t version;
    const char **expert_ids; /* arena array */
    size_t nexperts;
};

/* The discussion and one row per expert present. */
int store_discussion_insert(struct db *db, const struct discussion_rec *d, struct pd_err *e);
/* Discussions worker_id attended or created, newest first, id < after; with experts. */
int store_discussion_list(struct db *db, struct arena *a, const char *org_id, const char *worker_id,
                          const char *after, int limit, struct discussion_rec **out, size_t *n,
                          struct pd_err *e);

struct break_glass_rec {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    char worker_id[UUID_STR_BYTES];
    char client_id[UUID_STR_BYTES];
    const char *reason;
    const char *started_at;
    const char *expires_at;
    const char *ended_at;       /* NULL while not ended early */
    const char *reviewed_by;    /* NULL until reviewed */
    const char *reviewed_at;    /* NULL until reviewed */
    const char *review_outcome; /* justified | unjustified | NULL */
    const char *review_note;
    int64_t version;
    /* Read with the queue only: */
    const char *worker_name;
    const char *worker_email;
};

int store_break_glass_insert(struct db *db, const struct break_glass_rec *b, struct pd_err *e);
int store_break_glass_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                          struct break_glass_rec *out, struct pd_err *e);
/* Set ended_at = now on a grant still running at `now`; PD_ECONFLICT when it is not. */
int store_break_glass_end(struct db *db, const char *org_id, const char *id, const char *now,
                          struct pd_err *e);
/* Grants without a review, oldest first, id > after, with the worker's name and email. */
int store_break_glass_queue(struct db *db, struct arena *a, const char *org_id, const char *after,
                            int limit, struct break_glass_rec **out, size_t *n, struct pd_err *e);
/* Record the review of an unreviewed grant at b->version; PD_ESTALE otherwise. */
int store_break_glass_review(struct db *db, const struct break_glass_rec *b, struct pd_err *e);

/* Does client_id exist in org_id? *responsible_id: the responsible generalist of the
 * client's newest dossier ("" when the client has none). */
int store_client_lookup(struct db *db, const char *org_id, const char *client_id, bool *exists,
                        char responsible_id[UUID_STR_BYTES], struct pd_err *e);

#endif
