/*
 * curriculum.c: lookups over the embedded curriculum tables and the check that every
 * cross-reference between them resolves (see curriculum.h). The tables are small (a few
 * hundred rows), so lookups are linear scans.
 */
#include "curriculum.h"

#include <string.h>

#define FIND(table, n, field, code)                                                                \
    do {                                                                                           \
        for (size_t i_ = 0; (code) && i_ < (n); i_++)                                              \
            if (strcmp((table)[i_].field, (code)) == 0)                                            \
                return &(table)[i_];                                                               \
        return NULL;                                                                               \
    } while (0)

const struct cur_code *cur_code_find(const struct cur_code *table, size_t n, const char *code)
{
    FIND(table, n, code, code);
}

const struct cur_unit *cur_unit_find(const char *code)
{
    FIND(cur_units, cur_units_count, code, code);
}

const struct cur_assignment *cur_assignment_find(const char *code)
{
    FIND(cur_assignments, cur_assignments_count, code, code);
}

const struct cur_task *cur_task_find(const char *code)
{
    FIND(cur_tasks, cur_tasks_count, code, code);
}

const struct cur_competency *cur_competency_find(const char *code)
{
    FIND(cur_competencies, cur_competencies_count, code, code);
}

const struct cur_dilemma *cur_dilemma_find(const char *code)
{
    FIND(cur_dilemmas, cur_dilemmas_count, code, code);
}

size_t cur_unit_assignment_count(const char *unit)
{
    size_t n = 0;
    for (size_t i = 0; i < cur_assignments_count; i++)
        n += strcmp(cur_assignments[i].unit, unit) == 0;
    return n;
}

size_t cur_task_activity_count(const char *task)
{
    size_t n = 0;
    for (size_t i = 0; i < cur_activities_count; i++)
        n += strcmp(cur_activities[i].task, task) == 0;
    return n;
}

bool cur_list_next(const char **cursor, char *code, size_t cap, bool *inferred)
{
    const char *p = *cursor;
    if (!p || !*p || cap == 0)
        return false;
    *inferred = *p == '~';
    if (*inferred)
        p++;
    size_t len = strcspn(p, ",");
    size_t n = len < cap - 1 ? len : cap - 1;
    memcpy(code, p, n);
    code[n] = '\0';
    p += len;
    *cursor = *p == ',' ? p + 1 : p;
    return true;
}

bool cur_list_has(const char *list, const char *code)
{
    char c[16];
    bool inferred;
    while (cur_list_next(&list, c, sizeof(c), &inferred))
        if (strcmp(c, code) == 0)
            return true;
    return false;
}

/* Every code of a list passes `exists`. */
static bool list_ok(const char *list, const void *(*exists)(const char *))
{
    char c[16];
    bool inferred;
    size_t n = 0;
    while (cur_list_next(&list, c, sizeof(c), &inferred)) {
        if (!exists(c))
            return false;
        n++;
    }
    return list == NULL || n > 0;
}

static const void *unit_exists(const char *c)
{
    return cur_unit_find(c);
}
static const void *competency_exists(const char *c)
{
    return cur_competency_find(c);
}
static const void *dilemma_exists(const char *c)
{
    return cur_dilemma_find(c);
}
static const void *task_exists(const char *c)
{
    return cur_task_find(c);
}

/* Row numbers n within one owner (unit, task, competency) run 1, 2, 3 in file order. */
static bool numbered(const char *owner, const char *prev_owner, int n, int prev_n)
{
    if (!prev_owner || strcmp(owner, prev_owner) != 0)
        return n == 1;
    return n == prev_n + 1;
}

static const char *const kinds[] = {"overarching", "generic", "specific", NULL};
static const char *const levels[] = {"mbo3", "mbo4", "hbo", NULL};

static bool one_of(const char *s, const char *const *set)
{
    for (; *set; set++)
        if (strcmp(s, *set) == 0)
            return true;
    return false;
}

int curriculum_check(struct pd_err *e)
{
#define BAD(...) return err_set(e, PD_EINTERNAL, NULL, __VA_ARGS__)
    for (size_t i = 0; i < cur_units_count; i++)
        if (!cur_code_find(cur_unit_types, cur_unit_types_count, cur_units[i].type))
            BAD("unit %s: unknown type %s", cur_units[i].code, cur_units[i].type);
    for (size_t i = 0; i < cur_goals_count; i++) {
        const struct cur_goal *g = &cur_goals[i];
        if (!cur_unit_find(g->unit))
            BAD("goal %s-%d: unknown unit", g->unit, g->n);
        if (!numbered(g->unit, i ? cur_goals[i - 1].unit : NULL, g->n, i ? cur_goals[i - 1].n : 0))
            BAD("goal %s-%d: out of order", g->unit, g->n);
    }
    for (size_t i = 0; i < cur_assignments_count; i++) {
        const struct cur_assignment *a = &cur_assignments[i];
        size_t ul = strlen(a->unit);
        if (!cur_unit_find(a->unit) || strncmp(a->code, a->unit, ul) != 0 || a->code[ul] != '-')
            BAD("assignment %s: unit %s unknown or not its prefix", a->code, a->unit);
        if (!cur_code_find(cur_labels, cur_labels_count, a->label) ||
            !cur_code_find(cur_outputs, cur_outputs_count, a->output))
            BAD("assignment %s: unknown label or output", a->code);
        if (!list_ok(a->competencies, competency_exists) || !list_ok(a->dilemmas, dilemma_exists) ||
            !list_ok(a->tasks, task_exists))
            BAD("assignment %s: a linked competency, dilemma or task does not exist", a->code);
    }
    for (size_t i = 0; i < cur_core_tasks_count; i++)
        if (!list_ok(cur_core_tasks[i].units, unit_exists))
            BAD("core task %s: unknown unit", cur_core_tasks[i].code);
    for (size_t i = 0; i < cur_tasks_count; i++)
        if (!cur_code_find(cur_task_areas, cur_task_areas_count, cur_tasks[i].area))
            BAD("task %s: unknown task area", cur_tasks[i].code);
    for (size_t i = 0; i < cur_activities_count; i++) {
        const struct cur_activity *a = &cur_activities[i];
        if (!cur_task_find(a->task))
            BAD("activity %s-%d: unknown task", a->task, a->n);
        if (!numbered(a->task, i ? cur_activities[i - 1].task : NULL, a->n,
                      i ? cur_activities[i - 1].n : 0))
            BAD("activity %s-%d: out of order", a->task, a->n);
    }
    for (size_t i = 0; i < cur_competencies_count; i++)
        if (!one_of(cur_competencies[i].kind, kinds) ||
            !list_ok(cur_competencies[i].units, unit_exists))
            BAD("competency %s: unknown kind or unit", cur_competencies[i].code);
    for (size_t i = 0; i < cur_indicators_count; i++) {
        const struct cur_indicator *d = &cur_indicators[i];
        if (!cur_competency_find(d->competency) || (d->level && !one_of(d->level, levels)))
            BAD("indicator %s-%d: unknown competency or level", d->competency, d->n);
        if (!numbered(d->competency, i ? cur_indicators[i - 1].competency : NULL, d->n,
                      i ? cur_indicators[i - 1].n : 0))
            BAD("indicator %s-%d: out of order", d->competency, d->n);
    }
    for (size_t i = 0; i < cur_dilemmas_count; i++)
        if (!cur_unit_find(cur_dilemmas[i].unit))
            BAD("dilemma %s: unknown unit", cur_dilemmas[i].code);
    return PD_OK;
#undef BAD
}

bool cur_local_unit_code_ok(const char *code)
{
    size_t n = code ? strlen(code) : 0;
    if (n < 2 || n > 12 || code[0] < 'A' || code[0] > 'Z')
        return false;
    for (size_t i = 1; i < n; i++)
        if (!((code[i] >= 'A' && code[i] <= 'Z') || (code[i] >= '0' && code[i] <= '9') ||
              code[i] == '-'))
            return false;
    return cur_unit_find(code) == NULL;
}
