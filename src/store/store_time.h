/*
 * store_time.h: what an organisation knows about its experience experts as employees
 * (migration 0012): the share of a full-time position worked as an expert and the
 * qualification level, kept on expert_profile, and the experts' own time log
 * (expert_time). Callers own the transaction and every access decision
 * (app/expert_time.c); these functions read and write rows of one organisation. Strings
 * are copied into the arena.
 */
#ifndef PD_STORE_TIME_H
#define PD_STORE_TIME_H

#include "store.h"

/* fte_pct and qualification of one expert; the expert_profile row's version. */
struct employment_rec {
    char worker_id[UUID_STR_BYTES];
    const char *name;          /* the worker's display name (read only) */
    int fte_pct;               /* 0..100; -1 = unknown (NULL) */
    const char *qualification; /* "mbo3", "mbo4", "hbo"; NULL = unknown */
    const char *updated_at;    /* NULL while no profile row exists */
    int64_t version;           /* 0 while no profile row exists */
};

/* The employment of worker_id, an active expert of org_id: PD_ENOTFOUND when worker_id is
 * no such worker (another organisation, disabled, not an expert). No profile row gives
 * version 0 and unknowns. */
int store_employment_get(struct db *db, struct arena *a, const char *org_id, const char *worker_id,
                         struct employment_rec *out, struct pd_err *e);
/* Write fte_pct and qualification of rec->worker_id: insert a profile row with the
 * migration's defaults (capacity 8, available) when rec->version is 0 (PD_ESTALE when one
 * exists by now), else update where the version is still rec->version (PD_ESTALE when not).
 * On success rec->version and rec->updated_at are the new ones. */
int store_employment_put(struct db *db, const char *org_id, struct employment_rec *rec,
                         const char *now, struct pd_err *e);

struct time_entry {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    char worker_id[UUID_STR_BYTES];
    const char *role_type; /* a code of the vocabulary role_type */
    const char *on_date;   /* YYYY-MM-DD */
    int minutes;           /* 1..1440 */
    const char *created_at;
};

struct time_total {
    const char *role_type;
    int64_t minutes;
    int64_t entries;
};

int store_time_insert(struct db *db, const struct time_entry *t, struct pd_err *e);
/* Minutes worker_id already logged on on_date (all role types). */
int store_time_day_minutes(struct db *db, const char *worker_id, const char *on_date,
                           int64_t *minutes, struct pd_err *e);
/* The entries of worker_id with from <= on_date <= to, newest first (on_date, created_at,
 * id); totals per role type of the same range, most minutes first (then by code). */
int store_time_list(struct db *db, struct arena *a, const char *worker_id, const char *from,
                    const char *to, struct time_entry **out, size_t *n, struct pd_err *e);
int store_time_totals(struct db *db, struct arena *a, const char *worker_id, const char *from,
                      const char *to, struct time_total **out, size_t *n, struct pd_err *e);
/* Delete entry id of worker_id: PD_ENOTFOUND when worker_id has no such entry. */
int store_time_delete(struct db *db, const char *worker_id, const char *id, struct pd_err *e);

#endif
