/*
 * store_reports.h: the aggregate reads behind the manager's reports (app/reports.c). Every
 * query is scoped to one organisation and returns counts or per-request dates, never a
 * name, a client or a text. Callers own the transaction and the role check. Dates are
 * YYYY-MM-DD and the period [from, to] is inclusive on the day a request was created
 * (substr(created_at, 1, 10), UTC). Strings are copied into the arena.
 */
#ifndef PD_STORE_REPORTS_H
#define PD_STORE_REPORTS_H

#include <stdint.h>

#include "store.h"

enum report_by {
    REPORT_BY_MONTH = 0, /* key YYYY-MM of the creation day */
    REPORT_BY_TEAM,      /* each team the requester is a member of now; key NULL: none */
    REPORT_BY_AREA,      /* the dossier's area, else the client's; key NULL: none */
};

struct report_count {
    const char *key;   /* month, team id or area id; NULL for "none" */
    const char *label; /* month, team name or area name; NULL for "none" */
    int64_t count;
    const char *group; /* qualification level with split=level, else NULL */
};

/* Requests created in the period, grouped; rows ordered by key (month) or label, the
 * "none" row last. *total counts each request once. */
int store_report_requests(struct db *db, struct arena *a, const char *org_id, const char *from,
                          const char *to, enum report_by by, struct report_count **out, size_t *n,
                          int64_t *total, struct pd_err *e);

/* One request created in the period. */
struct report_match_row {
    const char *requested_on;     /* day the request was created */
    const char *assignment_on;    /* earliest start_on of the assigned expert's expert or
                                     bridging assignment on the dossier created at or after
                                     the request; NULL when none */
    const char *level;            /* the assigned expert's level (see report_fact); "none"
                                     when no expert is assigned */
    const char *first_contact_on; /* earliest contact_on >= requested_on of a note (not an
                                     attempt) by the assigned expert on the dossier; NULL */
};
int store_report_match(struct db *db, struct arena *a, const char *org_id, const char *from,
                       const char *to, struct report_match_row **out, size_t *n, struct pd_err *e);

/* Active generalists of the organisation now, and how many of them made a request
 * (created in the period) or were the asker of a consultation held in the period. */
int store_report_reach(struct db *db, const char *org_id, const char *from, const char *to,
                       int64_t *generalists, int64_t *reached, struct pd_err *e);

/* ---- the table reports (app/reports_more.c) ----
 *
 * One row of an aggregate query. The level of a worker is the qualification of their
 * expert profile (mbo3, mbo4, hbo), "unknown" when it is not recorded (or they have no
 * profile), "none" when the figure has no expert (an unassigned request, a dossier without
 * an expert assignment). A dossier's expert is the worker of its expert or bridging_expert
 * assignment that started last. Rows come ordered by vocab, key, then level (mbo3, mbo4,
 * hbo, unknown, none); a level NULL marks a key without data (hours per role type). */
#define REPORT_FACT_VALUES 8
struct report_fact {
    const char *vocab; /* vocabulary of key, or NULL */
    const char *key, *label;
    const char *level;
    const char *item; /* intensity: the assignment id; closures: the dossier id */
    int64_t v[REPORT_FACT_VALUES];
};

enum report_fact_query {
    RQ_CASELOAD_TEAM,  /* per expert team: experts, fte_pct sum, experts with fte,
                          active, active of experts with fte (as of `to`) */
    RQ_CASELOAD_TOTAL, /* the same, key "total" */
    RQ_MIX_MONTH,      /* per month: co_support, advice_only, redirected, declined, open,
                          consultations, bridging */
    RQ_MIX_TOTAL,
    RQ_THEMES,    /* extra: the vocabulary; per code: requests, assigned, unmet */
    RQ_INTENSITY, /* one row per phase: item assignment id, v[0] days */
    RQ_EVAL_TEAM, /* extra: today; per team: planned, held, overdue, overdue_30 */
    RQ_EVAL_TOTAL,
    RQ_CLOSURES,    /* one row per dossier and code: item dossier id, v[0] days open */
    RQ_HOURS_TYPE,  /* per role type (every code): minutes, experts */
    RQ_HOURS_MONTH, /* per month (label) and role type (key): minutes, experts */
    RQ_HOURS_ALL,   /* key "total": minutes, experts */
    RQ_REFERRALS,   /* per service: referrals, accompanied */
    RQ_REQ_MONTH,   /* requests per month, team or area and level: count */
    RQ_REQ_TEAM,
    RQ_REQ_AREA,
};

/* Run one of the queries for the organisation and period (extra: see the enum, else
 * NULL). Columns: vocab, key, label, level, item, then up to REPORT_FACT_VALUES integers.
 * Strings are copied into the arena. */
int store_report_facts(struct db *db, struct arena *a, enum report_fact_query q, const char *org_id,
                       const char *from, const char *to, const char *extra,
                       struct report_fact **out, size_t *n, struct pd_err *e);

#endif
