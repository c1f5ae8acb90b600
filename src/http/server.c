/*
 * server.c: the libmicrohttpd glue: daemon options, the per-request lifecycle and the
 * access log.
 *
 * Lifecycle of one request (ARCHITECTURE.md 2, the keep-alive trap):
 *  1. the URI log callback sees the raw request target (before libmicrohttpd unescapes
 *     it) and allocates struct http_req, which becomes the request's *con_cls;
 *  2. the first access-handler call only marks the request started and returns MHD_YES
 *     (queuing an answer here would cost keep-alive: ~18k instead of ~100k req/s);
 *  3. upload calls append to the body buffer (capped at LIMIT_BODY_BYTES; beyond it the
 *     rest is read and dropped so the connection stays in step, and the answer is 413);
 *  4. the final call (no more data) dispatches and queues the answer; if the use case
 *     read client data, its audit entries are still owed: the connection is suspended and
 *     the entries go to the audit writer (app.h), whose callback resumes it, after which
 *     libmicrohttpd calls the handler once more and the answer (or, if the entries could
 *     not be written, a problem instead) is queued. No byte of the answer leaves before
 *     its entries are durable, and the server thread serves other connections meanwhile;
 *  5. the completion callback writes the access-log line and frees everything.
 * libmicrohttpd calls 1-5 for one request on one thread at a time.
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../lib/log.h"
#include "../lib/mem.h"
#include "../lib/ptime.h"
#include "../lib/size.h"
#include "../lib/str.h"
#include "http.h"
#include "http_int.h"
#include "metrics.h"

const char *http_header(const struct http_req *req, const char *name)
{
    if (!req->conn || !name)
        return NULL;
    return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

static const char *kv_find(const struct http_kv *kv, size_t n, const char *name)
{
    for (size_t i = 0; name && i < n; i++)
        if (strcmp(kv[i].name, name) == 0)
            return kv[i].value;
    return NULL;
}

const char *http_param(const struct http_req *req, const char *name)
{
    return kv_find(req->params, req->nparams, name);
}

const char *http_query(const struct http_req *req, const char *name)
{
    return kv_find(req->qargs, req->nqargs, name);
}

/* Every X-Forwarded-For header, in order, joined with "," (one list, RFC 9110 5.3): a first
 * pass counts, a second copies, so many headers cost linear time and memory. */
struct xff_join {
    size_t len; /* pass 1: bytes needed, without the NUL */
    char *text; /* pass 2: the buffer, filled up to `used` */
    size_t used;
};

static enum MHD_Result xff_part(void *cls, enum MHD_ValueKind kind, const char *key,
                                const char *value)
{
    (void)kind;
    struct xff_join *j = cls;
    if (!key || !value || strcasecmp(key, "X-Forwarded-For") != 0)
        return MHD_YES;
    size_t n = strlen(value);
    if (!j->text) {
        j->len = size_add(size_add(j->len, n), 1);
        return MHD_YES;
    }
    if (j->used)
        j->text[j->used++] = ',';
    memcpy(j->text + j->used, value, n);
    j->used += n;
    return MHD_YES;
}

static const char *xff_value(struct http_req *req)
{
    struct xff_join j = {0};
    MHD_get_connection_values(req->conn, MHD_HEADER_KIND, xff_part, &j);
    if (!j.len)
        return NULL;
    j.text = arena_alloc(&req->arena, j.len);
    MHD_get_connection_values(req->conn, MHD_HEADER_KIND, xff_part, &j);
    j.text[j.used] = '\0';
    return j.text;
}

/* The client's address: the connection's, or, from a trusted proxy, what X-Forwarded-For
 * says (proxy.h). The one place it is decided: the login throttle, sessions and the audit
 * log all read req->client_ip. Headers are known from the first access-handler call on. */
static void client_ip(struct http_req *req)
{
    snprintf(req->client_ip, sizeof(req->client_ip), "unknown");
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(req->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!ci || !ci->client_addr)
        return;
    const struct sockaddr *sa = ci->client_addr;
    struct ip_addr peer = {.family = sa->sa_family}, client;
    if (sa->sa_family == AF_INET)
        memcpy(peer.b, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, 4);
    else if (sa->sa_family == AF_INET6)
        memcpy(peer.b, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, 16);
    else
        return;
    const struct proxy_list *trusted = &req->server->trusted;
    const char *xff = proxy_list_trusts(trusted, &peer) ? xff_value(req) : NULL;
    enum proxy_from from = proxy_client_addr(trusted, &peer, xff, &client);
    ip_addr_format(&client, req->client_ip, sizeof(req->client_ip));
    if (from == PROXY_BAD_ENTRY || from == PROXY_TOO_MANY_HOPS)
        log_msg(LOG_WARN, req->trace_id,
                "X-Forwarded-For from trusted proxy %s has %s; using the proxy's address",
                req->client_ip,
                from == PROXY_BAD_ENTRY ? "an entry that is not an IP address"
                                        : "more trusted hops than LIMIT_XFF_HOPS");
}

static struct http_req *req_new(struct http_server *s, struct MHD_Connection *c, const char *uri)
{
    struct http_req *req = xcalloc(1, sizeof(*req));
    arena_init(&req->arena);
    buf_init(&req->body, LIMIT_BODY_BYTES);
    req->server = s;
    req->conn = c;
    req->start_ns = ptime_mono_ns();
    uuid7_new(req->trace_id);
    if (!uri)
        uri = "";
    const char *q = strchr(uri, '?');
    req->path =
        q ? arena_strndup(&req->arena, uri, (size_t)(q - uri)) : arena_strdup(&req->arena, uri);
    req->query = q ? arena_strdup(&req->arena, q + 1) : NULL;
    /* Handlers that never borrow a connection still get a usable err and trace. */
    req->app.app = s->app;
    req->app.arena = &req->arena;
    req->app.trace_id = req->trace_id;
    req->app.client_ip = req->client_ip;
    req->can_hold = c != NULL;
    return req;
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
    return req_new(cls, c, uri);
}

static enum MHD_Result queue(struct http_req *req, struct MHD_Connection *c)
{
    if (req->held_rc != PD_OK) /* the entries were not written: the answer must not go */
        http_reply_problem(req, &req->held_err);
    struct MHD_Response *r = http_response_build(req);
    enum MHD_Result ret = MHD_queue_response(c, (unsigned)req->status, r);
    MHD_destroy_response(r);
    return ret;
}

/* The audit writer's callback (its own thread): record the result, resume. */
static void on_audit_written(void *cls, int rc, const struct pd_err *e)
{
    struct http_req *req = cls;
    req->held_rc = rc;
    if (rc != PD_OK)
        req->held_err = *e;
    MHD_resume_connection(req->conn); /* its lock orders these writes before the handler */
}

static enum MHD_Result on_access(void *cls, struct MHD_Connection *c, const char *url,
                                 const char *method, const char *version, const char *upload_data,
                                 size_t *upload_data_size, void **con_cls)
{
    (void)version;
    struct http_req *req = *con_cls;
    if (!req) /* only if the URI callback did not run; url is then already unescaped */
        *con_cls = req = req_new(cls, c, url);
    if (!req->started) {
        req->started = true;
        client_ip(req);
        req->method = arena_strdup(&req->arena, method ? method : "");
        return MHD_YES; /* never answer on the first call */
    }
    if (*upload_data_size) {
        if (!req->too_big && buf_append(&req->body, upload_data, *upload_data_size) != PD_OK) {
            req->too_big = true;
            buf_release(&req->body);
            buf_init(&req->body, LIMIT_BODY_BYTES);
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (req->held) { /* resumed: the audit writer has answered */
        req->held = false;
        return queue(req, c);
    }
    http_dispatch(req);
    if (app_audit_owed(&req->app) == 0)
        return queue(req, c);
    /* Suspend first: the writer may be done before app_audit_submit returns. */
    req->held = true;
    MHD_suspend_connection(c);
    if (app_audit_submit(&req->app, on_audit_written, req) != PD_OK) {
        /* No writer (stopping): write them on this thread, then let the answer go. */
        int rc = app_audit_flush(&req->app);
        on_audit_written(req, rc, &req->app.err);
    }
    return MHD_YES;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)c;
    struct http_req *req = *con_cls;
    if (!req)
        return;
    int64_t ns = ptime_mono_ns() - req->start_ns, us = ns / 1000;
    http_metrics_observe(req->route, req->status, ns);
    /* The route pattern, never the raw path: paths carry ids, queries carry search text. */
    log_msg(LOG_INFO, req->trace_id, "http method=%s route=%s status=%d us=%lld%s",
            req->method ? req->method : "-", req->route ? req->route->pattern : "-", req->status,
            (long long)us, toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted=1");
    if (req->app_open)
        app_req_end(&req->app);
    json_decref(req->json);
    json_decref(req->problem_ext);
    if (req->resp_body && !req->resp_static)
        free(req->resp_body);
    buf_release(&req->body);
    arena_release(&req->arena);
    free(req);
    *con_cls = NULL;
}

__attribute__((format(printf, 2, 0))) static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char msg[512];
    vsnprintf(msg, sizeof(msg), fmt, ap);
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
        msg[--n] = '\0';
    log_msg(LOG_WARN, NULL, "microhttpd: %s", msg);
}

int http_parse_listen(const char *listen, const char *field, struct sockaddr_in *sa,
                      struct pd_err *e)
{
    memset(sa, 0, sizeof(*sa));
    sa->sin_family = AF_INET;
    const char *colon = listen ? strrchr(listen, ':') : NULL;
    if (!colon || colon == listen || (size_t)(colon - listen) >= INET_ADDRSTRLEN)
        return err_set(e, PD_EINVAL, field, "expected ADDRESS:PORT, e.g. 127.0.0.1:8080");
    char host[INET_ADDRSTRLEN];
    memcpy(host, listen, (size_t)(colon - listen));
    host[colon - listen] = '\0';
    if (inet_pton(AF_INET, host, &sa->sin_addr) != 1)
        return err_set(e, PD_EINVAL, field, "not an IPv4 address: %s", host);
    int64_t port;
    if (!str_to_i64(str_from(colon + 1), 0, 65535, &port))
        return err_set(e, PD_EINVAL, field, "port must be 0..65535");
    sa->sin_port = htons((uint16_t)port);
    return PD_OK;
}

/* GnuTLS priorities: its defaults, without what is older than TLS 1.2. */
#define TLS_PRIORITIES "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2"

static struct http_server *start(struct app *app, const char *listen, int threads, bool tls_hsts,
                                 const char *cert_pem, const char *key_pem, struct pd_err *e);

struct http_server *http_server_start(struct app *app, const char *listen, int threads,
                                      bool tls_hsts, struct pd_err *e)
{
    return start(app, listen, threads, tls_hsts, NULL, NULL, e);
}

struct http_server *http_server_start_tls(struct app *app, const char *listen, int threads,
                                          const char *cert_pem, const char *key_pem,
                                          struct pd_err *e)
{
    if (!cert_pem || !key_pem || !*cert_pem || !*key_pem) {
        err_set(e, PD_EINVAL, "tls-cert", "a certificate and its key are both needed");
        return NULL;
    }
    if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
        err_set(e, PD_EUNAVAIL, "tls-cert", "this libmicrohttpd was built without TLS");
        return NULL;
    }
    return start(app, listen, threads, true, cert_pem, key_pem, e);
}

static struct http_server *start(struct app *app, const char *listen, int threads, bool tls_hsts,
                                 const char *cert_pem, const char *key_pem, struct pd_err *e)
{
    struct sockaddr_in sa;
    if (http_parse_listen(listen, "listen", &sa, e))
        return NULL;
    if (http_routes_validate(http_routes, http_route_count, e))
        return NULL;
    if (threads < 1)
        threads = 1;
    if (threads > 256)
        threads = 256;

    struct http_server *s = xcalloc(1, sizeof(*s));
    s->app = app;
    s->routes = http_routes;
    s->nroutes = http_route_count;
    s->tls_hsts = tls_hsts;
    const struct app_config *cfg = app ? app_config(app) : NULL;
    s->cookie_secure = cfg && cfg->cookie_secure;
    s->session_max_age_s =
        cfg && cfg->session_absolute_s > 0 ? cfg->session_absolute_s : LIMIT_SESSION_ABSOLUTE_S;
    if (proxy_list_parse(&s->trusted, cfg ? cfg->trusted_proxies : NULL, e) != PD_OK) {
        free(s);
        return NULL;
    }
    json_t *doc = http_openapi_build(
        s->routes, s->nroutes, s->cookie_secure ? "__Host-peerdesk_session" : "peerdesk_session");
    s->openapi = pdjson_dump(doc, &s->openapi_len);
    json_decref(doc);

    /* The pool option only when there is a pool: with 1 thread MHD warns and ignores it. */
    struct MHD_OptionItem pool[] = {
        {threads > 1 ? MHD_OPTION_THREAD_POOL_SIZE : MHD_OPTION_END, threads, NULL},
        {MHD_OPTION_END, 0, NULL},
    };
    /* TLS options only with TLS: an END first makes the array empty. */
    struct MHD_OptionItem tls[] = {
        {cert_pem ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END, 0, (void *)key_pem},
        {MHD_OPTION_HTTPS_MEM_CERT, 0, (void *)cert_pem},
        {MHD_OPTION_HTTPS_PRIORITIES, 0, (void *)TLS_PRIORITIES},
        {MHD_OPTION_END, 0, NULL},
    };
    s->daemon = MHD_start_daemon(
        MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME |
            (cert_pem ? MHD_USE_TLS : 0),
        0, NULL, NULL, on_access, s, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log,
        s, /* first, so MHD never logs on its own */
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)LIMIT_CONN_MEMORY, MHD_OPTION_CONNECTION_LIMIT, (unsigned int)LIMIT_CONNECTIONS,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned int)LIMIT_CONNECTIONS_PER_IP,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)LIMIT_CONN_TIMEOUT_S,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, s, MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
        MHD_OPTION_ARRAY, pool, MHD_OPTION_ARRAY, tls, MHD_OPTION_END);
    if (!s->daemon) {
        if (cert_pem) /* the log above has GnuTLS's words */
            err_set(e, PD_EINVAL, "tls-cert",
                    "cannot serve HTTPS on %s: the certificate or key was refused, or the "
                    "address is in use",
                    listen);
        else
            err_set(e, PD_EUNAVAIL, "listen", "cannot listen on %s (in use, or not permitted)",
                    listen);
        free(s->openapi);
        free(s);
        return NULL;
    }
    if (app)
        app_audit_writer_start(app);
    log_msg(LOG_INFO, NULL, "listening addr=%s port=%d threads=%d tls=%s", listen,
            http_server_port(s), threads, cert_pem ? "on" : "off");
    return s;
}

int http_server_add_connection(struct http_server *s, int fd, struct pd_err *e)
{
    /* Loopback as the peer: the per-IP limit and the client address then behave as for a
     * local TCP client. libmicrohttpd owns fd from here on, also when it refuses it. */
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (!s || !s->daemon) {
        close(fd);
        return err_set(e, PD_EINVAL, NULL, "no server");
    }
    if (MHD_add_connection(s->daemon, fd, (const struct sockaddr *)&sa, sizeof(sa)) != MHD_YES)
        return err_set(e, PD_EUNAVAIL, NULL, "the server refused the connection");
    return PD_OK;
}

int http_server_port(const struct http_server *s)
{
    if (!s || !s->daemon)
        return -1;
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    return di ? (int)di->port : -1;
}

void http_server_stop(struct http_server *s)
{
    if (!s)
        return;
    /* The writer first: it lets every held answer go and refuses more (they are then
     * written on their server thread), so nothing it holds outlives the daemon. */
    if (s->app)
        app_audit_writer_stop(s->app);
    if (s->daemon)
        MHD_stop_daemon(s->daemon);
    free(s->openapi);
    free(s);
}
