/*
 * curriculum.h: the curriculum framework for experience experts as versioned reference
 * data: the 9 units of the Basiscurriculum ervaringsdeskundigheid (2015) with their goals
 * and 95 assignments, and the Beroepscompetentieprofiel (2014) it builds on: 3 core
 * tasks, 3 task areas, 13 tasks with their activities, 16 competencies with behaviour
 * indicators and 5 dilemmas (shared/domain/curriculum.md §1-§3).
 *
 * The tables are generated at build time from the .tsv files in data/curriculum by
 * tools/embed-curriculum (build/gen/curriculum.c) and never change at run time: an
 * institution's own units and assignments live in its own tables (store_curriculum.h)
 * and are merged over these by app/curriculum.c. All strings are static; everything
 * here is read-only and thread-safe. No I/O.
 *
 * Code lists (an assignment's competencies, dilemmas and tasks, a competency's units) are
 * comma-separated codes, NULL when empty; a code written "~GC2" is a link inferred by us
 * rather than stated in the source. Read them with cur_list_next().
 */
#ifndef PD_DOMAIN_CURRICULUM_H
#define PD_DOMAIN_CURRICULUM_H

#include <stdbool.h>
#include <stddef.h>

#include "../lib/err.h"

/* A small code table: unit types, assignment labels, output types, task areas. */
struct cur_code {
    const char *code, *label_nl, *label_en, *source;
};
struct cur_unit {
    const char *code, *type, *title_nl, *title_en, *source;
};
struct cur_goal {
    const char *unit;
    int n;
    const char *text_nl, *text_en, *source;
};
struct cur_assignment {
    const char *code, *unit, *label, *output;
    const char *competencies, *dilemmas, *tasks; /* code lists, NULL when none */
    const char *text_nl, *text_en, *source;
};
struct cur_core_task {
    const char *code, *title_nl, *title_en, *units, *source;
};
struct cur_task {
    const char *code, *area, *title_nl, *title_en, *source;
};
struct cur_activity {
    const char *task;
    int n;
    const char *text_nl, *text_en, *source;
};
struct cur_competency {
    const char *code, *kind; /* overarching | generic | specific */
    const char *title_nl, *title_en, *units, *source;
};
struct cur_indicator {
    const char *competency;
    int n;
    const char *level; /* mbo3 | mbo4 | hbo, NULL: every level */
    const char *text_nl, *text_en, *source;
};
struct cur_dilemma {
    const char *code, *unit, *title_nl, *title_en, *source;
};

/* "basiscurriculum-2015+bcp-2014": which edition of the sources the tables hold. */
extern const char curriculum_version[];

/* Rows in file order (units, goals and assignments in curriculum order). */
extern const struct cur_code cur_unit_types[], cur_labels[], cur_outputs[], cur_task_areas[];
extern const struct cur_unit cur_units[];
extern const struct cur_goal cur_goals[];
extern const struct cur_assignment cur_assignments[];
extern const struct cur_core_task cur_core_tasks[];
extern const struct cur_task cur_tasks[];
extern const struct cur_activity cur_activities[];
extern const struct cur_competency cur_competencies[];
extern const struct cur_indicator cur_indicators[];
extern const struct cur_dilemma cur_dilemmas[];
extern const size_t cur_unit_types_count, cur_labels_count, cur_outputs_count, cur_task_areas_count,
    cur_units_count, cur_goals_count, cur_assignments_count, cur_core_tasks_count, cur_tasks_count,
    cur_activities_count, cur_competencies_count, cur_indicators_count, cur_dilemmas_count;

/* Lookups by exact code; NULL when there is no such code. */
const struct cur_code *cur_code_find(const struct cur_code *table, size_t n, const char *code);
const struct cur_unit *cur_unit_find(const char *code);
const struct cur_assignment *cur_assignment_find(const char *code);
const struct cur_task *cur_task_find(const char *code);
const struct cur_competency *cur_competency_find(const char *code);
const struct cur_dilemma *cur_dilemma_find(const char *code);

/* Number of seeded assignments / activities of a unit / task. */
size_t cur_unit_assignment_count(const char *unit);
size_t cur_task_activity_count(const char *task);

/* The next code of a code list: copies it (without "~") into code (cap bytes), sets
 * *inferred and advances *cursor. False at the end (or when *cursor is NULL). */
bool cur_list_next(const char **cursor, char *code, size_t cap, bool *inferred);
/* Does the code list hold `code` (stated or inferred)? */
bool cur_list_has(const char *list, const char *code);

/* Every cross-reference resolves: goals, assignments (unit, label, output, competencies,
 * dilemmas, tasks), core tasks (units), tasks (area), activities (task), competencies
 * (kind, units), indicators (competency, level), dilemmas (unit); numbering within a unit
 * or task runs 1, 2, 3 ... PD_OK, or PD_EINTERNAL naming the first bad row in e. */
int curriculum_check(struct pd_err *e);

/* An institution's own unit code: 2..12 characters, capital letter first, then capitals,
 * digits or '-', and not a seeded unit's code. */
bool cur_local_unit_code_ok(const char *code);

#endif
