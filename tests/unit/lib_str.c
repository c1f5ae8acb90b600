/* lib_str.c: pointer+length strings: the cursor moves only on success, the decimal parser
 * takes whole in-range numbers and nothing else, and the UTF-8 validator's table. */
#include <stdint.h>
#include <string.h>

#include "lib/arena.h"
#include "lib/str.h"
#include "tap.h"

static int i64(const char *s, int64_t min, int64_t max, int64_t *out)
{
    return str_to_i64(str_from(s), min, max, out);
}

struct utf8_case {
    const char *bytes;
    size_t n;
    int valid;
    const char *what;
};

#define U(lit, v, what)                                                                            \
    {                                                                                              \
        (lit), sizeof(lit) - 1, (v), (what)                                                        \
    }

static const struct utf8_case utf8_cases[] = {
    U("", 1, "empty"),
    U("plain ASCII ~", 1, "ASCII"),
    U("\x7f", 1, "DEL, the last one-byte character"),
    U("\xc2\x80", 1, "U+0080, the first two-byte character"),
    U("caf\xc3\xa9", 1, "2-byte e acute"),
    U("\xdf\xbf", 1, "U+07FF, the last two-byte character"),
    U("\xe0\xa0\x80", 1, "U+0800, the first three-byte character"),
    U("\xe2\x82\xac", 1, "3-byte euro sign"),
    U("\xed\x9f\xbf", 1, "U+D7FF, just below the surrogates"),
    U("\xee\x80\x80", 1, "U+E000, just above the surrogates"),
    U("\xef\xbf\xbf", 1, "U+FFFF"),
    U("\xf0\x90\x80\x80", 1, "U+10000, the first four-byte character"),
    U("\xf0\x9f\x98\x80", 1, "4-byte emoji"),
    U("\xf4\x8f\xbf\xbf", 1, "U+10FFFF, the last code point"),
    U("\x80", 0, "lone continuation byte 0x80"),
    U("\xbf", 0, "lone continuation byte 0xBF"),
    U("a\x80z", 0, "continuation byte between ASCII"),
    U("\xc0\xaf", 0, "overlong C0 AF"),
    U("\xc1\xbf", 0, "overlong C1 BF"),
    U("\xe0\x80\xaf", 0, "overlong E0 80 AF"),
    U("\xe0\x9f\xbf", 0, "overlong E0 9F BF"),
    U("\xf0\x80\x80\xaf", 0, "overlong F0 80 80 AF"),
    U("\xf0\x8f\xbf\xbf", 0, "overlong F0 8F BF BF"),
    U("\xed\xa0\x80", 0, "surrogate ED A0 80 (U+D800)"),
    U("\xed\xbf\xbf", 0, "surrogate ED BF BF (U+DFFF)"),
    U("\xf4\x90\x80\x80", 0, "F4 90 80 80, above U+10FFFF"),
    U("\xf5\x80\x80\x80", 0, "F5 lead byte"),
    U("\xff", 0, "FF"),
    U("\xfe", 0, "FE"),
    U("\xe2\x82", 0, "truncated E2 82 at end"),
    U("ab\xf0\x9f\x98", 0, "truncated F0 9F 98 at end"),
    U("\xc3", 0, "truncated C3 at end"),
    U("\xe2\x28\xa1", 0, "bad second byte E2 28 A1"),
    U("\xe2\x82\x28", 0, "bad third byte E2 82 28"),
    U("\xf0\x9f\x98\x28", 0, "bad fourth byte F0 9F 98 28"),
    U("\xc3\xc3\xa9", 0, "lead byte where a continuation belongs"),
};

int main(void)
{
    subtest("str_cut")
    {
        struct str s = STR_LIT("key=value=more"), head = STR_NULL;
        ok(str_cut(&s, '=', &head), "a present separator cuts");
        ok(str_eq_cstr(head, "key"), "head is the part before it");
        ok(str_eq_cstr(s, "value=more"), "the cursor moves past the first separator only");
        ok(str_cut(&s, '=', &head) && str_eq_cstr(head, "value") && str_eq_cstr(s, "more"),
           "a second cut takes the next part");
        struct str keep = s;
        head = STR_LIT("untouched");
        ok(!str_cut(&s, '=', &head), "an absent separator does not cut");
        ok(s.p == keep.p && s.n == keep.n, "and leaves the cursor where it was");
        ok(str_eq_cstr(head, "untouched"), "and head alone");

        s = STR_LIT("=x");
        ok(str_cut(&s, '=', &head) && head.n == 0 && str_eq_cstr(s, "x"),
           "separator first: empty head");
        s = STR_LIT("x=");
        ok(str_cut(&s, '=', &head) && str_eq_cstr(head, "x") && s.n == 0,
           "separator last: empty rest");
        s = STR_NULL;
        ok(!str_cut(&s, '=', &head), "an empty string has no separator");
        const char nul_inside[] = {'a', '\0', 'b', '=', 'c'};
        s = (struct str){nul_inside, sizeof(nul_inside)};
        ok(str_cut(&s, '=', &head) && head.n == 3 && str_eq_cstr(s, "c"),
           "a NUL byte before the separator does not stop the search");
    }
    subtest("trim and compare")
    {
        ok(str_eq_cstr(str_trim(STR_LIT(" \t\r\n x y \n\t")), "x y"),
           "trim removes blanks both sides");
        ok(str_eq_cstr(str_trim(STR_LIT("x")), "x"), "trim of nothing to trim");
        is_int(str_trim(STR_LIT(" \t \n")).n, 0, "trim of only blanks is empty");
        is_int(str_trim(STR_NULL).n, 0, "trim of the empty string");
        ok(str_eq(STR_LIT("abc"), STR_LIT("abc")), "str_eq of equal strings");
        ok(!str_eq(STR_LIT("abc"), STR_LIT("abd")), "str_eq: last byte differs");
        ok(!str_eq(STR_LIT("abc"), STR_LIT("ab")), "str_eq: prefix is not equal");
        ok(str_eq(STR_NULL, STR_LIT("")), "STR_NULL equals the empty string");
        ok(str_eq_cstr(STR_LIT("abc"), "abc"), "str_eq_cstr equal");
        ok(!str_eq_cstr(STR_LIT("abc"), "ABC"), "str_eq_cstr is case-sensitive");
        ok(str_eq_cstr(str_from(NULL), ""), "str_from(NULL) is empty");
        ok(str_case_eq_cstr(STR_LIT("Content-Type"), "content-type"), "case_eq ignores case");
        ok(!str_case_eq_cstr(STR_LIT("Content-Type"), "content-typ"), "case_eq: length matters");
        ok(!str_case_eq_cstr(STR_LIT("Content-Typ"), "content-type"), "case_eq: both ways");
        ok(str_case_eq_cstr(STR_NULL, ""), "case_eq of two empty strings");
        ok(str_starts_with(STR_LIT("Bearer abc"), "Bearer "), "starts_with a prefix");
        ok(str_starts_with(STR_LIT("abc"), "abc"), "starts_with itself");
        ok(str_starts_with(STR_LIT("abc"), ""), "starts_with the empty prefix");
        ok(!str_starts_with(STR_LIT("ab"), "abc"), "not with a prefix longer than itself");
        ok(!str_starts_with(STR_LIT("bearer x"), "Bearer "), "starts_with is case-sensitive");
    }
    subtest("str_to_i64")
    {
        int64_t v = 77;
        ok(i64("0", INT64_MIN, INT64_MAX, &v) && v == 0, "0");
        v = 77;
        ok(i64("-0", INT64_MIN, INT64_MAX, &v) && v == 0, "-0 is 0");
        ok(i64("9223372036854775807", INT64_MIN, INT64_MAX, &v) && v == INT64_MAX, "INT64_MAX");
        ok(i64("-9223372036854775808", INT64_MIN, INT64_MAX, &v) && v == INT64_MIN, "INT64_MIN");
        v = 77;
        ok(!i64("9223372036854775808", INT64_MIN, INT64_MAX, &v), "INT64_MAX + 1 is refused");
        ok(!i64("-9223372036854775809", INT64_MIN, INT64_MAX, &v), "INT64_MIN - 1 is refused");
        ok(!i64("18446744073709551616", INT64_MIN, INT64_MAX, &v), "2^64 is refused");
        ok(!i64("99999999999999999999999", INT64_MIN, INT64_MAX, &v), "far too big is refused");
        is_int(v, 77, "a refused number leaves *out alone");
        ok(!i64("", INT64_MIN, INT64_MAX, &v), "empty is refused");
        ok(!i64("-", INT64_MIN, INT64_MAX, &v), "a lone minus is refused");
        ok(!i64("+1", INT64_MIN, INT64_MAX, &v), "a plus sign is refused");
        ok(!i64(" 1", INT64_MIN, INT64_MAX, &v), "a leading space is refused");
        ok(!i64("1 ", INT64_MIN, INT64_MAX, &v), "a trailing space is refused");
        ok(!i64("12a", INT64_MIN, INT64_MAX, &v), "trailing letters are refused");
        ok(!i64("--1", INT64_MIN, INT64_MAX, &v), "two minus signs are refused");
        ok(!i64("1.0", INT64_MIN, INT64_MAX, &v), "a decimal point is refused");
        ok(!i64("0x10", INT64_MIN, INT64_MAX, &v), "hex is refused");
        is_int(v, 77, "*out still untouched");
        const char with_nul[] = {'1', '\0', '2'};
        ok(!str_to_i64((struct str){with_nul, 3}, INT64_MIN, INT64_MAX, &v),
           "a NUL byte inside the string is refused");
        ok(str_to_i64((struct str){"123", 2}, 0, 100, &v) && v == 12,
           "only n bytes are read: (\"123\", 2) is 12");

        ok(i64("1", 1, 200, &v) && v == 1, "range min is inclusive");
        ok(i64("200", 1, 200, &v) && v == 200, "range max is inclusive");
        ok(!i64("0", 1, 200, &v), "min - 1 is refused");
        ok(!i64("201", 1, 200, &v), "max + 1 is refused");
        ok(i64("-5", -5, -1, &v) && v == -5, "negative range min inclusive");
        ok(!i64("-6", -5, -1, &v), "negative range min - 1 refused");
        ok(!i64("0", -5, -1, &v), "negative range max + 1 refused");
    }
    subtest("utf8_valid")
    {
        for (size_t i = 0; i < sizeof(utf8_cases) / sizeof(utf8_cases[0]); i++) {
            const struct utf8_case *c = &utf8_cases[i];
            is_int(utf8_valid(c->bytes, c->n), c->valid, "%s: %s", c->valid ? "valid" : "invalid",
                   c->what);
        }
        ok(utf8_valid("a\0b", 3), "a NUL byte is well-formed UTF-8 (U+0000)");
        ok(!utf8_valid("\xe2\x82\xac", 2), "n cuts a character short: invalid");
    }
    subtest("utf8_chars")
    {
        is_int(utf8_chars("", 0), 0, "empty: 0");
        is_int(utf8_chars("abc", 3), 3, "ASCII: one per byte");
        is_int(utf8_chars("caf\xc3\xa9", 5), 4, "cafe with e acute: 4");
        is_int(utf8_chars("\xe2\x82\xac\xe2\x82\xac", 6), 2, "two euro signs: 2");
        is_int(utf8_chars("\xf0\x9f\x98\x80x\xf4\x8f\xbf\xbf", 9), 3, "emoji, x, U+10FFFF: 3");
    }
    subtest("str_dup")
    {
        struct arena a;
        arena_init(&a);
        is_str(str_dup(&a, (struct str){"abcdef", 3}), "abc", "copies n bytes and terminates");
        is_str(str_dup(&a, STR_NULL), "", "STR_NULL gives the empty string");
        arena_release(&a);
    }
    subtest("mem_eq_ct")
    {
        ok(mem_eq_ct("abcdef", "abcdef", 6), "equal bytes");
        ok(!mem_eq_ct("abcdef", "abcdeg", 6), "last byte differs");
        ok(!mem_eq_ct("xbcdef", "abcdef", 6), "first byte differs");
        ok(mem_eq_ct("abc", "abd", 2), "only n bytes are compared");
        ok(mem_eq_ct("a", "b", 0), "zero bytes are equal");
    }
    return done_testing();
}
