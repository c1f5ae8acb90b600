/* h_reports.h: handlers and schemas for routes_reports.inc (the manager's aggregate
 * reports, h_reports.c). */
#ifndef PD_HTTP_H_REPORTS_H
#define PD_HTTP_H_REPORTS_H

#include "route.h"

int h_report_requests(struct http_req *req);
int h_report_time(struct http_req *req);
int h_report_reach(struct http_req *req);
int h_report_caseload(struct http_req *req);
int h_report_mix(struct http_req *req);
int h_report_themes(struct http_req *req);
int h_report_intensity(struct http_req *req);
int h_report_evaluations(struct http_req *req);
int h_report_closures(struct http_req *req);
int h_report_hours(struct http_req *req);
int h_report_referrals(struct http_req *req);
extern const struct jschema h_schema_report_caseload, h_schema_report_mix, h_schema_report_themes,
    h_schema_report_intensity, h_schema_report_evaluations, h_schema_report_closures,
    h_schema_report_hours, h_schema_report_referrals;
extern const struct jschema h_schema_report_requests;
extern const struct jschema h_schema_report_time;
extern const struct jschema h_schema_report_reach;

#endif
