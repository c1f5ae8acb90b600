/*
 * store_readiness.h: implementation readiness scans and their scores (migration 0011).
 * Callers own the transaction and every access decision (app/readiness.c); these
 * functions read and write rows of one organisation. Strings are copied into the arena.
 */
#ifndef PD_STORE_READINESS_H
#define PD_STORE_READINESS_H

#include "store.h"

struct readiness_score {
    const char *item;    /* a code of the vocabulary readiness_item */
    int score;           /* 1..5, 0 = not assessed (NULL in the table) */
    const char *comment; /* NULL when none */
};

struct readiness_scan {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    const char *taken_on; /* YYYY-MM-DD */
    char created_by[UUID_STR_BYTES];
    const char *created_by_name; /* the worker's display name (read only) */
    const char *note;            /* NULL when none */
    const char *created_at;
    struct readiness_score *scores; /* in the order of the vocabulary */
    size_t nscores;
};

/* The scan row and every score row. */
int store_readiness_insert(struct db *db, const struct readiness_scan *s, struct pd_err *e);
/* One scan of org_id with its scores; PD_ENOTFOUND when there is none. */
int store_readiness_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                        struct readiness_scan *out, struct pd_err *e);
/* Every scan of org_id, newest first (taken_on, then created_at), each with its scores. */
int store_readiness_list(struct db *db, struct arena *a, const char *org_id,
                         struct readiness_scan **out, size_t *n, struct pd_err *e);

#endif
