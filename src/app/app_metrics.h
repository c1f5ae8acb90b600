/*
 * app_metrics.h: what GET /metrics reads from the database (http/metrics.c): counts only,
 * no rows, so no audit entry (docs/admin.md, "Monitoring").
 */
#ifndef PD_APP_METRICS_H
#define PD_APP_METRICS_H

#include "../store/store_metrics.h"
#include "app.h"

/* Open sessions (by this peerdesk's idle and absolute time-outs) and the audit log's
 * length, in one read transaction on a pooled connection. */
int app_metrics_read(struct app *app, struct store_metrics *m, struct pd_err *e);

#endif
