/*
 * clients.c: registering a client with their dossier, reading and changing both, handing
 * over final responsibility, recording consent. Every path to client data goes through
 * app_access_dossier() and ends in one audit_client() entry in the same transaction.
 */
#include "clients.h"

#include <string.h>

#include "../domain/role.h"
#include "../lib/json.h"
#include "../lib/ptime.h"
#include "../store/store_access.h"
#include "access.h"
#include "app_int.h"

static const char *today(struct app_req *r)
{
    return arena_strndup(r->arena, app_now_iso(r), 10);
}

int app_check_date(struct app_req *r, const char *s, const char *field)
{
    int y, m, d;
    if (!s || strlen(s) != 10 || !ptime_parse_date(s, 10, &y, &m, &d))
        return err_set(&r->err, PD_EINVAL, field, "a date as YYYY-MM-DD");
    return PD_OK;
}

int app_check_area(struct app_req *r, const char *id, const char *field)
{
    struct area *all;
    size_t n;
    if (store_area_list(r->db, r->arena, r->actor->org_id, &all, &n, &r->err) != PD_OK)
        return r->err.code;
    for (size_t i = 0; i < n; i++)
        if (strcmp(all[i].id, id) == 0)
            return PD_OK;
    return err_set(&r->err, PD_EINVAL, field, "no such area in this organisation");
}

static bool goal_ok(const char *g)
{
    return g && (strcmp(g, "stabilise") == 0 || strcmp(g, "progress") == 0);
}

static int check_code(struct app_req *r, const char *code)
{
    size_t n = code ? strlen(code) : 0;
    if (n == 0 || n > CLIENT_CODE_MAX)
        return err_set(&r->err, PD_EINVAL, "code", "1 to %d characters", CLIENT_CODE_MAX);
    for (size_t i = 0; i < n; i++) {
        char c = code[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_'))
            return err_set(&r->err, PD_EINVAL, "code", "letters, digits, - and _ only");
    }
    return PD_OK;
}

/* The fields of a client other than the code. Runs inside the transaction (area). */
static int check_client_fields(struct app_req *r, const struct client_input *in)
{
    if (in->name && check_name(in->name, "name", &r->err) != PD_OK)
        return r->err.code;
    if (in->contact && (strlen(in->contact) > CLIENT_CONTACT_MAX || !*in->contact))
        return err_set(&r->err, PD_EINVAL, "contact", "1 to %d bytes", CLIENT_CONTACT_MAX);
    if (in->birth_year) {
        int64_t y = 0;
        char now[PTIME_ISO_BYTES];
        ptime_fmt_iso(ptime_now_ms(), now);
        for (int i = 0; i < 4; i++)
            y = y * 10 + (now[i] - '0');
        if (in->birth_year < 1900 || in->birth_year > y)
            return err_set(&r->err, PD_EINVAL, "birth_year", "a year from 1900 to %lld",
                           (long long)y);
    }
    if (in->area_id && app_check_area(r, in->area_id, "area_id") != PD_OK)
        return r->err.code;
    return PD_OK;
}

int app_client_create(struct app_req *r, const struct client_input *in, const char *goal_type,
                      struct client_rec *client, struct dossier_rec *dossier)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (!(r->actor->roles & ROLE_GENERALIST)) {
        struct audit_event ev = {.event = "client.create",
                                 .action = 'C',
                                 .outcome = "denied",
                                 .record_type = "client",
                                 .access_basis = "none"};
        if (audit_write_alone(r, &ev) != PD_OK)
            return r->err.code;
        return err_set(&r->err, PD_EFORBID, NULL, "only a generalist registers clients");
    }
    if (check_code(r, in->code) != PD_OK)
        return r->err.code;
    if (!goal_ok(goal_type))
        return err_set(&r->err, PD_EINVAL, "goal_type", "stabilise or progress");

    const char *now = app_now_iso(r);
    struct client_rec c = {.code = in->code,
                           .name = in->name,
                           .contact = in->contact,
                           .birth_year = in->birth_year,
                           .area_id = in->area_id,
                           .created_at = now,
                           .updated_at = now,
                           .version = 1};
    uuid7_new(c.id);
    memcpy(c.org_id, r->actor->org_id, UUID_STR_BYTES);
    memcpy(c.created_by, r->actor->user_id, UUID_STR_BYTES);
    struct dossier_rec d = {.status = "open",
                            .goal_type = goal_type,
                            .area_id = in->area_id,
                            .opened_on = today(r),
                            .created_at = now,
                            .updated_at = now,
                            .version = 1,
                            .client_code = in->code};
    uuid7_new(d.id);
    memcpy(d.org_id, c.org_id, UUID_STR_BYTES);
    memcpy(d.client_id, c.id, UUID_STR_BYTES);
    memcpy(d.responsible_id, r->actor->user_id, UUID_STR_BYTES);
    /* The creator is the responsible generalist from the first moment. */
    struct dossier_access acc = {.basis = BASIS_RESPONSIBLE, .version = 1};
    memcpy(acc.dossier_id, d.id, UUID_STR_BYTES);
    memcpy(acc.client_id, c.id, UUID_STR_BYTES);
    memcpy(acc.responsible_id, d.responsible_id, UUID_STR_BYTES);

    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK || check_client_fields(r, in) != PD_OK ||
        store_client_insert(r->db, &c, &r->err) != PD_OK ||
        store_dossier_insert(r->db, &d, &r->err) != PD_OK ||
        audit_client(r, &acc, "client.create", 'C', "client", c.id) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    if (client)
        *client = c;
    if (dossier)
        *dossier = d;
    return PD_OK;
}

/* Access to a client through any of its dossiers: the first the actor may use for
 * `need`. None (or no such client): app_access_dossier's denial, on the newest dossier. */
static int access_client(struct app_req *r, const char *client_id, enum access_need need,
                         const char *event, struct dossier_access *acc)
{
    char(*ids)[UUID_STR_BYTES] = NULL;
    size_t n = 0;
    if (!client_id || !uuid_valid(client_id, strlen(client_id)))
        return app_access_dossier(r, NULL, need, event, acc);
    if (store_client_dossiers(r->db, r->arena, r->actor->org_id, client_id, &ids, &n, &r->err) !=
        PD_OK)
        return r->err.code;
    for (size_t i = 0; i < n; i++) {
        struct access_facts f;
        struct dossier_core core;
        if (store_access_facts(r->db, r->actor->org_id, r->actor->user_id, ids[i], app_now_iso(r),
                               &f, &core, &r->err) != PD_OK)
            return r->err.code;
        if (access_decide(&f, r->actor->roles, need) != BASIS_NONE)
            return app_access_dossier(r, ids[i], need, event, acc);
    }
    return app_access_dossier(r, n ? ids[0] : NULL, need, event, acc);
}

int app_client_get(struct app_req *r, const char *id, struct client_rec *out)
{
    struct dossier_access acc;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (app_read_begin(r) != PD_OK ||
        access_client(r, id, NEED_DOSSIER_READ, "client.read", &acc) != PD_OK ||
        store_client_get(r->db, r->arena, r->actor->org_id, id, out, &r->err) != PD_OK ||
        audit_client(r, &acc, "client.read", 'R', "client", id) != PD_OK ||
        app_read_end(r) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_client_update(struct app_req *r, const char *id, int64_t version,
                      const struct client_input *in, struct client_rec *out)
{
    struct dossier_access acc;
    struct client_rec c;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        access_client(r, id, NEED_DOSSIER_WRITE, "client.update", &acc) != PD_OK ||
        check_client_fields(r, in) != PD_OK ||
        store_client_get(r->db, r->arena, r->actor->org_id, id, &c, &r->err) != PD_OK)
        return app_fail(r);
    if (c.version != version) {
        *out = c;
        err_set(&r->err, PD_ESTALE, "If-Match", "the client changed since you read it");
        return app_fail(r);
    }
    if (in->set_name)
        c.name = in->name;
    if (in->set_contact)
        c.contact = in->contact;
    if (in->set_birth_year)
        c.birth_year = in->birth_year;
    if (in->set_area_id)
        c.area_id = in->area_id;
    c.updated_at = app_now_iso(r);
    if (store_client_update(r->db, &c, &r->err) != PD_OK ||
        store_client_get(r->db, r->arena, r->actor->org_id, id, out, &r->err) != PD_OK ||
        audit_client(r, &acc, "client.update", 'U', "client", id) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_dossier_list_mine(struct app_req *r, const char *status, const char *after, int limit,
                          struct dossier_rec **out, size_t *n)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (status && strcmp(status, "open") != 0 && strcmp(status, "closed") != 0)
        return err_set(&r->err, PD_EINVAL, "status", "open or closed");
    if (app_read_begin(r) != PD_OK ||
        store_dossier_mine(r->db, r->arena, r->actor->org_id, r->actor->user_id, today(r), status,
                           after, limit, out, n, &r->err) != PD_OK)
        return app_fail(r);
    for (size_t i = 0; i < *n; i++) {
        /* Each listed dossier shows a client's code: one entry per client, with the
         * basis the access rules give (the query only finds related dossiers). */
        struct dossier_access acc;
        if (app_access_dossier(r, (*out)[i].id, NEED_DOSSIER_READ, "dossier.list", &acc) != PD_OK ||
            audit_client(r, &acc, "dossier.list", 'R', "dossier", (*out)[i].id) != PD_OK)
            return app_fail(r);
    }
    if (app_read_end(r) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

/* Everything the dossier answer shows, inside the caller's transaction. */
static int load_view(struct app_req *r, const char *id, struct dossier_view *v)
{
    memset(v, 0, sizeof(*v));
    if (store_dossier_get(r->db, r->arena, r->actor->org_id, id, &v->d, &r->err) != PD_OK ||
        store_client_get(r->db, r->arena, r->actor->org_id, v->d.client_id, &v->client, &r->err) !=
            PD_OK ||
        store_worker_by_id(r->db, r->arena, v->d.responsible_id, &v->responsible, &r->err) !=
            PD_OK ||
        store_assignment_active(r->db, r->arena, id, today(r), &v->assignments, &v->nassignments,
                                &r->err) != PD_OK ||
        store_consent_list(r->db, r->arena, v->d.client_id, &v->consents, &v->nconsents, &r->err) !=
            PD_OK)
        return r->err.code;
    v->responsible.pw_hash = NULL;
    return PD_OK;
}

int app_dossier_get(struct app_req *r, const char *id, struct dossier_view *out)
{
    struct dossier_access acc;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (app_read_begin(r) != PD_OK ||
        app_access_dossier(r, id, NEED_DOSSIER_READ, "dossier.read", &acc) != PD_OK ||
        load_view(r, id, out) != PD_OK ||
        audit_client(r, &acc, "dossier.read", 'R', "dossier", id) != PD_OK ||
        app_read_end(r) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

/* The end of a versioned dossier change: the current state goes to *out on a stale
 * version too (the caller answers 412 with it). */
static int dossier_change(struct app_req *r, const struct dossier_access *acc,
                          struct dossier_rec *d, int64_t version, const char *event,
                          struct dossier_view *out)
{
    if (d->version != version) {
        err_set(&r->err, PD_ESTALE, "If-Match", "the dossier changed since you read it");
        load_view(r, d->id, out);
        err_clear(&r->err);
        err_set(&r->err, PD_ESTALE, "If-Match", "the dossier changed since you read it");
        return app_fail(r);
    }
    d->updated_at = app_now_iso(r);
    if (store_dossier_update(r->db, d, &r->err) != PD_OK || load_view(r, d->id, out) != PD_OK ||
        audit_client(r, acc, event, 'U', "dossier", d->id) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_dossier_update(struct app_req *r, const char *id, int64_t version, const char *goal_type,
                       const char *area_id, int keep_warm, struct dossier_view *out)
{
    struct dossier_access acc;
    struct dossier_rec d;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (goal_type && !goal_ok(goal_type))
        return err_set(&r->err, PD_EINVAL, "goal_type", "stabilise or progress");
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        app_access_dossier(r, id, NEED_DOSSIER_WRITE, "dossier.update", &acc) != PD_OK ||
        (area_id && *area_id && app_check_area(r, area_id, "area_id") != PD_OK) ||
        store_dossier_get(r->db, r->arena, r->actor->org_id, id, &d, &r->err) != PD_OK)
        return app_fail(r);
    if (goal_type)
        d.goal_type = goal_type;
    if (area_id)
        d.area_id = *area_id ? area_id : NULL;
    if (keep_warm >= 0)
        d.keep_warm = keep_warm != 0;
    return dossier_change(r, &acc, &d, version, "dossier.update", out);
}

int app_dossier_set_responsible(struct app_req *r, const char *id, int64_t version,
                                const char *worker_id, struct dossier_view *out)
{
    struct dossier_access acc;
    struct dossier_rec d;
    struct worker w;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        app_access_dossier(r, id, NEED_DOSSIER_MANAGE, "dossier.responsible", &acc) != PD_OK)
        return app_fail(r);
    int rc = store_worker_by_id(r->db, r->arena, worker_id, &w, &r->err);
    if (rc == PD_ENOTFOUND ||
        (rc == PD_OK && (strcmp(w.org_id, r->actor->org_id) != 0 || w.status != WORKER_ACTIVE ||
                         !(w.roles & ROLE_GENERALIST)))) {
        err_clear(&r->err);
        err_set(&r->err, PD_EINVAL, "worker_id", "not an active generalist of this organisation");
        return app_fail(r);
    }
    if (rc != PD_OK ||
        store_dossier_get(r->db, r->arena, r->actor->org_id, id, &d, &r->err) != PD_OK)
        return app_fail(r);
    memcpy(d.responsible_id, w.id, UUID_STR_BYTES);
    return dossier_change(r, &acc, &d, version, "dossier.responsible", out);
}

static bool consent_kind_ok(const char *k)
{
    return k && (strcmp(k, "expert_involvement") == 0 || strcmp(k, "plan") == 0 ||
                 strcmp(k, "scaling_down") == 0);
}

int app_consent_add(struct app_req *r, const char *dossier_id, const char *kind, bool given,
                    const char *recorded_on, struct consent_rec *out)
{
    struct dossier_access acc;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (!consent_kind_ok(kind))
        return err_set(&r->err, PD_EINVAL, "kind", "expert_involvement, plan or scaling_down");
    if (app_check_date(r, recorded_on, "recorded_on") != PD_OK)
        return r->err.code;
    if (strcmp(recorded_on, today(r)) > 0)
        return err_set(&r->err, PD_EINVAL, "recorded_on", "cannot lie in the future");
    struct consent_rec c = {
        .kind = kind, .given = given, .recorded_on = recorded_on, .created_at = app_now_iso(r)};
    uuid7_new(c.id);
    memcpy(c.recorded_by, r->actor->user_id, UUID_STR_BYTES);
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        app_access_dossier(r, dossier_id, NEED_DOSSIER_WRITE, "consent.create", &acc) != PD_OK)
        return app_fail(r);
    memcpy(c.client_id, acc.client_id, UUID_STR_BYTES);
    memcpy(c.dossier_id, acc.dossier_id, UUID_STR_BYTES);
    if (store_consent_insert(r->db, r->actor->org_id, &c, &r->err) != PD_OK ||
        audit_client(r, &acc, "consent.create", 'C', "consent", c.id) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    if (out)
        *out = c;
    return PD_OK;
}

/* ---- JSON ---- */

json_t *client_to_json(const struct client_rec *c)
{
    return pdjson_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:s, s:s, s:I}", "id", c->id, "code",
                       c->code, "name", pdjson_str_or_null(c->name), "contact",
                       pdjson_str_or_null(c->contact), "birth_year",
                       c->birth_year ? json_integer(c->birth_year) : json_null(), "area_id",
                       pdjson_str_or_null(c->area_id), "created_at", c->created_at, "updated_at",
                       c->updated_at, "version", (json_int_t)c->version);
}

json_t *dossier_summary_to_json(const struct dossier_rec *d)
{
    return pdjson_pack("{s:s, s:s, s:o, s:s, s:s, s:s, s:o, s:b, s:s, s:o, s:o, s:I}", "id", d->id,
                       "client_id", d->client_id, "client_code", pdjson_str_or_null(d->client_code),
                       "responsible_id", d->responsible_id, "status", d->status, "goal_type",
                       d->goal_type, "area_id", pdjson_str_or_null(d->area_id), "keep_warm",
                       d->keep_warm, "opened_on", d->opened_on, "closed_on",
                       pdjson_str_or_null(d->closed_on), "closure_reason",
                       pdjson_str_or_null(d->closure_reason), "version", (json_int_t)d->version);
}

json_t *assignment_to_json(const struct assignment_rec *s)
{
    json_t *intensity = s->pattern ? pdjson_pack("{s:s, s:o}", "pattern", s->pattern, "agreed_on",
                                                 pdjson_str_or_null(s->agreed_on))
                                   : json_null();
    return pdjson_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:I}", "id", s->id, "dossier_id",
                       s->dossier_id, "worker_id", s->worker_id, "worker_name",
                       s->worker_name ? s->worker_name : "", "role", s->role, "start_on",
                       s->start_on, "end_on", pdjson_str_or_null(s->end_on), "intensity", intensity,
                       "version", (json_int_t)s->version);
}

json_t *consent_to_json(const struct consent_rec *c)
{
    return pdjson_pack(
        "{s:s, s:s, s:o, s:s, s:b, s:s, s:s}", "id", c->id, "client_id", c->client_id, "dossier_id",
        pdjson_str_or_null(*c->dossier_id ? c->dossier_id : NULL), "kind", c->kind, "given",
        c->given, "recorded_on", c->recorded_on, "recorded_by", c->recorded_by);
}

json_t *dossier_view_to_json(const struct dossier_view *v)
{
    json_t *j = dossier_summary_to_json(&v->d);
    json_t *as = json_array();
    json_t *cs = json_array();
    for (size_t i = 0; i < v->nassignments; i++)
        json_array_append_new(as, assignment_to_json(&v->assignments[i]));
    for (size_t i = 0; i < v->nconsents; i++)
        json_array_append_new(cs, consent_to_json(&v->consents[i]));
    json_object_set_new(j, "client", client_to_json(&v->client));
    json_object_set_new(
        j, "responsible",
        pdjson_pack("{s:s, s:s}", "id", v->responsible.id, "name", v->responsible.name));
    json_object_set_new(j, "assignments", as);
    json_object_set_new(j, "consents", cs);
    return j;
}
