/*
 * metrics.c: GET /metrics (metrics.h, docs/admin.md "Monitoring").
 */
#include "metrics.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/app_metrics.h"
#include "../lib/log.h"
#include "../lib/mem.h"
#include "../lib/ptime.h"
#include "../store/db.h"
#include "http_int.h"

/* Upper bounds of the latency histogram, in seconds (+Inf follows). */
static const double BOUNDS[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                0.1,    0.25,  0.5,    1,     2.5,  5,     10};
#define NBOUNDS (sizeof(BOUNDS) / sizeof(BOUNDS[0]))

/* The statuses peerdesk answers with (err.h, the handlers, libmicrohttpd's own); any other
 * is counted as "other". */
static const int STATUSES[] = {200, 201, 202, 204, 206, 301, 302, 303, 304, 307, 308,
                               400, 401, 403, 404, 405, 406, 409, 410, 412, 413, 414,
                               415, 416, 422, 428, 429, 431, 500, 501, 502, 503, 504};
#define NSTATUS (sizeof(STATUSES) / sizeof(STATUSES[0]) + 1)

struct route_stat {
    atomic_uint_fast64_t by_status[NSTATUS];
    atomic_uint_fast64_t ns;
};

/* One per route of http_routes, and the last for "(none)": static files, the page, paths
 * no route has. Zeroed at load: no initialisation to race on. */
static struct route_stat stats[512];
static atomic_uint_fast64_t hist[NBOUNDS + 1], hist_ns;
static atomic_int_fast64_t start_ms;

static size_t status_index(int status)
{
    for (size_t i = 0; i < NSTATUS - 1; i++)
        if (STATUSES[i] == status)
            return i;
    return NSTATUS - 1;
}

static size_t route_index(const struct route *rt)
{
    size_t n = http_route_count < sizeof(stats) / sizeof(stats[0]) - 1
                   ? http_route_count
                   : sizeof(stats) / sizeof(stats[0]) - 1;
    if (rt && rt >= http_routes && rt < http_routes + n)
        return (size_t)(rt - http_routes);
    return n;
}

void http_metrics_observe(const struct route *rt, int status, int64_t ns)
{
    if (status <= 0 || ns < 0) /* never answered */
        return;
    struct route_stat *s = &stats[route_index(rt)];
    atomic_fetch_add_explicit(&s->by_status[status_index(status)], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&s->ns, (uint_fast64_t)ns, memory_order_relaxed);
    double secs = (double)ns / 1e9;
    size_t b = 0;
    while (b < NBOUNDS && secs > BOUNDS[b])
        b++;
    atomic_fetch_add_explicit(&hist[b], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&hist_ns, (uint_fast64_t)ns, memory_order_relaxed);
}

static uint64_t load(atomic_uint_fast64_t *v)
{
    return atomic_load_explicit(v, memory_order_relaxed);
}

/* HELP and TYPE of a family. */
static void family(struct buf *out, const char *name, const char *type, const char *help)
{
    buf_printf(out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* A label value, escaped as the text format asks (backslash, quote, newline). */
static void label_value(struct buf *out, const char *s)
{
    buf_putc(out, '"');
    for (; *s; s++) {
        if (*s == '\\' || *s == '"')
            buf_putc(out, '\\');
        if (*s == '\n')
            buf_puts(out, "\\n");
        else
            buf_putc(out, *s);
    }
    buf_putc(out, '"');
}

/* The route table's own strings ("GET", "/api/v1/dossiers/{id}"), never a request's. */
static void route_labels(struct buf *out, size_t i)
{
    bool known = i < http_route_count && i < sizeof(stats) / sizeof(stats[0]) - 1;
    buf_puts(out, "method=");
    label_value(out, known ? http_routes[i].method : "(none)");
    buf_puts(out, ",route=");
    label_value(out, known ? http_routes[i].pattern : "(none)");
}

int http_metrics_render(struct app *app, struct buf *out)
{
    size_t nstats = route_index(NULL) + 1;

    family(out, "peerdesk_build_info", "gauge", "The version of this peerdesk.");
    buf_printf(out, "peerdesk_build_info{version=\"%s\"} 1\n", PEERDESK_VERSION);
    family(out, "peerdesk_process_start_time_seconds", "gauge",
           "When this process started serving (Unix time).");
    buf_printf(out, "peerdesk_process_start_time_seconds %.3f\n",
               (double)atomic_load(&start_ms) / 1000);

    family(out, "peerdesk_http_requests_total", "counter",
           "Requests answered, by route (method and pattern, never the path) and status.");
    for (size_t i = 0; i < nstats; i++)
        for (size_t k = 0; k < NSTATUS; k++) {
            uint64_t n = load(&stats[i].by_status[k]);
            if (!n)
                continue;
            buf_puts(out, "peerdesk_http_requests_total{");
            route_labels(out, i);
            if (k < NSTATUS - 1)
                buf_printf(out, ",status=\"%d\"} %llu\n", STATUSES[k], (unsigned long long)n);
            else
                buf_printf(out, ",status=\"other\"} %llu\n", (unsigned long long)n);
        }
    family(out, "peerdesk_http_request_seconds_total", "counter",
           "Time spent answering, by route: divided by the requests, the mean latency.");
    for (size_t i = 0; i < nstats; i++) {
        uint64_t ns = load(&stats[i].ns);
        if (!ns)
            continue;
        buf_puts(out, "peerdesk_http_request_seconds_total{");
        route_labels(out, i);
        buf_printf(out, "} %.6f\n", (double)ns / 1e9);
    }
    family(out, "peerdesk_http_request_duration_seconds", "histogram",
           "Latency of every request, from its first byte read to its answer queued.");
    uint64_t cum = 0;
    for (size_t b = 0; b <= NBOUNDS; b++) {
        cum += load(&hist[b]);
        if (b < NBOUNDS)
            buf_printf(out, "peerdesk_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n",
                       BOUNDS[b], (unsigned long long)cum);
        else
            buf_printf(out, "peerdesk_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n",
                       (unsigned long long)cum);
    }
    buf_printf(out, "peerdesk_http_request_duration_seconds_sum %.6f\n",
               (double)load(&hist_ns) / 1e9);
    buf_printf(out, "peerdesk_http_request_duration_seconds_count %llu\n", (unsigned long long)cum);

    uint64_t db_ns, db_txns;
    db_time_read(&db_ns, &db_txns);
    family(out, "peerdesk_db_seconds_total", "counter",
           "Time this process spent inside database transactions (begin to commit/rollback).");
    buf_printf(out, "peerdesk_db_seconds_total %.6f\n", (double)db_ns / 1e9);
    family(out, "peerdesk_db_transactions_total", "counter", "Transactions timed above.");
    buf_printf(out, "peerdesk_db_transactions_total %llu\n", (unsigned long long)db_txns);
    family(out, "peerdesk_storage_failed", "gauge",
           "1 after a storage error: writes are refused until restart (SECURITY.md 22).");
    buf_printf(out, "peerdesk_storage_failed %d\n", db_write_failed() ? 1 : 0);

    struct store_metrics m = {0};
    struct pd_err e;
    err_clear(&e);
    bool up = app && app_metrics_read(app, &m, &e) == PD_OK;
    if (app && !up)
        log_warn("metrics: the database counts could not be read: %s", e.detail);
    family(out, "peerdesk_db_up", "gauge", "1 when the counts below could be read.");
    buf_printf(out, "peerdesk_db_up %d\n", up ? 1 : 0);
    if (up) {
        family(out, "peerdesk_audit_entries_total", "counter",
               "Entries in the audit log (its head), written by every peerdesk process.");
        buf_printf(out, "peerdesk_audit_entries_total %lld\n", (long long)m.audit_entries);
        family(out, "peerdesk_sessions_open", "gauge",
               "Sessions neither ended nor timed out, of every peerdesk process.");
        buf_printf(out, "peerdesk_sessions_open %lld\n", (long long)m.sessions_open);
    }
    return PD_OK;
}

/* ---- the listener ---- */

struct http_metrics_server {
    struct MHD_Daemon *daemon;
    struct app *app;
};

static enum MHD_Result reply(struct MHD_Connection *c, unsigned status, const char *type,
                             struct buf *body)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(
        body ? body->len : 0, body ? body->p : (void *)"", MHD_RESPMEM_MUST_COPY);
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    enum MHD_Result ret = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result on_metrics(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    struct http_metrics_server *m = cls;
    (void)version;
    (void)upload_data;
    if (!*con_cls) { /* never answer on the first call */
        *con_cls = m;
        return MHD_YES;
    }
    if (*upload_data_size) { /* a body is not wanted: drop it */
        *upload_data_size = 0;
        return MHD_YES;
    }
    struct buf body;
    buf_init(&body, 16 << 20);
    enum MHD_Result ret;
    if (strcmp(url, "/metrics") != 0) {
        buf_puts(&body, "not found: the metrics are at /metrics\n");
        ret = reply(c, MHD_HTTP_NOT_FOUND, "text/plain; charset=utf-8", &body);
    } else if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
        buf_puts(&body, "method not allowed: GET /metrics\n");
        ret = reply(c, MHD_HTTP_METHOD_NOT_ALLOWED, "text/plain; charset=utf-8", &body);
    } else {
        http_metrics_render(m->app, &body);
        ret = reply(c, MHD_HTTP_OK, "text/plain; version=0.0.4; charset=utf-8", &body);
    }
    buf_release(&body);
    return ret;
}

struct http_metrics_server *http_metrics_start(struct app *app, const char *listen,
                                               struct pd_err *e)
{
    struct sockaddr_in sa;
    if (http_parse_listen(listen, "metrics-listen", &sa, e) != PD_OK)
        return NULL;
    if ((ntohl(sa.sin_addr.s_addr) >> 24) != 127) {
        err_set(e, PD_EINVAL, "metrics-listen",
                "must be a loopback address (127.0.0.0/8): /metrics has no login");
        return NULL;
    }
    if (http_route_count >= sizeof(stats) / sizeof(stats[0]))
        log_warn("metrics: %zu routes, room for %zu: the rest count as (none)", http_route_count,
                 sizeof(stats) / sizeof(stats[0]) - 1);
    struct http_metrics_server *m = xcalloc(1, sizeof(*m));
    m->app = app;
    int64_t zero = 0;
    atomic_compare_exchange_strong(&start_ms, &zero, ptime_now_ms());
    m->daemon = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, 0, NULL, NULL,
                                 on_metrics, m, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
                                 MHD_OPTION_CONNECTION_LIMIT, 16u, MHD_OPTION_CONNECTION_TIMEOUT,
                                 10u, MHD_OPTION_END);
    if (!m->daemon) {
        err_set(e, PD_EUNAVAIL, "metrics-listen", "cannot listen on %s (in use, or not permitted)",
                listen);
        free(m);
        return NULL;
    }
    char host[INET_ADDRSTRLEN] = "127.0.0.1";
    inet_ntop(AF_INET, &sa.sin_addr, host, sizeof(host));
    log_info("metrics on http://%s:%d/metrics", host, http_metrics_port(m));
    return m;
}

int http_metrics_port(const struct http_metrics_server *m)
{
    const union MHD_DaemonInfo *di =
        m ? MHD_get_daemon_info(m->daemon, MHD_DAEMON_INFO_BIND_PORT) : NULL;
    return di ? (int)di->port : -1;
}

void http_metrics_stop(struct http_metrics_server *m)
{
    if (!m)
        return;
    MHD_stop_daemon(m->daemon);
    free(m);
}
