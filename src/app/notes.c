/*
 * notes.c: contact notes, evaluations, referrals and bridging periods on a dossier (see
 * timeline.h), plus the helpers the files of this slice share (timeline_int.h).
 */
#include <string.h>

#include "../lib/json.h"
#include "../lib/ptime.h"
#include "../lib/str.h"
#include "app_int.h"
#include "timeline_int.h"
#include "vocab.h"

/* ---- shared helpers ---- */

const char *tl_today(struct app_req *r)
{
    return arena_strndup(r->arena, app_now_iso(r), 10);
}

int tl_refuse(struct app_req *r, const struct dossier_access *acc, const char *event, char action,
              const char *record_type, const char *record_id, const char *outcome, int code,
              const char *field, const char *detail)
{
    struct audit_event ev = {.event = event,
                             .action = action,
                             .outcome = outcome,
                             .record_type = record_type,
                             .record_id = record_id,
                             .client_id = acc->client_id,
                             .on_behalf_user_id = acc->responsible_id,
                             .access_basis = access_basis_code(acc->basis)};
    err_clear(&r->err);
    if (audit_write(r, &ev) != PD_OK || db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return err_set(&r->err, code, field, "%s", detail);
}

int tl_write_begin(struct app_req *r, const char *dossier_id, enum access_need need,
                   const char *event, struct dossier_access *acc)
{
    if (!r->actor)
        return err_set(&r->err, PD_EUNAUTH, NULL, "not logged in");
    if (app_need_db(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK)
        return r->err.code;
    /* Read first: a reader learns nothing from "closed", a stranger gets "not found". */
    if (app_access_dossier(r, dossier_id, NEED_DOSSIER_READ, event, acc) != PD_OK)
        return app_fail(r);
    if (acc->closed && acc->basis != BASIS_BREAK_GLASS)
        return tl_refuse(r, acc, event, 'U', "dossier", acc->dossier_id, "denied", PD_ECONFLICT,
                         "dossier", "the dossier is closed; reopen it first");
    if (app_access_dossier(r, dossier_id, need, event, acc) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int tl_check_date(struct app_req *r, const char *s, const char *field, bool not_future)
{
    int y, m, d;
    if (!s || strlen(s) != 10 || !ptime_parse_date(s, 10, &y, &m, &d))
        return err_set(&r->err, PD_EINVAL, field, "a date as YYYY-MM-DD");
    if (not_future && strcmp(s, tl_today(r)) > 0)
        return err_set(&r->err, PD_EINVAL, field, "cannot lie in the future");
    return PD_OK;
}

int tl_check_text(struct app_req *r, const char *s, const char *field, size_t max, bool required)
{
    if (!s) {
        if (required)
            return err_set(&r->err, PD_EMISSING, field, "is required");
        return PD_OK;
    }
    size_t len = strlen(s);
    if (!utf8_valid(s, len))
        return err_set(&r->err, PD_EINVAL, field, "is not valid UTF-8");
    size_t chars = utf8_chars(s, len);
    if (required && chars == 0)
        return err_set(&r->err, PD_EINVAL, field, "may not be empty");
    if (chars > max)
        return err_set(&r->err, PD_EINVAL, field, "at most %zu characters", max);
    return PD_OK;
}

int tl_check_codes(struct app_req *r, const char *vocab, const char *const *codes, size_t n,
                   size_t max, const char *field)
{
    if (n > max)
        return err_set(&r->err, PD_EINVAL, field, "at most %zu codes", max);
    for (size_t i = 0; i < n; i++) {
        const char *f = arena_printf(r->arena, "%s[%zu]", field, i);
        if (vocab_check(r, vocab, codes[i], f) != PD_OK)
            return r->err.code;
    }
    return PD_OK;
}

/* ---- notes ---- */

/* Check the fields of a complete note (after an update merged the named fields). */
static int note_check(struct app_req *r, const struct note_rec *n)
{
    if (tl_check_text(r, n->body, "body", LIMIT_NOTE_CHARS, true) != PD_OK ||
        tl_check_date(r, n->contact_on, "contact_on", true) != PD_OK)
        return r->err.code;
    if (n->minutes < 0 || n->minutes > 1440)
        return err_set(&r->err, PD_EINVAL, "minutes", "between 0 and 1440");
    if (vocab_check(r, "contact_kind", n->kind, "kind") != PD_OK)
        return r->err.code;
    /* An attempt is a call, a message or a visit at the door that got no answer. */
    if (n->attempt && strcmp(n->kind, "phone") != 0 && strcmp(n->kind, "message") != 0 &&
        strcmp(n->kind, "visit") != 0)
        return err_set(&r->err, PD_EINVAL, "attempt",
                       "a contact attempt is a phone call, a message or a visit");
    if (tl_check_codes(r, "activity", n->activities, n->nactivities, LIMIT_NOTE_CODES,
                       "activities") != PD_OK ||
        tl_check_codes(r, "approach", n->approaches, n->napproaches, LIMIT_NOTE_CODES,
                       "approaches") != PD_OK)
        return r->err.code;
    return PD_OK;
}

int app_note_create(struct app_req *r, const char *dossier_id, const struct note_input *in,
                    struct note_rec *out)
{
    struct dossier_access acc;
    struct note_rec n = {.kind = in->kind,
                         .contact_on = in->contact_on,
                         .minutes = in->minutes,
                         .attempt = in->attempt,
                         .body = in->body,
                         .activities = (const char **)in->activities,
                         .nactivities = in->nactivities,
                         .approaches = (const char **)in->approaches,
                         .napproaches = in->napproaches,
                         .version = 1};
    /* Length and dates first: a note over the limit is refused before anything else. */
    if (tl_check_text(r, n.body, "body", LIMIT_NOTE_CHARS, true) != PD_OK)
        return r->err.code;
    if (tl_write_begin(r, dossier_id, NEED_DOSSIER_WRITE, "note.create", &acc) != PD_OK)
        return r->err.code;
    if (note_check(r, &n) != PD_OK ||
        store_author_role(r->db, r->arena, acc.dossier_id, r->actor->user_id, tl_today(r),
                          &n.author_role, &r->err) != PD_OK)
        return app_fail(r);
    if (!n.author_role) {
        err_set(&r->err, PD_EINTERNAL, NULL, "write access without a role on the dossier");
        return app_fail(r);
    }
    uuid7_new(n.id);
    memcpy(n.org_id, r->actor->org_id, UUID_STR_BYTES);
    memcpy(n.dossier_id, acc.dossier_id, UUID_STR_BYTES);
    memcpy(n.author_id, r->actor->user_id, UUID_STR_BYTES);
    n.created_at = n.updated_at = app_now_iso(r);
    if (store_note_insert(r->db, &n, &r->err) != PD_OK ||
        audit_client(r, &acc, "note.create", 'C', "note", n.id) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    if (out)
        *out = n;
    return PD_OK;
}

/* Open the transaction, load a record of the dossier and check access to its dossier
 * (write or read). A missing record answers like a dossier the actor may not see. */
static int record_begin(struct app_req *r, const char *dossier_id, enum access_need need,
                        const char *event, struct dossier_access *acc)
{
    if (need == NEED_DOSSIER_READ) {
        if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK)
            return r->err.code;
        if (app_access_dossier(r, dossier_id, need, event, acc) != PD_OK)
            return app_fail(r);
        return PD_OK;
    }
    return tl_write_begin(r, dossier_id, need, event, acc);
}

/* Find the note (outside a transaction is fine: the access check re-reads in one). */
static int note_begin(struct app_req *r, const char *id, enum access_need need, const char *event,
                      struct note_rec *n, struct dossier_access *acc)
{
    if (!r->actor)
        return err_set(&r->err, PD_EUNAUTH, NULL, "not logged in");
    if (app_need_db(r) != PD_OK)
        return r->err.code;
    int rc = store_note_get(r->db, r->arena, r->actor->org_id,
                            id && uuid_valid(id, strlen(id)) ? id : "", n, &r->err);
    if (rc == PD_ENOTFOUND) {
        err_clear(&r->err);
        return record_begin(r, NULL, need, event, acc);
    }
    if (rc != PD_OK)
        return rc;
    return record_begin(r, n->dossier_id, need, event, acc);
}

int app_note_get(struct app_req *r, const char *id, struct note_rec *out)
{
    struct dossier_access acc;
    struct note_rec n;
    if (note_begin(r, id, NEED_DOSSIER_READ, "note.read", &n, &acc) != PD_OK)
        return r->err.code;
    if (audit_client(r, &acc, "note.read", 'R', "note", n.id) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    *out = n;
    return PD_OK;
}

int app_note_update(struct app_req *r, const char *id, int64_t version, const struct note_input *in,
                    struct note_rec *out)
{
    struct dossier_access acc;
    struct note_rec n;
    if (in->set_body && tl_check_text(r, in->body, "body", LIMIT_NOTE_CHARS, true) != PD_OK)
        return r->err.code;
    if (note_begin(r, id, NEED_DOSSIER_WRITE, "note.update", &n, &acc) != PD_OK)
        return r->err.code;
    if (strcmp(n.author_id, r->actor->user_id) != 0)
        return tl_refuse(r, &acc, "note.update", 'U', "note", n.id, "denied", PD_EFORBID, NULL,
                         "only the author changes a note");
    if (n.version != version) {
        if (out)
            *out = n;
        return tl_refuse(r, &acc, "note.update", 'U', "note", n.id, "failure", PD_ESTALE,
                         "If-Match", "the note changed since you read it");
    }
    struct note_rec m = n;
    if (in->set_kind)
        m.kind = in->kind;
    if (in->set_contact_on)
        m.contact_on = in->contact_on;
    if (in->set_minutes)
        m.minutes = in->minutes;
    if (in->set_attempt)
        m.attempt = in->attempt;
    if (in->set_body)
        m.body = in->body;
    if (in->set_activities) {
        m.activities = (const char **)in->activities;
        m.nactivities = in->nactivities;
    }
    if (in->set_approaches) {
        m.approaches = (const char **)in->approaches;
        m.napproaches = in->napproaches;
    }
    m.updated_at = app_now_iso(r);
    if (note_check(r, &m) != PD_OK || store_note_update(r->db, &m, &r->err) != PD_OK ||
        store_note_get(r->db, r->arena, r->actor->org_id, m.id, &m, &r->err) != PD_OK ||
        audit_client(r, &acc, "note.update", 'U', "note", m.id) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    if (out)
        *out = m;
    return PD_OK;
}

/* ---- evaluations ---- */

int app_evaluation_plan(struct app_req *r, const char *dossier_id, const char *planned_on,
                        struct evaluation_rec *out)
{
    struct dossier_access acc;
    if (!r->actor)
        return err_set(&r->err, PD_EUNAUTH, NULL, "not logged in");
    if (tl_check_date(r, planned_on, "planned_on", false) != PD_OK)
        return r->err.code;
    if (tl_write_begin(r, dossier_id, NEED_DOSSIER_WRITE, "evaluation.create", &acc) != PD_OK)
        return r->err.code;
    struct evaluation_rec v = {.planned_on = planned_on, .version = 1};
    uuid7_new(v.id);
    memcpy(v.org_id, r->actor->org_id, UUID_STR_BYTES);
    memcpy(v.dossier_id, acc.dossier_id, UUID_STR_BYTES);
    memcpy(v.planned_by, r->actor->user_id, UUID_STR_BYTES);
    v.created_at = v.updated_at = app_now_iso(r);
    if (store_evaluation_insert(r->db, &v, &r->err) != PD_OK ||
        audit_client(r, &acc, "evaluation.create", 'C', "evaluation", v.id) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    if (out)
        *out = v;
    return PD_OK;
}

int app_evaluation_hold(struct app_req *r, const char *dossier_id, const char *id, int64_t version,
                        const char *held_on, const char *summary, struct evaluation_rec *out)
{
    struct dossier_access acc;
    struct evaluation_rec v;
    if (!r->actor)
        return err_set(&r->err, PD_EUNAUTH, NULL, "not logged in");
    if (app_need_db(r) != PD_OK)
        return r->err.code;
    if (tl_check_date(r, held_on, "held_on", true) != PD_OK ||
        tl_check_text(r, summary, "summary", LIMIT_TIMELINE_TEXT, false) != PD_OK)
        return r->err.code;
    int rc = store_evaluation_get(r->db, r->arena, r->actor->org_id,
                                  id && uuid_valid(id, strlen(id)) ? id : "", &v, &r->err);
    if (rc != PD_OK && rc != PD_ENOTFOUND)
        return rc;
    /* A missing evaluation, or one of another dossier than the path names, reads as a
     * dossier the actor may not see. */
    bool found = rc == PD_OK && (!dossier_id || strcmp(dossier_id, v.dossier_id) == 0);
    err_clear(&r->err);
    if (tl_write_begin(r, found ? v.dossier_id : NULL, NEED_DOSSIER_WRITE, "evaluation.update",
                       &acc) != PD_OK)
        return r->err.code;
    if (v.version != version) {
        if (out)
            *out = v;
        return tl_refuse(r, &acc, "evaluation.update", 'U', "evaluation", v.id, "failure",
                         PD_ESTALE, "If-Match", "the evaluation changed since you read it");
    }
    if (strncmp(held_on, v.created_at, 10) < 0) {
        err_set(&r->err, PD_EINVAL, "held_on", "lies before the evaluation was planned");
        return app_fail(r);
    }
    v.held_on = held_on;
    v.summary = summary;
    v.updated_at = app_now_iso(r);
    if (store_evaluation_update(r->db, &v, &r->err) != PD_OK ||
        store_evaluation_get(r->db, r->arena, r->actor->org_id, v.id, &v, &r->err) != PD_OK ||
        audit_client(r, &acc, "evaluation.update", 'U', "evaluation", v.id) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    if (out)
        *out = v;
    return PD_OK;
}

/* ---- referrals ---- */

int app_referral_add(struct app_req *r, const char *dossier_id, const char *service,
                     const char *referred_on, bool accompanied, const char *note,
                     struct referral_rec *out)
{
    struct dossier_access acc;
    if (!r->actor)
        return err_set(&r->err, PD_EUNAUTH, NULL, "not logged in");
    if (tl_check_date(r, referred_on, "referred_on", true) != PD_OK ||
        tl_check_text(r, note, "note", LIMIT_TIMELINE_TEXT, false) != PD_OK)
        return r->err.code;
    if (tl_write_begin(r, dossier_id, NEED_DOSSIER_WRITE, "referral.create", &acc) != PD_OK)
        return r->err.code;
    if (vocab_check(r, "referral_service", service, "service") != PD_OK)
        return app_fail(r);
    struct referral_rec f = {
        .service = service, .referred_on = referred_on, .accompanied = accompanied, .note = note};
    uuid7_new(f.id);
    memcpy(f.org_id, r->actor->org_id, UUID_STR_BYTES);
    memcpy(f.dossier_id, acc.dossier_id, UUID_STR_BYTES);
    memcpy(f.created_by, r->actor->user_id, UUID_STR_BYTES);
    f.created_at = app_now_iso(r);
    if (store_referral_insert(r->db, &f, &r->err) != PD_OK ||
        audit_client(r, &acc, "referral.create", 'C', "referral", f.id) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    if (out)
        *out = f;
    return PD_OK;
}

/* ---- bridging ---- */

int app_bridging_start(struct app_req *r, const char *dossier_id, const char *awaited,
                       const char *waiting_since, const char *keeper_id, struct bridging_rec *out)
{
    struct dossier_access acc;
    bool works = false;
    if (!r->actor)
        return err_set(&r->err, PD_EUNAUTH, NULL, "not logged in");
    if (tl_check_date(r, waiting_since, "waiting_since", true) != PD_OK)
        return r->err.code;
    if (!keeper_id || !uuid_valid(keeper_id, strlen(keeper_id)))
        return err_set(&r->err, PD_EINVAL, "keeper_id", "a worker id");
    if (tl_write_begin(r, dossier_id, NEED_DOSSIER_WRITE, "bridging.create", &acc) != PD_OK)
        return r->err.code;
    if (vocab_check(r, "referral_service", awaited, "awaited") != PD_OK ||
        store_works_on(r->db, acc.dossier_id, keeper_id, tl_today(r), &works, &r->err) != PD_OK)
        return app_fail(r);
    if (!works) {
        err_set(&r->err, PD_EINVAL, "keeper_id",
                "must be the responsible generalist or assigned on this dossier");
        return app_fail(r);
    }
    struct bridging_rec b = {.awaited = awaited, .waiting_since = waiting_since, .version = 1};
    uuid7_new(b.id);
    memcpy(b.org_id, r->actor->org_id, UUID_STR_BYTES);
    memcpy(b.dossier_id, acc.dossier_id, UUID_STR_BYTES);
    memcpy(b.keeper_id, keeper_id, UUID_STR_BYTES);
    b.created_at = app_now_iso(r);
    if (store_bridging_insert(r->db, &b, &r->err) != PD_OK ||
        audit_client(r, &acc, "bridging.create", 'C', "bridging", b.id) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    if (out)
        *out = b;
    return PD_OK;
}

int app_bridging_end(struct app_req *r, const char *dossier_id, const char *id, int64_t version,
                     const char *ended_on, struct bridging_rec *out)
{
    struct dossier_access acc;
    struct bridging_rec b;
    if (!r->actor)
        return err_set(&r->err, PD_EUNAUTH, NULL, "not logged in");
    if (app_need_db(r) != PD_OK)
        return r->err.code;
    if (tl_check_date(r, ended_on, "ended_on", true) != PD_OK)
        return r->err.code;
    int rc = store_bridging_get(r->db, r->arena, r->actor->org_id,
                                id && uuid_valid(id, strlen(id)) ? id : "", &b, &r->err);
    if (rc != PD_OK && rc != PD_ENOTFOUND)
        return rc;
    bool found = rc == PD_OK && (!dossier_id || strcmp(dossier_id, b.dossier_id) == 0);
    err_clear(&r->err);
    if (tl_write_begin(r, found ? b.dossier_id : NULL, NEED_DOSSIER_WRITE, "bridging.end", &acc) !=
        PD_OK)
        return r->err.code;
    if (version && b.version != version) {
        if (out)
            *out = b;
        return tl_refuse(r, &acc, "bridging.end", 'U', "bridging", b.id, "failure", PD_ESTALE,
                         "If-Match", "the bridging period changed since you read it");
    }
    if (b.ended_on)
        return tl_refuse(r, &acc, "bridging.end", 'U', "bridging", b.id, "failure", PD_ECONFLICT,
                         NULL, "this bridging period has ended already");
    if (strcmp(ended_on, b.waiting_since) < 0) {
        err_set(&r->err, PD_EINVAL, "ended_on", "lies before the waiting started");
        return app_fail(r);
    }
    b.ended_on = ended_on;
    if (store_bridging_end(r->db, &b, &r->err) != PD_OK ||
        store_bridging_get(r->db, r->arena, r->actor->org_id, b.id, &b, &r->err) != PD_OK ||
        audit_client(r, &acc, "bridging.end", 'U', "bridging", b.id) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    if (out)
        *out = b;
    return PD_OK;
}

/* ---- JSON ---- */

static json_t *str_array(const char *const *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_string(v[i]));
    return a;
}

json_t *note_to_json(const struct note_rec *n)
{
    return pdjson_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:b, s:s, s:o, s:o, s:s, s:s, s:I}",
                       "id", n->id, "dossier_id", n->dossier_id, "author_id", n->author_id,
                       "author_role", n->author_role, "kind", n->kind, "contact_on", n->contact_on,
                       "minutes", n->minutes, "attempt", n->attempt, "body", n->body, "activities",
                       str_array((const char *const *)n->activities, n->nactivities), "approaches",
                       str_array((const char *const *)n->approaches, n->napproaches), "created_at",
                       n->created_at, "updated_at", n->updated_at, "version",
                       (json_int_t)n->version);
}

json_t *evaluation_to_json(const struct evaluation_rec *v)
{
    return pdjson_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:I}", "id", v->id, "dossier_id",
                       v->dossier_id, "planned_on", v->planned_on, "planned_by", v->planned_by,
                       "held_on", pdjson_str_or_null(v->held_on), "summary",
                       pdjson_str_or_null(v->summary), "version", (json_int_t)v->version);
}

json_t *referral_to_json(const struct referral_rec *f)
{
    return pdjson_pack("{s:s, s:s, s:s, s:s, s:b, s:o, s:s}", "id", f->id, "dossier_id",
                       f->dossier_id, "service", f->service, "referred_on", f->referred_on,
                       "accompanied", f->accompanied, "note", pdjson_str_or_null(f->note),
                       "created_by", f->created_by);
}

json_t *bridging_to_json(const struct bridging_rec *b)
{
    return pdjson_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:I}", "id", b->id, "dossier_id",
                       b->dossier_id, "awaited", b->awaited, "waiting_since", b->waiting_since,
                       "keeper_id", b->keeper_id, "ended_on", pdjson_str_or_null(b->ended_on),
                       "version", (json_int_t)b->version);
}
