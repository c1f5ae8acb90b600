/* h_time.h: handlers and schemas for routes_time.inc (experts' employment and their own
 * time log, h_time.c). */
#ifndef PD_HTTP_H_TIME_H
#define PD_HTTP_H_TIME_H

#include "route.h"

int h_employment_get(struct http_req *req);
int h_employment_put(struct http_req *req);
int h_time_list(struct http_req *req);
int h_time_create(struct http_req *req);
int h_time_delete(struct http_req *req);
extern const struct jschema h_schema_employment;
extern const struct jschema h_schema_employment_put;
extern const struct jschema h_schema_time_page;
extern const struct jschema h_schema_time_create;
extern const struct jschema h_schema_time_entry;

#endif
