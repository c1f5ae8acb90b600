/*
 * json.h: JSON in and out, over jansson, with peerdesk's rules.
 *
 * Parsing (pdjson_parse) takes any JSON text (RFC 8259; JSONTestSuite in `make
 * conformance`, docs/security.md) and enforces: valid UTF-8, no duplicate member names, no
 * NUL in member names, nesting at most LIMIT_JSON_DEPTH, a size cap checked by the caller.
 * A top-level value that is not an object, and \u0000 in a string, parse: the caller and
 * pdjson_check refuse them (the check names the member). Errors go into struct pd_err
 * with the field where that is known.
 *
 * Validation is declarative: an array of struct jfield says which members an object may
 * have, their type, whether they are required and their limits. The same arrays describe
 * request and response bodies in the OpenAPI document, so docs and checks cannot drift.
 * Unknown members are rejected (a typo must not be silently ignored).
 *
 * Returned json_t values are owned by the caller (json_decref). Thread-safe as long as
 * one value is not shared between threads.
 */
#ifndef PD_JSON_H
#define PD_JSON_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"

enum jtype {
    JT_STRING = 1,
    JT_INTEGER,
    JT_BOOLEAN,
    JT_OBJECT,
    JT_ARRAY,    /* of strings unless elem says otherwise */
    JT_UUID,     /* string, canonical lowercase UUID */
    JT_DATETIME, /* string, ISO 8601 UTC with ms */
    JT_DATE,     /* string, YYYY-MM-DD */
    JT_EMAIL,    /* string, one @, no spaces, <= LIMIT_EMAIL_BYTES */
};

enum jfield_flags {
    JF_REQUIRED = 1 << 0,
    JF_NULLABLE = 1 << 1,
    JF_SECRET = 1 << 2, /* never echoed (passwords): OpenAPI format "password" */
};

struct jfield {
    const char *name;
    enum jtype type;
    unsigned flags;
    int64_t min;     /* strings: min chars; integers: min value; arrays: min items */
    int64_t max;     /* strings: max chars (0 = LIMIT_JSON_STRING_BYTES); integers: max; arrays: max
                        items */
    const char *doc; /* one line for the OpenAPI description */
    const char *const *enum_values; /* NULL-terminated allowed strings, or NULL */
    const struct jschema *elem;     /* JT_OBJECT: its members; JT_ARRAY of objects */
};

struct jschema {
    const char *name; /* component name in OpenAPI, e.g. "SessionCreate" */
    const struct jfield *fields;
    size_t nfields;
};

#define JSCHEMA(nm, arr)                                                                           \
    {                                                                                              \
        (nm), (arr), sizeof(arr) / sizeof((arr)[0])                                                \
    }

/* Parse len bytes; on success *out is an object or array owned by the caller. */
int pdjson_parse(const char *p, size_t len, json_t **out, struct pd_err *e);

/* Check obj against the schema: every member known, right types, limits, required
 * present. Names the first offending field in e. */
int pdjson_check(const json_t *obj, const struct jschema *schema, struct pd_err *e);

/* Accessors after pdjson_check: absent or null gives the default. */
const char *pdjson_str(const json_t *obj, const char *name, const char *dflt);
int64_t pdjson_int(const json_t *obj, const char *name, int64_t dflt);
bool pdjson_bool(const json_t *obj, const char *name, bool dflt);

/* Serialise compactly; caller frees with free(). Aborts on out of memory. */
char *pdjson_dump(const json_t *v, size_t *len);

/* json_pack that aborts on failure (a format/programming error, never input). */
json_t *pdjson_pack(const char *fmt, ...);

/* A string value or JSON null when s is NULL. */
json_t *pdjson_str_or_null(const char *s);

#endif
