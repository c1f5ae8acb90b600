/*
 * store_curriculum.h: an institution's own curriculum units and assignments (migration
 * 0007), kept beside the seeded framework that lives in the binary (domain/curriculum.h).
 * Callers own the transaction and every rule (app/curriculum.c); these functions read and
 * write rows of one organisation only. Strings are copied into the given arena. Versioned
 * updates run `WHERE ... AND version = ?` and bump the version; no row changed is
 * PD_ESTALE. A duplicate code is PD_ECONFLICT naming "code".
 */
#ifndef PD_STORE_CURRICULUM_H
#define PD_STORE_CURRICULUM_H

#include "store.h"

struct local_unit_rec {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    const char *code;
    const char *title_nl, *title_en;
    const char *goals_nl, *goals_en; /* "" when none */
    int sort;
    bool active;
    char created_by[UUID_STR_BYTES];
    const char *created_at;
    int64_t version;
};

struct local_assignment_rec {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    const char *code;      /* "<unit>-L01" */
    const char *unit_code; /* a seeded or local unit */
    const char *replaces;  /* seeded assignment code, NULL when an addition */
    const char *label, *output;
    const char *competencies; /* comma list, "" when none */
    const char *text_nl, *text_en;
    bool active;
    char created_by[UUID_STR_BYTES];
    const char *created_at;
    int64_t version;
};

int store_local_unit_insert(struct db *db, const struct local_unit_rec *u, struct pd_err *e);
/* PD_ENOTFOUND when org_id has no unit with that code. */
int store_local_unit_get(struct db *db, struct arena *a, const char *org_id, const char *code,
                         struct local_unit_rec *out, struct pd_err *e);
/* Titles, goals and active, if still at u->version. */
int store_local_unit_update(struct db *db, const struct local_unit_rec *u, struct pd_err *e);
/* Every local unit of the organisation (active or not), by sort then code. */
int store_local_unit_list(struct db *db, struct arena *a, const char *org_id,
                          struct local_unit_rec **out, size_t *n, struct pd_err *e);
/* Highest sort in use (0 when none). */
int store_local_unit_max_sort(struct db *db, const char *org_id, int *out, struct pd_err *e);

int store_local_assignment_insert(struct db *db, const struct local_assignment_rec *l,
                                  struct pd_err *e);
int store_local_assignment_get(struct db *db, struct arena *a, const char *org_id, const char *code,
                               struct local_assignment_rec *out, struct pd_err *e);
/* Label, output, competencies, texts and active, if still at l->version. Re-activating a
 * replacement while another one stands is PD_ECONFLICT naming "replaces". */
int store_local_assignment_update(struct db *db, const struct local_assignment_rec *l,
                                  struct pd_err *e);
/* Every local assignment of the organisation, by unit then code. */
int store_local_assignment_list(struct db *db, struct arena *a, const char *org_id,
                                struct local_assignment_rec **out, size_t *n, struct pd_err *e);
/* How many local assignments a unit has had (for the next code's number). */
int store_local_assignment_count(struct db *db, const char *org_id, const char *unit_code, int *out,
                                 struct pd_err *e);

#endif
