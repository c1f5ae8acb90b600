/*
 * places.c: areas (cluster, wijk, buurt) and teams of the actor's organisation. Areas
 * nest (a buurt lies in a wijk, a wijk in a cluster); a team may serve one area or, like
 * an expert team, the whole organisation.
 */
#include <string.h>

#include "../lib/json.h"
#include "app_int.h"

/* An area id of the actor's organisation, or PD_EINVAL naming the field. */
static int check_area_ref(struct app_req *r, const char *id, const char *field, struct area *found)
{
    struct area *all;
    size_t n;
    if (store_area_list(r->db, r->arena, r->actor->org_id, &all, &n, &r->err) != PD_OK)
        return r->err.code;
    for (size_t i = 0; i < n; i++)
        if (strcmp(all[i].id, id) == 0) {
            if (found)
                *found = all[i];
            return PD_OK;
        }
    return err_set(&r->err, PD_EINVAL, field, "no such area in this organisation");
}

int app_area_add(struct app_req *r, const char *kind, const char *name, const char *parent_id,
                 struct area *out)
{
    struct area a = {.version = 1, .name = name, .parent_id = parent_id};
    struct area parent;

    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (area_kind_parse(kind, &a.kind) != PD_OK)
        return err_set(&r->err, PD_EINVAL, "kind", "must be cluster, wijk or buurt");
    if (check_name(name, "name", &r->err) != PD_OK)
        return r->err.code;
    if (parent_id) {
        if (check_area_ref(r, parent_id, "parent_id", &parent) != PD_OK)
            return r->err.code;
        /* a buurt lies in a wijk, a wijk in a cluster */
        if ((int)parent.kind != (int)a.kind - 1)
            return err_set(&r->err, PD_EINVAL, "parent_id", "a %s lies in a %s",
                           area_kind_code(a.kind),
                           a.kind == AREA_CLUSTER ? "nothing" : area_kind_code(a.kind - 1));
    }
    uuid7_new(a.id);
    memcpy(a.org_id, r->actor->org_id, sizeof(a.org_id));
    struct audit_event ev = {.event = "area.create",
                             .action = 'C',
                             .record_type = "area",
                             .record_id = a.id,
                             .access_basis = "admin"};
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        store_area_insert(r->db, &a, &r->err) != PD_OK || audit_write(r, &ev) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    if (out)
        *out = a;
    return PD_OK;
}

int app_area_list(struct app_req *r, struct area **out, size_t *n)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    return store_area_list(r->db, r->arena, r->actor->org_id, out, n, &r->err);
}

int app_team_add(struct app_req *r, const char *kind, const char *name, const char *area_id,
                 struct team *out)
{
    struct team t = {.version = 1, .name = name, .area_id = area_id};

    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (team_kind_parse(kind, &t.kind) != PD_OK)
        return err_set(&r->err, PD_EINVAL, "kind",
                       "must be expert_team, neighbourhood_team or other");
    if (check_name(name, "name", &r->err) != PD_OK ||
        (area_id && check_area_ref(r, area_id, "area_id", NULL) != PD_OK))
        return r->err.code;
    uuid7_new(t.id);
    memcpy(t.org_id, r->actor->org_id, sizeof(t.org_id));
    struct audit_event ev = {.event = "team.create",
                             .action = 'C',
                             .record_type = "team",
                             .record_id = t.id,
                             .access_basis = "admin"};
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        store_team_insert(r->db, &t, &r->err) != PD_OK || audit_write(r, &ev) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    if (out)
        *out = t;
    return PD_OK;
}

int app_team_list(struct app_req *r, struct team **out, size_t *n)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    return store_team_list(r->db, r->arena, r->actor->org_id, out, n, &r->err);
}

json_t *area_to_json(const struct area *a)
{
    return pdjson_pack("{s:s, s:s, s:s, s:o, s:I}", "id", a->id, "kind", area_kind_code(a->kind),
                       "name", a->name, "parent_id", pdjson_str_or_null(a->parent_id), "version",
                       (json_int_t)a->version);
}

json_t *team_to_json(const struct team *t)
{
    return pdjson_pack("{s:s, s:s, s:s, s:o, s:I}", "id", t->id, "kind", team_kind_code(t->kind),
                       "name", t->name, "area_id", pdjson_str_or_null(t->area_id), "version",
                       (json_int_t)t->version);
}
