/*
 * http.h: the web server: libmicrohttpd in thread-pool mode with epoll, in front of app/.
 *
 * Purpose. http_server_start() validates the route table (routes.c), builds the OpenAPI
 * document once, binds an IPv4 address and starts `threads` worker threads, each with its
 * own epoll loop. Every request then goes through one pipeline (dispatch.c): route match,
 * session, CSRF, role, body, handler, problem+json on any failure, security headers on
 * every answer, one access-log line.
 *
 * Ownership. The server borrows `app` (the caller keeps it alive until after
 * http_server_stop and frees it afterwards). The returned server is owned by the caller and
 * released by http_server_stop(), which waits for the worker threads to finish.
 *
 * Threads. start/port/stop are for one controlling thread (the CLI's `serve`). Requests run
 * on the pool's threads; each request lives on one thread with its own arena, so the only
 * state shared between requests is the read-only route table, the OpenAPI bytes and `app`
 * (thread-safe by its own contract).
 */
#ifndef PD_HTTP_H
#define PD_HTTP_H

#include <stdbool.h>

#include "../lib/err.h"

struct app;
struct http_server;

/* listen is "a.b.c.d:port" (IPv4; port 0 = any free port). threads >= 1 (clamped to 1..256).
 * tls_hsts adds Strict-Transport-Security to every answer (set it when a TLS proxy fronts
 * us). NULL with e filled when the address is bad, the route table fails validation
 * (http_routes_validate) or the socket cannot be bound. */
struct http_server *http_server_start(struct app *app, const char *listen, int threads,
                                      bool tls_hsts, struct pd_err *e);

/* The same, serving HTTPS itself (libmicrohttpd over GnuTLS, TLS 1.2 and 1.3 only) with a
 * certificate chain and its private key, both PEM text (not paths); HSTS on every answer.
 * NULL with e (field "tls-cert") when GnuTLS refuses them. */
struct http_server *http_server_start_tls(struct app *app, const char *listen, int threads,
                                          const char *cert_pem, const char *key_pem,
                                          struct pd_err *e);

/* Hand the server a connected stream socket (e.g. one end of a socketpair(2)), served as
 * if it had been accepted from 127.0.0.1. The server owns fd from the call on (closed on
 * failure too). PD_OK, or an error in e. For in-process tests and the fuzzer. */
int http_server_add_connection(struct http_server *s, int fd, struct pd_err *e);
/* The port actually bound (useful after asking for port 0); -1 when unknown. */
int http_server_port(const struct http_server *s);
/* Stop accepting, finish the threads, free everything. NULL is fine. */
void http_server_stop(struct http_server *s);

#endif
