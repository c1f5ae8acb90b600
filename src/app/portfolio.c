/*
 * portfolio.c: the learning portfolio (see portfolio.h). Every use case opens a write
 * transaction first, so the access decision, the audit entry and the change commit or
 * roll back together; a denied or missing portfolio answers like a random id.
 */
#include "portfolio.h"

#include <sodium.h>
#include <string.h>

#include "../domain/role.h"
#include "../lib/buf.h"
#include "../lib/json.h"
#include "../lib/str.h"
#include "app_int.h"
#include "curriculum.h"

/* Whose portfolio, and why the actor may open it. */
struct owner {
    char id[UUID_STR_BYTES];
    const char *name;
    bool trainer; /* the actor is a trainer of the owner (else the owner themself) */
};

static size_t chars(const char *s)
{
    return s ? utf8_chars(s, strlen(s)) : 0;
}

static int audit_pf(struct app_req *r, const char *event, char action, const char *type,
                    const char *id, const struct owner *o)
{
    struct audit_event ev = {.event = event,
                             .action = action,
                             .outcome = "success",
                             .record_type = type,
                             .record_id = id,
                             .access_basis = o->trainer ? "trainer" : "self"};
    return audit_write(r, &ev);
}

/* The same answer as a portfolio that does not exist; the attempt is audited. */
static int not_found(struct app_req *r, const char *event, char action, const char *worker)
{
    if (db_in_txn(r->db))
        db_rollback(r->db);
    err_clear(&r->err);
    struct audit_event ev = {.event = event,
                             .action = action,
                             .outcome = "denied",
                             .record_type = "portfolio",
                             .record_id =
                                 worker && uuid_valid(worker, strlen(worker)) ? worker : NULL,
                             .access_basis = "none"};
    if (audit_write_alone(r, &ev) != PD_OK)
        return r->err.code;
    return err_set(&r->err, PD_ENOTFOUND, NULL, "no such portfolio");
}

static int refused(struct app_req *r, const char *event, char action, const char *why)
{
    if (db_in_txn(r->db))
        db_rollback(r->db);
    err_clear(&r->err);
    struct audit_event ev = {.event = event,
                             .action = action,
                             .outcome = "denied",
                             .record_type = "portfolio",
                             .access_basis = "none"};
    if (audit_write_alone(r, &ev) != PD_OK)
        return r->err.code;
    return err_set(&r->err, PD_EFORBID, NULL, "%s", why);
}

/* Open a write transaction and decide access to `worker`'s portfolio. */
static int open_portfolio(struct app_req *r, const char *worker, const char *event, char action,
                          struct owner *o)
{
    if (!r->actor)
        return err_set(&r->err, PD_EUNAUTH, NULL, "not logged in");
    if (app_need_db(r) != PD_OK || db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK)
        return app_fail(r);
    memset(o, 0, sizeof(*o));
    if (worker && (strcmp(worker, "me") == 0 || strcmp(worker, r->actor->user_id) == 0)) {
        if (!(r->actor->roles & (ROLE_STUDENT | ROLE_EXPERT)))
            return not_found(r, event, action, worker);
        memcpy(o->id, r->actor->user_id, UUID_STR_BYTES);
        o->name = r->actor->name;
        return PD_OK;
    }
    if (!worker || !uuid_valid(worker, strlen(worker)) || !(r->actor->roles & ROLE_TRAINER))
        return not_found(r, event, action, worker);
    bool yes = false;
    if (store_trains(r->db, r->actor->org_id, r->actor->user_id, worker, &yes, &r->err) != PD_OK)
        return app_fail(r);
    struct worker w;
    if (!yes || store_worker_by_id(r->db, r->arena, worker, &w, &r->err) != PD_OK ||
        strcmp(w.org_id, r->actor->org_id) != 0)
        return not_found(r, event, action, worker);
    memcpy(o->id, w.id, UUID_STR_BYTES);
    o->name = w.name;
    o->trainer = true;
    return PD_OK;
}

/* ---- JSON ---- */

static json_t *strings_json(const char *const *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_string(v[i]));
    return a;
}

static json_t *evidence_json(const struct evidence_rec *v)
{
    json_t *file = strcmp(v->kind, "file") == 0
                       ? pdjson_pack("{s:s, s:s, s:I}", "name", v->file_name, "content_type",
                                     v->content_type, "size", (json_int_t)v->file_size)
                       : json_null();
    return pdjson_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:s, s:s, s:I}", "id", v->id,
                       "owner_id", v->owner_id, "kind", v->kind, "title", v->title, "body", v->body,
                       "url", pdjson_str_or_null(v->url), "file", file, "assignments",
                       strings_json(v->assignments, v->nassignments), "competencies",
                       strings_json(v->competencies, v->ncompetencies), "created_at", v->created_at,
                       "updated_at", v->updated_at, "version", (json_int_t)v->version);
}

static json_t *feedback_json(const struct feedback_rec *f)
{
    return pdjson_pack("{s:s, s:o, s:o, s:s, s:s, s:s, s:s}", "id", f->id, "evidence_id",
                       pdjson_str_or_null(f->evidence_id), "unit", pdjson_str_or_null(f->unit_code),
                       "author_id", f->author_id, "author_name",
                       f->author_name ? f->author_name : "", "body", f->body, "created_at",
                       f->created_at);
}

static json_t *signoff_json(const struct signoff_rec *s)
{
    return pdjson_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:b, s:I}", "id", s->id,
                       "unit", s->unit_code, "trainer_id", s->trainer_id, "trainer_name",
                       s->trainer_name ? s->trainer_name : "", "note", s->note, "signed_at",
                       s->signed_at, "withdrawn_at", pdjson_str_or_null(s->withdrawn_at),
                       "withdrawn_by", pdjson_str_or_null(s->withdrawn_by), "withdraw_reason",
                       pdjson_str_or_null(s->withdraw_reason), "standing", s->withdrawn_at == NULL,
                       "version", (json_int_t)s->version);
}

static bool has_code(const char *const *v, size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i], code) == 0)
            return true;
    return false;
}

/* Progress per unit (counted assignments with evidence / counted assignments, sign-off)
 * and per competency (items naming it, directly or through one of their assignments). */
static json_t *progress_json(const struct curriculum_view *v, const struct evidence_rec *ev,
                             size_t nev, const struct signoff_rec *so, size_t nso)
{
    json_t *units = json_array();
    for (size_t u = 0; u < v->nunits; u++) {
        const struct merged_unit *mu = &v->units[u];
        if (!mu->active)
            continue;
        size_t total = 0, done = 0, items = 0;
        for (size_t k = 0; k < v->nassignments; k++) {
            const struct merged_assignment *a = &v->assignments[k];
            if (!a->counts || strcmp(a->unit, mu->code) != 0)
                continue;
            total++;
            for (size_t i = 0; i < nev; i++)
                if (has_code(ev[i].assignments, ev[i].nassignments, a->code)) {
                    done++;
                    break;
                }
        }
        for (size_t i = 0; i < nev; i++)
            for (size_t k = 0; k < ev[i].nassignments; k++) {
                const struct merged_assignment *a =
                    curriculum_view_assignment(v, ev[i].assignments[k]);
                if (a && a->counts && strcmp(a->unit, mu->code) == 0) {
                    items++;
                    break;
                }
            }
        json_t *standing = json_null();
        for (size_t i = 0; i < nso; i++)
            if (!so[i].withdrawn_at && strcmp(so[i].unit_code, mu->code) == 0) {
                json_decref(standing);
                standing = signoff_json(&so[i]);
            }
        json_array_append_new(units, pdjson_pack("{s:s, s:I, s:I, s:I, s:b, s:o}", "unit", mu->code,
                                                 "assignments_total", (json_int_t)total,
                                                 "assignments_with_evidence", (json_int_t)done,
                                                 "evidence_count", (json_int_t)items, "signed_off",
                                                 !json_is_null(standing), "signoff", standing));
    }
    json_t *comps = json_array();
    for (size_t c = 0; c < cur_competencies_count; c++) {
        const char *code = cur_competencies[c].code;
        size_t n = 0;
        for (size_t i = 0; i < nev; i++) {
            bool hit = has_code(ev[i].competencies, ev[i].ncompetencies, code);
            for (size_t k = 0; !hit && k < ev[i].nassignments; k++) {
                const struct merged_assignment *a =
                    curriculum_view_assignment(v, ev[i].assignments[k]);
                hit = a && cur_list_has(a->competencies, code);
            }
            n += hit;
        }
        json_array_append_new(
            comps, pdjson_pack("{s:s, s:I}", "code", code, "evidence_count", (json_int_t)n));
    }
    return pdjson_pack("{s:o, s:o}", "units", units, "competencies", comps);
}

/* ---- reading ---- */

int app_portfolio_get(struct app_req *r, const char *worker, json_t **out)
{
    struct owner o;
    struct curriculum_view v;
    struct evidence_rec *ev;
    struct feedback_rec *fb;
    struct signoff_rec *so;
    size_t nev, nfb, nso;
    if (open_portfolio(r, worker, "portfolio.read", 'R', &o) != PD_OK)
        return r->err.code;
    if (curriculum_view_load(r, &v) != PD_OK ||
        store_evidence_list(r->db, r->arena, r->actor->org_id, o.id, PORTFOLIO_ITEMS, &ev, &nev,
                            &r->err) != PD_OK ||
        store_feedback_list(r->db, r->arena, r->actor->org_id, o.id, &fb, &nfb, &r->err) != PD_OK ||
        store_signoff_list(r->db, r->arena, r->actor->org_id, o.id, &so, &nso, &r->err) != PD_OK ||
        (o.trainer && audit_pf(r, "portfolio.read", 'R', "portfolio", o.id, &o) != PD_OK) ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    json_t *items = json_array(), *feedback = json_array(), *signoffs = json_array();
    for (size_t i = 0; i < nev; i++)
        json_array_append_new(items, evidence_json(&ev[i]));
    for (size_t i = 0; i < nfb; i++)
        json_array_append_new(feedback, feedback_json(&fb[i]));
    for (size_t i = 0; i < nso; i++)
        json_array_append_new(signoffs, signoff_json(&so[i]));
    *out = pdjson_pack("{s:{s:s, s:s}, s:s, s:b, s:o, s:o, s:o, s:o}", "owner", "id", o.id, "name",
                       o.name ? o.name : "", "viewer", o.trainer ? "trainer" : "owner",
                       "may_sign_off", o.trainer, "evidence", items, "feedback", feedback,
                       "signoffs", signoffs, "progress", progress_json(&v, ev, nev, so, nso));
    return PD_OK;
}

int app_learning_students(struct app_req *r, json_t **out)
{
    struct learner_rec *ls;
    size_t nl;
    struct curriculum_view v;
    if (!r->actor)
        return err_set(&r->err, PD_EUNAUTH, NULL, "not logged in");
    if (!(r->actor->roles & ROLE_TRAINER))
        return refused(r, "learning.students", 'R', "only a trainer has students");
    if (app_need_db(r) != PD_OK || db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        curriculum_view_load(r, &v) != PD_OK ||
        store_learners_of(r->db, r->arena, r->actor->org_id, r->actor->user_id, &ls, &nl,
                          &r->err) != PD_OK)
        return app_fail(r);
    json_t *items = json_array();
    for (size_t i = 0; i < nl; i++) {
        struct evidence_rec *ev;
        struct signoff_rec *so;
        size_t nev, nso;
        struct owner o = {.trainer = true};
        memcpy(o.id, ls[i].id, UUID_STR_BYTES);
        if (store_evidence_list(r->db, r->arena, r->actor->org_id, ls[i].id, PORTFOLIO_ITEMS, &ev,
                                &nev, &r->err) != PD_OK ||
            store_signoff_list(r->db, r->arena, r->actor->org_id, ls[i].id, &so, &nso, &r->err) !=
                PD_OK ||
            audit_pf(r, "learning.students", 'R', "portfolio", ls[i].id, &o) != PD_OK) {
            json_decref(items);
            return app_fail(r);
        }
        json_t *p = progress_json(&v, ev, nev, so, nso);
        json_int_t units = 0, signed_off = 0, total = 0, done = 0;
        size_t k;
        json_t *u;
        json_array_foreach(json_object_get(p, "units"), k, u)
        {
            units++;
            signed_off += json_is_true(json_object_get(u, "signed_off"));
            total += json_integer_value(json_object_get(u, "assignments_total"));
            done += json_integer_value(json_object_get(u, "assignments_with_evidence"));
        }
        json_array_append_new(
            items, pdjson_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:o}", "id", ls[i].id,
                               "name", ls[i].name, "groups", ls[i].groups, "evidence_count",
                               (json_int_t)nev, "units", units, "units_signed_off", signed_off,
                               "assignments_total", total, "assignments_with_evidence", done,
                               "progress", json_incref(json_object_get(p, "units"))));
        json_decref(p);
    }
    if (db_commit(r->db, &r->err) != PD_OK) {
        json_decref(items);
        return app_fail(r);
    }
    *out = pdjson_pack("{s:o}", "items", items);
    return PD_OK;
}

/* ---- evidence ---- */

/* References: at least one in all, each an assignment that counts in this organisation's
 * curriculum or a competency. */
static int check_refs(struct app_req *r, const struct curriculum_view *v,
                      const struct evidence_input *in)
{
    if (in->nassignments + in->ncompetencies == 0)
        return err_set(&r->err, PD_EINVAL, "assignments",
                       "name at least one assignment or competency");
    if (in->nassignments + in->ncompetencies > PORTFOLIO_REFS)
        return err_set(&r->err, PD_EINVAL, "assignments", "at most %d codes in all",
                       PORTFOLIO_REFS);
    for (size_t i = 0; i < in->nassignments; i++) {
        const struct merged_assignment *a = curriculum_view_assignment(v, in->assignments[i]);
        if (!a || !a->counts)
            return err_set(&r->err, PD_EINVAL, arena_printf(r->arena, "assignments[%zu]", i),
                           a ? "this assignment was replaced or deactivated"
                             : "not an assignment of this curriculum");
    }
    for (size_t i = 0; i < in->ncompetencies; i++)
        if (!cur_competency_find(in->competencies[i]))
            return err_set(&r->err, PD_EINVAL, arena_printf(r->arena, "competencies[%zu]", i),
                           "not a competency code");
    return PD_OK;
}

static int check_title_body(struct app_req *r, const char *title, const char *body,
                            bool body_required)
{
    size_t n = chars(title);
    if (n < 1 || n > PORTFOLIO_TITLE_CHARS)
        return err_set(&r->err, PD_EINVAL, "title", "1 to %d characters", PORTFOLIO_TITLE_CHARS);
    n = chars(body);
    if ((body_required && n == 0) || n > PORTFOLIO_TEXT_CHARS)
        return err_set(&r->err, PD_EINVAL, "body", "%d to %d characters", body_required ? 1 : 0,
                       PORTFOLIO_TEXT_CHARS);
    return PD_OK;
}

/* Decode and check an uploaded file: size, allow-listed type, magic bytes. */
static int decode_file(struct app_req *r, const struct evidence_input *in, unsigned char **data,
                       size_t *len)
{
    if (!in->file_name || !portfolio_file_name_ok(in->file_name))
        return err_set(&r->err, PD_EINVAL, "file_name",
                       "1 to %d characters, without / \\ \" or control characters",
                       PORTFOLIO_FILE_NAME);
    if (!portfolio_type_allowed(in->content_type))
        return err_set(&r->err, PD_EINVAL, "content_type",
                       "application/pdf, image/png, image/jpeg or text/plain");
    size_t b64 = in->data_b64 ? strlen(in->data_b64) : 0;
    if (b64 == 0)
        return err_set(&r->err, PD_EINVAL, "data", "the file's bytes in base64");
    size_t cap = b64 / 4 * 3 + 3;
    unsigned char *buf = arena_alloc(r->arena, cap);
    size_t n = 0;
    if (sodium_base642bin(buf, cap, in->data_b64, b64, NULL, &n, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
        return err_set(&r->err, PD_EINVAL, "data", "not base64");
    if (n > PORTFOLIO_FILE_MAX_BYTES)
        return err_set(&r->err, PD_ETOOBIG, "data", "a file of at most %d KiB",
                       PORTFOLIO_FILE_MAX_BYTES / 1024);
    const char *seen = portfolio_sniff(buf, n);
    if (!seen || strcmp(seen, in->content_type) != 0)
        return err_set(&r->err, PD_EINVAL, "data", "the file is not a %s", in->content_type);
    *data = buf;
    *len = n;
    return PD_OK;
}

static int owner_only(struct app_req *r, const struct owner *o, const char *event, char action)
{
    if (!o->trainer)
        return PD_OK;
    return refused(r, event, action, "only the owner changes their portfolio");
}

int app_evidence_create(struct app_req *r, const char *worker, const struct evidence_input *in,
                        json_t **out, int64_t *version)
{
    struct owner o;
    struct curriculum_view v;
    unsigned char *data = NULL;
    size_t len = 0;
    const char *now = app_now_iso(r);
    struct evidence_rec e = {.kind = in->kind,
                             .title = in->title,
                             .body = in->body ? in->body : "",
                             .created_at = now,
                             .updated_at = now,
                             .version = 1,
                             .assignments = in->assignments,
                             .nassignments = in->nassignments,
                             .competencies = in->competencies,
                             .ncompetencies = in->ncompetencies};
    if (open_portfolio(r, worker, "evidence.create", 'C', &o) != PD_OK ||
        owner_only(r, &o, "evidence.create", 'C') != PD_OK)
        return r->err.code;
    uuid7_new(e.id);
    memcpy(e.org_id, r->actor->org_id, UUID_STR_BYTES);
    memcpy(e.owner_id, o.id, UUID_STR_BYTES);
    bool text = in->kind && strcmp(in->kind, "text") == 0;
    bool link = in->kind && strcmp(in->kind, "link") == 0;
    bool file = in->kind && strcmp(in->kind, "file") == 0;
    if (!text && !link && !file) {
        err_set(&r->err, PD_EINVAL, "kind", "text, file or link");
        return app_fail(r);
    }
    if (!link && in->url) {
        err_set(&r->err, PD_EINVAL, "url", "only a link has a url");
        return app_fail(r);
    }
    if (!file && (in->data_b64 || in->file_name || in->content_type)) {
        err_set(&r->err, PD_EINVAL,
                in->data_b64    ? "data"
                : in->file_name ? "file_name"
                                : "content_type",
                "only a file has these");
        return app_fail(r);
    }
    if (check_title_body(r, in->title, e.body, text) != PD_OK)
        return app_fail(r);
    if (link) {
        if (!portfolio_link_ok(in->url)) {
            err_set(&r->err, PD_EINVAL, "url", "an http:// or https:// address");
            return app_fail(r);
        }
        e.url = in->url;
    }
    if (file) {
        if (decode_file(r, in, &data, &len) != PD_OK)
            return app_fail(r);
        e.file_name = in->file_name;
        e.content_type = in->content_type;
        e.file_size = (int64_t)len;
    }
    if (curriculum_view_load(r, &v) != PD_OK || check_refs(r, &v, in) != PD_OK ||
        store_evidence_insert(r->db, &e, data, len, &r->err) != PD_OK ||
        audit_pf(r, "evidence.create", 'C', "portfolio_evidence", e.id, &o) != PD_OK ||
        store_evidence_get(r->db, r->arena, e.org_id, o.id, e.id, &e, &r->err) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    *out = evidence_json(&e);
    *version = e.version;
    return PD_OK;
}

/* Load one of the owner's items, or answer like a missing portfolio. */
static int load_item(struct app_req *r, const struct owner *o, const char *id, const char *event,
                     char action, struct evidence_rec *e)
{
    if (!id || !uuid_valid(id, strlen(id)))
        return not_found(r, event, action, NULL);
    int rc = store_evidence_get(r->db, r->arena, r->actor->org_id, o->id, id, e, &r->err);
    if (rc == PD_ENOTFOUND)
        return not_found(r, event, action, id);
    return rc ? app_fail(r) : PD_OK;
}

int app_evidence_get(struct app_req *r, const char *worker, const char *id, json_t **out,
                     int64_t *version)
{
    struct owner o;
    struct evidence_rec e;
    if (open_portfolio(r, worker, "evidence.read", 'R', &o) != PD_OK ||
        load_item(r, &o, id, "evidence.read", 'R', &e) != PD_OK)
        return r->err.code;
    if ((o.trainer && audit_pf(r, "evidence.read", 'R', "portfolio_evidence", e.id, &o) != PD_OK) ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    *out = evidence_json(&e);
    *version = e.version;
    return PD_OK;
}

int app_evidence_update(struct app_req *r, const char *worker, const char *id, int64_t version,
                        const struct evidence_input *in, json_t **out, int64_t *new_version)
{
    struct owner o;
    struct evidence_rec e;
    struct curriculum_view v;
    *out = NULL;
    if (open_portfolio(r, worker, "evidence.update", 'U', &o) != PD_OK ||
        owner_only(r, &o, "evidence.update", 'U') != PD_OK ||
        load_item(r, &o, id, "evidence.update", 'U', &e) != PD_OK)
        return r->err.code;
    if (e.version != version) {
        *out = evidence_json(&e);
        *new_version = e.version;
        db_rollback(r->db);
        return err_set(&r->err, PD_ESTALE, "If-Match", "the evidence changed since you read it");
    }
    if (in->title)
        e.title = in->title;
    if (in->body)
        e.body = in->body;
    if (in->url) {
        if (strcmp(e.kind, "link") != 0 || !portfolio_link_ok(in->url)) {
            err_set(&r->err, PD_EINVAL, "url", "an http:// or https:// address, on a link only");
            return app_fail(r);
        }
        e.url = in->url;
    }
    if (check_title_body(r, e.title, e.body, strcmp(e.kind, "text") == 0) != PD_OK)
        return app_fail(r);
    if (in->has_refs) {
        if (curriculum_view_load(r, &v) != PD_OK || check_refs(r, &v, in) != PD_OK)
            return app_fail(r);
        e.assignments = in->assignments;
        e.nassignments = in->nassignments;
        e.competencies = in->competencies;
        e.ncompetencies = in->ncompetencies;
    }
    e.updated_at = app_now_iso(r);
    if (store_evidence_update(r->db, &e, &r->err) != PD_OK ||
        audit_pf(r, "evidence.update", 'U', "portfolio_evidence", e.id, &o) != PD_OK ||
        store_evidence_get(r->db, r->arena, e.org_id, o.id, e.id, &e, &r->err) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    *out = evidence_json(&e);
    *new_version = e.version;
    return PD_OK;
}

int app_evidence_delete(struct app_req *r, const char *worker, const char *id)
{
    struct owner o;
    struct evidence_rec e;
    if (open_portfolio(r, worker, "evidence.delete", 'D', &o) != PD_OK ||
        owner_only(r, &o, "evidence.delete", 'D') != PD_OK ||
        load_item(r, &o, id, "evidence.delete", 'D', &e) != PD_OK)
        return r->err.code;
    if (store_evidence_delete(r->db, r->actor->org_id, o.id, e.id, &r->err) != PD_OK ||
        audit_pf(r, "evidence.delete", 'D', "portfolio_evidence", e.id, &o) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_evidence_file(struct app_req *r, const char *worker, const char *id, const void **data,
                      size_t *len, const char **content_type, const char **file_name)
{
    struct owner o;
    struct evidence_rec e;
    if (open_portfolio(r, worker, "evidence.download", 'R', &o) != PD_OK ||
        load_item(r, &o, id, "evidence.download", 'R', &e) != PD_OK)
        return r->err.code;
    if (strcmp(e.kind, "file") != 0)
        return not_found(r, "evidence.download", 'R', id);
    if (store_evidence_file(r->db, r->arena, r->actor->org_id, e.id, data, len, &r->err) != PD_OK ||
        (o.trainer &&
         audit_pf(r, "evidence.download", 'R', "portfolio_evidence", e.id, &o) != PD_OK) ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    *content_type = e.content_type;
    *file_name = e.file_name;
    return PD_OK;
}

/* ---- feedback and sign-off ---- */

static int trainer_only(struct app_req *r, const struct owner *o, const char *event, char action)
{
    if (o->trainer)
        return PD_OK;
    return refused(r, event, action, "only a trainer of this student does this");
}

int app_feedback_create(struct app_req *r, const char *worker, const char *evidence_id,
                        const char *unit, const char *body, json_t **out)
{
    struct owner o;
    struct curriculum_view v;
    struct evidence_rec e;
    if (open_portfolio(r, worker, "feedback.create", 'C', &o) != PD_OK ||
        trainer_only(r, &o, "feedback.create", 'C') != PD_OK)
        return r->err.code;
    struct feedback_rec f = {.evidence_id = evidence_id,
                             .unit_code = unit,
                             .author_name = r->actor->name,
                             .body = body,
                             .created_at = app_now_iso(r)};
    uuid7_new(f.id);
    memcpy(f.org_id, r->actor->org_id, UUID_STR_BYTES);
    memcpy(f.owner_id, o.id, UUID_STR_BYTES);
    memcpy(f.author_id, r->actor->user_id, UUID_STR_BYTES);
    size_t n = chars(body);
    if (n < 1 || n > PORTFOLIO_FEEDBACK_CHARS) {
        err_set(&r->err, PD_EINVAL, "body", "1 to %d characters", PORTFOLIO_FEEDBACK_CHARS);
        return app_fail(r);
    }
    if ((evidence_id == NULL) == (unit == NULL)) {
        err_set(&r->err, PD_EINVAL, "evidence_id", "give either evidence_id or unit");
        return app_fail(r);
    }
    if (evidence_id) {
        if (!uuid_valid(evidence_id, strlen(evidence_id)) ||
            store_evidence_get(r->db, r->arena, r->actor->org_id, o.id, evidence_id, &e, &r->err) !=
                PD_OK) {
            err_clear(&r->err);
            err_set(&r->err, PD_EINVAL, "evidence_id", "not an item of this portfolio");
            return app_fail(r);
        }
    } else if (curriculum_view_load(r, &v) != PD_OK || !curriculum_view_unit(&v, unit)) {
        err_set(&r->err, PD_EINVAL, "unit", "not a unit of this curriculum");
        return app_fail(r);
    }
    if (store_feedback_insert(r->db, &f, &r->err) != PD_OK ||
        audit_pf(r, "feedback.create", 'C', "portfolio_feedback", f.id, &o) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    *out = feedback_json(&f);
    return PD_OK;
}

int app_signoff_create(struct app_req *r, const char *worker, const char *unit, const char *note,
                       json_t **out, int64_t *version)
{
    struct owner o;
    struct curriculum_view v;
    if (open_portfolio(r, worker, "signoff.create", 'C', &o) != PD_OK ||
        trainer_only(r, &o, "signoff.create", 'C') != PD_OK)
        return r->err.code;
    struct signoff_rec s = {.unit_code = unit,
                            .trainer_name = r->actor->name,
                            .note = note,
                            .signed_at = app_now_iso(r),
                            .version = 1};
    uuid7_new(s.id);
    memcpy(s.org_id, r->actor->org_id, UUID_STR_BYTES);
    memcpy(s.owner_id, o.id, UUID_STR_BYTES);
    memcpy(s.trainer_id, r->actor->user_id, UUID_STR_BYTES);
    if (curriculum_view_load(r, &v) != PD_OK)
        return app_fail(r);
    const struct merged_unit *u = curriculum_view_unit(&v, unit);
    if (!u || !u->active) {
        err_set(&r->err, PD_EINVAL, "unit", "not an active unit of this curriculum");
        return app_fail(r);
    }
    size_t n = chars(note);
    if (n < 1 || n > PORTFOLIO_NOTE_CHARS) {
        err_set(&r->err, PD_EINVAL, "note", "1 to %d characters", PORTFOLIO_NOTE_CHARS);
        return app_fail(r);
    }
    if (store_signoff_insert(r->db, &s, &r->err) != PD_OK ||
        audit_pf(r, "signoff.create", 'C', "portfolio_signoff", s.id, &o) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    *out = signoff_json(&s);
    *version = s.version;
    return PD_OK;
}

int app_signoff_withdraw(struct app_req *r, const char *worker, const char *id, int64_t version,
                         const char *reason, json_t **out, int64_t *new_version)
{
    struct owner o;
    struct signoff_rec s;
    *out = NULL;
    if (open_portfolio(r, worker, "signoff.withdraw", 'U', &o) != PD_OK ||
        trainer_only(r, &o, "signoff.withdraw", 'U') != PD_OK)
        return r->err.code;
    if (!id || !uuid_valid(id, strlen(id)) ||
        store_signoff_get(r->db, r->arena, r->actor->org_id, o.id, id, &s, &r->err) != PD_OK) {
        if (r->err.code && r->err.code != PD_ENOTFOUND)
            return app_fail(r);
        return not_found(r, "signoff.withdraw", 'U', id);
    }
    if (s.version != version) {
        *out = signoff_json(&s);
        *new_version = s.version;
        db_rollback(r->db);
        return err_set(&r->err, PD_ESTALE, "If-Match", "the sign-off changed since you read it");
    }
    if (s.withdrawn_at) {
        err_set(&r->err, PD_ECONFLICT, "status", "this sign-off was already withdrawn");
        return app_fail(r);
    }
    size_t n = chars(reason);
    if (n < 1 || n > PORTFOLIO_NOTE_CHARS) {
        err_set(&r->err, PD_EINVAL, "reason", "1 to %d characters", PORTFOLIO_NOTE_CHARS);
        return app_fail(r);
    }
    s.withdrawn_at = app_now_iso(r);
    s.withdrawn_by = r->actor->user_id;
    s.withdraw_reason = reason;
    if (store_signoff_withdraw(r->db, &s, &r->err) != PD_OK ||
        audit_pf(r, "signoff.withdraw", 'U', "portfolio_signoff", s.id, &o) != PD_OK ||
        store_signoff_get(r->db, r->arena, r->actor->org_id, o.id, id, &s, &r->err) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    *out = signoff_json(&s);
    *new_version = s.version;
    return PD_OK;
}

/* ---- demo content ---- */

struct demo_item {
    const char *email, *kind, *title, *body, *url, *assignment, *competency;
};

static const struct demo_item demo_items[] = {
    {"lotte@peerdesk.test", "text", "Mijn keerpunten langs de fasen van Spaniol",
     "Overweldigd in 2019, worstelen in 2020; het werk in de moestuin was mijn eerste stap naar "
     "leven met wat er is. Wat hielp: een buurvrouw die bleef komen.",
     NULL, "BM1-02", NULL},
    {"lotte@peerdesk.test", "link", "Filmverslag Gekkenwerk (klassenblog)",
     "Wat hielp in de film: mensen die bleven, ook als het tegenzat.",
     "https://example.org/klas/gekkenwerk", "BM1-03", NULL},
    {"lotte@peerdesk.test", "text", "Oefening verteller en luisteraar",
     "Als luisteraar merkte ik hoe snel ik wil invullen. Open vragen stellen werkte beter.", NULL,
     "BM1-06", "GC2"},
    {"amir@peerdesk.test", "text", "Herstelaspecten in Lennekes verhaal",
     "Ons groepje koos verbondenheid met anderen; bij mij waren dat mijn broers.", NULL, "BM1-01",
     NULL},
    {"amir@peerdesk.test", "text", "Een terugval delen",
     "Ik vertelde over een terugval in 2021 en hoe die ook iets leerde over mijn grenzen.", NULL,
     "BM1-09", NULL},
    {"bas@peerdesk.test", "link", "Gastles over rollen van ervaringsdeskundigen",
     "Aantekeningen bij de gastles; de rol van bruggenbouwer spreekt mij aan.",
     "https://example.org/hbo/gastles-rollen", "BM3-01", NULL},
};

int app_learning_demo_seed(struct app_req *r, const char *org_id, struct buf *out)
{
    char peter[UUID_STR_BYTES], owner[UUID_STR_BYTES];
    const char *first_lotte = NULL;
    if (app_demo_worker_id(r, "peter@peerdesk.test", peter) != PD_OK)
        return r->err.code;
    for (size_t i = 0; i < sizeof(demo_items) / sizeof(demo_items[0]); i++) {
        const struct demo_item *d = &demo_items[i];
        const char *now = app_now_iso(r);
        struct evidence_rec e = {.kind = d->kind,
                                 .title = d->title,
                                 .body = d->body,
                                 .url = d->url,
                                 .created_at = now,
                                 .updated_at = now,
                                 .version = 1,
                                 .assignments = &d->assignment,
                                 .nassignments = 1,
                                 .competencies = &d->competency,
                                 .ncompetencies = d->competency ? 1 : 0};
        if (app_demo_worker_id(r, d->email, owner) != PD_OK)
            return r->err.code;
        uuid7_new(e.id);
        memcpy(e.org_id, org_id, UUID_STR_BYTES);
        memcpy(e.owner_id, owner, UUID_STR_BYTES);
        if (store_evidence_insert(r->db, &e, NULL, 0, &r->err) != PD_OK)
            return r->err.code;
        if (!first_lotte && strcmp(d->email, "lotte@peerdesk.test") == 0)
            first_lotte = arena_strdup(r->arena, e.id);
    }
    struct feedback_rec f = {.evidence_id = first_lotte,
                             .body = "Mooi hoe je de fasen aan concrete momenten koppelt. Wat "
                                     "maakte dat de buurvrouw bleef komen?",
                             .created_at = app_now_iso(r)};
    uuid7_new(f.id);
    memcpy(f.org_id, org_id, UUID_STR_BYTES);
    if (app_demo_worker_id(r, "lotte@peerdesk.test", owner) != PD_OK)
        return r->err.code;
    memcpy(f.owner_id, owner, UUID_STR_BYTES);
    memcpy(f.author_id, peter, UUID_STR_BYTES);
    if (store_feedback_insert(r->db, &f, &r->err) != PD_OK)
        return r->err.code;
    struct signoff_rec s = {.unit_code = "BM1",
                            .note = "Herstel: opdrachten 1 en 9 goed uitgewerkt, in de groep "
                                    "besproken.",
                            .signed_at = app_now_iso(r),
                            .version = 1};
    uuid7_new(s.id);
    memcpy(s.org_id, org_id, UUID_STR_BYTES);
    if (app_demo_worker_id(r, "amir@peerdesk.test", owner) != PD_OK)
        return r->err.code;
    memcpy(s.owner_id, owner, UUID_STR_BYTES);
    memcpy(s.trainer_id, peter, UUID_STR_BYTES);
    if (store_signoff_insert(r->db, &s, &r->err) != PD_OK)
        return r->err.code;
    buf_printf(out,
               "Portfolios: %zu evidence items of lotte, amir and bas; feedback and a "
               "sign-off by peter.\n",
               sizeof(demo_items) / sizeof(demo_items[0]));
    return PD_OK;
}
