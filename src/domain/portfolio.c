/*
 * portfolio.c: see portfolio.h. File types are decided by magic bytes only; the type a
 * browser sends must agree with them (checked by app/portfolio.c).
 */
#include "portfolio.h"

#include <string.h>

#include "../lib/str.h"

static const char *const allowed[] = {"application/pdf", "image/png", "image/jpeg", "text/plain",
                                      NULL};

bool portfolio_type_allowed(const char *t)
{
    for (size_t i = 0; t && allowed[i]; i++)
        if (strcmp(t, allowed[i]) == 0)
            return true;
    return false;
}

static bool starts(const unsigned char *p, size_t n, const char *magic, size_t m)
{
    return n >= m && memcmp(p, magic, m) == 0;
}

const char *portfolio_sniff(const unsigned char *p, size_t n)
{
    if (!p || n == 0)
        return NULL;
    if (starts(p, n, "%PDF-", 5))
        return "application/pdf";
    if (starts(p, n, "\x89PNG\r\n\x1a\n", 8))
        return "image/png";
    if (starts(p, n, "\xff\xd8\xff", 3))
        return "image/jpeg";
    if (!utf8_valid((const char *)p, n))
        return NULL;
    for (size_t i = 0; i < n; i++)
        if ((p[i] < 0x20 && p[i] != '\t' && p[i] != '\r' && p[i] != '\n') || p[i] == 0x7f)
            return NULL;
    return "text/plain";
}

bool portfolio_link_ok(const char *url)
{
    size_t n = url ? strlen(url) : 0;
    if (n == 0 || n > PORTFOLIO_URL_BYTES)
        return false;
    size_t skip;
    if (strncmp(url, "https://", 8) == 0)
        skip = 8;
    else if (strncmp(url, "http://", 7) == 0)
        skip = 7;
    else
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)url[i] <= 0x20 || (unsigned char)url[i] >= 0x7f)
            return false;
    /* a host: at least one character before any path, query, fragment or userinfo end */
    size_t host = strcspn(url + skip, "/?#");
    return host > 0 && url[skip] != '@' && url[skip] != ':';
}

bool portfolio_file_name_ok(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (n == 0 || n > PORTFOLIO_FILE_NAME || strcmp(name, ".") == 0 || strcmp(name, "..") == 0 ||
        !utf8_valid(name, n))
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)name[i];
        if (c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == '"')
            return false;
    }
    return true;
}
