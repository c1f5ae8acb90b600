/*
 * h_health.c: GET /healthz, for load balancers and `make run` smoke checks. Public, never
 * touches the database (a liveness probe must not queue behind busy connections), and
 * says only that the process answers and which version it is.
 */
#include <microhttpd.h>

#include "handlers.h"
#include "http_int.h"

static const struct jfield health_fields[] = {
    {"status", JT_STRING, JF_REQUIRED, 0, 16, "always \"ok\" when the process answers", NULL, NULL},
    {"version", JT_STRING, JF_REQUIRED, 0, 32, "peerdesk version", NULL, NULL},
};
const struct jschema h_schema_health = JSCHEMA("Health", health_fields);

int h_health_get(struct http_req *req)
{
    return http_reply_json(req, MHD_HTTP_OK,
                           pdjson_pack("{s:s,s:s}", "status", "ok", "version", PEERDESK_VERSION));
}
