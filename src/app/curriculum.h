/*
 * curriculum.h: the curriculum as an organisation sees it: the seeded framework
 * (domain/curriculum.h) merged with the institution's own units and assignments
 * (store_curriculum.h). A seeded assignment that a local one replaces stays in the view,
 * marked replaced_by, but no longer counts for progress; local items are marked local.
 * Reading is open to every logged-in worker; adding, replacing and (de)activating local
 * items is for admins and trainers, audited (curriculum.unit.*, curriculum.assignment.*).
 * JSON returned is owned by the caller; strings live in r->arena.
 */
#ifndef PD_APP_CURRICULUM_H
#define PD_APP_CURRICULUM_H

#include "../domain/curriculum.h"
#include "../store/store_curriculum.h"
#include "app.h"

/* Text limits of local items. */
#define CUR_LOCAL_TITLE_CHARS 200
#define CUR_LOCAL_GOALS_CHARS 4000
#define CUR_LOCAL_TEXT_CHARS  500
#define CUR_LOCAL_CODES       20 /* competencies of one local assignment */

struct merged_unit {
    const char *code, *type, *title_nl, *title_en, *source; /* source NULL when local */
    bool local, active;
    const struct local_unit_rec *rec; /* local only */
};

struct merged_assignment {
    const char *code, *unit, *label, *output;
    const char *competencies, *dilemmas, *tasks; /* code lists; NULL or "" when none */
    const char *text_nl, *text_en, *source;      /* source NULL when local */
    bool local, active;
    bool counts;             /* active and not replaced: part of the unit's progress */
    const char *replaces;    /* local: the seeded code it stands in for */
    const char *replaced_by; /* seeded: the active local code standing in for it */
    const struct local_assignment_rec *rec;
};

/* The merged curriculum of the actor's organisation: seeded units, then local units;
 * assignments in unit order, local ones after the seeded ones of their unit. */
struct curriculum_view {
    struct merged_unit *units;
    size_t nunits;
    struct merged_assignment *assignments;
    size_t nassignments;
};

/* Load the view inside the caller's transaction. */
int curriculum_view_load(struct app_req *r, struct curriculum_view *v);
const struct merged_unit *curriculum_view_unit(const struct curriculum_view *v, const char *code);
const struct merged_assignment *curriculum_view_assignment(const struct curriculum_view *v,
                                                           const char *code);

/* GET /curriculum: the whole framework merged with the organisation's additions. */
int app_curriculum_get(struct app_req *r, json_t **out);
/* One unit with goals, assignments, and the competencies and dilemmas tied to it;
 * PD_ENOTFOUND for an unknown code. */
int app_curriculum_unit(struct app_req *r, const char *code, json_t **out);

/* NULL / -1: not given (keep on update). */
struct local_unit_input {
    const char *code; /* create only */
    const char *title_nl, *title_en, *goals_nl, *goals_en;
    int active;
};
int app_local_unit_create(struct app_req *r, const struct local_unit_input *in, json_t **out,
                          int64_t *version);
/* PD_ESTALE: *out is the current unit. */
int app_local_unit_update(struct app_req *r, const char *code, int64_t version,
                          const struct local_unit_input *in, json_t **out, int64_t *new_version);

struct local_assignment_input {
    const char *unit, *replaces; /* create only */
    const char *label, *output, *text_nl, *text_en;
    const char *const *competencies; /* with ncompetencies when has_competencies */
    size_t ncompetencies;
    bool has_competencies;
    int active;
};
int app_local_assignment_create(struct app_req *r, const struct local_assignment_input *in,
                                json_t **out, int64_t *version);
int app_local_assignment_update(struct app_req *r, const char *code, int64_t version,
                                const struct local_assignment_input *in, json_t **out,
                                int64_t *new_version);

/* JSON views used by the portfolio too. */
json_t *merged_assignment_to_json(const struct merged_assignment *a);
json_t *merged_unit_to_json(const struct curriculum_view *v, const struct merged_unit *u,
                            bool with_assignments);

#endif
