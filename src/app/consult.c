/*
 * consult.c: consultations and case discussions (see consult.h). A record linked to a
 * dossier is reached only through app_access_dossier() and audited with audit_client();
 * an unlinked one is the expert's own log and is audited without a client.
 */
#include "consult.h"

#include <string.h>

#include "../domain/role.h"
#include "../lib/json.h"
#include "../lib/str.h"
#include "../store/store_access.h"
#include "access.h"
#include "app_int.h"
#include "clients.h"
#include "vocab.h"

static const char *today(struct app_req *r)
{
    return arena_strndup(r->arena, app_now_iso(r), 10);
}

static size_t chars(const char *s)
{
    return s ? utf8_chars(s, strlen(s)) : 0;
}

/* A date, not after today. */
static int check_past_date(struct app_req *r, const char *s, const char *field)
{
    if (app_check_date(r, s, field) != PD_OK)
        return r->err.code;
    if (strcmp(s, today(r)) > 0)
        return err_set(&r->err, PD_EINVAL, field, "a date not after today");
    return PD_OK;
}

/* An active worker of the actor's organisation holding one of `roles` (0: any). */
static int check_worker(struct app_req *r, const char *id, unsigned roles, const char *field)
{
    struct worker w;
    if (!id || !uuid_valid(id, strlen(id)))
        return err_set(&r->err, PD_EINVAL, field, "a worker id");
    int rc = store_worker_by_id(r->db, r->arena, id, &w, &r->err);
    if (rc == PD_ENOTFOUND ||
        (rc == PD_OK && (strcmp(w.org_id, r->actor->org_id) != 0 || w.status != WORKER_ACTIVE ||
                         (roles && !(w.roles & roles))))) {
        err_clear(&r->err);
        return err_set(&r->err, PD_EINVAL, field,
                       roles == ROLE_EXPERT ? "no such expert in this organisation"
                                            : "no such worker in this organisation");
    }
    return rc;
}

static int check_team(struct app_req *r, const char *id, const char *field)
{
    struct team *all;
    size_t n;
    if (store_team_list(r->db, r->arena, r->actor->org_id, &all, &n, &r->err) != PD_OK)
        return r->err.code;
    for (size_t i = 0; id && i < n; i++)
        if (strcmp(all[i].id, id) == 0)
            return PD_OK;
    return err_set(&r->err, PD_EINVAL, field, "no such team in this organisation");
}

/* A consultation theme is a generic theme or a specific experience area. */
static int check_theme(struct app_req *r, const char *code)
{
    if (vocab_check(r, "generic_theme", code, "theme") == PD_OK)
        return PD_OK;
    if (r->err.code != PD_EINVAL)
        return r->err.code;
    err_clear(&r->err);
    if (vocab_check(r, "experience_area", code, "theme") == PD_OK)
        return PD_OK;
    if (r->err.code != PD_EINVAL)
        return r->err.code;
    err_clear(&r->err);
    return err_set(&r->err, PD_EINVAL, "theme", "not a code of generic_theme or experience_area");
}

static bool response_ok(const char *s)
{
    return s && (strcmp(s, "advice") == 0 || strcmp(s, "joined_conversation") == 0 ||
                 strcmp(s, "became_request") == 0);
}

/* Every field of a complete consultation record; inside the transaction (codes). */
static int check_consult(struct app_req *r, const struct consult_rec *c)
{
    size_t n = chars(c->summary);
    if (n == 0 || n > LIMIT_CONSULT_SUMMARY_CHARS)
        return err_set(&r->err, PD_EINVAL, "summary", "1 to %d characters",
                       LIMIT_CONSULT_SUMMARY_CHARS);
    if (!response_ok(c->response))
        return err_set(&r->err, PD_EINVAL, "response",
                       "advice, joined_conversation or became_request");
    if (c->minutes < 0 || c->minutes > 1440)
        return err_set(&r->err, PD_EINVAL, "minutes", "0 to 1440");
    if (check_past_date(r, c->held_on, "held_on") != PD_OK ||
        vocab_check(r, "channel", c->channel, "channel") != PD_OK || check_theme(r, c->theme) ||
        (c->asker_id && check_worker(r, c->asker_id, 0, "asker_id") != PD_OK))
        return r->err.code;
    if (c->asker_id && strcmp(c->asker_id, c->expert_id) == 0)
        return err_set(&r->err, PD_EINVAL, "asker_id", "the asker is someone else");
    return PD_OK;
}

/* The entry about a record that is not client data. */
static int audit_own(struct app_req *r, const char *event, char action, const char *type,
                     const char *id, const char *basis)
{
    struct audit_event ev = {.event = event,
                             .action = action,
                             .outcome = "success",
                             .record_type = type,
                             .record_id = id,
                             .access_basis = basis};
    return audit_write(r, &ev);
}

/* A record the actor may not see: the same answer as a missing one, audited. */
static int not_found(struct app_req *r, const char *event, const char *type, const char *id)
{
    if (db_in_txn(r->db))
        db_rollback(r->db);
    err_clear(&r->err);
    struct audit_event ev = {.event = event,
                             .action = 'R',
                             .outcome = "denied",
                             .record_type = type,
                             .record_id = id && uuid_valid(id, strlen(id)) ? id : NULL,
                             .access_basis = "none"};
    if (audit_write_alone(r, &ev) != PD_OK)
        return r->err.code;
    return err_set(&r->err, PD_ENOTFOUND, NULL, "no such %s", type);
}

/* Refuse the actor without one of `roles`, audited. */
static int need_role(struct app_req *r, unsigned roles, const char *event, char action,
                     const char *type, const char *why)
{
    if (r->actor->roles & roles)
        return PD_OK;
    struct audit_event ev = {.event = event,
                             .action = action,
                             .outcome = "denied",
                             .record_type = type,
                             .access_basis = "none"};
    if (audit_write_alone(r, &ev) != PD_OK)
        return r->err.code;
    return err_set(&r->err, PD_EFORBID, NULL, "%s", why);
}

/* May the actor use the dossier for `need`, asked without side effects (no audit)? */
static int can_use(struct app_req *r, const char *dossier_id, enum access_need need, bool *yes)
{
    struct access_facts f;
    struct dossier_core core;
    if (store_access_facts(r->db, r->actor->org_id, r->actor->user_id, dossier_id, app_now_iso(r),
                           &f, &core, &r->err) != PD_OK)
        return r->err.code;
    *yes = access_decide(&f, r->actor->roles, need) != BASIS_NONE;
    return PD_OK;
}

/* ---- consultations ---- */

int app_consult_create(struct app_req *r, const struct consult_input *in, struct consult_rec *out)
{
    struct dossier_access acc;
    if (app_need_actor(r) != PD_OK ||
        need_role(r, ROLE_EXPERT, "consultation.create", 'C', "consultation",
                  "only an expert logs consultations") != PD_OK)
        return r->err.code;
    const char *now = app_now_iso(r);
    struct consult_rec c = {.asker_id = in->asker_id && *in->asker_id ? in->asker_id : NULL,
                            .channel = in->channel,
                            .formal = in->formal == 1,
                            .theme = in->theme,
                            .summary = in->summary,
                            .response = in->response,
                            .minutes = in->minutes < 0 ? 0 : in->minutes,
                            .dossier_id = in->dossier_id && *in->dossier_id ? in->dossier_id : NULL,
                            .held_on = in->held_on ? in->held_on : today(r),
                            .created_at = now,
                            .version = 1};
    uuid7_new(c.id);
    memcpy(c.org_id, r->actor->org_id, UUID_STR_BYTES);
    memcpy(c.expert_id, r->actor->user_id, UUID_STR_BYTES);
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK || check_consult(r, &c) != PD_OK)
        return app_fail(r);
    if (c.dossier_id) {
        if (app_access_dossier(r, c.dossier_id, NEED_DOSSIER_WRITE, "consultation.create", &acc) !=
                PD_OK ||
            store_consult_insert(r->db, &c, &r->err) != PD_OK ||
            audit_client(r, &acc, "consultation.create", 'C', "consultation", c.id) != PD_OK)
            return app_fail(r);
    } else if (store_consult_insert(r->db, &c, &r->err) != PD_OK ||
               audit_own(r, "consultation.create", 'C', "consultation", c.id, "self") != PD_OK)
        return app_fail(r);
    if (db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    *out = c;
    return PD_OK;
}

/* Load the actor's own consultation, or answer like a missing one. */
static int load_own(struct app_req *r, const char *id, const char *event, struct consult_rec *c)
{
    if (!id || !uuid_valid(id, strlen(id)))
        return not_found(r, event, "consultation", NULL);
    int rc = store_consult_get(r->db, r->arena, r->actor->org_id, id, c, &r->err);
    if (rc == PD_ENOTFOUND || (rc == PD_OK && strcmp(c->expert_id, r->actor->user_id) != 0))
        return not_found(r, event, "consultation", id);
    return rc;
}

int app_consult_get(struct app_req *r, const char *id, struct consult_rec *out)
{
    struct dossier_access acc;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        load_own(r, id, "consultation.read", out) != PD_OK)
        return app_fail(r);
    if (out->dossier_id) {
        if (app_access_dossier(r, out->dossier_id, NEED_DOSSIER_READ, "consultation.read", &acc) !=
                PD_OK ||
            audit_client(r, &acc, "consultation.read", 'R', "consultation", out->id) != PD_OK)
            return app_fail(r);
    } else if (audit_own(r, "consultation.read", 'R', "consultation", out->id, "self") != PD_OK)
        return app_fail(r);
    if (db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_consult_update(struct app_req *r, const char *id, int64_t version,
                       const struct consult_input *in, struct consult_rec *out)
{
    struct dossier_access acc;
    struct consult_rec c;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        load_own(r, id, "consultation.update", &c) != PD_OK)
        return app_fail(r);
    if (c.version != version) {
        *out = c;
        err_set(&r->err, PD_ESTALE, "If-Match", "the consultation changed since you read it");
        return app_fail(r);
    }
    if (in->dossier_id) {
        if (c.dossier_id && strcmp(c.dossier_id, in->dossier_id) != 0) {
            err_set(&r->err, PD_ECONFLICT, "dossier_id", "a consultation stays with its dossier");
            return app_fail(r);
        }
        c.dossier_id = *in->dossier_id ? in->dossier_id : c.dossier_id;
    }
    if (in->asker_id)
        c.asker_id = *in->asker_id ? in->asker_id : NULL;
    c.channel = in->channel ? in->channel : c.channel;
    c.formal = in->formal >= 0 ? in->formal == 1 : c.formal;
    c.theme = in->theme ? in->theme : c.theme;
    c.summary = in->summary ? in->summary : c.summary;
    c.response = in->response ? in->response : c.response;
    c.minutes = in->minutes >= 0 ? in->minutes : c.minutes;
    c.held_on = in->held_on ? in->held_on : c.held_on;
    if (check_consult(r, &c) != PD_OK)
        return app_fail(r);
    if (c.dossier_id) {
        if (app_access_dossier(r, c.dossier_id, NEED_DOSSIER_WRITE, "consultation.update", &acc) !=
                PD_OK ||
            store_consult_update(r->db, &c, &r->err) != PD_OK ||
            audit_client(r, &acc, "consultation.update", 'U', "consultation", c.id) != PD_OK)
            return app_fail(r);
    } else if (store_consult_update(r->db, &c, &r->err) != PD_OK ||
               audit_own(r, "consultation.update", 'U', "consultation", c.id, "self") != PD_OK)
        return app_fail(r);
    if (store_consult_get(r->db, r->arena, r->actor->org_id, c.id, out, &r->err) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

/* In the actor's own lists: a linked entry shows its text only while the dossier is
 * readable, and then the reading is audited as client data. */
static int linked_view(struct app_req *r, const char *dossier_id, const char *event,
                       const char *type, const char *id, const char **text)
{
    struct dossier_access acc;
    bool yes = false;
    if (!dossier_id)
        return PD_OK;
    if (can_use(r, dossier_id, NEED_DOSSIER_READ, &yes) != PD_OK)
        return r->err.code;
    if (!yes) {
        *text = NULL;
        return PD_OK;
    }
    if (app_access_dossier(r, dossier_id, NEED_DOSSIER_READ, event, &acc) != PD_OK)
        return r->err.code;
    return audit_client(r, &acc, event, 'R', type, id);
}

int app_consult_list(struct app_req *r, bool all, const char *after, int limit,
                     struct consult_rec **out, size_t *n)
{
    bool member = false;
    if (app_need_actor(r) != PD_OK ||
        need_role(r, ROLE_EXPERT | ROLE_COORDINATOR, "consultation.list", 'R', "consultation",
                  "only experts and coordinators keep a consultation log") != PD_OK)
        return r->err.code;
    if (after && !uuid_valid(after, strlen(after)))
        return err_set(&r->err, PD_EINVAL, "after", "a cursor from an earlier page");
    if (all) {
        if (store_in_expert_team(r->db, r->actor->user_id, &member, &r->err) != PD_OK)
            return r->err.code;
        if (!(r->actor->roles & ROLE_COORDINATOR) || !member) {
            struct audit_event ev = {.event = "consultation.list",
                                     .action = 'R',
                                     .outcome = "denied",
                                     .record_type = "consultation",
                                     .access_basis = "none"};
            if (audit_write_alone(r, &ev) != PD_OK)
                return r->err.code;
            return err_set(&r->err, PD_EFORBID, "all",
                           "only coordinators of an expert team see the team's log");
        }
        if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
            store_consult_team(r->db, r->arena, r->actor->org_id, r->actor->user_id, after, limit,
                               out, n, &r->err) != PD_OK ||
            audit_own(r, "consultation.list", 'R', "consultation", NULL, "coordinator") != PD_OK ||
            db_commit(r->db, &r->err) != PD_OK)
            return app_fail(r);
        /* The team view counts and themes; the text and the dossier stay with the expert. */
        for (size_t i = 0; i < *n; i++) {
            (*out)[i].summary = NULL;
            (*out)[i].dossier_id = NULL;
        }
        return PD_OK;
    }
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        store_consult_mine(r->db, r->arena, r->actor->org_id, r->actor->user_id, after, limit, out,
                           n, &r->err) != PD_OK)
        return app_fail(r);
    for (size_t i = 0; i < *n; i++) {
        struct consult_rec *c = &(*out)[i];
        if (linked_view(r, c->dossier_id, "consultation.list", "consultation", c->id,
                        &c->summary) != PD_OK)
            return app_fail(r);
    }
    if (db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

/* ---- case discussions ---- */

static bool outcome_ok(const char *s)
{
    return s &&
           (strcmp(s, "expert_joins") == 0 || strcmp(s, "advice") == 0 || strcmp(s, "none") == 0);
}

static int check_discussion(struct app_req *r, const struct discussion_input *in)
{
    char field[48];
    if (!outcome_ok(in->outcome))
        return err_set(&r->err, PD_EINVAL, "outcome", "expert_joins, advice or none");
    if (in->summary && (chars(in->summary) == 0 || chars(in->summary) > LIMIT_DISCUSSION_TEXT))
        return err_set(&r->err, PD_EINVAL, "summary", "1 to %d characters", LIMIT_DISCUSSION_TEXT);
    if (in->nexperts > LIMIT_DISCUSSION_EXPERTS)
        return err_set(&r->err, PD_EINVAL, "expert_ids", "at most %d experts",
                       LIMIT_DISCUSSION_EXPERTS);
    if (check_past_date(r, in->held_on, "held_on") != PD_OK ||
        (in->team_id && check_team(r, in->team_id, "team_id") != PD_OK) ||
        (in->presenter_id && check_worker(r, in->presenter_id, 0, "presenter_id") != PD_OK))
        return r->err.code;
    for (size_t i = 0; i < in->nexperts; i++) {
        snprintf(field, sizeof(field), "expert_ids[%zu]", i);
        if (check_worker(r, in->expert_ids[i], ROLE_EXPERT, field) != PD_OK)
            return r->err.code;
        for (size_t j = 0; j < i; j++)
            if (strcmp(in->expert_ids[i], in->expert_ids[j]) == 0)
                return err_set(&r->err, PD_EINVAL, field, "listed twice");
    }
    return PD_OK;
}

int app_discussion_create(struct app_req *r, const struct discussion_input *in,
                          struct discussion_rec *out)
{
    struct dossier_access acc;
    if (app_need_actor(r) != PD_OK ||
        need_role(r, ROLE_EXPERT | ROLE_COORDINATOR, "case_discussion.create", 'C',
                  "case_discussion",
                  "only experts and coordinators record case discussions") != PD_OK)
        return r->err.code;
    struct discussion_rec d = {.held_on = in->held_on,
                               .team_id = in->team_id,
                               .presenter_id = in->presenter_id,
                               .dossier_id = in->dossier_id,
                               .outcome = in->outcome,
                               .summary = in->summary,
                               .created_at = app_now_iso(r),
                               .version = 1,
                               .nexperts = in->nexperts};
    uuid7_new(d.id);
    memcpy(d.org_id, r->actor->org_id, UUID_STR_BYTES);
    memcpy(d.created_by, r->actor->user_id, UUID_STR_BYTES);
    d.expert_ids = arena_array(r->arena, in->nexperts ? in->nexperts : 1, sizeof(char *));
    for (size_t i = 0; i < in->nexperts; i++)
        d.expert_ids[i] = in->expert_ids[i];
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK || check_discussion(r, in) != PD_OK)
        return app_fail(r);
    if (d.dossier_id) {
        if (app_access_dossier(r, d.dossier_id, NEED_DOSSIER_WRITE, "case_discussion.create",
                               &acc) != PD_OK ||
            store_discussion_insert(r->db, &d, &r->err) != PD_OK ||
            audit_client(r, &acc, "case_discussion.create", 'C', "case_discussion", d.id) != PD_OK)
            return app_fail(r);
    } else if (store_discussion_insert(r->db, &d, &r->err) != PD_OK ||
               audit_own(r, "case_discussion.create", 'C', "case_discussion", d.id, "self") !=
                   PD_OK)
        return app_fail(r);
    if (db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    *out = d;
    return PD_OK;
}

int app_discussion_list(struct app_req *r, const char *after, int limit,
                        struct discussion_rec **out, size_t *n)
{
    if (app_need_actor(r) != PD_OK ||
        need_role(r, ROLE_EXPERT | ROLE_COORDINATOR, "case_discussion.list", 'R', "case_discussion",
                  "only experts and coordinators join case discussions") != PD_OK)
        return r->err.code;
    if (after && !uuid_valid(after, strlen(after)))
        return err_set(&r->err, PD_EINVAL, "after", "a cursor from an earlier page");
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        store_discussion_list(r->db, r->arena, r->actor->org_id, r->actor->user_id, after, limit,
                              out, n, &r->err) != PD_OK)
        return app_fail(r);
    for (size_t i = 0; i < *n; i++) {
        struct discussion_rec *d = &(*out)[i];
        if (linked_view(r, d->dossier_id, "case_discussion.list", "case_discussion", d->id,
                        &d->summary) != PD_OK)
            return app_fail(r);
    }
    if (db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

/* ---- JSON views ---- */

json_t *consult_to_json(const struct consult_rec *c)
{
    return pdjson_pack("{s:s, s:s, s:o, s:s, s:b, s:s, s:o, s:s, s:i, s:o, s:s, s:s, s:I}", "id",
                       c->id, "expert_id", c->expert_id, "asker_id",
                       pdjson_str_or_null(c->asker_id), "channel", c->channel, "formal", c->formal,
                       "theme", c->theme, "summary", pdjson_str_or_null(c->summary), "response",
                       c->response, "minutes", c->minutes, "dossier_id",
                       pdjson_str_or_null(c->dossier_id), "held_on", c->held_on, "created_at",
                       c->created_at, "version", (json_int_t)c->version);
}

json_t *discussion_to_json(const struct discussion_rec *d)
{
    json_t *experts = json_array();
    for (size_t i = 0; i < d->nexperts; i++)
        json_array_append_new(experts, json_string(d->expert_ids[i]));
    return pdjson_pack("{s:s, s:s, s:o, s:o, s:o, s:s, s:o, s:o, s:s, s:s, s:I}", "id", d->id,
                       "held_on", d->held_on, "team_id", pdjson_str_or_null(d->team_id),
                       "presenter_id", pdjson_str_or_null(d->presenter_id), "dossier_id",
                       pdjson_str_or_null(d->dossier_id), "outcome", d->outcome, "summary",
                       pdjson_str_or_null(d->summary), "expert_ids", experts, "created_by",
                       d->created_by, "created_at", d->created_at, "version",
                       (json_int_t)d->version);
}
