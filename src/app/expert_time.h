/*
 * expert_time.h: the writing side of what reports need about experience experts as
 * employees (issue 6): the employment of each expert (share of a full-time position worked
 * as an expert, qualification level), set by an administrator or a coordinator, and the
 * expert's own time log per role type (vocabulary role_type). Reports (reports.c) read
 * both only as aggregates; here nobody but the expert reads their entries, and nobody but
 * the expert, administrators and coordinators reads one person's employment.
 *
 * Employment lives on the expert_profile row and shares its version with the expert's own
 * profile writes (If-Match). The log holds codes, dates and minutes, never free text.
 * Arrays and strings live in r->arena.
 */
#ifndef PD_APP_EXPERT_TIME_H
#define PD_APP_EXPERT_TIME_H

#include <jansson.h>

#include "../store/store_time.h"
#include "app.h"

#define TIME_MINUTES_MAX   1440 /* one entry, and all entries of one day together */
#define TIME_PAST_DAYS_MAX 366  /* how far back an entry may be dated */
#define TIME_RANGE_DAYS    366  /* the longest from..to a list may span */

/* Employment of worker_id: administrators and coordinators of the organisation for any
 * active expert (audited as expert.employment.read), the expert for themselves (not
 * audited). Anyone else, and any id that is not an active expert of the organisation, gets
 * PD_ENOTFOUND (a denied entry). */
int app_employment_get(struct app_req *r, const char *worker_id, struct employment_rec *out);
/* Set fte_pct (0..100, -1 = unknown) and qualification ("mbo3", "mbo4", "hbo", NULL =
 * unknown) of worker_id. Administrators and coordinators only (else PD_EFORBID). version:
 * the If-Match of the profile, 0 when none was sent: allowed only while the expert has no
 * profile row (else PD_EPRECOND); a different version is PD_ESTALE with *out the current
 * one. Creates the profile row with its defaults when missing. Audited as
 * expert.employment.update. */
int app_employment_put(struct app_req *r, const char *worker_id, int64_t version, int fte_pct,
                       const char *qualification, struct employment_rec *out);
json_t *employment_to_json(const struct employment_rec *x);

struct time_page {
    const char *from, *to; /* the range, YYYY-MM-DD, both included */
    struct time_entry *entries;
    size_t nentries;
    struct time_total *totals;
    size_t ntotals;
    int64_t total_minutes;
};

/* The actor's own entries from..to (NULL from: the first day of to's month; NULL to:
 * today), at most TIME_RANGE_DAYS days apart, newest first, with totals per role type.
 * Experts only. Bad dates are PD_EINVAL naming from or to. */
int app_time_list(struct app_req *r, const char *from, const char *to, struct time_page *out);
/* Log minutes (1..TIME_MINUTES_MAX, and the day's total no more than that) in role_type
 * (an active code of role_type) on on_date (not in the future, at most TIME_PAST_DAYS_MAX
 * days ago). Experts only. PD_EINVAL naming the field; audited as expert_time.create. */
int app_time_add(struct app_req *r, const char *role_type, const char *on_date, int minutes,
                 struct time_entry *out);
/* Delete one of the actor's own entries; anyone else's id is PD_ENOTFOUND. Audited as
 * expert_time.delete. */
int app_time_delete(struct app_req *r, const char *id);
json_t *time_entry_to_json(const struct time_entry *t);
json_t *time_page_to_json(const struct time_page *p);

/* Demo data (inside app_demo_seed's transaction): employment for every demo expert and a
 * few months of time-log entries, the same on every run for the same day. */
int expert_time_demo_seed(struct app_req *r, const char *org_id);

#endif
