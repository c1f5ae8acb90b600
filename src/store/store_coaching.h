/*
 * store_coaching.h: coaching links, conversations and private notes (migration 0010).
 * Callers own the transaction and every access decision (app/coaching.c); these
 * functions only read and write rows of one organisation. Strings are copied into the
 * given arena. Versioned updates run `WHERE id = ? AND version = ?` and bump the version;
 * zero rows changed is PD_ESTALE.
 */
#ifndef PD_STORE_COACHING_H
#define PD_STORE_COACHING_H

#include "store.h"

struct coaching_link_rec {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    char coach_id[UUID_STR_BYTES];
    char expert_id[UUID_STR_BYTES];
    const char *started_on;
    const char *ended_on; /* NULL while running */
    char created_by[UUID_STR_BYTES];
    const char *created_at;
    int64_t version;
    /* Read with the link, never written: */
    const char *coach_name;
    const char *expert_name;
    const char *last_held_on;    /* newest held conversation, NULL when none */
    const char *next_planned_on; /* oldest planned conversation, NULL when none */
};

/* PD_ECONFLICT naming "expert_id" when the expert already has a running link. */
int store_coaching_link_insert(struct db *db, const struct coaching_link_rec *l, struct pd_err *e);
/* PD_ENOTFOUND when there is no such link in org_id. */
int store_coaching_link_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                            struct coaching_link_rec *out, struct pd_err *e);
/* Set ended_on of a running link at `version`; PD_ESTALE otherwise. */
int store_coaching_link_end(struct db *db, const char *org_id, const char *id, int64_t version,
                            const char *ended_on, struct pd_err *e);
/* Running links where coach_id (or expert_id) is the given worker; both NULL: every
 * running link of the organisation. By expert name. */
int store_coaching_links(struct db *db, struct arena *a, const char *org_id, const char *coach_id,
                         const char *expert_id, struct coaching_link_rec **out, size_t *n,
                         struct pd_err *e);
/* Every link of the expert, running or ended, newest first. */
int store_coaching_links_of_expert(struct db *db, struct arena *a, const char *org_id,
                                   const char *expert_id, struct coaching_link_rec **out, size_t *n,
                                   struct pd_err *e);

struct coaching_conv_rec {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    char link_id[UUID_STR_BYTES];
    const char *on_date;
    const char *status; /* held | planned | cancelled */
    const char *topic;  /* NULL when none */
    char created_by[UUID_STR_BYTES];
    const char *created_at;
    const char *updated_at;
    int64_t version;
};

int store_coaching_conv_insert(struct db *db, const struct coaching_conv_rec *c, struct pd_err *e);
int store_coaching_conv_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                            struct coaching_conv_rec *out, struct pd_err *e);
/* Writes on_date, status, topic, updated_at if still at c->version. */
int store_coaching_conv_update(struct db *db, const struct coaching_conv_rec *c, struct pd_err *e);
/* The conversations of one link, newest date first. */
int store_coaching_conv_list(struct db *db, struct arena *a, const char *org_id,
                             const char *link_id, struct coaching_conv_rec **out, size_t *n,
                             struct pd_err *e);

struct coaching_note_rec {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    char link_id[UUID_STR_BYTES];
    char author_id[UUID_STR_BYTES];
    const char *body;
    const char *created_at;
    const char *updated_at;
    int64_t version;
};

int store_coaching_note_insert(struct db *db, const struct coaching_note_rec *c, struct pd_err *e);
int store_coaching_note_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                            struct coaching_note_rec *out, struct pd_err *e);
/* Writes body and updated_at if still at c->version. */
int store_coaching_note_update(struct db *db, const struct coaching_note_rec *c, struct pd_err *e);
/* The notes of one link, newest first. */
int store_coaching_note_list(struct db *db, struct arena *a, const char *org_id,
                             const char *link_id, struct coaching_note_rec **out, size_t *n,
                             struct pd_err *e);

/* Per active expert of the organisation: whether a link runs and the newest held
 * conversation of that link (NULL when none). By name. */
struct coaching_expert_row {
    char expert_id[UUID_STR_BYTES];
    const char *name;
    bool has_coach;
    const char *last_held_on;
};
int store_coaching_experts(struct db *db, struct arena *a, const char *org_id,
                           struct coaching_expert_row **out, size_t *n, struct pd_err *e);

#endif
