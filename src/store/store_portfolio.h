/*
 * store_portfolio.h: portfolio evidence, its references to assignments and competencies,
 * trainer feedback and unit sign-offs (migration 0007), and the one question about
 * learning groups (migration 0006) that decides who may read a portfolio. Callers own
 * the transaction and every access decision (app/portfolio.c); these functions read and
 * write rows of one organisation. Strings are copied into the given arena. Versioned
 * updates bump the version; no row changed is PD_ESTALE.
 */
#ifndef PD_STORE_PORTFOLIO_H
#define PD_STORE_PORTFOLIO_H

#include "store.h"

struct evidence_rec {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    char owner_id[UUID_STR_BYTES];
    const char *kind; /* text | file | link */
    const char *title;
    const char *body;         /* text, or a note with a file or link; "" when none */
    const char *url;          /* link only */
    const char *file_name;    /* file only */
    const char *content_type; /* file only */
    int64_t file_size;        /* file only */
    const char *created_at, *updated_at;
    int64_t version;
    const char *const *assignments; /* codes (arena) */
    size_t nassignments;
    const char *const *competencies;
    size_t ncompetencies;
};

/* The item, its bytes (file: data/len, else NULL/0) and one row per reference. */
int store_evidence_insert(struct db *db, const struct evidence_rec *v, const void *data, size_t len,
                          struct pd_err *e);
/* Without the file bytes. PD_ENOTFOUND unless the item is owner_id's in org_id. */
int store_evidence_get(struct db *db, struct arena *a, const char *org_id, const char *owner_id,
                       const char *id, struct evidence_rec *out, struct pd_err *e);
/* The file bytes copied into the arena. */
int store_evidence_file(struct db *db, struct arena *a, const char *org_id, const char *id,
                        const void **data, size_t *len, struct pd_err *e);
/* Title, body, url and references (replaced), if still at v->version; sets updated_at. */
int store_evidence_update(struct db *db, const struct evidence_rec *v, struct pd_err *e);
/* With its references and feedback (cascade). */
int store_evidence_delete(struct db *db, const char *org_id, const char *owner_id, const char *id,
                          struct pd_err *e);
/* The owner's items, newest first (at most limit), with their references. */
int store_evidence_list(struct db *db, struct arena *a, const char *org_id, const char *owner_id,
                        int limit, struct evidence_rec **out, size_t *n, struct pd_err *e);

struct feedback_rec {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    char owner_id[UUID_STR_BYTES];
    const char *evidence_id; /* exactly one of evidence_id and unit_code */
    const char *unit_code;
    char author_id[UUID_STR_BYTES];
    const char *author_name; /* read only */
    const char *body;
    const char *created_at;
};

int store_feedback_insert(struct db *db, const struct feedback_rec *f, struct pd_err *e);
/* Feedback on the owner's portfolio, oldest first, with the author's name. */
int store_feedback_list(struct db *db, struct arena *a, const char *org_id, const char *owner_id,
                        struct feedback_rec **out, size_t *n, struct pd_err *e);

struct signoff_rec {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    char owner_id[UUID_STR_BYTES];
    const char *unit_code;
    char trainer_id[UUID_STR_BYTES];
    const char *trainer_name; /* read only */
    const char *note;
    const char *signed_at;
    const char *withdrawn_at; /* NULL while it stands */
    const char *withdrawn_by;
    const char *withdraw_reason;
    int64_t version;
};

/* A second standing sign-off of the same unit is PD_ECONFLICT naming "unit". */
int store_signoff_insert(struct db *db, const struct signoff_rec *s, struct pd_err *e);
int store_signoff_get(struct db *db, struct arena *a, const char *org_id, const char *owner_id,
                      const char *id, struct signoff_rec *out, struct pd_err *e);
/* Withdraw a standing sign-off at s->version (withdrawn_* from s). */
int store_signoff_withdraw(struct db *db, const struct signoff_rec *s, struct pd_err *e);
/* Every sign-off of the owner, standing and withdrawn, oldest first. */
int store_signoff_list(struct db *db, struct arena *a, const char *org_id, const char *owner_id,
                       struct signoff_rec **out, size_t *n, struct pd_err *e);

/* Is trainer_id a trainer of a learning group in which student_id is a student? */
int store_trains(struct db *db, const char *org_id, const char *trainer_id, const char *student_id,
                 bool *yes, struct pd_err *e);

struct learner_rec {
    char id[UUID_STR_BYTES];
    const char *name;
    const char *groups; /* the shared groups' names, "; "-separated */
};
/* The students of the learning groups trainer_id trains, by name. */
int store_learners_of(struct db *db, struct arena *a, const char *org_id, const char *trainer_id,
                      struct learner_rec **out, size_t *n, struct pd_err *e);

#endif
