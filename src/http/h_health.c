/*
 * h_health.c: GET /healthz, for load balancers and `make run` smoke checks. Public, never
 * touches the database (a liveness probe must not queue behind busy connections), and
 * says only that the process answers and which version it is. After a storage error
 * (SECURITY.md 22: the process-wide latch of db.h, a flag in memory) it answers 503 with
 * status "storage-failed": the process refuses every write until it is restarted, so a load
 * balancer should send nobody there and an operator should restart it.
 */
#include <microhttpd.h>

#include "../store/db.h"
#include "handlers.h"
#include "http_int.h"

static const struct jfield health_fields[] = {
    {"status", JT_STRING, JF_REQUIRED, 0, 16,
     "\"ok\"; \"storage-failed\" (503) after a storage error, until restarted", NULL, NULL},
    {"version", JT_STRING, JF_REQUIRED, 0, 32, "peerdesk version", NULL, NULL},
};
const struct jschema h_schema_health = JSCHEMA("Health", health_fields);

int h_health_get(struct http_req *req)
{
    bool failed = db_write_failed();
    return http_reply_json(req, failed ? MHD_HTTP_SERVICE_UNAVAILABLE : MHD_HTTP_OK,
                           pdjson_pack("{s:s,s:s}", "status", failed ? "storage-failed" : "ok",
                                       "version", PEERDESK_VERSION));
}
