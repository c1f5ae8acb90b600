/*
 * store_story.h: recovery stories (migration 0008): stories, their versions and fragments,
 * the fragments' sharing, audience versions and viewers' responses; and the two questions
 * about learning groups (migration 0006) that sharing depends on.
 *
 * Callers own the transaction and every access decision (app/story.c); these functions
 * only read and write rows of one organisation. The one exception is deliberate: the
 * viewer queries (store_share_*) decide visibility in SQL, so a fragment that is not
 * shared with the viewer is never even read into memory. Strings are copied into the given
 * arena. Versioned updates run `WHERE id = ? AND version = ?` and bump the version; zero
 * rows changed is PD_ESTALE.
 */
#ifndef PD_STORE_STORY_H
#define PD_STORE_STORY_H

#include "store.h"

struct story_rec {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    char author_id[UUID_STR_BYTES];
    const char *title;
    const char *form;       /* story | poem | diary | comic | essay | other */
    const char *wont_share; /* NULL when none; only ever shown to the author */
    int64_t current_n;
    const char *created_at;
    const char *updated_at;
    int64_t version;
    /* Read with the author's list only: */
    int64_t nfragments; /* in the current version */
    int64_t nshared;    /* of those, shared with someone */
};

struct story_response_rec {
    char id[UUID_STR_BYTES];
    char fragment_id[UUID_STR_BYTES];
    char responder_id[UUID_STR_BYTES];
    const char *responder_name;
    const char *kind; /* feedback | evokes */
    const char *body;
    const char *created_at;
};

/* A fragment in one version; the sharing fields are the fragment's (they do not change
 * with the version). */
struct story_fragment_rec {
    char id[UUID_STR_BYTES];
    int64_t position;
    const char *body;
    const char *scope;     /* self | trainer | group */
    const char *feedback;  /* yes | no | only_evokes */
    const char *shared_at; /* NULL while never shared */
    int64_t version;       /* of the sharing (If-Match of PUT .../sharing) */
    struct story_response_rec *responses;
    size_t nresponses;
};

struct story_version_rec {
    int64_t n;
    const char *title;
    const char *form;
    const char *saved_at;
    int64_t nfragments;
    struct story_fragment_rec *fragments; /* NULL in lists */
};

struct story_audience_item {
    const char *fragment_id; /* NULL: text the author added */
    const char *body;
};

struct story_audience_rec {
    char id[UUID_STR_BYTES];
    char story_id[UUID_STR_BYTES];
    const char *audience; /* one_to_one | group | stage */
    const char *title;
    const char *created_at;
    const char *updated_at;
    int64_t version;
    struct story_audience_item *items; /* NULL in lists */
    size_t nitems;
};

/* A fragment as a viewer sees it: no story id, no other fragment, nothing else. */
struct story_share_rec {
    char fragment_id[UUID_STR_BYTES];
    char author_id[UUID_STR_BYTES];
    const char *author_name;
    const char *story_title;
    const char *body;
    const char *scope;
    const char *feedback;
    const char *shared_at;
    struct story_response_rec *responses; /* the viewer's own (filled by app/) */
    size_t nresponses;
};

/* ---- stories ---- */

int store_story_insert(struct db *db, const struct story_rec *s, struct pd_err *e);
/* PD_ENOTFOUND when there is no such story in org_id. */
int store_story_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                    struct story_rec *out, struct pd_err *e);
/* Set title, form, wont_share, current_n and updated_at if still at s->version. */
int store_story_update(struct db *db, const struct story_rec *s, struct pd_err *e);
/* Delete the story and (cascade) everything of it, if still at version. */
int store_story_delete(struct db *db, const char *org_id, const char *id, int64_t version,
                       struct pd_err *e);
/* The author's stories, newest first, with nfragments and nshared. */
int store_story_list_author(struct db *db, struct arena *a, const char *org_id,
                            const char *author_id, int limit, struct story_rec **out, size_t *n,
                            struct pd_err *e);
int store_story_count_author(struct db *db, const char *org_id, const char *author_id, int64_t *n,
                             struct pd_err *e);

/* ---- versions and fragments ---- */

int store_story_version_insert(struct db *db, const char *org_id, const char *story_id,
                               const struct story_version_rec *v, struct pd_err *e);
/* One version with its fragments in order (text + the fragments' sharing). */
int store_story_version_get(struct db *db, struct arena *a, const char *org_id,
                            const char *story_id, int64_t n, struct story_version_rec *out,
                            struct pd_err *e);
/* Versions newest first with n < before (0: from the newest), without fragments. */
int store_story_version_list(struct db *db, struct arena *a, const char *org_id,
                             const char *story_id, int64_t before, int limit,
                             struct story_version_rec **out, size_t *n, struct pd_err *e);
/* A new fragment identity (scope self, feedback no). */
int store_fragment_insert(struct db *db, const char *org_id, const char *story_id, const char *id,
                          const char *created_at, struct pd_err *e);
/* Does fragment id belong to story_id (in any version)? */
int store_fragment_of_story(struct db *db, const char *org_id, const char *story_id, const char *id,
                            bool *yes, struct pd_err *e);
/* Is fragment id in version n of story_id? */
int store_fragment_in_version(struct db *db, const char *story_id, int64_t n, const char *id,
                              bool *yes, struct pd_err *e);
int store_version_fragment_insert(struct db *db, const char *org_id, const char *story_id,
                                  int64_t n, int64_t position, const char *fragment_id,
                                  const char *body, struct pd_err *e);
/* Set scope and feedback at version (shared_at = now when the scope leaves self). */
int store_fragment_set_sharing(struct db *db, const char *org_id, const char *id, int64_t version,
                               const char *scope, const char *feedback, const char *now,
                               struct pd_err *e);
/* Withdraw every share of a fragment of story_id that is not in version n. */
int store_fragment_unshare_missing(struct db *db, const char *org_id, const char *story_id,
                                   int64_t n, struct pd_err *e);

/* ---- audience versions ---- */

/* The audience version and its items. */
int store_audience_insert(struct db *db, const char *org_id, const struct story_audience_rec *au,
                          struct pd_err *e);
int store_audience_get(struct db *db, struct arena *a, const char *org_id, const char *story_id,
                       const char *id, struct story_audience_rec *out, struct pd_err *e);
/* The audience versions of a story, newest first, without items. */
int store_audience_list(struct db *db, struct arena *a, const char *org_id, const char *story_id,
                        struct story_audience_rec **out, size_t *n, struct pd_err *e);
int store_audience_count(struct db *db, const char *story_id, int64_t *n, struct pd_err *e);
/* Replace audience, title and items at au->version. */
int store_audience_update(struct db *db, const char *org_id, const struct story_audience_rec *au,
                          const char *now, struct pd_err *e);
int store_audience_delete(struct db *db, const char *org_id, const char *id, int64_t version,
                          struct pd_err *e);

/* ---- responses ---- */

int store_response_insert(struct db *db, const char *org_id, const struct story_response_rec *rs,
                          struct pd_err *e);
/* The responses to a fragment, oldest first; only responder_id's when it is not NULL. */
int store_response_list(struct db *db, struct arena *a, const char *fragment_id,
                        const char *responder_id, struct story_response_rec **out, size_t *n,
                        struct pd_err *e);

/* ---- what viewers see ---- */

/* Fragments of other authors' current versions shared with viewer_id: newest story
 * first, each story's fragments in reading order; after: the last fragment id of the
 * previous page (NULL: from the top). */
int store_share_list(struct db *db, struct arena *a, const char *org_id, const char *viewer_id,
                     const char *after, int limit, struct story_share_rec **out, size_t *n,
                     struct pd_err *e);
/* One such fragment; PD_ENOTFOUND when it is not shared with viewer_id (or not there). */
int store_share_get(struct db *db, struct arena *a, const char *org_id, const char *viewer_id,
                    const char *fragment_id, struct story_share_rec *out, struct pd_err *e);

/* ---- learning groups ---- */

/* Is worker_id a student in a learning group that has a trainer (who is not worker_id)?
 * Is worker_id in a learning group with at least one other member? */
int store_story_audience_reach(struct db *db, const char *org_id, const char *worker_id,
                               bool *has_trainer, bool *has_group, struct pd_err *e);

#endif
