/*
 * store_lgroup.h: learning groups (leergroepen) and their members (migration 0006).
 * Callers own the transaction and every access decision (app/learning_groups.c); these
 * functions read and write rows of one organisation. Strings are copied into the arena.
 */
#ifndef PD_STORE_LGROUP_H
#define PD_STORE_LGROUP_H

#include "store.h"

struct lgroup_member {
    char worker_id[UUID_STR_BYTES];
    const char *name; /* the worker's display name */
    const char *role; /* trainer | student */
};

struct lgroup {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    const char *name;
    const char *level;     /* mbo3 | mbo4 | hbo | NULL */
    const char *starts_on; /* YYYY-MM-DD | NULL */
    char created_by[UUID_STR_BYTES];
    const char *created_at;
    int64_t version;
    struct lgroup_member *members; /* trainers first, then by name */
    size_t nmembers;
};

/* A duplicate name in the organisation is PD_ECONFLICT naming "name". */
int store_lgroup_insert(struct db *db, const struct lgroup *g, struct pd_err *e);
/* One group of org_id with its members; PD_ENOTFOUND when there is none. */
int store_lgroup_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                     struct lgroup *out, struct pd_err *e);
/* The groups of org_id by name, each with its members; only those worker_id is a member
 * of unless worker_id is NULL. */
int store_lgroup_list(struct db *db, struct arena *a, const char *org_id, const char *worker_id,
                      struct lgroup **out, size_t *n, struct pd_err *e);
/* Already a member: PD_ECONFLICT naming "worker_id". */
int store_lgroup_member_add(struct db *db, const char *org_id, const char *group_id,
                            const char *worker_id, const char *role, const char *now,
                            struct pd_err *e);
/* Not a member: PD_ENOTFOUND. */
int store_lgroup_member_remove(struct db *db, const char *org_id, const char *group_id,
                               const char *worker_id, struct pd_err *e);

#endif
