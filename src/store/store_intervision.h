/*
 * store_intervision.h: intervision groups, members, the open-group gate, sessions, agenda
 * items, cases and their feedback (migration 0009). Callers own the transaction and every
 * access decision (app/intervision.c); these functions only read and write rows of one
 * organisation. Strings are copied into the given arena. Versioned updates run `WHERE id = ?
 * AND version = ?` and bump the version; zero rows changed is PD_ESTALE.
 */
#ifndef PD_STORE_INTERVISION_H
#define PD_STORE_INTERVISION_H

#include "store.h"

struct iv_group {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    const char *kind; /* closed | open */
    const char *name;
    const char *purpose;      /* NULL when none */
    const char *team_id;      /* closed groups only */
    const char *team_name;    /* read only */
    const char *format;       /* case | theme; NULL when not set */
    const char *facilitation; /* fixed | rotating */
    char created_by[UUID_STR_BYTES];
    const char *created_at;
    int64_t version;
    /* Read for one viewer (store_iv_group_get / _list): */
    bool member;         /* closed: the viewer is a member */
    bool taking_part;    /* open: the viewer stated they take part */
    const char *next_on; /* the first session on or after `today`; NULL when none */
};

int store_iv_group_insert(struct db *db, const struct iv_group *g, struct pd_err *e);
/* PD_ENOTFOUND when there is no such group in org_id. */
int store_iv_group_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                       const char *viewer_id, const char *today, struct iv_group *out,
                       struct pd_err *e);
/* The closed groups viewer_id is a member of and every open group of org_id, by name. */
int store_iv_group_list(struct db *db, struct arena *a, const char *org_id, const char *viewer_id,
                        const char *today, struct iv_group **out, size_t *n, struct pd_err *e);

struct iv_person {
    char id[UUID_STR_BYTES];
    const char *name;
};

/* Members of a closed group, by name. */
int store_iv_members(struct db *db, struct arena *a, const char *group_id, struct iv_person **out,
                     size_t *n, struct pd_err *e);
/* PD_ECONFLICT (field worker_id) when already a member. */
int store_iv_member_add(struct db *db, const char *org_id, const char *group_id,
                        const char *worker_id, const char *now, struct pd_err *e);
/* PD_ENOTFOUND when worker_id is not a member. */
int store_iv_member_remove(struct db *db, const char *group_id, const char *worker_id,
                           struct pd_err *e);
/* Is worker_id a member of team_id (of org_id)? */
int store_iv_in_team(struct db *db, const char *org_id, const char *team_id, const char *worker_id,
                     bool *yes, struct pd_err *e);
/* Take part in an open group (on) or withdraw (!on); both are idempotent. */
int store_iv_participation_set(struct db *db, const char *org_id, const char *group_id,
                               const char *worker_id, bool on, struct pd_err *e);

struct iv_session {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    char group_id[UUID_STR_BYTES];
    const char *held_on;
    const char *starts_at;      /* "HH:MM" or NULL */
    const char *place;          /* NULL when none */
    const char *format;         /* closed groups: case | theme */
    const char *facilitator_id; /* closed groups; NULL when none */
    const char *facilitator_name;
    const char *chair; /* open groups: free text */
    const char *notes;
    int headcount;        /* -1 when not recorded */
    const char *decision; /* continue | pause | stop | NULL */
    const char *next_on;
    const char *decision_note;
    const char *decided_at;
    char created_by[UUID_STR_BYTES];
    const char *created_at;
    int64_t version;
};

int store_iv_session_insert(struct db *db, const struct iv_session *s, struct pd_err *e);
int store_iv_session_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                         struct iv_session *out, struct pd_err *e);
/* Writes every field after group_id up to decided_at, if still at s->version. */
int store_iv_session_update(struct db *db, const struct iv_session *s, struct pd_err *e);
/* The sessions of a group, newest date first. */
int store_iv_sessions(struct db *db, struct arena *a, const char *group_id, struct iv_session **out,
                      size_t *n, struct pd_err *e);
/* Does the group have a session on that date? */
int store_iv_session_on(struct db *db, const char *group_id, const char *date, bool *yes,
                        struct pd_err *e);

struct iv_agenda_item {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    char session_id[UUID_STR_BYTES];
    const char *title;
    const char *detail; /* NULL when none */
    const char *theme;  /* a fallback theme code or NULL */
    char author_id[UUID_STR_BYTES];
    const char *author_name; /* read only */
    bool show_author;
    const char *created_at;
};

int store_iv_agenda_insert(struct db *db, const struct iv_agenda_item *it, struct pd_err *e);
int store_iv_agenda_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                        struct iv_agenda_item *out, struct pd_err *e);
int store_iv_agenda_delete(struct db *db, const char *id, struct pd_err *e);
/* The items of a session, oldest first. */
int store_iv_agenda(struct db *db, struct arena *a, const char *session_id,
                    struct iv_agenda_item **out, size_t *n, struct pd_err *e);

struct iv_feedback {
    char id[UUID_STR_BYTES];
    char author_id[UUID_STR_BYTES];
    const char *author_name;
    const char *top;
    const char *tip;
    const char *created_at;
};

struct iv_case {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    char session_id[UUID_STR_BYTES];
    char owner_id[UUID_STR_BYTES];
    const char *owner_name; /* read only */
    const char *title;
    const char *question;
    const char *round; /* open | closed */
    const char *round_closed_at;
    const char *reflection;
    const char *usable;
    const char *follow_up;
    const char *reflected_at;
    const char *created_at;
    int64_t version;
    struct iv_feedback *feedback; /* read with store_iv_case_get / store_iv_cases */
    size_t nfeedback;
    int64_t nmembers; /* not stored: the group's members, set by app/ for "awaiting" */
};

int store_iv_case_insert(struct db *db, const struct iv_case *c, struct pd_err *e);
int store_iv_case_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                      struct iv_case *out, struct pd_err *e);
/* Writes round, round_closed_at, reflection, usable, follow_up, reflected_at at c->version. */
int store_iv_case_update(struct db *db, const struct iv_case *c, struct pd_err *e);
/* The cases of a session, oldest first, each with its feedback. */
int store_iv_cases(struct db *db, struct arena *a, const char *session_id, struct iv_case **out,
                   size_t *n, struct pd_err *e);
/* PD_ECONFLICT (field feedback) when the author gave feedback on this case already. */
int store_iv_feedback_insert(struct db *db, const char *org_id, const char *case_id,
                             const struct iv_feedback *f, struct pd_err *e);

/* Counts for the limits: items of a session (agenda / cases), members of a group. */
int store_iv_count(struct db *db, const char *what, const char *id, int64_t *n, struct pd_err *e);

#endif
