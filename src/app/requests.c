/*
 * requests.c: deployment requests from submission to decision, and matching. Each use
 * case is one write transaction: access check, work, one audit entry, commit (see
 * requests.h for who sees what).
 */
#include "requests.h"

#include <string.h>

#include "../domain/request.h"
#include "../lib/json.h"
#include "../lib/ptime.h"
#include "access.h"
#include "app_int.h"
#include "assignments.h"
#include "directory.h"
#include "vocab.h"

static const char *today(struct app_req *r)
{
    return arena_strndup(r->arena, app_now_iso(r), 10);
}

/* A list of codes of one vocabulary: each active, none twice, at most the cap. */
static int check_codes(struct app_req *r, const char *vocab, const char *name,
                       const char *const *codes, size_t n)
{
    if (n > LIMIT_REQUEST_CODES)
        return err_set(&r->err, PD_ETOOBIG, name, "at most %d codes", LIMIT_REQUEST_CODES);
    for (size_t i = 0; i < n; i++) {
        const char *field = arena_printf(r->arena, "%s[%zu]", name, i);
        if (vocab_check(r, vocab, codes[i], field) != PD_OK)
            return r->err.code;
        for (size_t j = 0; j < i; j++)
            if (strcmp(codes[j], codes[i]) == 0)
                return err_set(&r->err, PD_EINVAL, field, "listed twice");
    }
    return PD_OK;
}

static int check_input(struct app_req *r, const struct request_input *in)
{
    bool expert = false;
    if (in->nreasons == 0)
        return err_set(&r->err, PD_EINVAL, "reasons", "give at least one reason");
    if (check_codes(r, "deployment_reason", "reasons", in->reasons, in->nreasons) != PD_OK ||
        check_codes(r, "experience_area", "areas", in->areas, in->nareas) != PD_OK ||
        check_codes(r, "generic_theme", "themes", in->themes, in->nthemes) != PD_OK ||
        vocab_check(r, "match_basis", in->match_basis, "match_basis") != PD_OK ||
        vocab_check(r, "channel", in->channel, "channel") != PD_OK)
        return r->err.code;
    if (!in->phase || (strcmp(in->phase, "early") != 0 && strcmp(in->phase, "stuck") != 0 &&
                       strcmp(in->phase, "bridging") != 0))
        return err_set(&r->err, PD_EINVAL, "phase", "early, stuck or bridging");
    if (!in->question || !*in->question)
        return err_set(&r->err, PD_EINVAL, "question", "ask a short question");
    if (in->preferred_expert_id) {
        if (store_is_active_expert(r->db, r->actor->org_id, in->preferred_expert_id, &expert,
                                   &r->err) != PD_OK)
            return r->err.code;
        if (!expert)
            return err_set(&r->err, PD_EINVAL, "preferred_expert_id",
                           "not an active expert of this organisation");
    }
    if (in->client_informed_on) {
        int y, m, d;
        if (!in->client_informed)
            return err_set(&r->err, PD_EINVAL, "client_informed_on",
                           "only when the client was informed");
        if (strlen(in->client_informed_on) != 10 ||
            !ptime_parse_date(in->client_informed_on, 10, &y, &m, &d))
            return err_set(&r->err, PD_EINVAL, "client_informed_on", "a date as YYYY-MM-DD");
        if (strcmp(in->client_informed_on, today(r)) > 0)
            return err_set(&r->err, PD_EINVAL, "client_informed_on", "cannot lie in the future");
    }
    return PD_OK;
}

int app_request_create(struct app_req *r, const char *dossier_id, const struct request_input *in,
                       struct request_rec *out)
{
    struct dossier_access acc;
    bool open = false;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        app_access_dossier(r, dossier_id, NEED_REQUEST_SUBMIT, "request.create", &acc) != PD_OK ||
        check_input(r, in) != PD_OK ||
        store_request_open_on(r->db, acc.dossier_id, &open, &r->err) != PD_OK)
        return app_fail(r);
    if (open) {
        err_set(&r->err, PD_ECONFLICT, "dossier_id", "this dossier already has an open request");
        return app_fail(r);
    }
    const char *now = app_now_iso(r);
    struct request_rec q = {.match_basis = in->match_basis,
                            .phase = in->phase,
                            .channel = in->channel,
                            .question = in->question,
                            .preferred_expert_id = in->preferred_expert_id,
                            .client_informed = in->client_informed,
                            .client_informed_on = in->client_informed_on,
                            .created_at = now,
                            .updated_at = now,
                            .reasons = in->reasons,
                            .nreasons = in->nreasons,
                            .areas = in->areas,
                            .nareas = in->nareas,
                            .themes = in->themes,
                            .nthemes = in->nthemes};
    uuid7_new(q.id);
    memcpy(q.org_id, r->actor->org_id, UUID_STR_BYTES);
    memcpy(q.dossier_id, acc.dossier_id, UUID_STR_BYTES);
    memcpy(q.requester_id, r->actor->user_id, UUID_STR_BYTES);
    if (store_request_insert(r->db, &q, &r->err) != PD_OK ||
        store_request_get(r->db, r->arena, r->actor->org_id, q.id, out, &r->err) != PD_OK ||
        audit_client(r, &acc, "request.create", 'C', "request", q.id) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_request_queue(struct app_req *r, const char *status, const char *after, int limit,
                      struct request_rec **out, size_t *n)
{
    enum request_status st;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (status && request_status_parse(status, &st, "status", &r->err) != PD_OK)
        return r->err.code;
    if (after && !uuid_valid(after, strlen(after)))
        return err_set(&r->err, PD_EINVAL, "after", "a request id from the previous page");
    struct audit_event ev = {.event = "request.list",
                             .action = 'R',
                             .record_type = "request_list",
                             .access_basis = "coordinator"};
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        app_access_coordinator(r, "request.list") != PD_OK ||
        store_request_list(r->db, r->arena, r->actor->org_id, status, after, limit, out, n,
                           &r->err) != PD_OK ||
        audit_write(r, &ev) != PD_OK || db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

/* Load request `id` and decide access to its dossier for `need`. A request that does not
 * exist (or is another organisation's) is denied like a dossier the actor may not see. */
static int load_with_access(struct app_req *r, const char *id, enum access_need need,
                            const char *event, struct request_rec *q, struct dossier_access *acc)
{
    int rc = PD_ENOTFOUND;
    if (id && uuid_valid(id, strlen(id)))
        rc = store_request_get(r->db, r->arena, r->actor->org_id, id, q, &r->err);
    if (rc == PD_ENOTFOUND) {
        err_clear(&r->err);
        return app_access_dossier(r, NULL, need, event, acc);
    }
    if (rc != PD_OK)
        return rc;
    return app_access_dossier(r, q->dossier_id, need, event, acc);
}

int app_request_get(struct app_req *r, const char *id, struct request_rec *out, bool *full)
{
    struct dossier_access acc;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        load_with_access(r, id, NEED_REQUEST_SUMMARY, "request.read", out, &acc) != PD_OK ||
        audit_client(r, &acc, "request.read", 'R', "request", out->id) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    *full = acc.basis != BASIS_COORDINATOR;
    return PD_OK;
}

/* The shared start of review and decision: coordinator, access, version, transition. */
static int begin_allocation(struct app_req *r, const char *id, int64_t version,
                            enum request_status to, const char *event, struct request_rec *q,
                            struct dossier_access *acc)
{
    enum request_status from;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        app_access_coordinator(r, event) != PD_OK ||
        load_with_access(r, id, NEED_ALLOCATE, event, q, acc) != PD_OK)
        return r->err.code;
    if (q->version != version)
        return err_set(&r->err, PD_ESTALE, "If-Match", "the request changed since you read it");
    if (request_status_parse(q->status, &from, "status", &r->err) != PD_OK)
        return r->err.code;
    return request_transition(from, to, &r->err);
}

int app_request_review(struct app_req *r, const char *id, int64_t version, struct request_rec *out)
{
    struct dossier_access acc;
    struct request_rec q;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    int rc = begin_allocation(r, id, version, REQ_IN_REVIEW, "request.review", &q, &acc);
    if (rc == PD_ESTALE || rc == PD_ECONFLICT) {
        *out = q;
        return app_fail(r);
    }
    if (rc != PD_OK)
        return app_fail(r);
    q.status = request_status_code(REQ_IN_REVIEW);
    q.updated_at = app_now_iso(r);
    if (store_request_update(r->db, &q, &r->err) != PD_OK ||
        store_request_get(r->db, r->arena, r->actor->org_id, q.id, out, &r->err) != PD_OK ||
        audit_client(r, &acc, "request.review", 'U', "request", q.id) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

static enum match_vocab item_vocab(const char *vocab)
{
    return strcmp(vocab, "experience_area") == 0 ? MATCH_AREA_CODE : MATCH_THEME_CODE;
}

struct match_expert *match_input_from_rows(struct arena *a, const struct expert_row *rows, size_t n)
{
    struct match_expert *xs = n ? arena_array(a, n, sizeof(*xs)) : NULL;
    for (size_t i = 0; i < n; i++) {
        const struct expert_row *row = &rows[i];
        struct match_item *items = row->nitems ? arena_array(a, row->nitems, sizeof(*items)) : NULL;
        for (size_t j = 0; j < row->nitems; j++)
            items[j] = (struct match_item){item_vocab(row->items[j].vocab), row->items[j].code,
                                           strcmp(row->items[j].visibility, "colleagues") != 0};
        size_t nc = 0;
        const char **clusters = row->nareas ? arena_array(a, row->nareas, sizeof(char *)) : NULL;
        for (size_t j = 0; j < row->nareas; j++)
            if (row->cluster_ids[j])
                clusters[nc++] = row->cluster_ids[j];
        xs[i] = (struct match_expert){.id = row->worker_id,
                                      .name = row->name,
                                      .items = items,
                                      .nitems = row->nitems,
                                      .capacity = row->capacity,
                                      .caseload = row->caseload,
                                      .available = row->available,
                                      .area_ids = row->area_ids,
                                      .nareas = row->nareas,
                                      .cluster_ids = clusters,
                                      .nclusters = nc};
    }
    return xs;
}

/* The per-request part of matching: a copy of the shared directory (never changed) with
 * the experts who worked with the requester marked. Both lists are by id: one merge. */
static struct match_expert *with_history(struct app_req *r, const struct expert_directory *d,
                                         char (*ids)[UUID_STR_BYTES], size_t nids)
{
    if (d->n == 0)
        return NULL;
    struct match_expert *xs = arena_array(r->arena, d->n, sizeof(*xs));
    memcpy(xs, d->experts, d->n * sizeof(*xs));
    size_t j = 0;
    for (size_t i = 0; i < d->n; i++) {
        while (j < nids && strcmp(ids[j], xs[i].id) < 0)
            j++;
        xs[i].worked_with_requester = j < nids && strcmp(ids[j], xs[i].id) == 0;
    }
    return xs;
}

int app_request_rank(struct app_req *r, const struct request_rec *q, struct match_ranking *out)
{
    struct weights_rec w;
    const struct expert_directory *dir;
    char(*ids)[UUID_STR_BYTES];
    size_t nids;
    if (store_weights_get(r->db, r->arena, r->actor->org_id, &w, &r->err) != PD_OK ||
        directory_acquire(r, today(r), &dir) != PD_OK ||
        store_worked_with(r->db, r->arena, q->requester_id, q->dossier_id, &ids, &nids, &r->err) !=
            PD_OK)
        return r->err.code;
    struct match_request mq = {.areas = q->areas,
                               .nareas = q->nareas,
                               .themes = q->themes,
                               .nthemes = q->nthemes,
                               .area_id = q->area_id,
                               .cluster_id = q->cluster_id,
                               .preferred_expert_id = q->preferred_expert_id};
    /* the callers checked app_access_coordinator: the viewer coordinates in an expert team */
    match_rank_experts(r->arena, &mq, with_history(r, dir, ids, nids), dir->n, &w.w, true, out);
    return PD_OK;
}

int app_request_matches(struct app_req *r, const char *id, struct request_rec *q,
                        struct match_ranking *out)
{
    struct dossier_access acc;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    /* Only reads: a snapshot, its audit entry written by the group commit (app_int.h) */
    if (app_read_begin(r) != PD_OK || app_access_coordinator(r, "request.match") != PD_OK ||
        load_with_access(r, id, NEED_ALLOCATE, "request.match", q, &acc) != PD_OK ||
        app_request_rank(r, q, out) != PD_OK ||
        audit_client(r, &acc, "request.match", 'R', "request", q->id) != PD_OK ||
        app_read_end(r) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

static int check_decision(struct app_req *r, const struct request_decision *d,
                          enum request_status *to)
{
    if (request_status_parse(d->outcome, to, "outcome", &r->err) != PD_OK)
        return r->err.code;
    if (!request_status_outcome(*to))
        return err_set(&r->err, PD_EINVAL, "outcome",
                       "assigned, advice_only, redirected or declined");
    bool assigned = *to == REQ_ASSIGNED;
    if (assigned && !d->expert_id)
        return err_set(&r->err, PD_EMISSING, "expert_id", "name the expert to assign");
    /* A refusal always tells the generalist who asked why. */
    if (*to == REQ_DECLINED && (!d->note || !*d->note))
        return err_set(&r->err, PD_EMISSING, "note", "say why, for the generalist who asked");
    if (!assigned && (d->expert_id || d->start_on || d->pattern || d->agreed_on))
        return err_set(&r->err, PD_EINVAL,
                       d->expert_id  ? "expert_id"
                       : d->start_on ? "start_on"
                       : d->pattern  ? "pattern"
                                     : "agreed_on",
                       "only with outcome assigned");
    return PD_OK;
}

int app_request_decide(struct app_req *r, const char *id, int64_t version,
                       const struct request_decision *d, struct request_rec *out)
{
    struct dossier_access acc;
    struct request_rec q;
    enum request_status to;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (check_decision(r, d, &to) != PD_OK)
        return r->err.code;
    int rc = begin_allocation(r, id, version, to, "request.decide", &q, &acc);
    if (rc == PD_ESTALE || rc == PD_ECONFLICT) {
        *out = q;
        return app_fail(r);
    }
    if (rc != PD_OK)
        return app_fail(r);
    if (to == REQ_ASSIGNED) {
        bool expert = false;
        if (store_is_active_expert(r->db, r->actor->org_id, d->expert_id, &expert, &r->err) !=
            PD_OK)
            return app_fail(r);
        if (!expert) {
            err_set(&r->err, PD_EINVAL, "expert_id", "not an active expert of this organisation");
            return app_fail(r);
        }
        if (app_assignment_create(r, &acc, d->expert_id, "expert",
                                  d->start_on ? d->start_on : today(r), d->pattern, d->agreed_on,
                                  NULL) != PD_OK)
            return app_fail(r);
        q.assigned_expert_id = d->expert_id;
    }
    const char *now = app_now_iso(r);
    q.status = request_status_code(to);
    q.decided_by = r->actor->user_id;
    q.decided_at = now;
    q.decision_note = d->note;
    q.updated_at = now;
    if (store_request_update(r->db, &q, &r->err) != PD_OK ||
        store_request_get(r->db, r->arena, r->actor->org_id, q.id, out, &r->err) != PD_OK ||
        audit_client(r, &acc, "request.decide", 'U', "request", q.id) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

/* ---- JSON ---- */

static json_t *codes_to_json(const char *const *codes, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_string(codes[i]));
    return a;
}

json_t *request_summary_to_json(const struct request_rec *q)
{
    int64_t created = 0, age = 0;
    if (q->created_at && ptime_parse_iso(q->created_at, strlen(q->created_at), &created))
        age = (ptime_now_ms() - created) / (24 * 60 * 60 * 1000LL);
    return pdjson_pack(
        "{s:s, s:s, s:o, s:o, s:o, s:s, s:s, s:s, s:o, s:o, s:o, s:s, s:I, s:I}", "id", q->id,
        "status", q->status, "reasons", codes_to_json(q->reasons, q->nreasons), "areas",
        codes_to_json(q->areas, q->nareas), "themes", codes_to_json(q->themes, q->nthemes),
        "match_basis", q->match_basis, "phase", q->phase, "channel", q->channel, "area_id",
        pdjson_str_or_null(q->area_id), "cluster_id", pdjson_str_or_null(q->cluster_id),
        "preferred_expert_id", pdjson_str_or_null(q->preferred_expert_id), "created_at",
        q->created_at, "age_days", (json_int_t)(age < 0 ? 0 : age), "version",
        (json_int_t)q->version);
}

json_t *request_to_json(const struct request_rec *q)
{
    json_t *j = request_summary_to_json(q);
    json_object_set_new(j, "dossier_id", json_string(q->dossier_id));
    json_object_set_new(j, "requester_id", json_string(q->requester_id));
    json_object_set_new(j, "question", json_string(q->question));
    json_object_set_new(j, "client_informed", json_boolean(q->client_informed));
    json_object_set_new(j, "client_informed_on", pdjson_str_or_null(q->client_informed_on));
    json_object_set_new(j, "decided_by", pdjson_str_or_null(q->decided_by));
    json_object_set_new(j, "decided_at", pdjson_str_or_null(q->decided_at));
    json_object_set_new(j, "decision_note", pdjson_str_or_null(q->decision_note));
    json_object_set_new(j, "assigned_expert_id", pdjson_str_or_null(q->assigned_expert_id));
    json_object_set_new(j, "updated_at", json_string(q->updated_at));
    return j;
}

json_t *match_ranking_to_json(const struct match_ranking *k)
{
    json_t *items = json_array();
    for (size_t i = 0; i < k->n; i++) {
        const struct match_result *m = &k->results[i];
        json_t *why = json_array();
        for (int f = 0; f < MATCH_FACTORS; f++) {
            const struct match_reason *mr = &m->reasons[f];
            json_array_append_new(why, pdjson_pack("{s:s, s:i, s:s, s:o}", "factor",
                                                   match_factor_code(mr->factor), "points",
                                                   mr->points, "reason", mr->reason, "codes",
                                                   codes_to_json(mr->codes, mr->ncodes)));
        }
        json_array_append_new(items,
                              pdjson_pack("{s:s, s:s, s:b, s:i, s:o}", "expert_id", m->expert->id,
                                          "name", m->expert->name, "available", m->available,
                                          "score", m->score, "explanation", why));
    }
    json_t *unmet = json_array();
    for (size_t i = 0; i < k->nunmet; i++)
        json_array_append_new(unmet, pdjson_pack("{s:s, s:s}", "vocab",
                                                 match_vocab_code(k->unmet[i].vocab), "code",
                                                 k->unmet[i].code));
    return pdjson_pack("{s:o, s:o}", "items", items, "unmet", unmet);
}
