/*
 * jsonw.c: the streaming JSON writer (jsonw.h).
 */
#include "jsonw.h"

#include <stdio.h>
#include <string.h>

#include "str.h"

void jw_init(struct jsonw *w, size_t max)
{
    buf_init(&w->b, max);
    w->depth = 0;
    w->first[0] = true;
    w->after_key = false;
    w->err = PD_OK;
}

static void put(struct jsonw *w, const char *p, size_t n)
{
    if (w->err == PD_OK && buf_append(&w->b, p, n) != PD_OK)
        w->err = PD_EINTERNAL; /* an answer over its ceiling is our bug, not the caller's */
}

/* Before a value or a key: the comma, unless first at its level or right after a key. */
static void sep(struct jsonw *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (!w->first[w->depth])
        put(w, ",", 1);
    w->first[w->depth] = false;
}

static void open_(struct jsonw *w, char c)
{
    sep(w);
    put(w, &c, 1);
    if (w->depth >= JW_MAX_DEPTH) {
        w->err = w->err ? w->err : PD_EINTERNAL;
        return;
    }
    w->first[++w->depth] = true;
}

static void close_(struct jsonw *w, char c)
{
    put(w, &c, 1);
    if (w->depth > 0)
        w->depth--;
}

void jw_obj(struct jsonw *w)
{
    open_(w, '{');
}

void jw_obj_end(struct jsonw *w)
{
    close_(w, '}');
}

void jw_arr(struct jsonw *w)
{
    open_(w, '[');
}

void jw_arr_end(struct jsonw *w)
{
    close_(w, ']');
}

/* A quoted string, escaped as jansson's dump escapes it (no flags). */
static void quoted(struct jsonw *w, const char *s)
{
    size_t n = strlen(s);
    if (!utf8_valid(s, n)) {
        w->err = w->err ? w->err : PD_EINTERNAL;
        return;
    }
    put(w, "\"", 1);
    const char *run = s;
    for (const char *p = s; p < s + n; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        put(w, run, (size_t)(p - run));
        run = p + 1;
        char esc[8];
        switch (c) {
        case '"':
            put(w, "\\\"", 2);
            break;
        case '\\':
            put(w, "\\\\", 2);
            break;
        case '\b':
            put(w, "\\b", 2);
            break;
        case '\f':
            put(w, "\\f", 2);
            break;
        case '\n':
            put(w, "\\n", 2);
            break;
        case '\r':
            put(w, "\\r", 2);
            break;
        case '\t':
            put(w, "\\t", 2);
            break;
        default:
            snprintf(esc, sizeof(esc), "\\u%04X", c);
            put(w, esc, 6);
        }
    }
    put(w, run, (size_t)(s + n - run));
    put(w, "\"", 1);
}

void jw_key(struct jsonw *w, const char *k)
{
    sep(w);
    quoted(w, k);
    put(w, ":", 1);
    w->after_key = true;
}

void jw_str(struct jsonw *w, const char *s)
{
    if (!s) {
        jw_null(w);
        return;
    }
    sep(w);
    quoted(w, s);
}

void jw_int(struct jsonw *w, int64_t v)
{
    char t[24];
    int n = snprintf(t, sizeof(t), "%lld", (long long)v);
    sep(w);
    put(w, t, (size_t)n);
}

void jw_bool(struct jsonw *w, bool v)
{
    sep(w);
    put(w, v ? "true" : "false", v ? 4 : 5);
}

void jw_null(struct jsonw *w)
{
    sep(w);
    put(w, "null", 4);
}

void jw_kstr(struct jsonw *w, const char *k, const char *s)
{
    jw_key(w, k);
    jw_str(w, s);
}

void jw_kint(struct jsonw *w, const char *k, int64_t v)
{
    jw_key(w, k);
    jw_int(w, v);
}

void jw_kbool(struct jsonw *w, const char *k, bool v)
{
    jw_key(w, k);
    jw_bool(w, v);
}

void jw_kstrs(struct jsonw *w, const char *k, const char *const *v, size_t n)
{
    jw_key(w, k);
    jw_arr(w);
    for (size_t i = 0; i < n; i++)
        jw_str(w, v[i]);
    jw_arr_end(w);
}

int jw_finish(struct jsonw *w, char **out, size_t *len)
{
    int rc = w->err;
    if (rc == PD_OK && w->depth != 0)
        rc = PD_EINTERNAL; /* unbalanced: a bug in the caller */
    if (rc != PD_OK) {
        buf_release(&w->b);
        *out = NULL;
        *len = 0;
        return rc;
    }
    *out = buf_detach(&w->b, len);
    return PD_OK;
}
