/* h_readiness.h: handlers and schemas for routes_readiness.inc (readiness scan,
 * h_readiness.c). */
#ifndef PD_HTTP_H_READINESS_H
#define PD_HTTP_H_READINESS_H

#include "route.h"

int h_readiness_items(struct http_req *req);
int h_readiness_create(struct http_req *req);
int h_readiness_list(struct http_req *req);
int h_readiness_get(struct http_req *req);
extern const struct jschema h_schema_readiness_items;
extern const struct jschema h_schema_readiness_scan;
extern const struct jschema h_schema_readiness_scan_list;
extern const struct jschema h_schema_readiness_scan_create;

#endif
