/* lib_json.c: peerdesk's JSON rules. pdjson_parse: well-formedness, duplicate members,
 * the depth cap on both sides (and brackets inside strings), UTF-8, NUL; pdjson_check:
 * a test schema with every jtype, each limit on both sides, and the field names it
 * reports (nested "parent.child", array elements "tags[2]"); pdjson_dump keeps UTF-8. */
#include <stdlib.h>
#include <string.h>

#include "lib/json.h"
#include "lib/limits.h"
#include "tap.h"

static const char *const colours[] = {"red", "green", NULL};

/* Too many values to list in a detail: the detail must not show a list cut short. */
static const char *const many[] = {"value-number-01",
                                   "value-number-02",
                                   "value-number-03",
                                   "value-number-04",
                                   "value-number-05",
                                   "value-number-06",
                                   "value-number-07",
                                   "value-number-08",
                                   "value-number-09",
                                   "value-number-10",
                                   "value-number-11",
                                   "value-number-12",
                                   NULL};

static const struct jfield child_fields[] = {
    {.name = "child", .type = JT_STRING, .flags = JF_REQUIRED, .max = 10},
    {.name = "age", .type = JT_INTEGER, .min = 0, .max = 130},
};
static const struct jschema child_schema = JSCHEMA("Child", child_fields);

static const struct jfield item_fields[] = {
    {.name = "name", .type = JT_STRING, .flags = JF_REQUIRED, .min = 1, .max = 5},
};
static const struct jschema item_schema = JSCHEMA("Item", item_fields);

static const struct jfield test_fields[] = {
    {.name = "name", .type = JT_STRING, .flags = JF_REQUIRED, .min = 2, .max = 5},
    {.name = "note", .type = JT_STRING, .flags = JF_NULLABLE},
    {.name = "colour", .type = JT_STRING, .enum_values = colours},
    {.name = "count", .type = JT_INTEGER, .min = -3, .max = 10},
    {.name = "version", .type = JT_INTEGER},
    {.name = "exact", .type = JT_INTEGER, .min = 5, .max = 5},
    {.name = "flag", .type = JT_BOOLEAN},
    {.name = "id", .type = JT_UUID},
    {.name = "at", .type = JT_DATETIME},
    {.name = "day", .type = JT_DATE},
    {.name = "email", .type = JT_EMAIL},
    {.name = "tags", .type = JT_ARRAY, .min = 1, .max = 3},
    {.name = "colours", .type = JT_ARRAY, .enum_values = colours},
    {.name = "parent", .type = JT_OBJECT, .flags = JF_NULLABLE, .elem = &child_schema},
    {.name = "items", .type = JT_ARRAY, .max = 2, .elem = &item_schema},
    {.name = "extra", .type = JT_OBJECT},
    {.name = "many", .type = JT_STRING, .enum_values = many},
};
static const struct jschema test_schema = JSCHEMA("Test", test_fields);

static struct pd_err e;

/* Parse text (which must be well-formed) and check it against the test schema. */
static int check_text(const char *text)
{
    json_t *v = NULL;
    err_clear(&e);
    int rc = pdjson_parse(text, strlen(text), &v, &e);
    if (rc != PD_OK) {
        printf("# test bug: does not parse (%s): %s\n", e.detail, text);
        return 999;
    }
    rc = pdjson_check(v, &test_schema, &e);
    json_decref(v);
    return rc;
}

/* The object {"name":"abc", <members>}: the required member plus what is under test. */
static int check_with(const char *members)
{
    size_t n = strlen(members) + 32;
    char *text = malloc(n);
    snprintf(text, n, "{\"name\":\"abc\"%s%s}", *members ? "," : "", members);
    int rc = check_text(text);
    free(text);
    return rc;
}

#define accepts(members, what)                                                                     \
    do {                                                                                           \
        int rc_ = check_with(members);                                                             \
        is_int(rc_, PD_OK, "accepts %s", what);                                                    \
        if (rc_ != PD_OK)                                                                          \
            printf("#   field '%s': %s\n", e.field, e.detail);                                     \
    } while (0)

#define refuses(members, code, name, what)                                                         \
    do {                                                                                           \
        is_int(check_with(members), code, "refuses %s", what);                                     \
        is_str(e.field, name, "and names the field: %s", what);                                    \
    } while (0)

static int parse(const char *p, size_t n, json_t **out)
{
    err_clear(&e);
    return pdjson_parse(p, n, out, &e);
}

static int parse_str(const char *s)
{
    json_t *v = (json_t *)1;
    int rc = parse(s, strlen(s), &v);
    if (rc != PD_OK && v != NULL)
        printf("# *out is not NULL after a failure\n");
    json_decref(rc == PD_OK ? v : NULL);
    return rc;
}

/* prefix, then depth '[', then depth ']', then suffix, in a malloc'ed string. */
static char *nest(const char *prefix, int depth, const char *suffix)
{
    size_t n = strlen(prefix) + 2 * (size_t)depth + strlen(suffix) + 1;
    char *s = malloc(n), *o = s;
    o += snprintf(o, n, "%s", prefix);
    memset(o, '[', (size_t)depth);
    o += depth;
    memset(o, ']', (size_t)depth);
    o += depth;
    snprintf(o, n - (size_t)(o - s), "%s", suffix);
    return s;
}

static char *repeat(const char *prefix, const char *unit, int times, const char *suffix)
{
    size_t n = strlen(prefix) + strlen(unit) * (size_t)times + strlen(suffix) + 1;
    char *s = malloc(n), *o = s;
    o += snprintf(o, n, "%s", prefix);
    for (int i = 0; i < times; i++)
        o += snprintf(o, n - (size_t)(o - s), "%s", unit);
    snprintf(o, n - (size_t)(o - s), "%s", suffix);
    return s;
}

static void test_parse(void)
{
    json_t *v = NULL;

    subtest("parse")
    {
        const char *good = "{\"a\":1,\"b\":[true,null,\"x\"],\"c\":{\"d\":-1.5}}";
        is_int(parse(good, strlen(good), &v), PD_OK, "a well-formed object parses");
        ok(json_is_object(v) && json_object_size(v) == 3, "into an object with its members");
        is_int(json_integer_value(json_object_get(v, "a")), 1, "with their values");
        json_decref(v);
        is_int(parse_str("[1,2]"), PD_OK, "a top-level array is allowed");
        is_int(parse_str("42"), PD_OK, "a top-level number parses (RFC 8259)");
        is_int(parse_str(" \"x\" "), PD_OK, "a top-level string parses");
        is_int(parse_str("null"), PD_OK, "a top-level null parses");
        is_int(parse_str("42 43"), PD_EJSON, "two values are not one JSON text");
        is_int(parse_str(" {} \n"), PD_OK, "surrounding whitespace is fine");
        is_int(parse("{}", 0, &v), PD_EJSON, "empty input is PD_EJSON");
        ok(v == NULL, "and *out is NULL");
        is_int(parse_str("  \n"), PD_EJSON, "only whitespace is PD_EJSON");
        is_int(parse_str("{\"a\":1} x"), PD_EJSON, "trailing garbage is PD_EJSON");
        is_int(parse_str("{\"a\":1}{}"), PD_EJSON, "a second value is PD_EJSON");
        is_int(parse("{\"a\":1}}", 7, &v), PD_OK, "only len bytes are read");
        json_decref(v);
        is_int(parse_str("{\"a\":1"), PD_EJSON, "an unclosed object is PD_EJSON");
        is_int(parse_str("{\"a\":1,}"), PD_EJSON, "a trailing comma is PD_EJSON");
        is_int(parse_str("{'a':1}"), PD_EJSON, "single quotes are PD_EJSON");
        is_int(parse_str("true"), PD_OK, "a top-level true parses (the caller wants an object)");
        ok(parse_str("{\"a\":99999999999999999999}") != PD_OK,
           "an integer beyond int64 is refused");
    }
    subtest("duplicate members")
    {
        is_int(parse_str("{\"email\":\"x\",\"email\":\"y\"}"), PD_EDUPKEY, "a duplicate member");
        is_str(e.field, "email", "names the member");
        is_int(parse_str("{\"a\":{\"b\":1,\"c\":2,\"b\":3}}"), PD_EDUPKEY, "nested duplicate");
        is_str(e.field, "b", "names the nested member");
        is_int(parse_str("{\"a\":{\"b\":1},\"c\":{\"b\":1}}"), PD_OK,
               "the same name in two objects is no duplicate");
        is_int(parse_str("{\"a\":1,\"A\":1}"), PD_OK, "names differing in case are distinct");
        is_int(parse_str("{\"a\":1,\"\\u0061\":2}"), PD_EDUPKEY,
               "an escaped spelling of the same name is a duplicate");
        is_int(parse_str("{\"abcdefghijklmnopqr\":1,\"abcdefghijklmnopqr\":2}"), PD_EDUPKEY,
               "a duplicate 18-character member name");
        is_str(e.field, "abcdefghijklmnopqr", "names the 18-character member");
        is_int(parse_str("{\"abcdefghijklmnopqrs\":1,\"abcdefghijklmnopqrs\":2}"), PD_EDUPKEY,
               "a duplicate 19-character member name");
        is_str(e.field, "abcdefghijklmnopqrs", "names the 19-character member");
        is_int(parse_str("{\"preferred_contact_method\":1,\"preferred_contact_method\":2}"),
               PD_EDUPKEY, "a duplicate long member name");
        is_str(e.field, "preferred_contact_method", "names the long member");
    }
    subtest("depth")
    {
        char *s = nest("", LIMIT_JSON_DEPTH, "");
        is_int(parse_str(s), PD_OK, "arrays nested exactly LIMIT_JSON_DEPTH deep parse");
        free(s);
        s = nest("", LIMIT_JSON_DEPTH + 1, "");
        is_int(parse_str(s), PD_EDEPTH, "one level deeper is PD_EDEPTH");
        is_str(e.field, "", "with no field at an array top level");
        free(s);
        s = nest("{\"a\":", LIMIT_JSON_DEPTH - 1, "}");
        is_int(parse_str(s), PD_OK, "an object holding 63 arrays: depth 64 parses");
        free(s);
        s = nest("{\"a\":", LIMIT_JSON_DEPTH, "}");
        is_int(parse_str(s), PD_EDEPTH, "an object holding 64 arrays: depth 65 is PD_EDEPTH");
        is_str(e.field, "a", "the field names the top-level member");
        free(s);
        s = nest("{\"x\":\"y\",\"n\":{\"m\":1},\"deep\":", LIMIT_JSON_DEPTH, "}");
        is_int(parse_str(s), PD_EDEPTH, "too deep under a later member");
        is_str(e.field, "deep", "names that member, not an earlier one");
        free(s);
        s = repeat("{\"outer\":", "{\"k\":", LIMIT_JSON_DEPTH, "1");
        char *t = repeat(s, "}", LIMIT_JSON_DEPTH + 1, "");
        is_int(parse_str(t), PD_EDEPTH, "objects nested 65 deep are PD_EDEPTH");
        is_str(e.field, "outer", "named by the top-level member, not the inner ones");
        free(s);
        free(t);
        s = repeat("{\"k\":", "{\"k\":", LIMIT_JSON_DEPTH - 1, "1");
        t = repeat(s, "}", LIMIT_JSON_DEPTH, "");
        is_int(parse_str(t), PD_OK, "objects nested 64 deep parse");
        free(s);
        free(t);

        s = repeat("{\"a\":\"", "[{", 200, "\"}");
        is_int(parse_str(s), PD_OK, "brackets inside a string do not count toward depth");
        free(s);
        s = repeat("{\"a\":\"\\\"", "[", 200, "\"}");
        is_int(parse_str(s), PD_OK, "nor after an escaped quote inside the string");
        free(s);
        s = nest("{\"k\":\"\\\\\",\"d\":", LIMIT_JSON_DEPTH, "}");
        is_int(parse_str(s), PD_EDEPTH, "brackets after a string ending in \\\\ do count");
        is_str(e.field, "d", "and are named by their member");
        free(s);
        s = nest("{\"[[[[\":", LIMIT_JSON_DEPTH - 1, "}");
        is_int(parse_str(s), PD_OK, "brackets in a member name do not count either");
        free(s);
    }
    subtest("utf-8 and nul")
    {
        is_int(parse_str("{\"a\":\"caf\xc3\xa9 \xf0\x9f\x98\x80\"}"), PD_OK,
               "valid multibyte UTF-8 parses");
        is_int(parse_str("{\"a\":\"\xff\"}"), PD_EUTF8, "an invalid byte in a string: PD_EUTF8");
        is_int(parse_str("{\"a\":\"\xc0\xaf\"}"), PD_EUTF8, "an overlong in a string: PD_EUTF8");
        is_int(parse_str("{\"a\":\"\xed\xa0\x80\"}"), PD_EUTF8, "a raw surrogate: PD_EUTF8");
        is_int(parse_str("{\"\xe2\x82\":1}"), PD_EUTF8, "a truncated character in a name");
        is_int(parse_str("{\"a\":\"\\u0000\"}"), PD_OK,
               "\\u0000 in a value parses (JSON allows it; the check refuses it)");
        is_int(parse_str("{\"a\\u0000b\":1}"), PD_EJSON, "\\u0000 in a member name is refused");
        is_int(parse("{\"a\":\"x\0\"}", 10, &v), PD_EJSON, "a raw NUL byte is refused");
        is_int(parse("123\0", 4, &v), PD_EJSON, "a raw NUL byte after a number is refused");
        is_str(e.detail, "a NUL byte at byte 4", "and the detail says where");
        ok(parse_str("{\"a\":\"\\ud800\"}") != PD_OK, "an escaped lone surrogate is refused");
        is_int(parse_str("{\"a\":\"\\ud83d\\ude00\"}"), PD_OK, "an escaped surrogate pair is fine");
    }
}

static void test_check(void)
{
    subtest("members")
    {
        accepts("", "the required member alone");
        accepts("\"note\":\"n\",\"colour\":\"red\",\"count\":3,\"version\":77,\"exact\":5,"
                "\"flag\":false,\"id\":\"0190a6d4-8b1e-7c3a-9f00-0123456789ab\","
                "\"at\":\"2026-11-22T09:30:00.000Z\",\"day\":\"2026-11-22\","
                "\"email\":\"a@example.nl\",\"tags\":[\"x\"],\"colours\":[\"green\"],"
                "\"parent\":{\"child\":\"c\",\"age\":3},\"items\":[{\"name\":\"i\"}],"
                "\"extra\":{\"anything\":[1,{}]}",
                "every member with a good value");
        refuses("\"nmae\":\"x\"", PD_EUNKNOWN, "nmae", "an unknown member");
        is_int(check_text("{\"note\":\"x\"}"), PD_EMISSING, "a missing required member");
        is_str(e.field, "name", "is named");
        is_int(check_text("{}"), PD_EMISSING, "an empty object misses the required member");
        is_int(check_text("{\"name\":null}"), PD_EINVAL, "a required member may not be null");
        is_str(e.field, "name", "is named");
        accepts("\"note\":null", "null for a JF_NULLABLE member");
        accepts("\"parent\":null", "null for a JF_NULLABLE object");
        refuses("\"count\":null", PD_EINVAL, "count", "null for a member without JF_NULLABLE");
        refuses("\"colour\":null", PD_EINVAL, "colour", "null for a string without JF_NULLABLE");
        json_t *arr = json_array();
        err_clear(&e);
        ok(pdjson_check(arr, &test_schema, &e) != PD_OK, "a top-level array is not an object");
        json_decref(arr);
    }
    subtest("types")
    {
        refuses("\"note\":1", PD_EINVAL, "note", "a number for JT_STRING");
        refuses("\"note\":[\"x\"]", PD_EINVAL, "note", "an array for JT_STRING");
        refuses("\"count\":\"1\"", PD_EINVAL, "count", "a string for JT_INTEGER");
        refuses("\"count\":1.0", PD_EINVAL, "count", "a real for JT_INTEGER");
        refuses("\"count\":true", PD_EINVAL, "count", "a boolean for JT_INTEGER");
        refuses("\"flag\":1", PD_EINVAL, "flag", "a number for JT_BOOLEAN");
        refuses("\"flag\":\"true\"", PD_EINVAL, "flag", "a string for JT_BOOLEAN");
        accepts("\"flag\":true", "true for JT_BOOLEAN");
        refuses("\"id\":1", PD_EINVAL, "id", "a number for JT_UUID");
        refuses("\"at\":1795000000123", PD_EINVAL, "at", "a number for JT_DATETIME");
        refuses("\"day\":20261122", PD_EINVAL, "day", "a number for JT_DATE");
        refuses("\"email\":true", PD_EINVAL, "email", "a boolean for JT_EMAIL");
        refuses("\"tags\":\"x\"", PD_EINVAL, "tags", "a string for JT_ARRAY");
        refuses("\"tags\":{}", PD_EINVAL, "tags", "an object for JT_ARRAY");
        refuses("\"parent\":[]", PD_EINVAL, "parent", "an array for JT_OBJECT");
        refuses("\"extra\":\"x\"", PD_EINVAL, "extra", "a string for JT_OBJECT without elem");
        refuses("\"items\":{}", PD_EINVAL, "items", "an object for an array of objects");
    }
    subtest("string limits")
    {
        is_int(check_text("{\"name\":\"a\"}"), PD_EINVAL, "min 2: one character is refused");
        is_str(e.field, "name", "is named");
        is_int(check_text("{\"name\":\"ab\"}"), PD_OK, "min 2: two characters are accepted");
        is_int(check_text("{\"name\":\"\xc3\xa9\"}"), PD_EINVAL,
               "min counts characters: one 2-byte character is refused");
        is_int(check_text("{\"name\":\"abcde\"}"), PD_OK, "max 5: five characters accepted");
        is_int(check_text("{\"name\":\"abcdef\"}"), PD_EINVAL, "max 5: six are refused");
        is_str(e.field, "name", "is named");
        is_int(check_text("{\"name\":\"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\"}"), PD_OK,
               "max counts characters: five 2-byte characters (10 bytes) accepted");
        is_int(check_text("{\"name\":\"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\"}"),
               PD_EINVAL, "six 2-byte characters refused");
        is_int(check_text("{\"name\":\"\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80"
                          "\xf0\x9f\x98\x80\xf0\x9f\x98\x80\"}"),
               PD_OK, "five 4-byte characters (20 bytes) accepted");
        is_int(check_text("{\"name\":\"\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80"
                          "\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\"}"),
               PD_EINVAL, "six 4-byte characters refused");
        is_int(check_text("{\"name\":\"ab\\u00e9\"}"), PD_OK, "an escaped character counts once");

        refuses("\"note\":\"a\\u0000b\"", PD_EINVAL, "note", "an escaped NUL (U+0000)");
        refuses("\"email\":\"a@b.co\\u0000x\"", PD_EINVAL, "email", "an escaped NUL in an email");
        refuses("\"id\":\"0193a1b2-0000-7000-8000-000000000001\\u0000\"", PD_EINVAL, "id",
                "a UUID followed by an escaped NUL");
        refuses("\"tags\":[\"a\\u0000\"]", PD_EINVAL, "tags[0]", "an escaped NUL in an array item");
        refuses("\"note\":\"a\\u0001b\"", PD_EINVAL, "note", "a control character (U+0001)");
        refuses("\"note\":\"a\\u001fb\"", PD_EINVAL, "note", "a control character (U+001F)");
        refuses("\"note\":\"a\\u007fb\"", PD_EINVAL, "note", "DEL");
        refuses("\"note\":\"\\u001b[31m\"", PD_EINVAL, "note", "an escape sequence");
        accepts("\"note\":\"line one\\nline two\"", "a newline");
        accepts("\"note\":\"a\\tb\\r\\n\"", "a tab and a CR LF");
        accepts("\"note\":\"\"", "the empty string without a min");
        accepts("\"note\":\" \"", "a space (U+0020)");

        size_t big = LIMIT_JSON_STRING_BYTES;
        char *members = malloc(big + 32);
        int o = snprintf(members, 32, "\"note\":\"");
        memset(members + o, 'n', big);
        snprintf(members + o + big, 32, "\"");
        accepts(members, "a string of exactly LIMIT_JSON_STRING_BYTES without a max");
        snprintf(members + o + big, 32, "n\"");
        refuses(members, PD_EINVAL, "note", "one byte more than LIMIT_JSON_STRING_BYTES");
        free(members);
    }
    subtest("enum")
    {
        accepts("\"colour\":\"red\"", "the first enum value");
        accepts("\"colour\":\"green\"", "the last enum value");
        refuses("\"colour\":\"blue\"", PD_EINVAL, "colour", "a value not in the enum");
        refuses("\"colour\":\"Red\"", PD_EINVAL, "colour", "an enum value in another case");
        refuses("\"colour\":\"re\"", PD_EINVAL, "colour", "a prefix of an enum value");
        refuses("\"colour\":\"reds\"", PD_EINVAL, "colour", "an enum value with more after it");
        refuses("\"colour\":\"\"", PD_EINVAL, "colour", "the empty string");
        ok(strstr(e.detail, "red") && strstr(e.detail, "green"), "the detail lists the values");
        accepts("\"many\":\"value-number-12\"", "the last of many enum values");
        refuses("\"many\":\"value-number-13\"", PD_EINVAL, "many", "a value not in a long enum");
        ok(strstr(e.detail, "value-number") == NULL,
           "a list too long for the detail is not shown cut short");
    }
    subtest("formats")
    {
        accepts("\"id\":\"0190a6d4-8b1e-7c3a-9f00-0123456789ab\"", "a lowercase UUID");
        refuses("\"id\":\"0190A6D4-8B1E-7C3A-9F00-0123456789AB\"", PD_EINVAL, "id",
                "an uppercase UUID");
        refuses("\"id\":\"0190a6d48b1e7c3a9f000123456789ab\"", PD_EINVAL, "id",
                "a UUID without dashes");
        refuses("\"id\":\"0190a6d4-8b1e-7c3a-9f00-0123456789a\"", PD_EINVAL, "id",
                "a UUID one short");
        refuses("\"id\":\"\"", PD_EINVAL, "id", "an empty UUID");

        accepts("\"at\":\"2026-11-22T09:30:00.000Z\"", "a UTC time with milliseconds");
        refuses("\"at\":\"2026-11-22T09:30:00Z\"", PD_EINVAL, "at", "a time without millis");
        refuses("\"at\":\"2026-11-22T09:30:00.000\"", PD_EINVAL, "at", "a time without Z");
        refuses("\"at\":\"2026-11-22T09:30:00.000+01:00\"", PD_EINVAL, "at", "an offset");
        refuses("\"at\":\"2026-11-22 09:30:00.000Z\"", PD_EINVAL, "at", "a space for T");
        refuses("\"at\":\"2026-02-30T09:30:00.000Z\"", PD_EINVAL, "at", "30 February");
        refuses("\"at\":\"2026-11-22T24:00:00.000Z\"", PD_EINVAL, "at", "hour 24");

        accepts("\"day\":\"2024-02-29\"", "a leap day");
        refuses("\"day\":\"2023-02-29\"", PD_EINVAL, "day", "29 February in a common year");
        refuses("\"day\":\"2026-11-31\"", PD_EINVAL, "day", "31 November");
        refuses("\"day\":\"2026-13-01\"", PD_EINVAL, "day", "month 13");
        refuses("\"day\":\"2026-1-01\"", PD_EINVAL, "day", "a one-digit month");
        refuses("\"day\":\"2026-11-22T00:00:00.000Z\"", PD_EINVAL, "day", "a time for a date");

        accepts("\"email\":\"a@b.co\"", "a short email address");
        accepts("\"email\":\"first.last+tag@example.nl\"", "an email address with + and .");
        refuses("\"email\":\"ab.co\"", PD_EINVAL, "email", "an email without @");
        refuses("\"email\":\"@b.co\"", PD_EINVAL, "email", "an email without a local part");
        refuses("\"email\":\"a@b\"", PD_EINVAL, "email", "a domain without a dot");
        refuses("\"email\":\"a@b.co.\"", PD_EINVAL, "email", "a domain ending in a dot");
        refuses("\"email\":\"a@.co\"", PD_EINVAL, "email", "a domain starting with a dot");
        refuses("\"email\":\"a@b..co\"", PD_EINVAL, "email", "a domain with two dots in a row");
        accepts("\"email\":\"a@mail.b.co\"", "a domain with several labels");
        refuses("\"email\":\"a@b.co\\u0007\"", PD_EINVAL, "email", "a control character");
        refuses("\"email\":\"a@b@c.co\"", PD_EINVAL, "email", "two @");
        refuses("\"email\":\"a b@c.co\"", PD_EINVAL, "email", "a space");
        refuses("\"email\":\"a@c.co\\n\"", PD_EINVAL, "email", "a trailing newline");

        char members[LIMIT_EMAIL_BYTES + 64];
        char local[LIMIT_EMAIL_BYTES];
        size_t ln = LIMIT_EMAIL_BYTES - strlen("@example.nl");
        memset(local, 'x', ln);
        local[ln] = '\0';
        snprintf(members, sizeof(members), "\"email\":\"%s@example.nl\"", local);
        accepts(members, "an email of exactly LIMIT_EMAIL_BYTES");
        snprintf(members, sizeof(members), "\"email\":\"%sy@example.nl\"", local);
        refuses(members, PD_EINVAL, "email", "an email of LIMIT_EMAIL_BYTES + 1");
    }
    subtest("integers")
    {
        accepts("\"count\":-3", "the range minimum");
        accepts("\"count\":10", "the range maximum");
        accepts("\"count\":0", "zero inside the range");
        refuses("\"count\":-4", PD_EINVAL, "count", "one below the minimum");
        refuses("\"count\":11", PD_EINVAL, "count", "one above the maximum");
        refuses("\"count\":9223372036854775807", PD_EINVAL, "count", "INT64_MAX");
        refuses("\"count\":-9223372036854775808", PD_EINVAL, "count", "INT64_MIN");
        accepts("\"version\":-9223372036854775808", "INT64_MIN without a range (0, 0)");
        accepts("\"version\":9223372036854775807", "INT64_MAX without a range (0, 0)");
        accepts("\"exact\":5", "the one value of a range with min == max");
        refuses("\"exact\":6", PD_EINVAL, "exact", "one above a range with min == max");
        refuses("\"exact\":4", PD_EINVAL, "exact", "one below a range with min == max");
    }
    subtest("arrays")
    {
        refuses("\"tags\":[]", PD_EINVAL, "tags", "fewer items than min");
        is_str(e.detail, "at least 1 item", "the detail says the minimum");
        accepts("\"tags\":[\"a\"]", "exactly min items");
        accepts("\"tags\":[\"a\",\"b\",\"c\"]", "exactly max items");
        refuses("\"tags\":[\"a\",\"b\",\"c\",\"d\"]", PD_EINVAL, "tags", "more items than max");
        is_str(e.detail, "at most 3 items", "the detail says the maximum");
        refuses("\"tags\":[\"a\",\"b\",1]", PD_EINVAL, "tags[2]",
                "a number in an array of strings");
        refuses("\"tags\":[null]", PD_EINVAL, "tags[0]", "null in an array of strings");
        refuses("\"tags\":[\"a\",\"b\\u0007\"]", PD_EINVAL, "tags[1]",
                "a control character in an element");
        refuses("\"tags\":[[\"a\"]]", PD_EINVAL, "tags[0]", "a nested array as an element");
        accepts("\"colours\":[]", "an empty array without a min");
        accepts("\"colours\":[\"red\",\"green\",\"red\"]", "elements from the enum");
        refuses("\"colours\":[\"red\",\"blue\"]", PD_EINVAL, "colours[1]",
                "an element outside the enum");
        accepts("\"items\":[{\"name\":\"a\"},{\"name\":\"abcde\"}]", "an array of good objects");
        refuses("\"items\":[{\"name\":\"a\"},{\"name\":\"\"}]", PD_EINVAL, "items[1].name",
                "a bad member in the second object");
        refuses("\"items\":[{\"name\":\"a\",\"bad\":1}]", PD_EUNKNOWN, "items[0].bad",
                "an unknown member in an element");
        refuses("\"items\":[{}]", PD_EMISSING, "items[0].name", "a missing member in an element");
        refuses("\"items\":[{\"name\":\"a\"},{\"name\":\"b\"},{\"name\":\"c\"}]", PD_EINVAL,
                "items", "more objects than max");
        refuses("\"items\":[{\"name\":\"a\"},\"b\"]", PD_EINVAL, "items[1]",
                "a string where an object element belongs");
    }
    subtest("nested objects")
    {
        accepts("\"parent\":{\"child\":\"c\"}", "a nested object");
        refuses("\"parent\":{}", PD_EMISSING, "parent.child", "a missing nested member");
        refuses("\"parent\":{\"child\":1}", PD_EINVAL, "parent.child", "a nested wrong type");
        refuses("\"parent\":{\"child\":\"01234567890\"}", PD_EINVAL, "parent.child",
                "a nested string over its max");
        refuses("\"parent\":{\"child\":\"c\",\"age\":131}", PD_EINVAL, "parent.age",
                "a nested integer over its max");
        refuses("\"parent\":{\"child\":\"c\",\"y\":1}", PD_EUNKNOWN, "parent.y",
                "a nested unknown member");
    }
}

static void test_dump(void)
{
    subtest("dump")
    {
        const char *text = "{\"name\":\"caf\xc3\xa9 \xf0\x9f\x98\x80\",\"q\":\"a\\\"b\\\\c\\n\","
                           "\"n\":[1,true,null]}";
        json_t *v = NULL, *w = NULL;
        size_t len = 0;
        is_int(parse(text, strlen(text), &v), PD_OK, "parse the original");
        char *out = pdjson_dump(v, &len);
        is_int(len, strlen(out), "len is the length of the text");
        ok(strstr(out, "caf\xc3\xa9 \xf0\x9f\x98\x80") != NULL, "UTF-8 is written as UTF-8");
        ok(strstr(out, "\\u") == NULL, "not as \\u escapes");
        ok(strstr(out, "\"a\\\"b\\\\c\\n\"") != NULL, "quote, backslash, newline are escaped");
        ok(strchr(out, ' ') == strrchr(out, ' ') && strstr(out, "\xa9 \xf0"),
           "compact: the only space is the one in the value");
        is_int(parse(out, len, &w), PD_OK, "the dump parses again");
        ok(json_equal(v, w), "to an equal value");
        free(out);
        json_decref(w);
        json_decref(v);
        v = json_object();
        out = pdjson_dump(v, NULL);
        is_str(out, "{}", "an empty object, len may be NULL");
        free(out);
        json_decref(v);
    }
    subtest("accessors")
    {
        json_t *o =
            pdjson_pack("{s:s, s:I, s:b, s:n}", "s", "str", "i", (json_int_t)-7, "b", 1, "z");
        is_str(pdjson_str(o, "s", "d"), "str", "pdjson_str of a string");
        is_str(pdjson_str(o, "missing", "d"), "d", "pdjson_str of an absent member: default");
        is_str(pdjson_str(o, "z", "d"), "d", "pdjson_str of null: default");
        is_str(pdjson_str(o, "i", NULL), NULL, "pdjson_str of a number: default");
        is_int(pdjson_int(o, "i", 3), -7, "pdjson_int");
        is_int(pdjson_int(o, "s", 3), 3, "pdjson_int of a string: default");
        is_int(pdjson_int(o, "z", 3), 3, "pdjson_int of null: default");
        ok(pdjson_bool(o, "b", false), "pdjson_bool");
        ok(pdjson_bool(o, "z", true) && !pdjson_bool(o, "i", false), "pdjson_bool: defaults");
        json_decref(o);
        json_t *n = pdjson_str_or_null(NULL), *s = pdjson_str_or_null("x");
        ok(json_is_null(n), "pdjson_str_or_null(NULL) is null");
        is_str(json_string_value(s), "x", "pdjson_str_or_null of a string");
        json_decref(n);
        json_decref(s);
    }
}

int main(void)
{
    test_parse();
    test_check();
    test_dump();
    return done_testing();
}
