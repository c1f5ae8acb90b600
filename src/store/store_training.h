/*
 * store_training.h: sessions of the training "Ervaringskennis voor generalisten", the
 * experts who give them and the generalists who attended (migration 0010). Callers own
 * the transaction and the access decisions (app/training.c). Strings are copied into the
 * given arena. Versioned updates bump the version; zero rows changed is PD_ESTALE.
 */
#ifndef PD_STORE_TRAINING_H
#define PD_STORE_TRAINING_H

#include "store.h"

struct training_person {
    char id[UUID_STR_BYTES];
    const char *name;
};

struct training_rec {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    const char *title;
    const char *held_on;
    const char *place; /* "" when not given */
    char created_by[UUID_STR_BYTES];
    const char *created_at;
    const char *updated_at;
    int64_t version;
    struct training_person *trainers; /* the experts who give it, by name */
    size_t ntrainers;
    struct training_person *attendees; /* get only (list: NULL), by name */
    size_t nattendees;                 /* list and get */
};

/* The session and one row per trainer (trainers[].id). */
int store_training_insert(struct db *db, const struct training_rec *t, struct pd_err *e);
/* With trainers and attendees. PD_ENOTFOUND when not in org_id. */
int store_training_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                       struct training_rec *out, struct pd_err *e);
/* Title, held_on, place, updated_at and the trainers, if still at t->version. */
int store_training_update(struct db *db, const struct training_rec *t, struct pd_err *e);
/* Newest date first, with trainers and the number of attendees. */
int store_training_list(struct db *db, struct arena *a, const char *org_id,
                        struct training_rec **out, size_t *n, struct pd_err *e);
/* Replace the attendance of a session and bump its version (if still at version). */
int store_training_set_attendance(struct db *db, const char *org_id, const char *session_id,
                                  int64_t version, const char *const *worker_ids, size_t n,
                                  const char *recorded_by, const char *now, struct pd_err *e);

/* An active generalist: teams (names, ", "-joined; "" when none), created_at and the date
 * of the last session attended on or before `today` (NULL when none). By name. */
struct training_generalist {
    char id[UUID_STR_BYTES];
    const char *name;
    const char *teams;
    const char *created_at;
    const char *attended_on;
};
int store_training_generalists(struct db *db, struct arena *a, const char *org_id,
                               const char *today, struct training_generalist **out, size_t *n,
                               struct pd_err *e);

/* Per team with active generalists: how many, and how many attended (on or before today). */
struct training_coverage {
    char team_id[UUID_STR_BYTES];
    const char *team_name;
    int generalists;
    int attended;
};
int store_training_coverage(struct db *db, struct arena *a, const char *org_id, const char *today,
                            struct training_coverage **out, size_t *n, struct pd_err *e);

#endif
