/*
 * store_reflection.h: disclosure reflections (migration 0010). Callers own the
 * transaction and every access decision (app/reflection.c): these functions read and write
 * rows of one organisation and know nothing of who may see them. Strings are copied into
 * the given arena. Versioned updates bump the version; zero rows changed is PD_ESTALE.
 */
#ifndef PD_STORE_REFLECTION_H
#define PD_STORE_REFLECTION_H

#include "store.h"

struct reflection_rec {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    char author_id[UUID_STR_BYTES];
    const char *happened_on;
    const char *what_shared;
    const char *why_shared;    /* "" when not written */
    const char *permission;    /* yes | no | not_applicable */
    const char *checked_after; /* yes | no | planned */
    const char *balance;       /* yes | no | unsure */
    bool over_identification;
    const char *over_identification_note; /* NULL when none */
    bool undirected;
    const char *undirected_note;
    bool unprocessed;
    const char *unprocessed_note;
    const char *golden_rules; /* comma-separated codes, "" when none */
    const char *note;         /* NULL when none */
    const char *shared_with;  /* coach id, NULL when not shared */
    const char *shared_at;
    const char *created_at;
    const char *updated_at;
    int64_t version;
};

int store_reflection_insert(struct db *db, const struct reflection_rec *f, struct pd_err *e);
/* PD_ENOTFOUND when there is no such reflection in org_id. */
int store_reflection_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                         struct reflection_rec *out, struct pd_err *e);
/* Writes every field but id, org_id, author_id, created_at, if still at f->version. */
int store_reflection_update(struct db *db, const struct reflection_rec *f, struct pd_err *e);
/* PD_ESTALE when not at version. */
int store_reflection_delete(struct db *db, const char *org_id, const char *id, int64_t version,
                            struct pd_err *e);
/* The author's reflections (author_id) or those shared with a coach (shared_with), newest
 * first, id < after (NULL: from the top). Exactly one of the two is given. */
int store_reflection_list(struct db *db, struct arena *a, const char *org_id, const char *author_id,
                          const char *shared_with, const char *after, int limit,
                          struct reflection_rec **out, size_t *n, struct pd_err *e);

#endif
