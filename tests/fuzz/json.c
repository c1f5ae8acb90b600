/*
 * tests/fuzz/json.c: JSON request bodies as dispatch reads them: pdjson_parse, then
 * pdjson_check against a real request schema of the route table, then the accessors a
 * handler calls; and the two writers against each other.
 *
 * Input: byte 0 picks the schema (every distinct `request` schema of http_routes, in
 * table order: notes, requests, people, sessions, ...); the rest is the body. For every
 * value that parses: dumping it and parsing the dump gives an equal value (jansson's
 * json_equal), and when it holds no real number and is not nested deeper than the
 * buffer writer allows, lib/jsonw.c writes the very bytes pdjson_dump gives (the
 * promise of jsonw.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/http_int.h"
#include "lib/jsonw.h"

static const struct jschema *schemas[256];
static size_t nschemas;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    for (size_t i = 0; i < http_route_count; i++) {
        const struct jschema *s = http_routes[i].request;
        bool seen = s == NULL;
        for (size_t j = 0; j < nschemas && !seen; j++)
            seen = schemas[j] == s;
        if (!seen && nschemas < sizeof(schemas) / sizeof(schemas[0]))
            schemas[nschemas++] = s;
    }
    if (!nschemas)
        abort();
    return 0;
}

/* Write v with jsonw; false when v holds something jsonw cannot write (a real). */
static bool write_value(struct jsonw *w, const json_t *v)
{
    const char *k;
    json_t *m;
    size_t i;
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        jw_obj(w);
        json_object_foreach((json_t *)v, k, m)
        {
            jw_key(w, k);
            if (!write_value(w, m))
                return false;
        }
        jw_obj_end(w);
        return true;
    case JSON_ARRAY:
        jw_arr(w);
        json_array_foreach(v, i, m)
        {
            if (!write_value(w, m))
                return false;
        }
        jw_arr_end(w);
        return true;
    case JSON_STRING:
        jw_str(w, json_string_value(v));
        return true;
    case JSON_INTEGER:
        jw_int(w, (int64_t)json_integer_value(v));
        return true;
    case JSON_TRUE:
    case JSON_FALSE:
        jw_bool(w, json_is_true(v));
        return true;
    case JSON_NULL:
        jw_null(w);
        return true;
    case JSON_REAL:
        return false;
    }
    return false;
}

static int depth(const json_t *v)
{
    int d = 0;
    const char *k;
    json_t *m;
    size_t i;
    if (json_is_object(v))
        json_object_foreach((json_t *)v, k, m)
        {
            int c = depth(m);
            d = c > d ? c : d;
        }
    else if (json_is_array(v))
        json_array_foreach(v, i, m)
        {
            int c = depth(m);
            d = c > d ? c : d;
        }
    else
        return 0;
    return d + 1;
}

static void round_trip(const json_t *v)
{
    size_t n;
    char *dump = pdjson_dump(v, &n);
    json_t *again = NULL;
    struct pd_err e;
    err_clear(&e);
    if (pdjson_parse(dump, n, &again, &e) != PD_OK || !json_equal((json_t *)v, again)) {
        fprintf(stderr, "fuzz json: the dump does not parse back to the same value: %s\n", dump);
        abort();
    }
    json_decref(again);
    if (depth(v) <= JW_MAX_DEPTH) {
        struct jsonw w;
        jw_init(&w, LIMIT_BODY_BYTES * 8);
        char *out = NULL;
        size_t outn = 0;
        bool writable = write_value(&w, v);
        int rc = jw_finish(&w, &out, &outn);
        if (writable && (rc != PD_OK || outn != n || memcmp(out, dump, n) != 0)) {
            fprintf(stderr, "fuzz json: jsonw wrote %.*s\npdjson_dump gave %s\n", (int)outn,
                    out ? out : "", dump);
            abort();
        }
        free(out);
    }
    free(dump);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > LIMIT_BODY_BYTES)
        return -1;
    const struct jschema *s = schemas[data[0] % nschemas];
    json_t *j = NULL;
    struct pd_err e;
    err_clear(&e);
    if (pdjson_parse((const char *)data + 1, size - 1, &j, &e) != PD_OK) {
        if (j || e.code == PD_OK)
            abort();
        return 0;
    }
    round_trip(j);
    if (json_is_object(j) && pdjson_check(j, s, &e) == PD_OK) {
        for (size_t i = 0; i < s->nfields; i++) {
            const struct jfield *f = &s->fields[i];
            (void)pdjson_str(j, f->name, NULL);
            (void)pdjson_int(j, f->name, 0);
            (void)pdjson_bool(j, f->name, false);
            json_t *m = json_object_get(j, f->name);
            if (!m && (f->flags & JF_REQUIRED)) {
                fprintf(stderr, "fuzz json: %s.%s is required but passed the check\n", s->name,
                        f->name);
                abort();
            }
        }
    }
    json_decref(j);
    return 0;
}
