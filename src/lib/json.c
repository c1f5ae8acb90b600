/*
 * json.c: JSON in and out with peerdesk's rules (json.h). The depth check runs over the
 * raw bytes before jansson builds anything, so a 1 MiB body of '[' costs one pass and
 * no allocation; jansson's own recursion limit is far higher than ours.
 */
#include "json.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "log.h"
#include "ptime.h"
#include "size.h"
#include "str.h"
#include "uuid.h"

/* Depth of the deepest nesting, counting brackets outside strings, stopping as soon as it
 * passes `limit`. *key gets the top-level member under which that happened (raw bytes,
 * not unescaped; empty when unknown), so the error can name the field. */
static int scan_depth(const char *p, size_t len, int limit, struct str *key)
{
    int depth = 0;
    bool in_str = false;
    struct str last = STR_NULL; /* last string closed at depth 1 */
    size_t str_start = 0;

    *key = STR_NULL;
    for (size_t i = 0; i < len; i++) {
        char c = p[i];
        if (in_str) {
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                in_str = false;
                if (depth == 1)
                    last = (struct str){p + str_start, i - str_start};
            }
            continue;
        }
        if (c == '"') {
            in_str = true;
            str_start = i + 1;
        } else if (c == ':' && depth == 1) {
            *key = last;
        } else if (c == '[' || c == '{') {
            if (++depth > limit)
                return depth;
        } else if (c == ']' || c == '}') {
            depth--;
        }
    }
    return depth;
}

/* The duplicated member's name. jansson stops right after the key token (position), but
 * quotes it in its message only when short, so find the token in the input and decode
 * it. */
static void dup_key_name(const char *p, size_t len, int position, char *out, size_t cap)
{
    out[0] = '\0';
    if (position < 2 || (size_t)position > len || p[position - 1] != '"')
        return;
    size_t end = (size_t)position - 1, start = end;
    while (start > 0) {
        start--;
        if (p[start] != '"')
            continue;
        size_t bs = 0; /* an escaped quote is preceded by an odd number of backslashes */
        while (start > bs && p[start - 1 - bs] == '\\')
            bs++;
        if (bs % 2 == 0)
            break;
    }
    json_t *key = json_loadb(p + start, end - start + 1, JSON_DECODE_ANY, NULL);
    const char *k = json_string_value(key);
    if (k && strlen(k) < cap)
        snprintf(out, cap, "%s", k);
    json_decref(key);
}

int pdjson_parse(const char *p, size_t len, json_t **out, struct pd_err *e)
{
    json_error_t jerr;

    *out = NULL;
    if (len == 0)
        return err_set(e, PD_EJSON, NULL, "empty body: a JSON object was expected");
    if (!utf8_valid(p, len))
        return err_set(e, PD_EUTF8, NULL, "the body is not valid UTF-8");
    /* A raw NUL byte is never JSON (in a string it must be escaped), and jansson takes
     * "123\0" for 123 (JSONTestSuite's n_multidigit_number_then_00). */
    const char *nul = memchr(p, '\0', len);
    if (nul)
        return err_set(e, PD_EJSON, NULL, "a NUL byte at byte %zu", (size_t)(nul - p) + 1);
    struct str key;
    if (scan_depth(p, len, LIMIT_JSON_DEPTH, &key) > LIMIT_JSON_DEPTH) {
        char field[LIMIT_ERR_FIELD_BYTES] = "";
        bool plain = key.n > 0 && key.n < sizeof(field);
        for (size_t i = 0; plain && i < key.n; i++)
            plain = key.p[i] > 0x20 && key.p[i] < 0x7f && key.p[i] != '\\';
        if (plain)
            memcpy(field, key.p, key.n);
        return err_set(e, PD_EDEPTH, field, "nested deeper than %d levels", LIMIT_JSON_DEPTH);
    }
    /* Any JSON text parses (RFC 8259: a lone scalar too; the caller says what it wants);
     * \u0000 in a string value parses too and is refused by the schema check, which names
     * the member. jansson cannot hold NUL in a member name: that is refused here. */
    json_t *v =
        json_loadb(p, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
    if (!v) {
        enum json_error_code code = json_error_code(&jerr);
        if (code == json_error_duplicate_key) {
            char dup[LIMIT_ERR_FIELD_BYTES];
            dup_key_name(p, len, jerr.position, dup, sizeof(dup));
            return err_set(e, PD_EDUPKEY, dup, "member appears more than once");
        }
        if (code == json_error_invalid_utf8)
            return err_set(e, PD_EUTF8, NULL, "the body is not valid UTF-8");
        if (code == json_error_null_byte_in_key)
            return err_set(e, PD_EJSON, NULL, "a member name contains \\u0000");
        return err_set(e, PD_EJSON, NULL, "line %d column %d: %s", jerr.line, jerr.column,
                       jerr.text);
    }
    *out = v;
    return PD_OK;
}

static int check_string(const char *s, size_t n, const struct jfield *f, const char *name,
                        struct pd_err *e)
{
    /* A code point is at most 4 bytes, so more bytes than that is too long before counting. */
    size_t maxb = LIMIT_JSON_STRING_BYTES;
    if (f->max > 0 && !size_mul_ok((size_t)f->max, 4, &maxb))
        maxb = SIZE_MAX;
    if (n > maxb)
        return err_set(e, PD_EINVAL, name, "at most %lld characters",
                       (long long)(f->max > 0 ? f->max : LIMIT_JSON_STRING_BYTES));
    size_t chars = utf8_chars(s, n);
    if (f->max > 0 && chars > (size_t)f->max)
        return err_set(e, PD_EINVAL, name, "at most %lld characters", (long long)f->max);
    if (f->min > 0 && chars < (size_t)f->min)
        return err_set(e, PD_EINVAL, name, "at least %lld characters", (long long)f->min);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
            return err_set(e, PD_EINVAL, name, "contains a control character");
    }
    if (f->enum_values) {
        for (const char *const *v = f->enum_values; *v; v++)
            if (strcmp(*v, s) == 0)
                return PD_OK;
        /* List the values when they fit; a list cut in the middle of a value would mislead. */
        char allowed[160] = "";
        size_t o = 0;
        for (const char *const *v = f->enum_values; *v; v++) {
            int w = snprintf(allowed + o, sizeof(allowed) - o, "%s%s", o ? ", " : "", *v);
            if (w < 0 || (size_t)w >= sizeof(allowed) - o)
                return err_set(e, PD_EINVAL, name, "is not one of the allowed values");
            o += (size_t)w;
        }
        return err_set(e, PD_EINVAL, name, "must be one of: %s", allowed);
    }
    return PD_OK;
}

static bool email_ok(const char *s, size_t n)
{
    const char *at = memchr(s, '@', n);
    if (!at || at == s || n > LIMIT_EMAIL_BYTES)
        return false;
    const char *dom = at + 1;
    size_t dn = n - (size_t)(dom - s);
    if (dn < 3 || memchr(dom, '@', dn) || !memchr(dom, '.', dn) || dom[0] == '.' ||
        dom[dn - 1] == '.' || memmem(dom, dn, "..", 2))
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f)
            return false;
    return true;
}

static int check_value(const json_t *v, const struct jfield *f, const char *name, struct pd_err *e);

static int check_object(const json_t *obj, const struct jschema *schema, const char *prefix,
                        struct pd_err *e)
{
    const char *key;
    json_t *val;
    char name[LIMIT_ERR_FIELD_BYTES];

    if (!json_is_object(obj))
        return err_set(e, PD_EJSON, prefix && *prefix ? prefix : NULL, "expected an object");
    json_object_foreach((json_t *)obj, key, val)
    {
        bool known = false;
        for (size_t i = 0; i < schema->nfields && !known; i++)
            known = strcmp(schema->fields[i].name, key) == 0;
        if (!known) {
            snprintf(name, sizeof(name), "%s%s%s", prefix ? prefix : "",
                     prefix && *prefix ? "." : "", key);
            return err_set(e, PD_EUNKNOWN, name, "not a member of %s", schema->name);
        }
    }
    for (size_t i = 0; i < schema->nfields; i++) {
        const struct jfield *f = &schema->fields[i];
        snprintf(name, sizeof(name), "%s%s%s", prefix ? prefix : "", prefix && *prefix ? "." : "",
                 f->name);
        json_t *v = json_object_get(obj, f->name);
        if (!v) {
            if (f->flags & JF_REQUIRED)
                return err_set(e, PD_EMISSING, name, "is required");
            continue;
        }
        if (json_is_null(v)) {
            if (!(f->flags & JF_NULLABLE))
                return err_set(e, PD_EINVAL, name, "must not be null");
            continue;
        }
        int rc = check_value(v, f, name, e);
        if (rc != PD_OK)
            return rc;
    }
    return PD_OK;
}

static int check_value(const json_t *v, const struct jfield *f, const char *name, struct pd_err *e)
{
    const char *s = json_string_value(v);
    size_t n = json_string_length(v);
    int64_t ms;
    int y, m, d;

    switch (f->type) {
    case JT_STRING:
        if (!s)
            return err_set(e, PD_EINVAL, name, "expected a string");
        return check_string(s, n, f, name, e);
    case JT_UUID:
        if (!s || !uuid_valid(s, n))
            return err_set(e, PD_EINVAL, name, "expected a lowercase UUID");
        return PD_OK;
    case JT_DATETIME:
        if (!s || !ptime_parse_iso(s, n, &ms))
            return err_set(e, PD_EINVAL, name, "expected a UTC time like 2026-11-22T09:30:00.000Z");
        return PD_OK;
    case JT_DATE:
        if (!s || !ptime_parse_date(s, n, &y, &m, &d))
            return err_set(e, PD_EINVAL, name, "expected a date like 2026-11-22");
        return PD_OK;
    case JT_EMAIL:
        if (!s || !email_ok(s, n))
            return err_set(e, PD_EINVAL, name, "expected an email address");
        return PD_OK;
    case JT_INTEGER:
        if (!json_is_integer(v))
            return err_set(e, PD_EINVAL, name, "expected a whole number");
        if ((f->min != 0 || f->max != 0) &&
            (json_integer_value(v) < f->min || json_integer_value(v) > f->max))
            return err_set(e, PD_EINVAL, name, "must be from %lld to %lld", (long long)f->min,
                           (long long)f->max);
        return PD_OK;
    case JT_BOOLEAN:
        if (!json_is_boolean(v))
            return err_set(e, PD_EINVAL, name, "expected true or false");
        return PD_OK;
    case JT_OBJECT:
        if (!json_is_object(v))
            return err_set(e, PD_EINVAL, name, "expected an object");
        return f->elem ? check_object(v, f->elem, name, e) : PD_OK;
    case JT_ARRAY: {
        if (!json_is_array(v))
            return err_set(e, PD_EINVAL, name, "expected an array");
        size_t count = json_array_size(v);
        if (f->max > 0 && count > (size_t)f->max)
            return err_set(e, PD_EINVAL, name, "at most %lld item%s", (long long)f->max,
                           f->max == 1 ? "" : "s");
        if (f->min > 0 && count < (size_t)f->min)
            return err_set(e, PD_EINVAL, name, "at least %lld item%s", (long long)f->min,
                           f->min == 1 ? "" : "s");
        struct jfield item = {.name = f->name, .type = JT_STRING, .enum_values = f->enum_values};
        size_t i;
        json_t *el;
        json_array_foreach(v, i, el)
        {
            char iname[LIMIT_ERR_FIELD_BYTES];
            snprintf(iname, sizeof(iname), "%s[%zu]", name, i);
            if (f->elem && !json_is_object(el))
                return err_set(e, PD_EINVAL, iname, "expected an object");
            int rc =
                f->elem ? check_object(el, f->elem, iname, e) : check_value(el, &item, iname, e);
            if (rc != PD_OK)
                return rc;
        }
        return PD_OK;
    }
    }
    return err_set(e, PD_EINTERNAL, name, "unknown field type");
}

int pdjson_check(const json_t *obj, const struct jschema *schema, struct pd_err *e)
{
    return check_object(obj, schema, "", e);
}

const char *pdjson_str(const json_t *obj, const char *name, const char *dflt)
{
    const char *s = json_string_value(json_object_get(obj, name));
    return s ? s : dflt;
}

int64_t pdjson_int(const json_t *obj, const char *name, int64_t dflt)
{
    json_t *v = json_object_get(obj, name);
    return json_is_integer(v) ? (int64_t)json_integer_value(v) : dflt;
}

bool pdjson_bool(const json_t *obj, const char *name, bool dflt)
{
    json_t *v = json_object_get(obj, name);
    return json_is_boolean(v) ? json_is_true(v) : dflt;
}

char *pdjson_dump(const json_t *v, size_t *len)
{
    char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    if (!s)
        fatal("cannot serialise JSON (out of memory?)");
    if (len)
        *len = strlen(s);
    return s;
}

json_t *pdjson_pack(const char *fmt, ...)
{
    json_error_t jerr;
    va_list ap;
    va_start(ap, fmt);
    json_t *v = json_vpack_ex(&jerr, 0, fmt, ap);
    va_end(ap);
    if (!v)
        fatal("json_pack(\"%s\"): %s", fmt, jerr.text);
    return v;
}

json_t *pdjson_str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}
