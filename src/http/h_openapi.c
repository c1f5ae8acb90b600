/*
 * h_openapi.c: GET /api/v1/openapi.json. The document is generated from the route table
 * once, when the server starts (openapi.c), and served here as the same bytes every time.
 */
#include <microhttpd.h>

#include "handlers.h"
#include "http_int.h"

int h_openapi_get(struct http_req *req)
{
    if (!req->server || !req->server->openapi)
        return err_set(&req->app.err, PD_EINTERNAL, NULL, "no OpenAPI document was built");
    return http_reply_static(req, MHD_HTTP_OK, "application/json", req->server->openapi,
                             req->server->openapi_len);
}
