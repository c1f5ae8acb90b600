/*
 * http_server.c: the running server, spoken to over a real socket on 127.0.0.1, port 0.
 *
 * Only paths that never reach the database are used here (health, OpenAPI, 404/405, the
 * checks that answer before a session is looked up); logging in and everything behind
 * it are exercised by the black-box suite in tests/http. What this proves: answers come
 * on keep-alive connections, every answer (problems and 404s included) carries the
 * security headers and a trace id, problem+json has its shape, Allow on 405, 415/413 on
 * bodies, 400 on a bad query, and a bad listen address or HSTS option behave.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../tap.h"
#include "app/app.h"
#include "http/http.h"
#include "http/assets.h"
#include "http/http_int.h"

struct resp {
    int status;
    char head[8192];
    char *body;
    size_t body_len;
};

static int connect_to(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
    if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
        close(fd);
        return -1;
    }
    struct timeval tv = {.tv_sec = 10};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    return fd;
}

static bool send_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w <= 0)
            return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

/* Read one response (Content-Length framed). */
static bool read_resp(int fd, struct resp *r)
{
    memset(r, 0, sizeof(*r));
    size_t used = 0;
    char *end = NULL;
    while (!end) {
        if (used + 1 >= sizeof(r->head))
            return false;
        ssize_t n = recv(fd, r->head + used, 1, 0); /* byte-wise: stop exactly at the body */
        if (n <= 0)
            return false;
        used += (size_t)n;
        r->head[used] = '\0';
        end = strstr(r->head, "\r\n\r\n");
    }
    r->status = (int)strtol(r->head + 9, NULL, 10);
    size_t len = 0;
    const char *cl = strcasestr(r->head, "\r\nContent-Length:");
    if (cl)
        len = (size_t)strtoul(cl + 17, NULL, 10);
    r->body = calloc(1, len + 1);
    r->body_len = len;
    for (size_t got = 0; got < len;) {
        ssize_t n = recv(fd, r->body + got, len - got, 0);
        if (n <= 0)
            return false;
        got += (size_t)n;
    }
    return true;
}

static bool has_header(const struct resp *r, const char *line)
{
    char want[512];
    snprintf(want, sizeof(want), "\r\n%s\r\n", line);
    return strcasestr(r->head, want) != NULL;
}

static bool roundtrip(int fd, const char *req, struct resp *r)
{
    return send_all(fd, req, strlen(req)) && read_resp(fd, r);
}

/* What every answer carries, the UI's files too (they differ only in caching). */
static void ui_headers(const struct resp *r, const char *what)
{
    ok(has_header(r, "Content-Security-Policy: default-src 'self'; img-src 'self' data:; "
                     "object-src 'none'; base-uri 'none'; form-action 'self'; "
                     "frame-ancestors 'none'"),
       "%s: CSP", what);
    ok(has_header(r, "X-Content-Type-Options: nosniff"), "%s: nosniff", what);
    ok(has_header(r, "Referrer-Policy: no-referrer"), "%s: referrer policy", what);
    ok(strcasestr(r->head, "\r\nX-Trace-Id: ") != NULL, "%s: trace id", what);
}

static void security_headers(const struct resp *r, const char *what)
{
    ui_headers(r, what);
    ok(has_header(r, "Cache-Control: no-store"), "%s: no-store", what);
    ok(strcasestr(r->head, "\r\nX-Trace-Id: ") != NULL, "%s: trace id", what);
}

static json_t *body_json(const struct resp *r)
{
    json_error_t je;
    return json_loadb(r->body ? r->body : "", r->body_len, 0, &je);
}

/* Slug and status come from err.c, so this test follows the one mapping. */
static void problem(const struct resp *r, int code, const char *what)
{
    int status = err_http_status(code);
    const char *slug = err_slug(code);
    is_int(r->status, status, "%s: status", what);
    ok(has_header(r, "Content-Type: application/problem+json"), "%s: problem+json", what);
    json_t *j = body_json(r);
    char type[128];
    snprintf(type, sizeof(type), "urn:peerdesk:problem:%s", slug);
    is_str(json_string_value(json_object_get(j, "type")), type, "%s: type", what);
    is_int(json_integer_value(json_object_get(j, "status")), status, "%s: status member", what);
    ok(json_is_string(json_object_get(j, "trace_id")), "%s: trace_id member", what);
    ok(json_is_string(json_object_get(j, "title")), "%s: title member", what);
    security_headers(r, what);
    json_decref(j);
}

static void run(int port)
{
    struct resp r;
    int fd = connect_to(port);
    ok(fd >= 0, "connected");

    subtest("healthz, twice on one connection")
    {
        ok(roundtrip(fd, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", &r), "first answer");
        is_int(r.status, 200, "200");
        json_t *j = body_json(&r);
        is_str(json_string_value(json_object_get(j, "status")), "ok", "status ok");
        is_str(json_string_value(json_object_get(j, "version")), PEERDESK_VERSION, "version");
        json_decref(j);
        security_headers(&r, "healthz");
        ok(strcasestr(r.head, "Strict-Transport-Security") == NULL, "no HSTS without TLS");
        ok(strcasestr(r.head, "Connection: close") == NULL, "keep-alive kept");
        free(r.body);
        ok(roundtrip(fd, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", &r),
           "second answer on the same connection");
        is_int(r.status, 200, "200 again");
        free(r.body);
    }
    subtest("404")
    {
        ok(roundtrip(fd, "GET /api/v1/nope HTTP/1.1\r\nHost: x\r\n\r\n", &r), "answer");
        problem(&r, PD_ENOTFOUND, "unknown path");
        is_int(r.status, 404, "unknown path is 404");
        free(r.body);
        ok(roundtrip(fd, "GET /api/v1/me/ HTTP/1.1\r\nHost: x\r\n\r\n", &r), "answer");
        is_int(r.status, 404, "trailing slash is 404");
        free(r.body);
    }
    subtest("405")
    {
        ok(roundtrip(fd, "GET /api/v1/session HTTP/1.1\r\nHost: x\r\n\r\n", &r), "answer");
        problem(&r, PD_EMETHOD, "GET session");
        is_int(r.status, 405, "405");
        ok(has_header(&r, "Allow: POST, DELETE"), "Allow header");
        free(r.body);
    }
    subtest("401 without a session")
    {
        ok(roundtrip(fd, "GET /api/v1/me HTTP/1.1\r\nHost: x\r\n\r\n", &r), "answer");
        problem(&r, PD_EUNAUTH, "me");
        free(r.body);
        ok(roundtrip(fd,
                     "DELETE /api/v1/session HTTP/1.1\r\nHost: x\r\nCookie: a=b; "
                     "peerdesk_session=not valid\r\n\r\n",
                     &r),
           "answer");
        problem(&r, PD_EUNAUTH, "logout with a garbage cookie");
        free(r.body);
    }
    subtest("bad query")
    {
        ok(roundtrip(fd, "GET /healthz?x=%zz HTTP/1.1\r\nHost: x\r\n\r\n", &r), "answer");
        problem(&r, PD_EBADREQ, "bad percent-encoding");
        free(r.body);
    }
    subtest("login body checks")
    {
        const char *form = "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: "
                           "application/x-www-form-urlencoded\r\nContent-Length: 10\r\n\r\n"
                           "email=a%40";
        ok(roundtrip(fd, form, &r), "answer");
        problem(&r, PD_EMEDIA, "cross-site form post");
        is_int(r.status, 415, "415");
        free(r.body);

        size_t big = (size_t)LIMIT_BODY_BYTES + 10;
        char head[256];
        snprintf(head, sizeof(head),
                 "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: "
                 "application/json\r\nContent-Length: %zu\r\n\r\n",
                 big);
        char *body = malloc(big);
        memset(body, ' ', big);
        ok(send_all(fd, head, strlen(head)) && send_all(fd, body, big) && read_resp(fd, &r),
           "answer");
        free(body);
        problem(&r, PD_ETOOBIG, "body over LIMIT_BODY_BYTES");
        is_int(r.status, 413, "413");
        free(r.body);
    }
    subtest("openapi")
    {
        ok(roundtrip(fd, "GET /api/v1/openapi.json HTTP/1.1\r\nHost: x\r\n\r\n", &r), "answer");
        is_int(r.status, 200, "200");
        json_t *j = body_json(&r);
        is_str(json_string_value(json_object_get(j, "openapi")), "3.1.0", "an OpenAPI document");
        json_decref(j);
        security_headers(&r, "openapi");
        free(r.body);
    }
    subtest("the web UI: the page, its assets, and screens as paths")
    {
        char req[256], etag[128] = "";
        ok(roundtrip(fd, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", &r), "answer");
        is_int(r.status, 200, "the page is 200");
        ok(has_header(&r, "Content-Type: text/html; charset=utf-8"), "as HTML");
        ok(has_header(&r, "Cache-Control: no-cache"), "revalidated on every visit");
        ui_headers(&r, "page");
        char base[64];
        snprintf(base, sizeof(base), "/assets/%s/main.js", web_build_id);
        ok(r.body && strstr(r.body, base), "it names this build's assets");
        free(r.body);
        ok(roundtrip(fd, "GET /dossiers/0190-abc HTTP/1.1\r\nHost: x\r\n\r\n", &r), "answer");
        is_int(r.status, 200, "a screen's path gets the page too");
        free(r.body);
        snprintf(req, sizeof(req), "GET %s HTTP/1.1\r\nHost: x\r\n\r\n", base);
        ok(roundtrip(fd, req, &r), "answer");
        is_int(r.status, 200, "main.js is 200");
        ok(has_header(&r, "Content-Type: text/javascript; charset=utf-8"), "as JavaScript");
        ok(has_header(&r, "Cache-Control: public, max-age=31536000, immutable"), "cached a year");
        const char *tag = strcasestr(r.head, "\r\nETag: ");
        if (tag)
            snprintf(etag, sizeof(etag), "%.*s", (int)strcspn(tag + 8, "\r"), tag + 8);
        ok(etag[0] == '"', "with a strong ETag");
        free(r.body);
        snprintf(req, sizeof(req), "GET %s HTTP/1.1\r\nHost: x\r\nIf-None-Match: %s\r\n\r\n", base,
                 etag);
        ok(roundtrip(fd, req, &r), "answer");
        is_int(r.status, 304, "unchanged: 304");
        free(r.body);
        ok(roundtrip(fd, "GET /assets/000000000000/main.js HTTP/1.1\r\nHost: x\r\n\r\n", &r),
           "answer");
        is_int(r.status, 200, "an older build's page still gets the file");
        ok(has_header(&r, "Cache-Control: no-cache"), "but not cached");
        free(r.body);
        ok(roundtrip(fd, "GET /favicon.ico HTTP/1.1\r\nHost: x\r\n\r\n", &r), "answer");
        problem(&r, PD_ENOTFOUND, "a file we do not have");
        free(r.body);
        snprintf(req, sizeof(req), "GET /assets/%s/nope.js HTTP/1.1\r\nHost: x\r\n\r\n",
                 web_build_id);
        ok(roundtrip(fd, req, &r), "answer");
        problem(&r, PD_ENOTFOUND, "an asset we do not have");
        free(r.body);
        ok(roundtrip(fd, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", &r), "answer");
        ok(r.status == 404 || r.status == 405, "POST to the page is not served (%d)", r.status);
        free(r.body);
    }
    subtest("HEAD and OPTIONS")
    {
        ok(send_all(fd, "HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 35), "HEAD sent");
        /* HEAD carries Content-Length but no body: read the head only. */
        char buf[4096];
        size_t used = 0;
        while (used < sizeof(buf) - 1 && !strstr(buf, "\r\n\r\n")) {
            ssize_t n = recv(fd, buf + used, 1, 0);
            if (n <= 0)
                break;
            used += (size_t)n;
            buf[used] = '\0';
        }
        ok(strncmp(buf, "HTTP/1.1 200", 12) == 0, "HEAD /healthz is 200");
        ok(roundtrip(fd, "OPTIONS /api/v1/session HTTP/1.1\r\nHost: x\r\n\r\n", &r), "answer");
        is_int(r.status, 204, "OPTIONS is 204");
        ok(has_header(&r, "Allow: POST, DELETE"), "with Allow");
        free(r.body);
    }
    close(fd);
}

/* A connection handed over by the caller (http_server_add_connection; the fuzzer's way
 * in): one end of a socketpair is served like an accepted client from 127.0.0.1. */
static void add_connection(struct http_server *s)
{
    int sv[2];
    struct pd_err e;
    err_clear(&e);
    ok(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0, "socketpair");
    ok(http_server_add_connection(s, sv[1], &e) == PD_OK, "add_connection: accepted");
    struct timeval tv = {.tv_sec = 10};
    setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    struct resp r;
    ok(roundtrip(sv[0], "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", &r), "add_connection: answer");
    is_int(r.status, 200, "add_connection: /healthz is 200");
    security_headers(&r, "add_connection");
    free(r.body);
    ok(roundtrip(sv[0], "GET /api/v1/nowhere HTTP/1.1\r\nHost: x\r\n\r\n", &r),
       "add_connection: keep-alive, a second answer");
    is_int(r.status, 404, "add_connection: 404");
    free(r.body);
    close(sv[0]);

    err_clear(&e);
    ok(http_server_add_connection(NULL, socket(AF_UNIX, SOCK_STREAM, 0), &e) == PD_EINVAL,
       "add_connection: no server");
}

int main(void)
{
    struct pd_err e;
    struct app_config cfg = {.db_target = "/nonexistent/peerdesk-unit.db", .db_connections = 2};
    err_clear(&e);
    struct app *app = app_new(&cfg, &e);
    ok(app != NULL, "app created (no database is opened by these requests)");

    err_clear(&e);
    ok(http_server_start(app, "localhost:80", 1, false, &e) == NULL, "a host name is refused");
    err_clear(&e);
    ok(http_server_start(app, "127.0.0.1:99999", 1, false, &e) == NULL, "a bad port is refused");
    err_clear(&e);
    ok(http_server_start(app, "127.0.0.1", 1, false, &e) == NULL, "a missing port is refused");

    err_clear(&e);
    struct http_server *s = http_server_start(app, "127.0.0.1:0", 2, false, &e);
    ok(s != NULL, "server started on port 0 (%s)", e.detail);
    if (s) {
        int port = http_server_port(s);
        ok(port > 0, "bound port %d", port);
        run(port);
        add_connection(s);
        http_server_stop(s);
    }

    err_clear(&e);
    s = http_server_start(app, "127.0.0.1:0", 1, true, &e);
    if (s) {
        int fd = connect_to(http_server_port(s));
        struct resp r;
        ok(roundtrip(fd, "GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n", &r), "answer");
        ok(has_header(&r, "Strict-Transport-Security: max-age=31536000; includeSubDomains"),
           "HSTS with tls_hsts, on a 404 too");
        free(r.body);
        close(fd);
        http_server_stop(s);
    }
    app_free(app);

    cfg.trusted_proxies = "127.0.0.1, nginx";
    err_clear(&e);
    app = app_new(&cfg, &e);
    ok(http_server_start(app, "127.0.0.1:0", 1, false, &e) == NULL,
       "a bad trusted-proxy list is refused");
    is_str(e.field, "trusted-proxy", "  ... naming trusted-proxy");
    app_free(app);
    return done_testing();
}
