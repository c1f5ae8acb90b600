/*
 * curriculum.c: the merged curriculum view and the institution's own units and
 * assignments (see curriculum.h). The seeded tables are static; only local rows are read
 * per request, so building the view is cheap (about a hundred rows).
 */
#include "curriculum.h"

#include <string.h>

#include "../domain/role.h"
#include "../lib/buf.h"
#include "../lib/json.h"
#include "../lib/str.h"
#include "app_int.h"

static size_t chars(const char *s)
{
    return s ? utf8_chars(s, strlen(s)) : 0;
}

/* ---- the view ---- */

int curriculum_view_load(struct app_req *r, struct curriculum_view *v)
{
    struct local_unit_rec *lu;
    struct local_assignment_rec *la;
    size_t nlu, nla;
    if (store_local_unit_list(r->db, r->arena, r->actor->org_id, &lu, &nlu, &r->err) != PD_OK ||
        store_local_assignment_list(r->db, r->arena, r->actor->org_id, &la, &nla, &r->err) != PD_OK)
        return r->err.code;
    memset(v, 0, sizeof(*v));
    v->units = arena_array(r->arena, cur_units_count + nlu + 1, sizeof(*v->units));
    v->assignments =
        arena_array(r->arena, cur_assignments_count + nla + 1, sizeof(*v->assignments));
    for (size_t i = 0; i < cur_units_count; i++) {
        const struct cur_unit *u = &cur_units[i];
        v->units[v->nunits++] = (struct merged_unit){u->code,   u->type, u->title_nl, u->title_en,
                                                     u->source, false,   true,        NULL};
    }
    for (size_t i = 0; i < nlu; i++)
        v->units[v->nunits++] = (struct merged_unit){
            lu[i].code, "lokaal", lu[i].title_nl, lu[i].title_en, NULL, true, lu[i].active, &lu[i]};
    for (size_t u = 0; u < v->nunits; u++) {
        const char *unit = v->units[u].code;
        for (size_t i = 0; !v->units[u].local && i < cur_assignments_count; i++) {
            const struct cur_assignment *a = &cur_assignments[i];
            if (strcmp(a->unit, unit) != 0)
                continue;
            const char *by = NULL;
            for (size_t j = 0; j < nla; j++)
                if (la[j].active && la[j].replaces && strcmp(la[j].replaces, a->code) == 0)
                    by = la[j].code;
            v->assignments[v->nassignments++] =
                (struct merged_assignment){.code = a->code,
                                           .unit = a->unit,
                                           .label = a->label,
                                           .output = a->output,
                                           .competencies = a->competencies,
                                           .dilemmas = a->dilemmas,
                                           .tasks = a->tasks,
                                           .text_nl = a->text_nl,
                                           .text_en = a->text_en,
                                           .source = a->source,
                                           .active = true,
                                           .counts = by == NULL,
                                           .replaced_by = by};
        }
        for (size_t j = 0; j < nla; j++) {
            if (strcmp(la[j].unit_code, unit) != 0)
                continue;
            v->assignments[v->nassignments++] =
                (struct merged_assignment){.code = la[j].code,
                                           .unit = la[j].unit_code,
                                           .label = la[j].label,
                                           .output = la[j].output,
                                           .competencies = la[j].competencies,
                                           .text_nl = la[j].text_nl,
                                           .text_en = la[j].text_en,
                                           .local = true,
                                           .active = la[j].active && v->units[u].active,
                                           .counts = la[j].active && v->units[u].active,
                                           .replaces = la[j].replaces,
                                           .rec = &la[j]};
        }
    }
    return PD_OK;
}

const struct merged_unit *curriculum_view_unit(const struct curriculum_view *v, const char *code)
{
    for (size_t i = 0; code && i < v->nunits; i++)
        if (strcmp(v->units[i].code, code) == 0)
            return &v->units[i];
    return NULL;
}

const struct merged_assignment *curriculum_view_assignment(const struct curriculum_view *v,
                                                           const char *code)
{
    for (size_t i = 0; code && i < v->nassignments; i++)
        if (strcmp(v->assignments[i].code, code) == 0)
            return &v->assignments[i];
    return NULL;
}

/* ---- JSON ---- */

/* A code list as an array of codes; the inferred ones also go to *inferred. */
static json_t *codes_json(const char *list, json_t *inferred)
{
    json_t *a = json_array();
    char c[32];
    bool inf;
    while (cur_list_next(&list, c, sizeof(c), &inf)) {
        json_array_append_new(a, json_string(c));
        if (inf && inferred)
            json_array_append_new(inferred, json_string(c));
    }
    return a;
}

json_t *merged_assignment_to_json(const struct merged_assignment *a)
{
    json_t *inferred = json_array();
    json_t *j = pdjson_pack(
        "{s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:s, s:s, s:o, s:b, s:b, s:b, s:o, s:o}", "code",
        a->code, "unit", a->unit, "label", a->label, "output", a->output, "competencies",
        codes_json(a->competencies, inferred), "dilemmas", codes_json(a->dilemmas, inferred),
        "tasks", codes_json(a->tasks, inferred), "text_nl", a->text_nl, "text_en", a->text_en,
        "source", pdjson_str_or_null(a->source), "local", a->local, "active", a->active, "counts",
        a->counts, "replaces", pdjson_str_or_null(a->replaces), "replaced_by",
        pdjson_str_or_null(a->replaced_by));
    json_object_set_new(j, "inferred", inferred);
    json_object_set_new(j, "version", a->rec ? json_integer(a->rec->version) : json_null());
    return j;
}

json_t *merged_unit_to_json(const struct curriculum_view *v, const struct merged_unit *u,
                            bool with_assignments)
{
    json_t *goals = json_array();
    if (!u->local) {
        for (size_t i = 0; i < cur_goals_count; i++)
            if (strcmp(cur_goals[i].unit, u->code) == 0)
                json_array_append_new(
                    goals, pdjson_pack("{s:i, s:s, s:s, s:s}", "n", cur_goals[i].n, "text_nl",
                                       cur_goals[i].text_nl, "text_en", cur_goals[i].text_en,
                                       "source", cur_goals[i].source));
    } else if (*u->rec->goals_nl || *u->rec->goals_en) {
        json_array_append_new(goals,
                              pdjson_pack("{s:i, s:s, s:s, s:n}", "n", 1, "text_nl",
                                          u->rec->goals_nl, "text_en", u->rec->goals_en, "source"));
    }
    size_t total = 0;
    json_t *as = json_array();
    for (size_t i = 0; i < v->nassignments; i++) {
        const struct merged_assignment *a = &v->assignments[i];
        if (strcmp(a->unit, u->code) != 0)
            continue;
        total += a->counts;
        if (with_assignments)
            json_array_append_new(as, merged_assignment_to_json(a));
    }
    json_t *j = pdjson_pack("{s:s, s:s, s:s, s:s, s:o, s:b, s:b, s:o, s:I}", "code", u->code,
                            "type", u->type, "title_nl", u->title_nl, "title_en", u->title_en,
                            "source", pdjson_str_or_null(u->source), "local", u->local, "active",
                            u->active, "goals", goals, "assignment_count", (json_int_t)total);
    if (with_assignments)
        json_object_set_new(j, "assignments", as);
    else
        json_decref(as);
    json_object_set_new(j, "version", u->rec ? json_integer(u->rec->version) : json_null());
    return j;
}

static json_t *code_table_json(const struct cur_code *t, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, pdjson_pack("{s:s, s:s, s:s}", "code", t[i].code, "label_nl",
                                             t[i].label_nl, "label_en", t[i].label_en));
    return a;
}

static json_t *competency_json(const struct cur_competency *c)
{
    json_t *ind = json_array();
    for (size_t i = 0; i < cur_indicators_count; i++) {
        const struct cur_indicator *d = &cur_indicators[i];
        if (strcmp(d->competency, c->code) == 0)
            json_array_append_new(ind,
                                  pdjson_pack("{s:i, s:o, s:s, s:s, s:s}", "n", d->n, "level",
                                              pdjson_str_or_null(d->level), "text_nl", d->text_nl,
                                              "text_en", d->text_en, "source", d->source));
    }
    return pdjson_pack("{s:s, s:s, s:s, s:s, s:o, s:s, s:o}", "code", c->code, "kind", c->kind,
                       "title_nl", c->title_nl, "title_en", c->title_en, "units",
                       codes_json(c->units, NULL), "source", c->source, "indicators", ind);
}

static json_t *framework_json(void)
{
    json_t *core = json_array(), *tasks = json_array(), *comps = json_array(), *dil = json_array();
    for (size_t i = 0; i < cur_core_tasks_count; i++) {
        const struct cur_core_task *k = &cur_core_tasks[i];
        json_array_append_new(core,
                              pdjson_pack("{s:s, s:s, s:s, s:o, s:s}", "code", k->code, "title_nl",
                                          k->title_nl, "title_en", k->title_en, "units",
                                          codes_json(k->units, NULL), "source", k->source));
    }
    for (size_t i = 0; i < cur_tasks_count; i++) {
        const struct cur_task *t = &cur_tasks[i];
        json_t *acts = json_array();
        for (size_t j = 0; j < cur_activities_count; j++)
            if (strcmp(cur_activities[j].task, t->code) == 0)
                json_array_append_new(acts,
                                      pdjson_pack("{s:i, s:s, s:s, s:s}", "n", cur_activities[j].n,
                                                  "text_nl", cur_activities[j].text_nl, "text_en",
                                                  cur_activities[j].text_en, "source",
                                                  cur_activities[j].source));
        json_array_append_new(tasks,
                              pdjson_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "code", t->code, "area",
                                          t->area, "title_nl", t->title_nl, "title_en", t->title_en,
                                          "source", t->source, "activities", acts));
    }
    for (size_t i = 0; i < cur_competencies_count; i++)
        json_array_append_new(comps, competency_json(&cur_competencies[i]));
    for (size_t i = 0; i < cur_dilemmas_count; i++) {
        const struct cur_dilemma *d = &cur_dilemmas[i];
        json_array_append_new(dil, pdjson_pack("{s:s, s:s, s:s, s:s, s:s}", "code", d->code, "unit",
                                               d->unit, "title_nl", d->title_nl, "title_en",
                                               d->title_en, "source", d->source));
    }
    return pdjson_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "core_tasks", core, "task_areas",
                       code_table_json(cur_task_areas, cur_task_areas_count), "tasks", tasks,
                       "competencies", comps, "dilemmas", dil, "unit_types",
                       code_table_json(cur_unit_types, cur_unit_types_count), "labels",
                       code_table_json(cur_labels, cur_labels_count), "outputs",
                       code_table_json(cur_outputs, cur_outputs_count));
}

int app_curriculum_get(struct app_req *r, json_t **out)
{
    struct curriculum_view v;
    if (app_need_actor(r) != PD_OK || db_begin(r->db, DB_TXN_READ, &r->err) != PD_OK ||
        curriculum_view_load(r, &v) != PD_OK)
        return app_fail(r);
    db_rollback(r->db);
    json_t *units = json_array();
    for (size_t i = 0; i < v.nunits; i++)
        json_array_append_new(units, merged_unit_to_json(&v, &v.units[i], true));
    json_t *j = framework_json();
    json_object_set_new(j, "version", json_string(curriculum_version));
    json_object_set_new(j, "units", units);
    *out = j;
    return PD_OK;
}

int app_curriculum_unit(struct app_req *r, const char *code, json_t **out)
{
    struct curriculum_view v;
    if (app_need_actor(r) != PD_OK || db_begin(r->db, DB_TXN_READ, &r->err) != PD_OK ||
        curriculum_view_load(r, &v) != PD_OK)
        return app_fail(r);
    db_rollback(r->db);
    const struct merged_unit *u = curriculum_view_unit(&v, code);
    if (!u)
        return err_set(&r->err, PD_ENOTFOUND, NULL, "no such unit");
    json_t *j = merged_unit_to_json(&v, u, true);
    /* The competencies and dilemmas the unit highlights or its assignments exercise. */
    json_t *comps = json_array(), *dil = json_array();
    for (size_t i = 0; i < cur_competencies_count; i++) {
        const struct cur_competency *c = &cur_competencies[i];
        bool used = cur_list_has(c->units, u->code);
        for (size_t k = 0; !used && k < v.nassignments; k++)
            used = strcmp(v.assignments[k].unit, u->code) == 0 &&
                   cur_list_has(v.assignments[k].competencies, c->code);
        if (used)
            json_array_append_new(comps, competency_json(c));
    }
    for (size_t i = 0; i < cur_dilemmas_count; i++)
        if (strcmp(cur_dilemmas[i].unit, u->code) == 0)
            json_array_append_new(dil, pdjson_pack("{s:s, s:s, s:s}", "code", cur_dilemmas[i].code,
                                                   "title_nl", cur_dilemmas[i].title_nl, "title_en",
                                                   cur_dilemmas[i].title_en));
    json_object_set_new(j, "competencies", comps);
    json_object_set_new(j, "dilemmas", dil);
    json_object_set_new(j, "version_of_framework", json_string(curriculum_version));
    *out = j;
    return PD_OK;
}

/* ---- local items ---- */

static int audit_local(struct app_req *r, const char *event, char action, const char *type,
                       const char *id)
{
    struct audit_event ev = {.event = event,
                             .action = action,
                             .outcome = "success",
                             .record_type = type,
                             .record_id = id,
                             .access_basis = "role"};
    return audit_write(r, &ev);
}

static int need_editor(struct app_req *r, const char *event, char action)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (r->actor->roles & (ROLE_ADMIN | ROLE_TRAINER))
        return PD_OK;
    struct audit_event ev = {.event = event,
                             .action = action,
                             .outcome = "denied",
                             .record_type = "curriculum",
                             .access_basis = "none"};
    if (audit_write_alone(r, &ev) != PD_OK)
        return r->err.code;
    return err_set(&r->err, PD_EFORBID, NULL, "only an administrator or trainer changes this");
}

static int check_text(struct app_req *r, const char *s, size_t min, size_t max, const char *field)
{
    size_t n = chars(s);
    if (!s || n < min || n > max)
        return err_set(&r->err, PD_EINVAL, field, "%zu to %zu characters", min, max);
    return PD_OK;
}

static int check_unit_texts(struct app_req *r, const struct local_unit_rec *u)
{
    if (check_text(r, u->title_nl, 1, CUR_LOCAL_TITLE_CHARS, "title_nl") != PD_OK ||
        check_text(r, u->title_en, 1, CUR_LOCAL_TITLE_CHARS, "title_en") != PD_OK ||
        check_text(r, u->goals_nl, 0, CUR_LOCAL_GOALS_CHARS, "goals_nl") != PD_OK ||
        check_text(r, u->goals_en, 0, CUR_LOCAL_GOALS_CHARS, "goals_en") != PD_OK)
        return r->err.code;
    return PD_OK;
}

static json_t *unit_json(struct app_req *r, const char *code, int64_t *version)
{
    struct curriculum_view v;
    if (curriculum_view_load(r, &v) != PD_OK)
        return NULL;
    const struct merged_unit *u = curriculum_view_unit(&v, code);
    if (!u)
        return NULL;
    *version = u->rec ? u->rec->version : 0;
    return merged_unit_to_json(&v, u, true);
}

int app_local_unit_create(struct app_req *r, const struct local_unit_input *in, json_t **out,
                          int64_t *version)
{
    *out = NULL;
    if (need_editor(r, "curriculum.unit.create", 'C') != PD_OK)
        return r->err.code;
    struct local_unit_rec u = {.code = in->code,
                               .title_nl = in->title_nl,
                               .title_en = in->title_en,
                               .goals_nl = in->goals_nl ? in->goals_nl : "",
                               .goals_en = in->goals_en ? in->goals_en : "",
                               .active = in->active != 0,
                               .created_at = app_now_iso(r),
                               .version = 1};
    uuid7_new(u.id);
    memcpy(u.org_id, r->actor->org_id, UUID_STR_BYTES);
    memcpy(u.created_by, r->actor->user_id, UUID_STR_BYTES);
    if (!cur_local_unit_code_ok(in->code))
        return err_set(&r->err, PD_EINVAL, "code",
                       "2 to 12 capitals, digits or '-', starting with a capital, and not a "
                       "code of the basic curriculum");
    if (check_unit_texts(r, &u) != PD_OK)
        return r->err.code;
    int sort = 0;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        store_local_unit_max_sort(r->db, r->actor->org_id, &sort, &r->err) != PD_OK)
        return app_fail(r);
    u.sort = sort + 1;
    if (store_local_unit_insert(r->db, &u, &r->err) != PD_OK) {
        if (r->err.code == PD_ECONFLICT) {
            err_clear(&r->err);
            err_set(&r->err, PD_ECONFLICT, "code", "this organisation already has that unit");
        }
        return app_fail(r);
    }
    if (audit_local(r, "curriculum.unit.create", 'C', "curriculum_unit", u.id) != PD_OK ||
        !(*out = unit_json(r, u.code, version)) || db_commit(r->db, &r->err) != PD_OK) {
        if (*out)
            json_decref(*out);
        *out = NULL;
        return app_fail(r);
    }
    return PD_OK;
}

int app_local_unit_update(struct app_req *r, const char *code, int64_t version,
                          const struct local_unit_input *in, json_t **out, int64_t *new_version)
{
    struct local_unit_rec u;
    *out = NULL;
    if (need_editor(r, "curriculum.unit.update", 'U') != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK)
        return app_fail(r);
    int rc = store_local_unit_get(r->db, r->arena, r->actor->org_id, code, &u, &r->err);
    if (rc != PD_OK)
        return app_fail(r);
    if (u.version != version) {
        *out = unit_json(r, code, new_version);
        app_fail(r);
        err_clear(&r->err);
        return err_set(&r->err, PD_ESTALE, "If-Match", "the unit changed since you read it");
    }
    if (in->title_nl)
        u.title_nl = in->title_nl;
    if (in->title_en)
        u.title_en = in->title_en;
    if (in->goals_nl)
        u.goals_nl = in->goals_nl;
    if (in->goals_en)
        u.goals_en = in->goals_en;
    if (in->active >= 0)
        u.active = in->active != 0;
    if (check_unit_texts(r, &u) != PD_OK || store_local_unit_update(r->db, &u, &r->err) != PD_OK ||
        audit_local(r, "curriculum.unit.update", 'U', "curriculum_unit", u.id) != PD_OK ||
        !(*out = unit_json(r, code, new_version)) || db_commit(r->db, &r->err) != PD_OK) {
        if (*out)
            json_decref(*out);
        *out = NULL;
        return app_fail(r);
    }
    return PD_OK;
}

/* The competency codes of a local assignment as a comma list; each must exist. */
static int competency_list(struct app_req *r, const struct local_assignment_input *in,
                           const char **out)
{
    if (in->ncompetencies > CUR_LOCAL_CODES)
        return err_set(&r->err, PD_EINVAL, "competencies", "at most %d codes", CUR_LOCAL_CODES);
    struct buf b;
    buf_init(&b, 1024);
    for (size_t i = 0; i < in->ncompetencies; i++) {
        const char *c = in->competencies[i];
        if (!c || !cur_competency_find(c)) {
            buf_release(&b);
            return err_set(&r->err, PD_EINVAL, arena_printf(r->arena, "competencies[%zu]", i),
                           "not a competency code");
        }
        if (cur_list_has(buf_cstr(&b), c))
            continue;
        buf_printf(&b, "%s%s", b.len ? "," : "", c);
    }
    *out = arena_strdup(r->arena, buf_cstr(&b));
    buf_release(&b);
    return PD_OK;
}

static int check_assignment(struct app_req *r, const struct local_assignment_rec *l)
{
    if (!cur_code_find(cur_labels, cur_labels_count, l->label))
        return err_set(&r->err, PD_EINVAL, "label", "not an assignment label");
    if (!cur_code_find(cur_outputs, cur_outputs_count, l->output))
        return err_set(&r->err, PD_EINVAL, "output", "not an output type");
    if (check_text(r, l->text_nl, 1, CUR_LOCAL_TEXT_CHARS, "text_nl") != PD_OK ||
        check_text(r, l->text_en, 1, CUR_LOCAL_TEXT_CHARS, "text_en") != PD_OK)
        return r->err.code;
    return PD_OK;
}

static json_t *assignment_json(struct app_req *r, const char *code, int64_t *version)
{
    struct curriculum_view v;
    if (curriculum_view_load(r, &v) != PD_OK)
        return NULL;
    const struct merged_assignment *a = curriculum_view_assignment(&v, code);
    if (!a)
        return NULL;
    *version = a->rec ? a->rec->version : 0;
    return merged_assignment_to_json(a);
}

int app_local_assignment_create(struct app_req *r, const struct local_assignment_input *in,
                                json_t **out, int64_t *version)
{
    struct curriculum_view v;
    *out = NULL;
    if (need_editor(r, "curriculum.assignment.create", 'C') != PD_OK)
        return r->err.code;
    struct local_assignment_rec l = {.unit_code = in->unit,
                                     .replaces = in->replaces,
                                     .label = in->label ? in->label : "opdracht",
                                     .output = in->output,
                                     .competencies = "",
                                     .text_nl = in->text_nl,
                                     .text_en = in->text_en,
                                     .active = true,
                                     .created_at = app_now_iso(r),
                                     .version = 1};
    uuid7_new(l.id);
    memcpy(l.org_id, r->actor->org_id, UUID_STR_BYTES);
    memcpy(l.created_by, r->actor->user_id, UUID_STR_BYTES);
    if (check_assignment(r, &l) != PD_OK || competency_list(r, in, &l.competencies) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK || curriculum_view_load(r, &v) != PD_OK)
        return app_fail(r);
    const struct merged_unit *u = curriculum_view_unit(&v, in->unit);
    if (!u || !u->active) {
        err_set(&r->err, PD_EINVAL, "unit", "not an active unit of this curriculum");
        return app_fail(r);
    }
    if (l.replaces) {
        const struct cur_assignment *s = cur_assignment_find(l.replaces);
        if (!s || strcmp(s->unit, u->code) != 0) {
            err_set(&r->err, PD_EINVAL, "replaces",
                    "not an assignment of the basic curriculum "
                    "in this unit");
            return app_fail(r);
        }
    }
    int count = 0;
    if (store_local_assignment_count(r->db, r->actor->org_id, u->code, &count, &r->err) != PD_OK)
        return app_fail(r);
    l.code = arena_printf(r->arena, "%s-L%02d", u->code, count + 1);
    if (store_local_assignment_insert(r->db, &l, &r->err) != PD_OK ||
        audit_local(r, "curriculum.assignment.create", 'C', "curriculum_assignment", l.id) !=
            PD_OK ||
        !(*out = assignment_json(r, l.code, version)) || db_commit(r->db, &r->err) != PD_OK) {
        if (*out)
            json_decref(*out);
        *out = NULL;
        return app_fail(r);
    }
    return PD_OK;
}

int app_local_assignment_update(struct app_req *r, const char *code, int64_t version,
                                const struct local_assignment_input *in, json_t **out,
                                int64_t *new_version)
{
    struct local_assignment_rec l;
    *out = NULL;
    if (need_editor(r, "curriculum.assignment.update", 'U') != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        store_local_assignment_get(r->db, r->arena, r->actor->org_id, code, &l, &r->err) != PD_OK)
        return app_fail(r);
    if (l.version != version) {
        *out = assignment_json(r, code, new_version);
        app_fail(r);
        err_clear(&r->err);
        return err_set(&r->err, PD_ESTALE, "If-Match", "the assignment changed since you read it");
    }
    if (in->label)
        l.label = in->label;
    if (in->output)
        l.output = in->output;
    if (in->text_nl)
        l.text_nl = in->text_nl;
    if (in->text_en)
        l.text_en = in->text_en;
    if (in->active >= 0)
        l.active = in->active != 0;
    if (check_assignment(r, &l) != PD_OK ||
        (in->has_competencies && competency_list(r, in, &l.competencies) != PD_OK) ||
        store_local_assignment_update(r->db, &l, &r->err) != PD_OK ||
        audit_local(r, "curriculum.assignment.update", 'U', "curriculum_assignment", l.id) !=
            PD_OK ||
        !(*out = assignment_json(r, code, new_version)) || db_commit(r->db, &r->err) != PD_OK) {
        if (*out)
            json_decref(*out);
        *out = NULL;
        return app_fail(r);
    }
    return PD_OK;
}
