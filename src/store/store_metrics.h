/*
 * store_metrics.h: the database's side of GET /metrics (http/metrics.c, docs/admin.md):
 * counts, never rows.
 */
#ifndef PD_STORE_METRICS_H
#define PD_STORE_METRICS_H

#include <stdint.h>

#include "../lib/err.h"
#include "db.h"

struct store_metrics {
    int64_t sessions_open; /* not ended, seen after idle_since, created after created_since */
    int64_t audit_entries; /* the audit log's head seq: every entry ever written */
};

int store_metrics_read(struct db *db, int64_t idle_since_ms, int64_t created_since_ms,
                       struct store_metrics *m, struct pd_err *e);

#endif
