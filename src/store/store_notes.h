/*
 * store_notes.h: the dossier timeline's rows (migration 0003): contact notes with their
 * activity and approach codes, evaluations, referrals, bridging periods, the closing and
 * reopening history, the merged timeline, the evaluation-due facts and the note search.
 *
 * Callers own the transaction and the need-to-know check (app/access.h): these functions
 * only read and write rows. Strings are copied into the given arena. Updates of versioned
 * rows run `WHERE id = ? AND version = ?` and bump the version; zero rows changed is
 * PD_ESTALE.
 */
#ifndef PD_STORE_NOTES_H
#define PD_STORE_NOTES_H

#include "store.h"

struct note_rec {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    char dossier_id[UUID_STR_BYTES];
    char author_id[UUID_STR_BYTES];
    const char *author_role; /* "generalist" | "expert" | "bridging_expert" */
    const char *kind;        /* contact_kind code */
    const char *contact_on;
    int minutes;
    bool attempt; /* a contact attempt without response ("keeping the line warm") */
    const char *body;
    const char *created_at;
    const char *updated_at;
    int64_t version;
    const char **activities; /* activity codes */
    size_t nactivities;
    const char **approaches; /* approach codes */
    size_t napproaches;
};

struct evaluation_rec {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    char dossier_id[UUID_STR_BYTES];
    const char *planned_on;
    char planned_by[UUID_STR_BYTES];
    const char *held_on; /* NULL until held */
    const char *summary; /* NULL until held */
    const char *created_at;
    const char *updated_at;
    int64_t version;
};

struct referral_rec {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    char dossier_id[UUID_STR_BYTES];
    const char *service; /* referral_service code */
    const char *referred_on;
    bool accompanied;
    const char *note; /* NULL when none */
    char created_by[UUID_STR_BYTES];
    const char *created_at;
};

struct bridging_rec {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    char dossier_id[UUID_STR_BYTES];
    const char *awaited; /* referral_service code of the awaited service */
    const char *waiting_since;
    char keeper_id[UUID_STR_BYTES];
    const char *ended_on; /* NULL while running */
    const char *created_at;
    int64_t version;
};

struct closure_rec {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    char dossier_id[UUID_STR_BYTES];
    const char *action; /* "close" | "reopen" */
    const char *on_date;
    const char *reason; /* closure_reason code; NULL for a reopening */
    const char *note;   /* NULL when none */
    char created_by[UUID_STR_BYTES];
    const char *created_at;
};

/* One row of the merged timeline. The meaning of s1..s3, text, i1 and i2 depends on the
 * type (see app/timeline.c, timeline_item_to_json). */
struct timeline_row {
    const char *type; /* note | evaluation | referral | bridging | intensity | request | closure */
    char id[UUID_STR_BYTES];
    const char *at; /* the date the item is about; newest first */
    const char *created_at;
    char who[UUID_STR_BYTES];
    const char *who_name;            /* that worker's name (NULL if unknown) */
    const char *s1, *s2, *s3, *text; /* NULL when absent */
    int64_t i1, i2, version;
    const char **activities, **approaches; /* notes only */
    size_t nactivities, napproaches;
};

/* The facts of one of "my" open dossiers for the evaluation prompt. */
struct due_row {
    char dossier_id[UUID_STR_BYTES];
    char client_id[UUID_STR_BYTES];
    char responsible_id[UUID_STR_BYTES];
    int basis; /* enum access_basis: responsible, assignment or bridging */
    bool progress_goal;
    const char *opened_on;
    const char *last_note_on;    /* NULL when none */
    const char *last_held_on;    /* NULL when none */
    const char *overdue_planned; /* earliest planned_on not held, NULL when none */
    int64_t version;
};

struct search_hit {
    char note_id[UUID_STR_BYTES];
    char dossier_id[UUID_STR_BYTES];
    const char *client_code; /* the pseudonymous code of the dossier's client */
    const char *contact_on;
    const char *snippet;
};

/* ---- the full-text index ----
 * The schema has no triggers for note_fts (trusted_schema is off), so whoever writes
 * note.body keeps the index in step: store_note_insert and store_note_update do. A bulk
 * writer (the demo) calls store_note_fts_add per note or store_note_fts_rebuild once. */
int store_note_fts_add(struct db *db, const char *note_id, struct pd_err *e);
/* Before changing or deleting the body of a note. */
int store_note_fts_remove(struct db *db, const char *note_id, struct pd_err *e);
int store_note_fts_rebuild(struct db *db, struct pd_err *e);

/* ---- notes ---- */
/* Inserts the note (and indexes it) and its codes. */
int store_note_insert(struct db *db, const struct note_rec *n, struct pd_err *e);
/* The note with its codes; PD_ENOTFOUND when not in org_id. */
int store_note_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                   struct note_rec *out, struct pd_err *e);
/* kind, contact_on, minutes, attempt, body, updated_at and the codes where the version is
 * still n->version; PD_ESTALE otherwise. */
int store_note_update(struct db *db, const struct note_rec *n, struct pd_err *e);
/* The role the worker writes in on the dossier today: "generalist" when responsible or
 * assigned as generalist, else "expert", else "bridging_expert"; NULL when none. */
int store_author_role(struct db *db, struct arena *a, const char *dossier_id, const char *worker_id,
                      const char *today, const char **role, struct pd_err *e);
/* Is the worker the dossier's responsible generalist or actively assigned on it today? */
int store_works_on(struct db *db, const char *dossier_id, const char *worker_id, const char *today,
                   bool *yes, struct pd_err *e);

/* ---- evaluations, referrals, bridging ---- */
int store_evaluation_insert(struct db *db, const struct evaluation_rec *v, struct pd_err *e);
int store_evaluation_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                         struct evaluation_rec *out, struct pd_err *e);
/* held_on, summary, updated_at where the version is still v->version. */
int store_evaluation_update(struct db *db, const struct evaluation_rec *v, struct pd_err *e);
int store_referral_insert(struct db *db, const struct referral_rec *f, struct pd_err *e);
int store_bridging_insert(struct db *db, const struct bridging_rec *b, struct pd_err *e);
int store_bridging_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                       struct bridging_rec *out, struct pd_err *e);
/* ended_on where the version is still b->version. */
int store_bridging_end(struct db *db, const struct bridging_rec *b, struct pd_err *e);

/* ---- closing and reopening ---- */
/* status closed, closed_on, closure_reason, closing_note, updated_at = now where the
 * version is still `version` and the dossier is open; PD_ESTALE otherwise. */
int store_dossier_close(struct db *db, const char *dossier_id, int64_t version,
                        const char *closed_on, const char *reason, const char *note,
                        const char *now, struct pd_err *e);
/* status open, closure fields cleared, where the version is still `version`. */
int store_dossier_reopen(struct db *db, const char *dossier_id, int64_t version, const char *now,
                         struct pd_err *e);
/* End every assignment still running after `today` and every open bridging period, on
 * `today`. */
int store_dossier_end_work(struct db *db, const char *dossier_id, const char *today,
                           struct pd_err *e);
/* Replace the dossier's outcome tags of one vocabulary. */
int store_outcomes_replace(struct db *db, const char *org_id, const char *dossier_id,
                           const char *vocab, const char *const *codes, size_t n, struct pd_err *e);
int store_closure_insert(struct db *db, const struct closure_rec *c, struct pd_err *e);

/* ---- reading ---- */
/* The dossier's timeline, newest first (by date, then creation, then id), after the item
 * `after` (NULL: from the top), at most limit rows. Notes come with their codes. */
int store_timeline(struct db *db, struct arena *a, const char *dossier_id, const char *after,
                   int limit, struct timeline_row **out, size_t *n, struct pd_err *e);
/* Does the timeline of the dossier hold an item with this id? */
int store_timeline_has(struct db *db, const char *dossier_id, const char *id, bool *yes,
                       struct pd_err *e);
/* The open dossiers where the worker is responsible or assigned on `today`, by id, at most
 * limit, with the facts of the evaluation prompt. */
int store_due_facts(struct db *db, struct arena *a, const char *org_id, const char *worker_id,
                    const char *today, int limit, struct due_row **out, size_t *n,
                    struct pd_err *e);
/* Notes matching the FTS5 expression `match` (already safely quoted by the caller) in
 * dossiers the worker may read at `now` (responsible, active assignment, active
 * break-the-glass for the client), best first, at most limit. */
/* Tests only: name at most n dossiers in the SQLite search expression (default 400), so
 * that the path for searchers with more can be reached with a few. */
void store_note_search_scope_max(int n);
int store_note_search(struct db *db, struct arena *a, const char *org_id, const char *worker_id,
                      const char *now, const char *match, int limit, struct search_hit **out,
                      size_t *n, struct pd_err *e);

#endif
