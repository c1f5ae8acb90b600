/* json_suite.c: the JSON body parser (pdjson_parse) against JSONTestSuite (`make
 * conformance`; docs/security.md "Proofs"). The cases come from the file
 * tests/conformance/jsontestsuite.mjs writes (argv[1]): "<name> <length>\n<bytes>\n" each.
 *
 *   y_  must parse, and what was read must survive a write and a second read unchanged;
 *       except the three peerdesk refuses on purpose, each with its own error (REFUSED).
 *   n_  must be refused, with *out left NULL.
 *   i_  (the standard leaves these to the parser) must not crash; what peerdesk does with
 *       each is fixed in IMPLEMENTATION, so a change of behaviour is noticed.
 *
 * The package's copy of the nine n_ and thirteen i_ cases whose files were not UTF-8 holds
 * U+FFFD where the original bytes were (see jsontestsuite.mjs); RAW below tests such bytes
 * themselves. Every case runs under an alarm: a parse that takes longer than HANG_SECONDS
 * fails the run as a hang. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/json.h"
#include "tap.h"

#define HANG_SECONDS 10

/* y_ cases refused by a peerdesk rule (SECURITY.md 18; jansson keeps member names as C
 * strings), with the error each must get. */
static const struct {
    const char *name;
    int code;
    const char *why;
} REFUSED[] = {
    {"y_object_duplicated_key.json", PD_EDUPKEY, "duplicate member names are refused"},
    {"y_object_duplicated_key_and_value.json", PD_EDUPKEY, "duplicate member names are refused"},
    {"y_object_escaped_null_in_key.json", PD_EJSON, "a member name may not contain \\u0000"},
};

/* What peerdesk does with each i_ case: 1 parses, 0 refused, -1 not tested here (the
 * package's copy is not the original: its bytes are in RAW). */
static const struct {
    const char *name;
    int parses;
} IMPLEMENTATION[] = {
    {"i_number_double_huge_neg_exp.json", 1}, /* underflows to 0 */
    {"i_number_huge_exp.json", 0},            /* beyond a double */
    {"i_number_neg_int_huge_exp.json", 0},
    {"i_number_pos_double_huge_exp.json", 0},
    {"i_number_real_neg_overflow.json", 0},
    {"i_number_real_pos_overflow.json", 0},
    {"i_number_real_underflow.json", 1},
    {"i_number_too_big_neg_int.json", 0}, /* beyond int64 */
    {"i_number_too_big_pos_int.json", 0},
    {"i_number_very_big_negative_int.json", 0},
    {"i_object_key_lone_2nd_surrogate.json", 0}, /* a lone surrogate is no character */
    {"i_string_1st_surrogate_but_2nd_missing.json", 0},
    {"i_string_1st_valid_surrogate_2nd_invalid.json", 0},
    {"i_string_UTF-16LE_with_BOM.json", -1},
    {"i_string_UTF-8_invalid_sequence.json", -1},
    {"i_string_UTF8_surrogate_U+D800.json", -1},
    {"i_string_incomplete_surrogate_and_escape_valid.json", 0},
    {"i_string_incomplete_surrogate_pair.json", 0},
    {"i_string_incomplete_surrogates_escape_valid.json", 0},
    {"i_string_invalid_lonely_surrogate.json", 0},
    {"i_string_invalid_surrogate.json", 0},
    {"i_string_invalid_utf-8.json", -1},
    {"i_string_inverted_surrogates_U+1D11E.json", 0},
    {"i_string_iso_latin_1.json", -1},
    {"i_string_lone_second_surrogate.json", 0},
    {"i_string_lone_utf8_continuation_byte.json", -1},
    {"i_string_not_in_unicode_range.json", -1},
    {"i_string_overlong_sequence_2_bytes.json", -1},
    {"i_string_overlong_sequence_6_bytes.json", -1},
    {"i_string_overlong_sequence_6_bytes_null.json", -1},
    {"i_string_truncated-utf-8.json", -1},
    {"i_string_utf16BE_no_BOM.json", -1},
    {"i_string_utf16LE_no_BOM.json", -1},
    {"i_structure_500_nested_arrays.json", 0}, /* deeper than LIMIT_JSON_DEPTH */
    {"i_structure_UTF-8_BOM_empty_object.json", 0},
};

/* Documents that are not UTF-8, written here byte by byte (the originals of the cases the
 * package could not carry, and more of the same kind): every one is refused as PD_EUTF8
 * (SECURITY.md 18: invalid UTF-8 is rejected; also in i_ cases, where JSON leaves it open). */
static const struct {
    const char *what;
    const char *bytes;
    size_t n;
} RAW[] = {
#define B(s) s, sizeof(s) - 1
    {"a byte that is never UTF-8 in a string", B("[\"\xff\"]")},
    {"Latin-1 e-acute in a string", B("[\"\xe9\"]")},
    {"a lone continuation byte", B("[\"\x81\"]")},
    {"an overlong two-byte sequence", B("[\"\xc0\xaf\"]")},
    {"an overlong six-byte sequence", B("[\"\xfc\x83\xbf\xbf\xbf\xbf\"]")},
    {"an overlong NUL", B("[\"\xc0\x80\"]")},
    {"a truncated sequence", B("[\"\xe0\xff\"]")},
    {"an encoded surrogate U+D800", B("[\"\xed\xa0\x80\"]")},
    {"beyond U+10FFFF", B("[\"\xf4\xbf\xbf\xbf\"]")},
    {"a valid character then an invalid sequence", B("[\"\xe6\x97\xa5\xd1\x88\xfa\"]")},
    {"UTF-16LE with a byte order mark", B("\xff\xfe[\0\"\0\xe9\0\"\0]\0")},
    {"UTF-16BE without a byte order mark", B("\0[\0\"\0\xe9\0\"\0]")},
    {"an invalid byte as an array element", B("[\xff]")},
    {"an invalid byte after a letter", B("[a\xe5]")},
    {"an invalid byte after a number", B("[123\xe5]")},
    {"an invalid byte in an exponent", B("[1e1\xe5]")},
    {"an invalid byte after an escape's backslash", B("[\"\\\xe5\"]")},
    {"an invalid byte in a \\u escape", B("[\"\\u\xe5\"]")},
    {"a lone continuation byte in a member name", B("{\"\xb9\":\"0\"}")},
    {"an incomplete byte order mark", B("\xef\xbb{}")},
    {"a lone invalid byte", B("\xe5")},
    {"a lone Latin-1 e-acute", B("\xe9")},
#undef B
};

static const char *current = "(none)";

static void on_alarm(int sig)
{
    (void)sig;
    /* Only async-signal-safe calls: the name is a plain string. */
    static const char msg[] = "Bail out! the parser hangs on ";
    ssize_t w = write(1, msg, sizeof(msg) - 1);
    w = write(1, current, strlen(current));
    w = write(1, "\n", 1);
    (void)w;
    _exit(1);
}

static int refused_code(const char *name, const char **why)
{
    for (size_t i = 0; i < sizeof(REFUSED) / sizeof(REFUSED[0]); i++)
        if (strcmp(REFUSED[i].name, name) == 0) {
            *why = REFUSED[i].why;
            return REFUSED[i].code;
        }
    return PD_OK;
}

static int implementation(const char *name)
{
    for (size_t i = 0; i < sizeof(IMPLEMENTATION) / sizeof(IMPLEMENTATION[0]); i++)
        if (strcmp(IMPLEMENTATION[i].name, name) == 0)
            return IMPLEMENTATION[i].parses;
    return -2;
}

/* Parse p, with the alarm armed; *out NULL on failure is part of the contract. */
static int parse(const char *name, const char *p, size_t n, json_t **out, struct pd_err *e)
{
    current = name;
    alarm(HANG_SECONDS);
    *out = (json_t *)1;
    err_clear(e);
    int rc = pdjson_parse(p, n, out, e);
    alarm(0);
    if (rc != PD_OK && *out != NULL) {
        printf("# %s: *out is not NULL after a refusal\n", name);
        return PD_EINTERNAL;
    }
    return rc;
}

/* What was read, written and read again, is the same value. */
static bool round_trips(const json_t *v)
{
    char *text = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
    if (!text)
        return false;
    json_t *again = NULL;
    struct pd_err e;
    err_clear(&e);
    bool same = pdjson_parse(text, strlen(text), &again, &e) == PD_OK && json_equal(v, again);
    json_decref(again);
    free(text);
    return same;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s CASES-FILE (written by tests/conformance/jsontestsuite.mjs)\n",
                argv[0]);
        return 2;
    }
    size_t len;
    char *all = slurp(argv[1], &len);
    if (!all) {
        printf("Bail out! cannot read %s\n", argv[1]);
        return 1;
    }
    signal(SIGALRM, on_alarm);

    int counts[3][2] = {{0}}; /* [y, n, i][refused, parsed] */
    int rule_refusals = 0, cases = 0;
    size_t at = 0;
    while (at < len) {
        char name[200];
        size_t n;
        const char *eol = memchr(all + at, '\n', len - at);
        size_t used = eol ? (size_t)(eol - (all + at)) + 1 : 0;
        if (!eol || used > sizeof(name) || sscanf(all + at, "%199s %zu", name, &n) != 2 ||
            at + used + n >= len || all[at + used + n] != '\n') {
            printf("Bail out! the cases file is damaged at byte %zu\n", at);
            return 1;
        }
        const char *doc = all + at + used;
        at += used + n + 1;
        cases++;

        json_t *v;
        struct pd_err e;
        int rc = parse(name, doc, n, &v, &e);
        char kind = name[0];
        int k = kind == 'y' ? 0 : kind == 'n' ? 1 : 2;
        if (k < 2 || implementation(name) >= 0)
            counts[k][rc == PD_OK]++;
        if (kind == 'y') {
            const char *why = NULL;
            int want = refused_code(name, &why);
            if (want != PD_OK) {
                rule_refusals++;
                is_int(rc, want, "%s: refused on purpose: %s", name, why);
            } else if (rc != PD_OK) {
                ok(0, "%s: accepted", name);
                printf("#   refused: %s\n", e.detail);
            } else {
                ok(round_trips(v), "%s: accepted, and reads back the same", name);
            }
        } else if (kind == 'n') {
            ok(rc != PD_OK && rc != PD_EINTERNAL, "%s: refused", name);
            if (rc == PD_OK)
                printf("#   accepted: %.*s\n", (int)(n < 80 ? n : 80), doc);
        } else {
            int want = implementation(name);
            if (want == -2) {
                ok(0, "%s: a new implementation-defined case: decide and add it", name);
            } else if (want == -1) {
                ok(rc != PD_EINTERNAL, "%s: no crash (the original bytes are tested below)", name);
            } else {
                is_int(rc == PD_OK, want, "%s: %s, as decided", name, want ? "parses" : "refused");
            }
        }
        json_decref(rc == PD_OK ? v : NULL);
    }
    for (size_t i = 0; i < sizeof(RAW) / sizeof(RAW[0]); i++) {
        json_t *v;
        struct pd_err e;
        int rc = parse(RAW[i].what, RAW[i].bytes, RAW[i].n, &v, &e);
        is_int(rc, PD_EUTF8, "not UTF-8, refused as such: %s", RAW[i].what);
        json_decref(rc == PD_OK ? v : NULL);
    }
    ok(cases == 318, "all of JSONTestSuite's 318 parsing cases ran (%d)", cases);
    fprintf(stderr,
            "# JSONTestSuite: y_ %d accepted, %d refused on purpose (duplicate member names, NUL "
            "in a name); n_ %d refused, %d accepted; i_ %d parse, %d refused (+13 tested as raw "
            "bytes); %zu raw non-UTF-8 "
            "documents refused; no crash, no hang (> %d s)\n",
            counts[0][1], rule_refusals, counts[1][0], counts[1][1], counts[2][1], counts[2][0],
            sizeof(RAW) / sizeof(RAW[0]), HANG_SECONDS);
    free(all);
    return done_testing();
}
