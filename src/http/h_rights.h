/* h_rights.h: handlers and schemas for routes_rights.inc (a client's rights: the register
 * of rights requests, erasure, retention; h_rights.c). */
#ifndef PD_HTTP_H_RIGHTS_H
#define PD_HTTP_H_RIGHTS_H

#include "route.h"

int h_rights_list(struct http_req *req);
int h_rights_create(struct http_req *req);
int h_rights_get(struct http_req *req);
int h_rights_extend(struct http_req *req);
int h_rights_close(struct http_req *req);
int h_client_erase(struct http_req *req);
int h_retention_list(struct http_req *req);
int h_retention_set(struct http_req *req);
extern const struct jschema h_schema_rights_request;
extern const struct jschema h_schema_rights_request_list;
extern const struct jschema h_schema_rights_request_create;
extern const struct jschema h_schema_rights_request_extend;
extern const struct jschema h_schema_rights_request_close;
extern const struct jschema h_schema_client_erase;
extern const struct jschema h_schema_client_erased;
extern const struct jschema h_schema_retention_list;
extern const struct jschema h_schema_retention_set;

#endif
