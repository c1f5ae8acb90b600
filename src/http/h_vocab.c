/*
 * h_vocab.c: the organisation's code tables.
 *
 *   GET   /api/v1/vocabularies                 -> {items: [{name, codes: [VocabCode]}]}
 *   GET   /api/v1/vocabularies/{vocab}         -> {name, codes: [VocabCode]}
 *   POST  /api/v1/vocabularies/{vocab}         {code, label_nl, label_en} -> 201 VocabCode
 *   PATCH /api/v1/vocabularies/{vocab}/{code}  {label_nl?, label_en?, active?} + If-Match
 *
 * Every worker reads them (the UI needs the labels); only the administrator changes them.
 * Codes are never deleted: `active: false` keeps a code readable but refuses it for new
 * records.
 */
#include <microhttpd.h>
#include <string.h>

#include "../app/vocab.h"
#include "conditional.h"
#include "handlers.h"
#include "http_int.h"

static const struct jfield code_fields[] = {
    {"vocab", JT_STRING, JF_REQUIRED, 1, 64, "vocabulary name", NULL, NULL},
    {"code", JT_STRING, JF_REQUIRED, 1, VOCAB_CODE_MAX, "stable code (lowercase_snake)", NULL,
     NULL},
    {"label_nl", JT_STRING, JF_REQUIRED, 1, LIMIT_NAME_BYTES, "Dutch label", NULL, NULL},
    {"label_en", JT_STRING, JF_REQUIRED, 1, LIMIT_NAME_BYTES, "English label", NULL, NULL},
    {"source", JT_STRING, JF_REQUIRED, 0, 0, "where the code comes from", NULL, NULL},
    {"sort", JT_INTEGER, JF_REQUIRED, 0, 0, "order within the vocabulary", NULL, NULL},
    {"active", JT_BOOLEAN, JF_REQUIRED, 0, 0, "false: readable, refused for new records", NULL,
     NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 0, 0, "record version (If-Match)", NULL, NULL},
};
const struct jschema h_schema_vocab_code = JSCHEMA("VocabCode", code_fields);

static const struct jfield vocab_fields[] = {
    {"name", JT_STRING, JF_REQUIRED, 1, 64, "vocabulary name", NULL, NULL},
    {"codes", JT_ARRAY, JF_REQUIRED, 0, 0, "codes by sort order", NULL, &h_schema_vocab_code},
};
const struct jschema h_schema_vocab = JSCHEMA("Vocabulary", vocab_fields);

static const struct jfield vocab_list_fields[] = {
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "vocabularies by name", NULL, &h_schema_vocab},
};
const struct jschema h_schema_vocab_list = JSCHEMA("VocabularyList", vocab_list_fields);

static const struct jfield code_add_fields[] = {
    {"code", JT_STRING, JF_REQUIRED, 1, VOCAB_CODE_MAX, "new code (lowercase_snake)", NULL, NULL},
    {"label_nl", JT_STRING, JF_REQUIRED, 1, LIMIT_NAME_BYTES, "Dutch label", NULL, NULL},
    {"label_en", JT_STRING, JF_REQUIRED, 1, LIMIT_NAME_BYTES, "English label", NULL, NULL},
};
const struct jschema h_schema_vocab_code_add = JSCHEMA("VocabCodeAdd", code_add_fields);

static const struct jfield code_patch_fields[] = {
    {"label_nl", JT_STRING, 0, 1, LIMIT_NAME_BYTES, "Dutch label", NULL, NULL},
    {"label_en", JT_STRING, 0, 1, LIMIT_NAME_BYTES, "English label", NULL, NULL},
    {"active", JT_BOOLEAN, 0, 0, 0, "false: deactivate (never deleted)", NULL, NULL},
};
const struct jschema h_schema_vocab_code_patch = JSCHEMA("VocabCodePatch", code_patch_fields);

/* Group a sorted list by vocabulary: [{name, codes}]. */
static json_t *group(const struct vocab_entry *v, size_t n)
{
    json_t *items = json_array();
    json_t *codes = NULL;
    const char *cur = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!cur || strcmp(cur, v[i].vocab) != 0) {
            cur = v[i].vocab;
            codes = json_array();
            json_array_append_new(items, pdjson_pack("{s:s, s:o}", "name", cur, "codes", codes));
        }
        json_array_append_new(codes, vocab_entry_to_json(&v[i]));
    }
    return items;
}

int h_vocab_list(struct http_req *req)
{
    struct vocab_entry *v;
    size_t n;
    int rc = app_vocab_list(&req->app, NULL, &v, &n);
    if (rc)
        return rc;
    return http_reply_json(req, MHD_HTTP_OK, pdjson_pack("{s:o}", "items", group(v, n)));
}

int h_vocab_get(struct http_req *req)
{
    struct vocab_entry *v;
    size_t n;
    const char *name = http_param(req, "vocab");
    int rc = app_vocab_list(&req->app, name, &v, &n);
    if (rc)
        return rc;
    json_t *codes = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(codes, vocab_entry_to_json(&v[i]));
    return http_reply_json(req, MHD_HTTP_OK,
                           pdjson_pack("{s:s, s:o}", "name", name, "codes", codes));
}

int h_vocab_add(struct http_req *req)
{
    struct vocab_entry v;
    int rc = app_vocab_add(&req->app, http_param(req, "vocab"), pdjson_str(req->json, "code", ""),
                           pdjson_str(req->json, "label_nl", ""),
                           pdjson_str(req->json, "label_en", ""), &v);
    if (rc)
        return rc;
    http_set_etag(req, v.version);
    return http_reply_json(req, MHD_HTTP_CREATED, vocab_entry_to_json(&v));
}

int h_vocab_patch(struct http_req *req)
{
    struct vocab_entry v;
    int64_t version;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    json_t *act = json_object_get(req->json, "active");
    int active = json_is_boolean(act) ? json_is_true(act) : -1;
    int rc = app_vocab_update(&req->app, http_param(req, "vocab"), http_param(req, "code"), version,
                              pdjson_str(req->json, "label_nl", NULL),
                              pdjson_str(req->json, "label_en", NULL), active, &v);
    if (rc == PD_ESTALE)
        return http_reply_stale(req, vocab_entry_to_json(&v));
    if (rc)
        return rc;
    http_set_etag(req, v.version);
    return http_reply_json(req, MHD_HTTP_OK, vocab_entry_to_json(&v));
}
