/*
 * research.c: the research export and its codebook (see research.h and
 * docs/research-export.md).
 *
 * store_research.c reads raw rows (internal ids, dates, free text) in the same write
 * transaction that appends the audit entry; this file then makes the only rows that leave:
 * ids become keyed pseudonyms, dates months, intervals days, free text null unless asked
 * for, and small cells of the quasi-identifiers null. The rows of each table are sorted by
 * their own (pseudonymised) content, so neither the order nor any id links two exports.
 */
#include "research.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/role.h"
#include "../lib/json.h"
#include "../store/store_research.h"
#include "../store/store_vocab.h"
#include "app_int.h"
#include "clients.h"
#include "research_int.h"
#include "support_int.h"

/* ---- pure helpers ---- */

void research_pseudonym(const unsigned char key[RESEARCH_KEY_BYTES], char prefix, const char *type,
                        const char *id, char out[RESEARCH_PSEUDO_BYTES])
{
    static const char hex[] = "0123456789abcdef";
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, key, RESEARCH_KEY_BYTES);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)type, strlen(type));
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)":", 1);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)id, strlen(id));
    crypto_auth_hmacsha256_final(&st, mac);
    sodium_memzero(&st, sizeof(st));
    out[0] = prefix;
    out[1] = '-';
    for (size_t i = 0; i < RESEARCH_PSEUDO_HEX / 2; i++) {
        out[2 + 2 * i] = hex[mac[i] >> 4];
        out[3 + 2 * i] = hex[mac[i] & 15];
    }
    out[2 + RESEARCH_PSEUDO_HEX] = '\0';
}

const char *research_age_band(int64_t birth_year, int year)
{
    static const char *const bands[] = {"0-9",   "10-19", "20-29", "30-39",
                                        "40-49", "50-59", "60-69", "70-79"};
    if (birth_year <= 0 || birth_year > year)
        return NULL;
    int64_t age = year - birth_year;
    return age >= 80 ? "80+" : bands[age / 10];
}

/* ---- the export ---- */

struct ctx {
    struct app_req *r;
    unsigned char key[RESEARCH_KEY_BYTES];
    bool free_text;
    const char *today; /* the export day, YYYY-MM-DD */
};

static json_t *pseudo(struct ctx *c, char prefix, const char *type, const json_t *id)
{
    char out[RESEARCH_PSEUDO_BYTES];
    const char *s = json_string_value(id);
    if (!s)
        return json_null();
    research_pseudonym(c->key, prefix, type, s, out);
    return json_string(out);
}

static json_t *dossier_ref(struct ctx *c, const json_t *row)
{
    return pseudo(c, 'D', "dossier", json_object_get(row, "dossier_id"));
}

static json_t *worker_ref(struct ctx *c, const json_t *row, const char *key)
{
    return pseudo(c, 'W', "worker", json_object_get(row, key));
}

/* YYYY-MM of a date or time string, or null. */
static json_t *month(const json_t *row, const char *key)
{
    const char *s = json_string_value(json_object_get(row, key));
    return s && strlen(s) >= 7 ? json_stringn(s, 7) : json_null();
}

static const char *date_of(const json_t *row, const char *key)
{
    const char *s = json_string_value(json_object_get(row, key));
    return s && strlen(s) >= 10 ? s : NULL;
}

/* Whole days from a to b (dates), or null when either is missing. */
static json_t *days(const char *a, const char *b)
{
    if (!a || !b)
        return json_null();
    char x[11], y[11];
    memcpy(x, a, 10);
    memcpy(y, b, 10);
    x[10] = y[10] = '\0';
    return json_integer(sup_days_between(x, y));
}

static json_t *flag(const json_t *row, const char *key)
{
    return json_boolean(json_integer_value(json_object_get(row, key)) != 0);
}

static json_t *copy(const json_t *row, const char *key)
{
    json_t *v = json_object_get(row, key);
    return v ? json_deep_copy(v) : json_null();
}

static json_t *text(struct ctx *c, const json_t *row, const char *key)
{
    return c->free_text ? copy(row, key) : json_null();
}

static json_t *shape_dossier(struct ctx *c, const json_t *d, int year)
{
    const char *opened = date_of(d, "opened_on"), *closed = date_of(d, "closed_on");
    const char *band =
        research_age_band(json_integer_value(json_object_get(d, "birth_year")), year);
    return pdjson_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
                       "pseudonym", pseudo(c, 'D', "dossier", json_object_get(d, "id")), "client",
                       pseudo(c, 'C', "client", json_object_get(d, "client_id")), "goal_type",
                       copy(d, "goal_type"), "status", copy(d, "status"), "keep_warm",
                       flag(d, "keep_warm"), "age_band", pdjson_str_or_null(band), "area",
                       copy(d, "area"), "opened_month", month(d, "opened_on"), "closed_month",
                       month(d, "closed_on"), "days_open", days(opened, closed ? closed : c->today),
                       "closure_reason", copy(d, "closure_reason"), "outcomes_client",
                       copy(d, "outcomes_client"), "outcomes_generalist",
                       copy(d, "outcomes_generalist"), "closing_note", text(c, d, "closing_note"));
}

static json_t *shape_request(struct ctx *c, const json_t *q)
{
    const char *on = date_of(q, "requested_on");
    return pdjson_pack(
        "{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
        "pseudonym", pseudo(c, 'R', "request", json_object_get(q, "id")), "dossier",
        dossier_ref(c, q), "status", copy(q, "status"), "phase", copy(q, "phase"), "channel",
        copy(q, "channel"), "match_basis", copy(q, "match_basis"), "client_informed",
        flag(q, "client_informed"), "reasons", copy(q, "reasons"), "experience_areas",
        copy(q, "experience_areas"), "themes", copy(q, "themes"), "created_month",
        month(q, "requested_on"), "days_to_decision", days(on, date_of(q, "decided_on")),
        "days_to_assignment", days(on, date_of(q, "assignment_on")), "assigned_expert",
        worker_ref(c, q, "assigned_expert_id"), "question", text(c, q, "question"), "decision_note",
        text(c, q, "decision_note"));
}

static json_t *shape_assignment(struct ctx *c, const json_t *s)
{
    const char *end = date_of(s, "end_on");
    const char *until = end ? end : c->today;
    json_t *phases = json_array();
    const json_t *in = json_object_get(s, "intensity");
    for (size_t i = 0; i < json_array_size(in); i++) {
        const json_t *p = json_array_get(in, i);
        const json_t *next = json_array_get(in, i + 1);
        json_array_append_new(phases, pdjson_pack("{s:o, s:o, s:o}", "pattern", copy(p, "pattern"),
                                                  "agreed_month", month(p, "agreed_on"), "days",
                                                  days(date_of(p, "agreed_on"),
                                                       next ? date_of(next, "agreed_on") : until)));
    }
    return pdjson_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "dossier", dossier_ref(c, s),
                       "worker", worker_ref(c, s, "worker_id"), "role", copy(s, "role"),
                       "start_month", month(s, "start_on"), "end_month", month(s, "end_on"), "days",
                       days(date_of(s, "start_on"), until), "intensity", phases);
}

static json_t *shape_note(struct ctx *c, const json_t *t)
{
    return pdjson_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "dossier",
                       dossier_ref(c, t), "author", worker_ref(c, t, "author_id"), "author_role",
                       copy(t, "author_role"), "kind", copy(t, "kind"), "contact_month",
                       month(t, "contact_on"), "minutes", copy(t, "minutes"), "attempt",
                       flag(t, "attempt"), "activities", copy(t, "activities"), "approaches",
                       copy(t, "approaches"), "body", text(c, t, "body"));
}

static json_t *shape_evaluation(struct ctx *c, const json_t *v)
{
    const char *planned = date_of(v, "planned_on"), *held = date_of(v, "held_on");
    bool overdue = !held && planned && strncmp(planned, c->today, 10) < 0;
    return pdjson_pack("{s:o, s:o, s:o, s:o, s:b, s:o, s:o}", "dossier", dossier_ref(c, v),
                       "planned_by", worker_ref(c, v, "planned_by"), "planned_month",
                       month(v, "planned_on"), "held_month", month(v, "held_on"), "overdue",
                       overdue, "days_late", days(planned, held), "summary", text(c, v, "summary"));
}

static json_t *shape_referral(struct ctx *c, const json_t *f)
{
    return pdjson_pack("{s:o, s:o, s:o, s:o, s:o}", "dossier", dossier_ref(c, f), "service",
                       copy(f, "service"), "referred_month", month(f, "referred_on"), "accompanied",
                       flag(f, "accompanied"), "note", text(c, f, "note"));
}

static json_t *shape_bridging(struct ctx *c, const json_t *b)
{
    const char *end = date_of(b, "ended_on");
    return pdjson_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "dossier", dossier_ref(c, b), "keeper",
                       worker_ref(c, b, "keeper_id"), "awaited", copy(b, "awaited"), "since_month",
                       month(b, "waiting_since"), "ended_month", month(b, "ended_on"),
                       "days_waited", days(date_of(b, "waiting_since"), end ? end : c->today));
}

static json_t *shape_closure(struct ctx *c, const json_t *x)
{
    return pdjson_pack("{s:o, s:o, s:o, s:o, s:o}", "dossier", dossier_ref(c, x), "action",
                       copy(x, "action"), "month", month(x, "on_date"), "reason", copy(x, "reason"),
                       "note", text(c, x, "note"));
}

static json_t *shape_consultation(struct ctx *c, const json_t *k)
{
    return pdjson_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "expert",
                       worker_ref(c, k, "expert_id"), "asker", worker_ref(c, k, "asker_id"),
                       "dossier", dossier_ref(c, k), "held_month", month(k, "held_on"), "channel",
                       copy(k, "channel"), "formal", flag(k, "formal"), "theme", copy(k, "theme"),
                       "response", copy(k, "response"), "minutes", copy(k, "minutes"), "summary",
                       text(c, k, "summary"));
}

static json_t *shape_discussion(struct ctx *c, const json_t *d)
{
    json_t *experts = json_array();
    const json_t *ids = json_object_get(d, "expert_ids");
    for (size_t i = 0; i < json_array_size(ids); i++)
        json_array_append_new(experts, pseudo(c, 'W', "worker", json_array_get(ids, i)));
    return pdjson_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "dossier", dossier_ref(c, d), "presenter",
                       worker_ref(c, d, "presenter_id"), "experts", experts, "held_month",
                       month(d, "held_on"), "outcome", copy(d, "outcome"), "summary",
                       text(c, d, "summary"));
}

/* ---- small cells ---- */

/* values[i] (NULL: unknown) of the row of client clients[i]: each value held by fewer than
 * RESEARCH_MIN_CELL distinct clients is withheld. Returns how many rows lost theirs. */
static int64_t suppress(json_t *rows, const char *key, json_t *(*value_of)(const json_t *row))
{
    json_t *seen = json_object(); /* value -> {client: true} */
    size_t i;
    json_t *row;
    int64_t withheld = 0;
    json_array_foreach(rows, i, row)
    {
        json_t *v = value_of(row);
        const char *s = json_string_value(v);
        if (s) {
            json_t *set = json_object_get(seen, s);
            if (!set) {
                set = json_object();
                json_object_set_new(seen, s, set);
            }
            json_object_set_new(set, json_string_value(json_object_get(row, "client")),
                                json_true());
        }
        json_decref(v);
    }
    json_array_foreach(rows, i, row)
    {
        json_t *v = value_of(row);
        const char *s = json_string_value(v);
        if (s && json_object_size(json_object_get(seen, s)) < RESEARCH_MIN_CELL) {
            json_object_set_new(row, key, json_null());
            withheld++;
        }
        json_decref(v);
    }
    json_decref(seen);
    return withheld;
}

static json_t *area_of(const json_t *row)
{
    return json_incref(json_object_get(row, "area"));
}

static json_t *band_of(const json_t *row)
{
    return json_incref(json_object_get(row, "age_band"));
}

/* "area|band" when both are shown, else null. */
static json_t *pair_of(const json_t *row)
{
    const char *a = json_string_value(json_object_get(row, "area"));
    const char *b = json_string_value(json_object_get(row, "age_band"));
    if (!a || !b)
        return json_null();
    return json_sprintf("%s\x1f%s", a, b);
}

/* ---- order ---- */

struct keyed {
    char *key;
    json_t *row;
};

static int cmp_keyed(const void *a, const void *b)
{
    return strcmp(((const struct keyed *)a)->key, ((const struct keyed *)b)->key);
}

/* Sort by the row's canonical JSON: its pseudonyms lead, so the order is new each export. */
static json_t *sorted(json_t *rows)
{
    size_t n = json_array_size(rows);
    if (n < 2)
        return rows;
    struct keyed *k = calloc(n, sizeof(*k));
    if (!k)
        abort();
    for (size_t i = 0; i < n; i++) {
        k[i].row = json_array_get(rows, i);
        k[i].key = json_dumps(k[i].row, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
        if (!k[i].key)
            abort();
    }
    qsort(k, n, sizeof(*k), cmp_keyed);
    json_t *out = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append(out, k[i].row);
        free(k[i].key);
    }
    free(k);
    json_decref(rows);
    return out;
}

/* ---- input ---- */

static int check_period(struct app_req *r, const char *from, const char *to, const char **f,
                        const char **t)
{
    *t = to ? to : sup_day(r, 0);
    if (app_check_date(r, *t, "to") != PD_OK)
        return r->err.code;
    *f = from ? from : sup_day(r, sup_days_between(sup_day(r, 0), *t) - 364);
    if (app_check_date(r, *f, "from") != PD_OK)
        return r->err.code;
    if (strcmp(*f, *t) > 0)
        return err_set(&r->err, PD_EINVAL, "from", "lies after to");
    return PD_OK;
}

static bool blank(const char *s)
{
    for (; s && *s; s++)
        if (!strchr(" \t\r\n", *s))
            return false;
    return true;
}

static int check_options(struct app_req *r, const char *free_text, const char *reason,
                         bool *with_text)
{
    if (!free_text || strcmp(free_text, "false") == 0)
        *with_text = false;
    else if (strcmp(free_text, "true") == 0)
        *with_text = true;
    else
        return err_set(&r->err, PD_EINVAL, "free_text", "true or false");
    if (reason && sup_check_text(r, reason, false, RESEARCH_REASON_MAX, "reason") != PD_OK)
        return r->err.code;
    if (*with_text && blank(reason))
        return err_set(&r->err, PD_EINVAL, "reason",
                       "required with free_text=true: why the free text is needed");
    return PD_OK;
}

/* The organisation's codes of every vocabulary a column names (stolen by the codebook). */
static int vocabularies(struct app_req *r, json_t **out)
{
    struct vocab_entry *v;
    size_t n;
    *out = NULL;
    if (store_vocab_list(r->db, r->arena, r->actor->org_id, NULL, &v, &n, &r->err) != PD_OK)
        return r->err.code;
    json_t *all = json_object();
    for (size_t t = 0; t < research_codebook_count; t++)
        for (size_t j = 0; j < research_codebook[t].n; j++) {
            const char *names = research_codebook[t].cols[j].vocab;
            while (names && *names) {
                size_t len = strcspn(names, ",");
                char name[64];
                snprintf(name, sizeof(name), "%.*s", (int)len, names);
                if (!json_object_get(all, name))
                    json_object_set_new(all, name, json_array());
                names += len + (names[len] == ',');
            }
        }
    for (size_t i = 0; i < n; i++) {
        json_t *list = json_object_get(all, v[i].vocab);
        if (list)
            json_array_append_new(list, pdjson_pack("{s:s, s:s, s:s, s:b}", "code", v[i].code,
                                                    "label_nl", v[i].label_nl, "label_en",
                                                    v[i].label_en, "active", v[i].active));
    }
    *out = all;
    return PD_OK;
}

int app_research_codebook(struct app_req *r, json_t **out)
{
    json_t *vocabs;
    *out = NULL;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (vocabularies(r, &vocabs) != PD_OK)
        return r->err.code;
    *out = research_codebook_json(vocabs);
    return PD_OK;
}

typedef json_t *(*shape_fn)(struct ctx *c, const json_t *row);

static json_t *shape_all(struct ctx *c, json_t *raw, shape_fn fn)
{
    json_t *out = json_array();
    size_t i;
    json_t *row;
    json_array_foreach(raw, i, row) json_array_append_new(out, fn(c, row));
    return sorted(out);
}

int app_research_export(struct app_req *r, const char *from, const char *to, const char *free_text,
                        const char *reason, json_t **out, const char **id)
{
    static const struct {
        const char *name;
        shape_fn fn;
    } shapes[] = {
        {"requests", shape_request},
        {"assignments", shape_assignment},
        {"notes", shape_note},
        {"evaluations", shape_evaluation},
        {"referrals", shape_referral},
        {"bridging", shape_bridging},
        {"closures", shape_closure},
        {"consultations", shape_consultation},
        {"case_discussions", shape_discussion},
    };
    struct ctx c = {.r = r};
    const char *f = NULL, *t = NULL;
    *out = NULL;
    *id = NULL;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    /* The route table admits researchers only; this keeps the rule for other callers. */
    if (!(r->actor->roles & ROLE_RESEARCHER))
        return sup_need_role(r, ROLE_RESEARCHER, "research.export", 'E', "research_export",
                             "only researchers export research data");
    if (check_period(r, from, to, &f, &t) != PD_OK ||
        check_options(r, free_text, reason, &c.free_text) != PD_OK)
        return r->err.code;
    c.today = sup_day(r, 0);
    char *eid = arena_alloc(r->arena, UUID_STR_BYTES);
    uuid7_new(eid);

    json_t *raw = json_object(), *vocabs = NULL;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK)
        goto fail;
    for (size_t i = 0; i < store_research_table_count; i++) {
        json_t *rows;
        if (store_research_rows(r->db, &store_research_tables[i], r->actor->org_id, f, t, &rows,
                                &r->err) != PD_OK)
            goto fail;
        json_object_set_new(raw, store_research_tables[i].name, rows);
    }
    if (vocabularies(r, &vocabs) != PD_OK ||
        sup_audit(r, "research.export", 'E', "research_export", eid, "role",
                  role_code(ROLE_RESEARCHER)) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        goto fail;

    randombytes_buf(c.key, sizeof(c.key));
    /* ages are reached in the year the period ends (t is a checked YYYY-MM-DD) */
    int year = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
    json_t *tables = json_object();
    json_t *dossiers = json_array();
    size_t i;
    json_t *row;
    json_array_foreach(json_object_get(raw, "dossiers"), i, row)
        json_array_append_new(dossiers, shape_dossier(&c, row, year));
    int64_t no_area = suppress(dossiers, "area", area_of);
    int64_t no_band = suppress(dossiers, "age_band", band_of);
    no_band += suppress(dossiers, "age_band", pair_of);
    json_object_set_new(tables, "dossiers", sorted(dossiers));
    for (size_t k = 0; k < sizeof(shapes) / sizeof(shapes[0]); k++)
        json_object_set_new(tables, shapes[k].name,
                            shape_all(&c, json_object_get(raw, shapes[k].name), shapes[k].fn));
    sodium_memzero(c.key, sizeof(c.key));
    json_decref(raw);

    json_t *counts = json_object();
    const char *name;
    json_t *arr;
    json_object_foreach(tables, name, arr)
        json_object_set_new(counts, name, json_integer((json_int_t)json_array_size(arr)));
    json_t *meta = pdjson_pack(
        "{s:s, s:i, s:s, s:s, s:{s:s, s:s}, s:{s:b, s:o}, s:s, s:i, s:{s:I, s:I}, s:o}", "format",
        "peerdesk-research-export", "version", 1, "id", eid, "created_at", app_now_iso(r), "period",
        "from", f, "to", t, "options", "free_text", c.free_text, "reason",
        pdjson_str_or_null(reason), "pseudonyms",
        "C- client, D- dossier, R- request, W- worker: keyed with a random key made for this "
        "export and destroyed; equal within this export only, unlinkable to any other",
        "min_cell", RESEARCH_MIN_CELL, "suppressed", "area", (json_int_t)no_area, "age_band",
        (json_int_t)no_band, "rows", counts);
    *out = pdjson_pack("{s:o, s:o, s:o}", "export", meta, "codebook",
                       research_codebook_json(vocabs), "tables", tables);
    *id = eid;
    return PD_OK;

fail:
    json_decref(raw);
    json_decref(vocabs);
    return app_fail(r);
}
