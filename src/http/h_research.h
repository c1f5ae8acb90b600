/* h_research.h: handlers and schemas for routes_research.inc (the research export and its
 * codebook, h_research.c). */
#ifndef PD_HTTP_H_RESEARCH_H
#define PD_HTTP_H_RESEARCH_H

#include "route.h"

int h_research_export(struct http_req *req);
int h_research_codebook(struct http_req *req);
extern const struct jschema h_schema_research_export;
extern const struct jschema h_schema_research_codebook;

#endif
