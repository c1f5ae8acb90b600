/*
 * vocab.c: the code tables of an organisation: seeding from the embedded data, the check
 * every use case runs on the codes it stores, and the administrator's edits.
 */
#include "vocab.h"

#include <string.h>

#include "../lib/json.h"
#include "app_int.h"
#include "vocab_data.h"

bool vocab_known(const char *vocab)
{
    if (!vocab)
        return false;
    for (size_t i = 0; i < vocab_seed_count; i++)
        if (strcmp(vocab_seeds[i].vocab, vocab) == 0)
            return true;
    return false;
}

static bool code_ok(const char *code)
{
    size_t n = code ? strlen(code) : 0;
    if (n == 0 || n > VOCAB_CODE_MAX || code[0] < 'a' || code[0] > 'z')
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((code[i] >= 'a' && code[i] <= 'z') || (code[i] >= '0' && code[i] <= '9') ||
              code[i] == '_'))
            return false;
    return true;
}

int vocab_check(struct app_req *r, const char *vocab, const char *code, const char *field)
{
    bool found = false, active = false;
    if (!r->actor)
        return err_set(&r->err, PD_EUNAUTH, NULL, "not logged in");
    if (!code_ok(code))
        return err_set(&r->err, PD_EINVAL, field, "not a code of %s", vocab);
    if (store_vocab_state(r->db, r->actor->org_id, vocab, code, &found, &active, &r->err) != PD_OK)
        return r->err.code;
    if (!found)
        return err_set(&r->err, PD_EINVAL, field, "not a code of %s", vocab);
    if (!active)
        return err_set(&r->err, PD_EINVAL, field, "code %s of %s is no longer in use", code, vocab);
    return PD_OK;
}

int vocab_seed_org(struct app_req *r, const char *org_id)
{
    for (size_t i = 0; i < vocab_seed_count; i++) {
        const struct vocab_seed *s = &vocab_seeds[i];
        struct vocab_entry v = {.vocab = s->vocab,
                                .code = s->code,
                                .label_nl = s->label_nl,
                                .label_en = s->label_en,
                                .source = s->source,
                                .sort = s->sort};
        if (store_vocab_seed(r->db, org_id, &v, &r->err) != PD_OK)
            return r->err.code;
    }
    return PD_OK;
}

int vocab_seed_all(struct app_req *r)
{
    struct org *orgs;
    size_t n;
    if (app_need_db(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        store_org_list(r->db, r->arena, &orgs, &n, &r->err) != PD_OK)
        return app_fail(r);
    for (size_t i = 0; i < n; i++)
        if (vocab_seed_org(r, orgs[i].id) != PD_OK)
            return app_fail(r);
    if (db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_vocab_list(struct app_req *r, const char *vocab, struct vocab_entry **out, size_t *n)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (vocab && !vocab_known(vocab))
        return err_set(&r->err, PD_ENOTFOUND, NULL, "no such vocabulary");
    return store_vocab_list(r->db, r->arena, r->actor->org_id, vocab, out, n, &r->err);
}

static int check_label(struct app_req *r, const char *label, const char *field)
{
    return check_name(label, field, &r->err);
}

int app_vocab_add(struct app_req *r, const char *vocab, const char *code, const char *label_nl,
                  const char *label_en, struct vocab_entry *out)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (!vocab_known(vocab))
        return err_set(&r->err, PD_ENOTFOUND, NULL, "no such vocabulary");
    if (!code_ok(code))
        return err_set(&r->err, PD_EINVAL, "code",
                       "lowercase letters, digits and _, starting with a letter, at most %d",
                       VOCAB_CODE_MAX);
    if (check_label(r, label_nl, "label_nl") != PD_OK ||
        check_label(r, label_en, "label_en") != PD_OK)
        return r->err.code;
    struct vocab_entry v = {.vocab = vocab,
                            .code = code,
                            .label_nl = label_nl,
                            .label_en = label_en,
                            .source = "admin"};
    const char *rid = arena_printf(r->arena, "%s/%s", vocab, code);
    struct audit_event ev = {.event = "vocab.create",
                             .action = 'C',
                             .record_type = "vocab",
                             .record_id = rid,
                             .access_basis = "admin"};
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        store_vocab_insert(r->db, r->actor->org_id, &v, &r->err) != PD_OK ||
        store_vocab_get(r->db, r->arena, r->actor->org_id, vocab, code, &v, &r->err) != PD_OK ||
        audit_write(r, &ev) != PD_OK || db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    if (out)
        *out = v;
    return PD_OK;
}

int app_vocab_update(struct app_req *r, const char *vocab, const char *code, int64_t version,
                     const char *label_nl, const char *label_en, int active,
                     struct vocab_entry *out)
{
    struct vocab_entry cur;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if ((label_nl && check_label(r, label_nl, "label_nl") != PD_OK) ||
        (label_en && check_label(r, label_en, "label_en") != PD_OK))
        return r->err.code;
    const char *rid = arena_printf(r->arena, "%s/%s", vocab, code);
    struct audit_event ev = {.event = "vocab.update",
                             .action = 'U',
                             .record_type = "vocab",
                             .record_id = rid,
                             .access_basis = "admin"};
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        store_vocab_get(r->db, r->arena, r->actor->org_id, vocab, code, &cur, &r->err) != PD_OK)
        return app_fail(r);
    if (cur.version != version) {
        err_set(&r->err, PD_ESTALE, "If-Match", "the code changed since you read it");
        app_fail(r);
        if (out)
            *out = cur;
        return PD_ESTALE;
    }
    struct vocab_entry v = cur;
    if (label_nl)
        v.label_nl = label_nl;
    if (label_en)
        v.label_en = label_en;
    if (active >= 0)
        v.active = active != 0;
    if (store_vocab_update(r->db, r->actor->org_id, &v, version, &r->err) != PD_OK ||
        store_vocab_get(r->db, r->arena, r->actor->org_id, vocab, code, &v, &r->err) != PD_OK ||
        audit_write(r, &ev) != PD_OK || db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    if (out)
        *out = v;
    return PD_OK;
}

json_t *vocab_entry_to_json(const struct vocab_entry *v)
{
    return pdjson_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:b, s:I}", "vocab", v->vocab, "code",
                       v->code, "label_nl", v->label_nl, "label_en", v->label_en, "source",
                       v->source, "sort", (json_int_t)v->sort, "active", v->active, "version",
                       (json_int_t)v->version);
}
