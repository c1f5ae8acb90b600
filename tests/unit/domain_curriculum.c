/* domain_curriculum.c: the embedded curriculum framework holds what curriculum.md counts
 * (9 units, 95 assignments split per unit as §2.10 says, 3 core tasks, 3 task areas, 13
 * tasks with the §3.3 activity counts, 1 + 8 + 7 competencies, 5 dilemmas) and every
 * cross-reference resolves; code lists and local unit codes parse as documented. */
#include "domain/curriculum.h"
#include "tap.h"

static size_t competencies_of_kind(const char *kind)
{
    size_t n = 0;
    for (size_t i = 0; i < cur_competencies_count; i++)
        n += strcmp(cur_competencies[i].kind, kind) == 0;
    return n;
}

int main(void)
{
    struct pd_err e;

    subtest("version")
    {
        is_str(curriculum_version, "basiscurriculum-2015+bcp-2014", "the edition of the sources");
    }
    subtest("units in order")
    {
        static const char *const order[] = {"BM1", "BM2", "BM3", "BM4", "INT",
                                            "PM1", "PM2", "PM3", "PM4"};
        static const char *const types[] = {
            "basismodule",    "basismodule",       "basismodule",
            "basismodule",    "verbindingsmodule", "praktijkmodule",
            "praktijkmodule", "praktijkmodule",    "praktijkmodule"};
        is_int(cur_units_count, 9, "nine units");
        for (size_t i = 0; i < 9 && i < cur_units_count; i++) {
            is_str(cur_units[i].code, order[i], "unit %zu", i + 1);
            is_str(cur_units[i].type, types[i], "type of %s", order[i]);
        }
        is_str(cur_unit_find("INT")->title_nl, "Intermezzo: Het eigen verhaal", "INT's title");
    }
    subtest("assignments per unit")
    {
        static const struct {
            const char *unit;
            size_t n;
        } split[] = {{"BM1", 9},  {"BM2", 17}, {"BM3", 5}, {"BM4", 8}, {"INT", 8},
                     {"PM1", 16}, {"PM2", 17}, {"PM3", 8}, {"PM4", 7}};
        is_int(cur_assignments_count, 95, "95 assignments");
        for (size_t i = 0; i < sizeof(split) / sizeof(split[0]); i++)
            is_int(cur_unit_assignment_count(split[i].unit), split[i].n, "%s has %zu",
                   split[i].unit, split[i].n);
        const struct cur_assignment *a = cur_assignment_find("BM1-01");
        ok(a && strcmp(a->source, "L637") == 0 && strcmp(a->label, "basis") == 0,
           "BM1-01 is the basic assignment at L637");
        a = cur_assignment_find("PM4-04");
        ok(a && strcmp(a->output, "film_script") == 0, "PM4-04 is the film script");
        a = cur_assignment_find("BM1-08");
        ok(a && cur_list_has(a->competencies, "GC2"), "BM1-08 exercises GC2");
        ok(cur_assignment_find("BM1-10") == NULL, "BM1 has no tenth assignment");
        for (size_t i = 0; i < cur_assignments_count; i++)
            if (!*cur_assignments[i].text_nl || !*cur_assignments[i].text_en)
                ok(0, "%s has text in both languages", cur_assignments[i].code);
    }
    subtest("competency profile")
    {
        is_int(cur_core_tasks_count, 3, "3 core tasks");
        is_int(cur_task_areas_count, 3, "3 task areas");
        is_int(cur_tasks_count, 13, "13 tasks");
        static const struct {
            const char *task;
            size_t n;
        } acts[] = {{"C1", 7}, {"C2", 0}, {"C3", 9}, {"C4", 8}, {"O1", 7}, {"O2", 4}, {"O3", 8},
                    {"O4", 4}, {"O5", 4}, {"O6", 0}, {"P1", 6}, {"P2", 3}, {"P3", 3}};
        size_t total = 0;
        for (size_t i = 0; i < sizeof(acts) / sizeof(acts[0]); i++) {
            ok(cur_task_find(acts[i].task) != NULL, "task %s exists", acts[i].task);
            is_int(cur_task_activity_count(acts[i].task), acts[i].n, "%s has %zu activities",
                   acts[i].task, acts[i].n);
            total += acts[i].n;
        }
        is_int(cur_activities_count, total, "no activity of another task");
        is_int(cur_competencies_count, 16, "16 competencies");
        is_int(competencies_of_kind("overarching"), 1, "1 overarching");
        is_int(competencies_of_kind("generic"), 8, "8 generic");
        is_int(competencies_of_kind("specific"), 7, "7 specific");
        is_int(cur_dilemmas_count, 5, "5 dilemmas");
        size_t with_level = 0;
        for (size_t i = 0; i < cur_indicators_count; i++)
            with_level += cur_indicators[i].level != NULL;
        is_int(with_level, 0, "the seed has no level-specific indicators");
    }
    subtest("cross-references")
    {
        err_clear(&e);
        is_int(curriculum_check(&e), PD_OK, "every reference resolves");
        if (e.code)
            printf("# %s\n", e.detail);
        for (size_t i = 0; i < cur_competencies_count; i++) {
            const struct cur_competency *c = &cur_competencies[i];
            if (strcmp(c->kind, "generic") != 0)
                continue;
            size_t used = 0;
            for (size_t j = 0; j < cur_assignments_count; j++)
                used += cur_list_has(cur_assignments[j].competencies, c->code);
            ok(used > 0, "generic %s is exercised by an assignment", c->code);
        }
    }
    subtest("code lists")
    {
        const char *p = "GC1,~GC2";
        char c[8];
        bool inf;
        ok(cur_list_next(&p, c, sizeof(c), &inf) && strcmp(c, "GC1") == 0 && !inf, "stated");
        ok(cur_list_next(&p, c, sizeof(c), &inf) && strcmp(c, "GC2") == 0 && inf, "inferred");
        ok(!cur_list_next(&p, c, sizeof(c), &inf), "end");
        p = NULL;
        ok(!cur_list_next(&p, c, sizeof(c), &inf), "an empty list");
        ok(cur_list_has("D2,D3", "D3") && !cur_list_has("D2,D3", "D"), "whole codes only");
    }
    subtest("local unit codes")
    {
        ok(cur_local_unit_code_ok("LOC1"), "LOC1");
        ok(cur_local_unit_code_ok("EXTRA-2"), "EXTRA-2");
        ok(!cur_local_unit_code_ok("BM1"), "a seeded code is taken");
        ok(!cur_local_unit_code_ok("x1"), "lower case");
        ok(!cur_local_unit_code_ok("A"), "too short");
        ok(!cur_local_unit_code_ok("ABCDEFGHIJKLM"), "too long");
        ok(!cur_local_unit_code_ok("A B"), "a space");
        ok(!cur_local_unit_code_ok(NULL), "none");
    }
    return done_testing();
}
