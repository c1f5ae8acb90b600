/*
 * timeline.h: pure rules of the dossier timeline (practice.md §2.3 step 10, §7.9).
 *
 * A dossier with a progress goal that shows nothing for a while (no contact note, no
 * held evaluation) prompts its workers to evaluate: "is this still working?". It is a
 * prompt for a conversation, never an automatic close, and dossiers with a stabilising
 * goal never prompt for lack of progress. A planned evaluation whose date has passed
 * without being held prompts too, whatever the goal. No database here: app/timeline.c
 * gathers the dates, this file decides, so both sides of each boundary are unit-tested.
 */
#ifndef PD_DOMAIN_TIMELINE_H
#define PD_DOMAIN_TIMELINE_H

#include <stdbool.h>
#include <stdint.h>

/* Dates are "YYYY-MM-DD"; NULL means "none". */
struct due_facts {
    bool progress_goal;          /* goal_type = progress */
    const char *opened_on;       /* the dossier's opening date */
    const char *last_note_on;    /* newest contact_on of its notes */
    const char *last_held_on;    /* newest held_on of its evaluations */
    const char *overdue_planned; /* earliest planned_on without held_on, NULL when none */
};

enum due_reason {
    DUE_NONE = 0,
    DUE_PLANNED_PASSED, /* a planned evaluation's date passed without it being held */
    DUE_NO_ACTIVITY,    /* progress goal, no note or held evaluation for quiet_days */
};

/* Why the dossier needs an evaluation on `today`, if it does. quiet_days is
 * LIMIT_DUE_DAYS in production. *quiet_since (may be NULL) gets the date the dossier went
 * quiet (the newest of opened_on, last note, last held evaluation). */
enum due_reason timeline_due(const struct due_facts *f, const char *today, int quiet_days,
                             const char **quiet_since);
/* "planned_passed", "no_activity", "none". */
const char *due_reason_code(enum due_reason r);

/* Days since 1970-01-01 of a valid "YYYY-MM-DD"; false when it is not one. */
bool timeline_day_number(const char *date, int64_t *days);

#endif
