/*
 * proxy.c: the trusted-proxy list and the X-Forwarded-For walk (contract in proxy.h).
 *
 * Why from the right: each proxy appends the address it received the request from, so the
 * rightmost entries were written by our own proxies and everything left of the first
 * address that is not one of them was written by the client, who can write anything. A bad
 * entry in the part our proxies wrote means a proxy is misconfigured; the peer's address
 * (a proxy's) is then recorded rather than a guess, and the log says so.
 */
#include <arpa/inet.h>
#include <string.h>

#include "../lib/str.h"
#include "proxy.h"

#define IP_TEXT_MAX 45 /* INET6_ADDRSTRLEN - 1: the longest IP literal inet_pton takes */
#define ECHO_MAX    60 /* how much of a bad entry an error message repeats */

static const uint8_t v4_mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

static bool is_ows(char c)
{
    return c == ' ' || c == '\t';
}

/* Trim spaces and tabs (HTTP's optional white space) from both ends of [*p, *p + *n). */
static void trim_ows(const char **p, size_t *n)
{
    while (*n && is_ows(**p)) {
        (*p)++;
        (*n)--;
    }
    while (*n && is_ows((*p)[*n - 1]))
        (*n)--;
}

bool ip_addr_parse(const char *p, size_t n, struct ip_addr *out)
{
    char text[IP_TEXT_MAX + 1];
    if (!p || n == 0 || n > IP_TEXT_MAX)
        return false;
    memcpy(text, p, n);
    text[n] = '\0';
    if (strlen(text) != n) /* an embedded NUL: inet_pton would read only the front */
        return false;
    memset(out, 0, sizeof(*out));
    if (memchr(text, ':', n)) {
        if (inet_pton(AF_INET6, text, out->b) != 1)
            return false;
        out->family = AF_INET6;
        if (memcmp(out->b, v4_mapped, sizeof(v4_mapped)) == 0) {
            memmove(out->b, out->b + 12, 4);
            memset(out->b + 4, 0, 12);
            out->family = AF_INET;
        }
        return true;
    }
    if (inet_pton(AF_INET, text, out->b) != 1)
        return false;
    out->family = AF_INET;
    return true;
}

void ip_addr_format(const struct ip_addr *a, char *out, size_t cap)
{
    if (!cap)
        return;
    out[0] = '\0';
    if (a->family == AF_INET || a->family == AF_INET6)
        inet_ntop(a->family, a->b, out, (socklen_t)cap);
}

static unsigned addr_bits(int family)
{
    return family == AF_INET ? 32 : 128;
}

static bool net_contains(const struct ip_net *net, const struct ip_addr *a)
{
    if (net->addr.family != a->family)
        return false;
    unsigned whole = net->prefix / 8, rest = net->prefix % 8;
    if (memcmp(net->addr.b, a->b, whole) != 0)
        return false;
    if (rest == 0)
        return true;
    uint8_t mask = (uint8_t)(0xff << (8 - rest));
    return (net->addr.b[whole] & mask) == (a->b[whole] & mask);
}

/* True when some bit after the first `prefix` ones is set. */
static bool host_bits_set(const struct ip_net *net)
{
    for (unsigned bit = net->prefix; bit < addr_bits(net->addr.family); bit++)
        if (net->addr.b[bit / 8] & (0x80 >> (bit % 8)))
            return true;
    return false;
}

/* One entry of the setting: ADDRESS or ADDRESS/PREFIX, already trimmed and non-empty. */
static int net_parse(const char *p, size_t n, struct ip_net *out, struct pd_err *e)
{
    const char *slash = memchr(p, '/', n);
    size_t alen = slash ? (size_t)(slash - p) : n;
    int echo = (int)(n < ECHO_MAX ? n : ECHO_MAX);

    if (!ip_addr_parse(p, alen, &out->addr))
        return err_set(e, PD_EINVAL, "trusted-proxy", "'%.*s' is not an IP address or CIDR block",
                       echo, p);
    if (memchr(p, ':', alen) && out->addr.family == AF_INET)
        return err_set(e, PD_EINVAL, "trusted-proxy",
                       "'%.*s': write an IPv4-mapped address as plain IPv4", echo, p);
    out->prefix = addr_bits(out->addr.family);
    if (!slash)
        return PD_OK;
    struct str digits = {slash + 1, n - alen - 1};
    int64_t prefix;
    bool leading_zero = digits.n > 1 && digits.p[0] == '0';
    if (digits.n == 0 || digits.n > 3 || leading_zero || digits.p[0] < '0' || digits.p[0] > '9' ||
        !str_to_i64(digits, 0, addr_bits(out->addr.family), &prefix))
        return err_set(e, PD_EINVAL, "trusted-proxy", "'%.*s': the prefix must be 0 to %u", echo, p,
                       addr_bits(out->addr.family));
    out->prefix = (unsigned)prefix;
    if (host_bits_set(out))
        return err_set(e, PD_EINVAL, "trusted-proxy",
                       "'%.*s': bits set after the /%u prefix (a block starts at its first "
                       "address)",
                       echo, p, out->prefix);
    return PD_OK;
}

int proxy_list_parse(struct proxy_list *l, const char *text, struct pd_err *e)
{
    memset(l, 0, sizeof(*l));
    const char *p = text ? text : "";
    size_t n = strlen(p);
    trim_ows(&p, &n);
    if (n == 0)
        return PD_OK;
    for (;;) {
        const char *comma = memchr(p, ',', n);
        size_t len = comma ? (size_t)(comma - p) : n;
        const char *item = p;
        size_t ilen = len;
        trim_ows(&item, &ilen);
        if (ilen == 0)
            return err_set(e, PD_EINVAL, "trusted-proxy",
                           "an empty entry (two commas in a row, "
                           "or one at an end)");
        if (l->n == LIMIT_TRUSTED_PROXIES)
            return err_set(e, PD_EINVAL, "trusted-proxy", "more than %d entries",
                           LIMIT_TRUSTED_PROXIES);
        if (net_parse(item, ilen, &l->net[l->n], e) != PD_OK)
            return e->code;
        l->n++;
        if (!comma)
            return PD_OK;
        p = comma + 1;
        n -= len + 1;
    }
}

bool proxy_list_trusts(const struct proxy_list *l, const struct ip_addr *a)
{
    for (size_t i = 0; i < l->n; i++)
        if (net_contains(&l->net[i], a))
            return true;
    return false;
}

enum proxy_from proxy_client_addr(const struct proxy_list *l, const struct ip_addr *peer,
                                  const char *xff, struct ip_addr *client)
{
    *client = *peer;
    if (!proxy_list_trusts(l, peer))
        return PROXY_PEER_UNTRUSTED;
    if (!xff)
        return PROXY_NO_CLIENT;
    const char *end = xff + strlen(xff);
    int hops = 0;
    /* [start, end) is the entry under examination; entries are taken from the right. */
    for (;;) {
        const char *start = end;
        while (start > xff && start[-1] != ',')
            start--;
        const char *item = start;
        size_t n = (size_t)(end - start);
        trim_ows(&item, &n);
        if (n > 0) { /* empty list elements are ignored (RFC 9110 5.6.1) */
            struct ip_addr a;
            if (++hops > LIMIT_XFF_HOPS)
                return PROXY_TOO_MANY_HOPS;
            if (!ip_addr_parse(item, n, &a))
                return PROXY_BAD_ENTRY;
            if (!proxy_list_trusts(l, &a)) {
                *client = a;
                return PROXY_FROM_HEADER;
            }
        }
        if (start == xff)
            return PROXY_NO_CLIENT;
        end = start - 1; /* before the comma */
    }
}
