/* lib_jsonw.c: the streaming JSON writer gives byte for byte what jansson's dump gives for
 * the same members (the dossier page switched from one to the other), escapes what must be
 * escaped, refuses invalid UTF-8, and latches errors (ceiling, depth, unbalanced). */
#include <stdlib.h>
#include <string.h>

#include "lib/json.h"
#include "lib/jsonw.h"
#include "tap.h"

/* Same value through both: jw output must equal pdjson_dump of the tree. */
static void same(struct jsonw *w, json_t *tree, const char *what)
{
    char *mine = NULL;
    size_t len = 0;
    int rc = jw_finish(w, &mine, &len);
    size_t jlen = 0;
    char *theirs = pdjson_dump(tree, &jlen);
    json_decref(tree);
    is_int(rc, PD_OK, "%s: written", what);
    is_str(mine ? mine : "(none)", theirs, "%s: as jansson dumps it", what);
    is_int((long long)len, (long long)jlen, "%s: the length is right", what);
    free(mine);
    free(theirs);
}

int main(void)
{
    struct jsonw w;

    subtest("scalars, nesting and commas")
    {
        jw_init(&w, 4096);
        jw_obj(&w);
        jw_kstr(&w, "a", "x");
        jw_kstr(&w, "n", NULL);
        jw_kint(&w, "i", -9007199254740993LL);
        jw_kbool(&w, "t", true);
        jw_kbool(&w, "f", false);
        const char *v[] = {"p", "q"};
        jw_kstrs(&w, "arr", v, 2);
        jw_kstrs(&w, "none", v, 0);
        jw_key(&w, "o");
        jw_obj(&w);
        jw_obj_end(&w);
        jw_key(&w, "list");
        jw_arr(&w);
        jw_obj(&w);
        jw_kint(&w, "k", 1);
        jw_obj_end(&w);
        jw_obj(&w);
        jw_kint(&w, "k", 2);
        jw_obj_end(&w);
        jw_null(&w);
        jw_arr_end(&w);
        jw_obj_end(&w);
        json_t *t = json_pack("{s:s, s:n, s:I, s:b, s:b, s:[s,s], s:[], s:{}, s:[{s:i},{s:i},n]}",
                              "a", "x", "n", "i", (json_int_t)-9007199254740993LL, "t", 1, "f", 0,
                              "arr", "p", "q", "none", "o", "list", "k", 1, "k", 2);
        same(&w, t, "a mixed object");
    }
    subtest("escaping as jansson does")
    {
        const char *cases[] = {
            "plain",
            "quote \" and backslash \\",
            "controls \b\f\n\r\t end",
            "\x01\x02\x1f and \x7f",
            "slash / stays",
            "UTF-8: Zo\xc3\xab, \xe2\x82\xac, \xf0\x9f\x98\x80, U+2028 \xe2\x80\xa8",
            "",
        };
        for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
            jw_init(&w, 4096);
            jw_obj(&w);
            jw_kstr(&w, cases[i], cases[i]);
            jw_obj_end(&w);
            json_t *t = json_object();
            json_object_set_new(t, cases[i], json_string(cases[i]));
            same(&w, t, cases[i]);
        }
    }
    subtest("random strings of every byte below 0x80")
    {
        int differ = 0;
        srand(7);
        for (int k = 0; k < 200; k++) {
            char s[64];
            size_t n = (size_t)(rand() % 63);
            for (size_t i = 0; i < n; i++)
                s[i] = (char)(1 + rand() % 127);
            s[n] = '\0';
            jw_init(&w, 4096);
            jw_arr(&w);
            jw_str(&w, s);
            jw_arr_end(&w);
            char *mine;
            size_t len;
            if (jw_finish(&w, &mine, &len) != PD_OK) {
                differ++;
                continue;
            }
            json_t *t = json_pack("[s]", s);
            char *theirs = pdjson_dump(t, NULL);
            json_decref(t);
            if (strcmp(mine, theirs) != 0) {
                differ++;
                printf("# random string %d: %s vs %s\n", k, mine, theirs);
            }
            free(mine);
            free(theirs);
        }
        is_int(differ, 0, "200 random strings as jansson dumps them");
    }
    subtest("errors latch and give no bytes")
    {
        char *out = (char *)1;
        size_t len = 99;
        jw_init(&w, 4096);
        jw_arr(&w);
        jw_str(&w, "bad \xc3\x28 utf-8");
        jw_str(&w, "fine");
        jw_arr_end(&w);
        is_int(jw_finish(&w, &out, &len), PD_EINTERNAL, "invalid UTF-8 is refused");
        ok(out == NULL && len == 0, "and nothing is handed out");

        jw_init(&w, 16);
        jw_arr(&w);
        jw_str(&w, "0123456789abcdef");
        jw_arr_end(&w);
        is_int(jw_finish(&w, &out, &len), PD_EINTERNAL, "over the ceiling is refused");

        /* The boundary (found by tests/fuzz/json.c: 16 levels were refused). */
        jw_init(&w, 4096);
        for (int i = 0; i < JW_MAX_DEPTH; i++)
            jw_arr(&w);
        for (int i = 0; i < JW_MAX_DEPTH; i++)
            jw_arr_end(&w);
        is_int(jw_finish(&w, &out, &len), PD_OK, "nesting JW_MAX_DEPTH deep is written");
        ok(out && len == 2 * JW_MAX_DEPTH && out[JW_MAX_DEPTH - 1] == '[' &&
               out[JW_MAX_DEPTH] == ']',
           "  ... as %d brackets and %d", JW_MAX_DEPTH, JW_MAX_DEPTH);
        free(out);
        jw_init(&w, 4096);
        for (int i = 0; i < JW_MAX_DEPTH + 1; i++)
            jw_arr(&w);
        for (int i = 0; i < JW_MAX_DEPTH + 1; i++)
            jw_arr_end(&w);
        is_int(jw_finish(&w, &out, &len), PD_EINTERNAL, "one level more is refused");

        jw_init(&w, 4096);
        for (int i = 0; i < JW_MAX_DEPTH + 2; i++)
            jw_arr(&w);
        for (int i = 0; i < JW_MAX_DEPTH + 2; i++)
            jw_arr_end(&w);
        is_int(jw_finish(&w, &out, &len), PD_EINTERNAL, "nesting past JW_MAX_DEPTH is refused");

        jw_init(&w, 4096);
        jw_obj(&w);
        jw_kint(&w, "a", 1);
        is_int(jw_finish(&w, &out, &len), PD_EINTERNAL, "an object left open is refused");
    }
    return done_testing();
}
