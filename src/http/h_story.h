/* h_story.h: handlers and schemas for routes_story.inc (h_story.c, docs/story.md). */
#ifndef PD_HTTP_H_STORY_H
#define PD_HTTP_H_STORY_H

#include "route.h"

extern const struct jschema h_schema_story;
extern const struct jschema h_schema_story_list;
extern const struct jschema h_schema_story_put;
extern const struct jschema h_schema_story_fragment;
extern const struct jschema h_schema_story_version;
extern const struct jschema h_schema_story_version_page;
extern const struct jschema h_schema_story_sharing;
extern const struct jschema h_schema_story_audience;
extern const struct jschema h_schema_story_audience_put;
extern const struct jschema h_schema_story_share;
extern const struct jschema h_schema_story_share_page;
extern const struct jschema h_schema_story_respond;
extern const struct jschema h_schema_story_response;

int h_story_list(struct http_req *req);
int h_story_create(struct http_req *req);
int h_story_get(struct http_req *req);
int h_story_put(struct http_req *req);
int h_story_delete(struct http_req *req);
int h_story_versions(struct http_req *req);
int h_story_version_get(struct http_req *req);
int h_story_sharing(struct http_req *req);
int h_audience_create(struct http_req *req);
int h_audience_get(struct http_req *req);
int h_audience_put(struct http_req *req);
int h_audience_delete(struct http_req *req);
int h_share_list(struct http_req *req);
int h_share_get(struct http_req *req);
int h_share_respond(struct http_req *req);

#endif
