/*
 * parse.c: the small parsers of the HTTP boundary: percent-decoding, query strings, the
 * Cookie header, Content-Type and the shape of a session token.
 *
 * Everything here reads attacker-controlled bytes, so every loop is bounded by a length,
 * every output goes to the request's arena, and nothing asserts on input: bad input is
 * PD_EBADREQ (query) or simply "not found" (cookies, where browsers send what they like and
 * one stray cookie of another site on our host must not lock a user out).
 */
#include <string.h>
#include <strings.h>

#include "../lib/str.h"
#include "http_int.h"

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int http_pct_decode(struct arena *a, const char *p, size_t n, bool plus_space, char **out,
                    size_t *outlen)
{
    char *d = arena_alloc(a, n + 1); /* decoding never grows the string */
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (c == '%') {
            if (n - i < 3)
                return PD_EBADREQ;
            int h = hexval(p[i + 1]), l = hexval(p[i + 2]);
            if (h < 0 || l < 0)
                return PD_EBADREQ;
            c = (char)(h * 16 + l);
            i += 2;
            if (c == '\0')
                return PD_EBADREQ;
        } else if (c == '+' && plus_space) {
            c = ' ';
        } else if (c == '\0' || (unsigned char)c < 0x20 || c == 0x7f) {
            return PD_EBADREQ; /* raw controls never belong in a request target */
        }
        d[j++] = c;
    }
    d[j] = '\0';
    if (!utf8_valid(d, j))
        return PD_EBADREQ;
    *out = d;
    if (outlen)
        *outlen = j;
    return PD_OK;
}

int http_query_parse(struct arena *a, const char *query, struct http_kv **out, size_t *n,
                     struct pd_err *e)
{
    *out = NULL;
    *n = 0;
    if (!query || !*query)
        return PD_OK;
    size_t qlen = strlen(query);
    if (qlen > LIMIT_QUERY_BYTES)
        return err_set(e, PD_EBADREQ, NULL, "query string longer than %d bytes", LIMIT_QUERY_BYTES);
    struct http_kv *kv = arena_array(a, LIMIT_QUERY_ARGS, sizeof(*kv));
    size_t count = 0;
    const char *p = query, *end = query + qlen;
    while (p < end) {
        const char *amp = memchr(p, '&', (size_t)(end - p));
        const char *stop = amp ? amp : end;
        if (stop > p) { /* "a=1&&b=2": empty pieces are skipped, as browsers do */
            if (count == LIMIT_QUERY_ARGS)
                return err_set(e, PD_EBADREQ, NULL, "more than %d query arguments",
                               LIMIT_QUERY_ARGS);
            const char *eq = memchr(p, '=', (size_t)(stop - p));
            const char *kend = eq ? eq : stop;
            char *name, *value;
            if (http_pct_decode(a, p, (size_t)(kend - p), true, &name, NULL) != PD_OK)
                return err_set(e, PD_EBADREQ, NULL, "bad percent-encoding in the query string");
            if (!*name)
                return err_set(e, PD_EBADREQ, NULL, "query argument without a name");
            if (eq) {
                if (http_pct_decode(a, eq + 1, (size_t)(stop - eq - 1), true, &value, NULL) !=
                    PD_OK)
                    return err_set(e, PD_EBADREQ, name, "bad percent-encoding in the query string");
            } else {
                value = "";
            }
            for (size_t i = 0; i < count; i++)
                if (strcmp(kv[i].name, name) == 0)
                    return err_set(e, PD_EBADREQ, name, "query argument given twice");
            kv[count].name = name;
            kv[count].value = value;
            count++;
        }
        p = amp ? amp + 1 : end;
    }
    *out = kv;
    *n = count;
    return PD_OK;
}

static bool is_ows(char c)
{
    return c == ' ' || c == '\t';
}

/* RFC 6265 cookie-octet, plus nothing else. */
static bool cookie_octet(unsigned char c)
{
    return c == 0x21 || (c >= 0x23 && c <= 0x2b) || (c >= 0x2d && c <= 0x3a) ||
           (c >= 0x3c && c <= 0x5b) || (c >= 0x5d && c <= 0x7e);
}

const char *http_cookie_find(struct arena *a, const char *header, const char *name)
{
    if (!header || !name)
        return NULL;
    size_t hlen = strnlen(header, HTTP_COOKIE_HEADER_MAX + 1);
    if (hlen > HTTP_COOKIE_HEADER_MAX)
        return NULL;
    size_t nlen = strlen(name);
    const char *p = header, *end = header + hlen;
    const char *found = NULL;
    size_t found_len = 0;
    int hits = 0;
    while (p < end) {
        const char *semi = memchr(p, ';', (size_t)(end - p));
        const char *stop = semi ? semi : end;
        struct str pair = str_trim((struct str){p, (size_t)(stop - p)});
        struct str key;
        if (str_cut(&pair, '=', &key)) {
            key = str_trim(key);
            struct str val = str_trim(pair);
            if (val.n >= 2 && val.p[0] == '"' && val.p[val.n - 1] == '"') {
                val.p++;
                val.n -= 2;
            }
            bool good = key.n == nlen && memcmp(key.p, name, nlen) == 0;
            for (size_t i = 0; good && i < val.n; i++)
                good = cookie_octet((unsigned char)val.p[i]);
            if (good) {
                found = val.p;
                found_len = val.n;
                hits++;
            }
        }
        p = semi ? semi + 1 : end;
    }
    /* Two cookies of the same name (a sibling path or a planted cookie): trust neither. */
    if (hits != 1)
        return NULL;
    return arena_strndup(a, found, found_len);
}

bool http_content_type_is_json(const char *ct)
{
    if (!ct)
        return false;
    static const char want[] = "application/json";
    const size_t wn = sizeof(want) - 1;
    while (is_ows(*ct))
        ct++;
    if (strncasecmp(ct, want, wn) != 0)
        return false;
    ct += wn;
    while (is_ows(*ct))
        ct++;
    if (*ct == '\0')
        return true;
    if (*ct != ';')
        return false;
    /* Parameters: accept charset=utf-8 (any case, optionally quoted) and nothing else
     * that names another charset. Other parameters are ignored. */
    struct str rest = str_from(ct + 1);
    while (rest.n) {
        struct str param;
        if (!str_cut(&rest, ';', &param)) {
            param = rest;
            rest.n = 0;
        }
        param = str_trim(param);
        struct str key;
        if (!str_cut(&param, '=', &key))
            return false;
        key = str_trim(key);
        struct str val = str_trim(param);
        if (val.n >= 2 && val.p[0] == '"' && val.p[val.n - 1] == '"') {
            val.p++;
            val.n -= 2;
        }
        if (str_case_eq_cstr(key, "charset") && !str_case_eq_cstr(val, "utf-8"))
            return false;
    }
    return true;
}

bool http_token_plausible(const char *t)
{
    if (!t)
        return false;
    size_t n = strnlen(t, TOKEN_STR_BYTES);
    if (n == 0 || n >= TOKEN_STR_BYTES)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = t[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_'))
            return false;
    }
    return true;
}
