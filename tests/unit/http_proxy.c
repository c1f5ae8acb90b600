/*
 * http_proxy.c: src/http/proxy.c: IP literals (strict, IPv4-mapped folded to IPv4), the
 * trusted-proxy setting (CIDR edges /0 /32 /128, host bits, empty entries, garbage, the
 * entry cap) and the X-Forwarded-For walk (from the right, trusted hops skipped, spaces and
 * empty elements, garbage, too many hops, a spoofed leftmost entry, an untrusted peer).
 */
#include <arpa/inet.h>

#include "../tap.h"
#include "http/proxy.h"

static struct ip_addr A(const char *text) {
    struct ip_addr a = {0};
    if (!ip_addr_parse(text, strlen(text), &a))
        printf("# test setup: '%s' is no address\n", text);
    return a;
}

static bool
parses(const char *text)
{
    struct ip_addr a;
    return ip_addr_parse(text, strlen(text), &a);
}

static const char *fmt(const struct ip_addr *a)
{
    static char out[64];
    ip_addr_format(a, out, sizeof(out));
    return out;
}

static int list(struct proxy_list *l, const char *text, struct pd_err *e)
{
    err_clear(e);
    return proxy_list_parse(l, text, e);
}

static bool trusts(const char *setting, const char *addr)
{
    struct proxy_list l;
    struct pd_err e;
    if (list(&l, setting, &e) != PD_OK) {
        printf("# test setup: setting '%s' refused: %s\n", setting, e.detail);
        return false;
    }
    struct ip_addr a = A(addr);
    return proxy_list_trusts(&l, &a);
}

/* Walk with `setting` as the trusted list: the chosen address, and *from how. */
static const char *walk(const char *setting, const char *peer, const char *xff,
                        enum proxy_from *from)
{
    static char out[64];
    struct proxy_list l;
    struct pd_err e;
    struct ip_addr p = A(peer), c;
    if (list(&l, setting, &e) != PD_OK)
        return "(setting refused)";
    *from = proxy_client_addr(&l, &p, xff, &c);
    ip_addr_format(&c, out, sizeof(out));
    return out;
}

static void test_addr(void)
{
    struct ip_addr a;
    ok(parses("198.51.100.7"), "IPv4");
    ok(parses("2001:db8::1"), "IPv6");
    ok(parses("::"), "IPv6 unspecified");
    ok(!parses(""), "empty: no");
    ok(!parses("198.51.100"), "three parts: no");
    ok(!parses("198.51.100.256"), "octet 256: no");
    ok(!parses("198.051.100.7"), "leading zero (octal to some parsers): no");
    ok(!parses("0x7f.0.0.1"), "hex: no");
    ok(!parses("198.51.100.7:443"), "with a port: no");
    ok(!parses("[2001:db8::1]"), "bracketed IPv6: no");
    ok(!parses("fe80::1%eth0"), "IPv6 with a zone: no");
    ok(!parses(" 198.51.100.7"), "a leading space is the caller's to trim");
    ok(!parses("unknown"), "'unknown': no");
    ok(!parses("2001:db8:0:0:0:0:0:0:1"), "nine groups: no");
    ok(!parses("1111:2222:3333:4444:5555:6666:7777:8888:9999:aaaa"), "46+ bytes: no");
    ok(!ip_addr_parse("198.51.100.7\0", 13, &a), "an embedded NUL: no");

    a = A("::ffff:198.51.100.7");
    is_int(a.family, AF_INET, "IPv4-mapped IPv6 is IPv4");
    is_str(fmt(&a), "198.51.100.7", "  ... and prints as IPv4");
    a = A("2001:DB8:0:0::1");
    is_str(fmt(&a), "2001:db8::1", "IPv6 prints canonically");
}

static void test_setting(void)
{
    struct proxy_list l;
    struct pd_err e;

    is_int(list(&l, NULL, &e), PD_OK, "no setting");
    is_int(l.n, 0, "  ... trusts nobody");
    is_int(list(&l, "  ", &e), PD_OK, "only spaces");
    is_int(l.n, 0, "  ... trusts nobody");
    is_int(list(&l, " 127.0.0.1 ,10.0.0.0/8,\t::1, 2001:db8::/32 ", &e), PD_OK,
           "four entries with spaces and a tab");
    is_int(l.n, 4, "  ... four");

    static const struct {
        const char *text, *why;
    } bad[] = {
        {"127.0.0.1,", "a trailing comma"},
        {",127.0.0.1", "a leading comma"},
        {"127.0.0.1,,::1", "two commas"},
        {"127.0.0.1, ,::1", "an entry of spaces"},
        {"nginx.internal", "a host name"},
        {"127.0.0.1:8080", "an address with a port"},
        {"10.0.0.0/33", "an IPv4 prefix of 33"},
        {"::/129", "an IPv6 prefix of 129"},
        {"10.0.0.0/", "a slash without prefix"},
        {"10.0.0.0/-1", "a negative prefix"},
        {"10.0.0.0/+8", "a prefix with a sign"},
        {"10.0.0.0/08", "a prefix with a leading zero"},
        {"10.0.0.0/8/8", "two slashes"},
        {"10.0.0.1/8", "host bits after the prefix"},
        {"2001:db8::1/32", "host bits after an IPv6 prefix"},
        {"::ffff:10.0.0.1", "an IPv4-mapped entry"},
        {"/8", "a prefix without address"},
        {"10.0.0.0 /8", "a space before the slash"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        is_int(list(&l, bad[i].text, &e), PD_EINVAL, "refused: %s (%s)", bad[i].why, bad[i].text);
        is_str(e.field, "trusted-proxy", "  ... naming trusted-proxy");
    }
    list(&l, "10.0.0.1/8", &e);
    ok(strstr(e.detail, "10.0.0.1/8") != NULL, "the message repeats the entry: %s", e.detail);

    char many[LIMIT_TRUSTED_PROXIES * 16 + 16] = "";
    size_t used = 0;
    for (int i = 0; i <= LIMIT_TRUSTED_PROXIES; i++) {
        used += (size_t)snprintf(many + used, sizeof(many) - used, "%s10.0.%d.%d", i ? "," : "",
                                 i / 256, i % 256);
        if (i == LIMIT_TRUSTED_PROXIES - 1)
            is_int(list(&l, many, &e), PD_OK, "LIMIT_TRUSTED_PROXIES entries are fine");
    }
    is_int(list(&l, many, &e), PD_EINVAL, "one more is refused");
}

static void test_match(void)
{
    ok(trusts("127.0.0.1", "127.0.0.1"), "an address trusts itself");
    ok(!trusts("127.0.0.1", "127.0.0.2"), "  ... and not its neighbour");
    ok(trusts("127.0.0.1/32", "127.0.0.1"), "/32 is one address");
    ok(!trusts("127.0.0.1/32", "127.0.0.0"), "  ... only that one");
    ok(trusts("0.0.0.0/0", "198.51.100.7"), "/0 is every IPv4 address");
    ok(!trusts("0.0.0.0/0", "2001:db8::1"), "  ... but no IPv6 one");
    ok(trusts("::/0", "2001:db8::1"), "::/0 is every IPv6 address");
    ok(!trusts("::/0", "198.51.100.7"), "  ... but no IPv4 one");
    ok(trusts("::1/128", "::1"), "/128 is one address");
    ok(!trusts("::1/128", "::2"), "  ... only that one");
    ok(trusts("10.0.0.0/8", "10.255.255.255"), "10.0.0.0/8 has its last address");
    ok(!trusts("10.0.0.0/8", "11.0.0.0"), "  ... and not the next");
    ok(trusts("192.168.0.0/23", "192.168.1.200"), "an odd prefix (/23): inside");
    ok(!trusts("192.168.0.0/23", "192.168.2.0"), "  ... and just outside");
    ok(trusts("2001:db8::/33", "2001:db8:7fff::1"), "IPv6 /33: inside");
    ok(!trusts("2001:db8::/33", "2001:db8:8000::1"), "  ... and just outside");
    ok(trusts("10.0.0.1", "::ffff:10.0.0.1"), "an IPv4-mapped address matches its IPv4 entry");
    ok(!trusts("", "127.0.0.1"), "the empty setting trusts nobody");
}

static void test_walk(void)
{
    enum proxy_from f;
    const char *nginx = "127.0.0.1", *two = "127.0.0.1, 10.0.0.0/8";

    is_str(walk("", nginx, "198.51.100.7", &f), "127.0.0.1", "nobody trusted: the peer");
    is_int(f, PROXY_PEER_UNTRUSTED, "  ... the header is not read");
    is_str(walk("10.0.0.0/8", nginx, "198.51.100.7", &f), "127.0.0.1",
           "a peer outside the list cannot forge its address");
    is_int(f, PROXY_PEER_UNTRUSTED, "  ... PROXY_PEER_UNTRUSTED");
    is_str(walk(nginx, nginx, "198.51.100.7", &f), "198.51.100.7", "trusted peer: the header");
    is_int(f, PROXY_FROM_HEADER, "  ... PROXY_FROM_HEADER");
    is_str(walk(nginx, nginx, "2001:db8::7", &f), "2001:db8::7", "an IPv6 client");
    is_str(walk(nginx, nginx, "::ffff:198.51.100.7", &f), "198.51.100.7",
           "an IPv4-mapped client is recorded as IPv4");
    is_str(walk(nginx, nginx, NULL, &f), "127.0.0.1", "no header: the peer");
    is_int(f, PROXY_NO_CLIENT, "  ... PROXY_NO_CLIENT");
    is_str(walk(nginx, nginx, "", &f), "127.0.0.1", "an empty header: the peer");
    is_int(f, PROXY_NO_CLIENT, "  ... PROXY_NO_CLIENT");
    is_str(walk(nginx, nginx, " , ,", &f), "127.0.0.1", "only empty elements: the peer");
    is_int(f, PROXY_NO_CLIENT, "  ... PROXY_NO_CLIENT");
    is_str(walk(two, nginx, "10.1.2.3, 127.0.0.1", &f), "127.0.0.1",
           "every entry trusted: the peer");
    is_int(f, PROXY_NO_CLIENT, "  ... PROXY_NO_CLIENT");

    is_str(walk(nginx, nginx, "203.0.113.66, 198.51.100.7", &f), "198.51.100.7",
           "a spoofed leftmost entry: the rightmost untrusted one wins");
    is_str(walk(two, nginx, "203.0.113.66, 198.51.100.7, 10.0.0.5", &f), "198.51.100.7",
           "trusted hops on the right are skipped");
    is_str(walk(two, nginx, "garbage, <script>, 198.51.100.7 ,10.0.0.5", &f), "198.51.100.7",
           "garbage left of the client is never read");
    is_int(f, PROXY_FROM_HEADER, "  ... PROXY_FROM_HEADER");
    is_str(walk(nginx, nginx, "  198.51.100.7\t", &f), "198.51.100.7", "spaces and a tab");
    is_str(walk(nginx, nginx, "198.51.100.7,,  ,", &f), "198.51.100.7",
           "empty elements are skipped");
    is_str(walk(nginx, nginx, "198.51.100.7,127.0.0.1", &f), "198.51.100.7",
           "no space after the comma");

    is_str(walk(nginx, nginx, "garbage", &f), "127.0.0.1", "garbage: the peer");
    is_int(f, PROXY_BAD_ENTRY, "  ... PROXY_BAD_ENTRY");
    is_str(walk(two, nginx, "198.51.100.7, 10.0.0.5:1234", &f), "127.0.0.1",
           "a port on a trusted hop ends the walk: the peer");
    is_int(f, PROXY_BAD_ENTRY, "  ... PROXY_BAD_ENTRY");
    is_str(walk(nginx, nginx, "198.51.100.7 198.51.100.8", &f), "127.0.0.1",
           "two addresses without a comma: the peer");
    is_str(walk(nginx, nginx, "[2001:db8::7]", &f), "127.0.0.1", "brackets: the peer");
    is_str(walk(nginx, nginx, "unknown", &f), "127.0.0.1", "'unknown': the peer");

    char hops[LIMIT_XFF_HOPS * 12 + 32] = "198.51.100.7";
    size_t used = strlen(hops);
    for (int i = 0; i < LIMIT_XFF_HOPS; i++)
        used += (size_t)snprintf(hops + used, sizeof(hops) - used, ", 10.0.0.%d", i + 1);
    /* LIMIT_XFF_HOPS trusted entries, then the client: one entry too many to examine. */
    is_str(walk(two, nginx, hops, &f), "127.0.0.1", "too many hops: the peer");
    is_int(f, PROXY_TOO_MANY_HOPS, "  ... PROXY_TOO_MANY_HOPS");
    char *last = strrchr(hops, ',');
    *last = '\0';
    is_str(walk(two, nginx, hops, &f), "198.51.100.7",
           "LIMIT_XFF_HOPS - 1 trusted hops and the client: found");
}

int main(void)
{
    subtest("ip addresses") test_addr();
    subtest("the setting") test_setting();
    subtest("matching") test_match();
    subtest("the walk") test_walk();
    return done_testing();
}
