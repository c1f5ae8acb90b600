/*
 * store_reports.h: the aggregate reads behind the manager's reports (app/reports.c). Every
 * query is scoped to one organisation and returns counts, days or worker and team ids (to
 * group by), never a person's name, a client or a text. Callers own the transaction and
 * the role check. Dates are YYYY-MM-DD and the period [from, to] is inclusive on the day a
 * request was created (substr(created_at, 1, 10), UTC). Strings are copied into the arena.
 */
#ifndef PD_STORE_REPORTS_H
#define PD_STORE_REPORTS_H

#include <stdbool.h>
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

/* One request created in the period (rows in no particular order). */
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
 * hbo, unknown, none), unless the query says otherwise. */
#define REPORT_FACT_VALUES 8
struct report_fact {
    const char *vocab; /* vocabulary of key, or NULL */
    const char *key, *label;
    const char *level;
    const char *item;
    int64_t v[REPORT_FACT_VALUES];
};

enum report_fact_query {
    RQ_CASELOAD,  /* one row per expert (active worker with an expert profile), in no
                     order: item the worker id; v: 1, fte_pct (0 when unknown), 1 when the
                     fte is known, active assignments, the same when the fte is known (as
                     of `to`) */
    RQ_MIX_MONTH, /* per month: co_support, advice_only, redirected, declined, open,
                     consultations, bridging */
    RQ_MIX_TOTAL,
    RQ_THEMES,      /* extra: the vocabulary; per code: requests, assigned, unmet */
    RQ_EVALUATIONS, /* extra: today; per responsible generalist (key, the worker id) and
                       level, in no order: planned, held, overdue, overdue_30 */
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

/* A membership of a team of the organisation's workers: every team (expert_teams false)
 * or the organisation's teams of kind expert_team. Ordered by team name, team id, then
 * worker. */
struct report_member {
    const char *team_id, *team_name, *worker_id;
};
int store_report_members(struct db *db, struct arena *a, const char *org_id, bool expert_teams,
                         struct report_member **out, size_t *n, struct pd_err *e);

/* Day counts per vocabulary code and level: intensity phases (of the assignments, items)
 * or closed dossiers (items) with their days; see the enum. Groups come in report order:
 * vocabulary (closures: closure_reason, outcome_client, then the rest), the code's sort in
 * its vocabulary (codes not in it first), code, level. */
enum report_days_query {
    RD_INTENSITY, /* vocab intensity_pattern; a phase runs from its agreed_on to the next
                     phase's agreed_on, the assignment's end_on or `to`, whichever is first,
                     and counts when it starts on or before `to` and ends on or after
                     `from`; level: the assignment's worker */
    RD_CLOSURES,  /* dossiers closed in the period: their closure_reason, then their outcome
                     tags; days open; level: the dossier's expert */
};
struct report_days {
    const char *vocab, *key, *level;
    int64_t items; /* distinct assignments or dossiers */
    int64_t *days; /* whole days (never below 0), one per phase or dossier */
    size_t n;
};
int store_report_days(struct db *db, struct arena *a, enum report_days_query q, const char *org_id,
                      const char *from, const char *to, struct report_days **out, size_t *n,
                      struct pd_err *e);

/* Expert minutes in the period per worker, role type and month (YYYY-MM), of the role
 * types in the organisation's vocabulary role_type: notes written in an expert role
 * (supporter), consultations (expertise_promoter), the experts' own time log (its role
 * type). Ordered by worker, role type, month; minutes > 0. */
struct report_minutes {
    const char *worker_id, *role_type, *month, *level;
    int64_t minutes;
};
int store_report_minutes(struct db *db, struct arena *a, const char *org_id, const char *from,
                         const char *to, struct report_minutes **out, size_t *n, struct pd_err *e);

/* The codes of a vocabulary of the organisation, by sort then code. */
struct report_code {
    const char *code;
    bool active;
    int64_t sort;
};
int store_report_codes(struct db *db, struct arena *a, const char *org_id, const char *vocab,
                       struct report_code **out, size_t *n, struct pd_err *e);

/* ---- keeping what the reports read ahead current (store_reports_upkeep.c) ----
 *
 * Called by the writes inside their transaction. expert_minutes: sign +1 adds the row's
 * minutes (after an insert or update), -1 takes them away (before an update); a note counts
 * when written in an expert role with minutes > 0. */
int store_report_minutes_note(struct db *db, const char *note_id, int sign, struct pd_err *e);
int store_report_minutes_consult(struct db *db, const char *consult_id, int sign, struct pd_err *e);
/* Before the notes of a client are erased: their minutes go. */
int store_report_minutes_erase(struct db *db, const char *org_id, const char *client_id,
                               struct pd_err *e);
/* A request's report_assignment_on and report_first_contact_on (store_report_match): after a
 * new note (not an attempt) that may be a first contact. */
int store_report_match_note(struct db *db, const char *dossier_id, const char *author_id,
                            const char *contact_on, bool attempt, struct pd_err *e);
/* The dossier's report_expert_id (its expert, see report_fact) and its requests' time to
 * match worked out again: after a changed note, a new assignment, a new or decided request. */
int store_report_dossier(struct db *db, const char *dossier_id, struct pd_err *e);
/* All of the organisation's made again from its rows (after bulk loads). */
int store_report_upkeep_rebuild(struct db *db, const char *org_id, struct pd_err *e);

#endif
