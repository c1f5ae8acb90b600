/*
 * metrics.h: GET /metrics in the Prometheus text format (0.0.4), on a listener of its own
 * (the `metrics-listen` setting: a loopback address only, since it has no login), never on
 * the application's port (docs/admin.md, "Monitoring").
 *
 * What it says: requests by route (the route table's method and pattern, never a path: paths
 * carry ids) and status; a latency histogram over all requests and the seconds per route;
 * time inside database transactions; the audit log's length; open sessions; whether the storage
 * latch is set; version and start time. Counts only: no client data, no user names.
 *
 * http_metrics_observe is called once per answered request by every server thread:
 * lock-free (relaxed atomics), a few nanoseconds.
 */
#ifndef PD_HTTP_METRICS_H
#define PD_HTTP_METRICS_H

#include <stdint.h>

#include "../lib/buf.h"
#include "../lib/err.h"
#include "route.h"

struct app;
struct http_metrics_server;

/* Count one answered request: its route (NULL or outside http_routes: "(none)"), status
 * and time from the first byte read to the answer queued. */
void http_metrics_observe(const struct route *rt, int status, int64_t ns);

/* The whole exposition into out. With app, also the database's counts (a read transaction
 * on a pooled connection); peerdesk_db_up says whether that worked. */
int http_metrics_render(struct app *app, struct buf *out);

/* Serve GET /metrics on `listen` (ADDRESS:PORT, the address in 127.0.0.0/8; port 0 picks
 * one) from one thread of its own. NULL with e set (field "metrics-listen") on failure. */
struct http_metrics_server *http_metrics_start(struct app *app, const char *listen,
                                               struct pd_err *e);
int http_metrics_port(const struct http_metrics_server *m);
void http_metrics_stop(struct http_metrics_server *m);

#endif
