/*
 * proxy.h: who the client is when peerdesk runs behind a reverse proxy (docs/scaling.md 1).
 *
 * Purpose. The setting `trusted-proxy` names the proxies (IPv4/IPv6 addresses and CIDR
 * blocks) whose X-Forwarded-For header peerdesk believes. proxy_client_addr() derives the
 * client's address from the connection's address (the peer) and that header: when the peer
 * is trusted, the header is walked from the right, trusted entries are skipped, and the first
 * untrusted entry is the client. In every other case (peer not trusted, header missing,
 * empty, every entry trusted, an entry that is not an IP literal, more than LIMIT_XFF_HOPS
 * entries examined) the peer's address is the client's. The left part of the header is
 * what the client itself sent, so it is never read past the first untrusted entry.
 *
 * IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) in the header count as the IPv4 address; in the
 * setting they are refused (write the IPv4 form), so one address has one spelling.
 *
 * Ownership and threads. Plain values, no allocation: a proxy_list is filled once at start
 * and then only read, so any number of threads may share it.
 */
#ifndef PD_HTTP_PROXY_H
#define PD_HTTP_PROXY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../lib/err.h"
#include "../lib/limits.h"

struct ip_addr {
    int family; /* AF_INET (b[0..3]) or AF_INET6 (b[0..15]) */
    uint8_t b[16];
};

struct ip_net {
    struct ip_addr addr; /* host bits are zero */
    unsigned prefix;     /* 0..32 or 0..128 */
};

struct proxy_list {
    struct ip_net net[LIMIT_TRUSTED_PROXIES];
    size_t n; /* 0: trust nobody */
};

/* How proxy_client_addr chose; the last four all give the peer's address. */
enum proxy_from {
    PROXY_FROM_HEADER,    /* the first untrusted entry of X-Forwarded-For */
    PROXY_PEER_UNTRUSTED, /* the peer is no trusted proxy: the header is not read */
    PROXY_NO_CLIENT,      /* no header, an empty one, or every entry a trusted proxy */
    PROXY_BAD_ENTRY,      /* an entry up to the first untrusted one is not an IP literal */
    PROXY_TOO_MANY_HOPS,  /* LIMIT_XFF_HOPS trusted entries and still no client */
};

/* One IP literal of n bytes (inet_pton: dotted quad without leading zeros, or IPv6 without
 * zone). IPv4-mapped IPv6 becomes IPv4. False for anything else. */
bool ip_addr_parse(const char *p, size_t n, struct ip_addr *out);
/* The canonical text (inet_ntop); cap >= 46 always fits. */
void ip_addr_format(const struct ip_addr *a, char *out, size_t cap);

/* A comma-separated list of addresses and CIDR blocks ("10.0.0.1, 192.168.0.0/16, ::1").
 * NULL or only spaces: the empty list. Refused (PD_EINVAL, field "trusted-proxy"): an empty
 * entry, an entry that is not an address, a prefix out of range or with host bits set
 * (10.0.0.1/8), an IPv4-mapped IPv6 entry, more than LIMIT_TRUSTED_PROXIES entries. */
int proxy_list_parse(struct proxy_list *l, const char *text, struct pd_err *e);
bool proxy_list_trusts(const struct proxy_list *l, const struct ip_addr *a);

/* The client's address into *client (see the top of this file). xff is the X-Forwarded-For
 * value (several headers joined with ","), NULL when absent. */
enum proxy_from proxy_client_addr(const struct proxy_list *l, const struct ip_addr *peer,
                                  const char *xff, struct ip_addr *client);

#endif
