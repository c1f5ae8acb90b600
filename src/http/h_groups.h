/* h_groups.h: handlers and schemas for routes_groups.inc (learning groups, h_groups.c). */
#ifndef PD_HTTP_H_GROUPS_H
#define PD_HTTP_H_GROUPS_H

#include "route.h"

int h_lgroups_list(struct http_req *req);
int h_lgroups_create(struct http_req *req);
int h_lgroups_get(struct http_req *req);
int h_lgroups_member_add(struct http_req *req);
int h_lgroups_member_remove(struct http_req *req);
int h_lgroups_candidates(struct http_req *req);
extern const struct jschema h_schema_lgroup;
extern const struct jschema h_schema_lgroup_list;
extern const struct jschema h_schema_lgroup_create;
extern const struct jschema h_schema_lgroup_member_add;

#endif
