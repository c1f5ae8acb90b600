/*
 * timeline.c: see timeline.h. Day numbers use the proleptic Gregorian calendar (Howard
 * Hinnant's days_from_civil), so differences across months and leap years are exact.
 */
#include "timeline.h"

#include <string.h>

#include "../lib/ptime.h"

bool timeline_day_number(const char *date, int64_t *days)
{
    int y, m, d;
    if (!date || strlen(date) != 10 || !ptime_parse_date(date, 10, &y, &m, &d))
        return false;
    int64_t yy = (int64_t)y - (m <= 2);
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int64_t yoe = yy - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    *days = era * 146097 + doe - 719468;
    return true;
}

/* The later of two optional dates (same format, so string order is date order). */
static const char *later(const char *a, const char *b)
{
    if (!a)
        return b;
    if (!b)
        return a;
    return strcmp(a, b) >= 0 ? a : b;
}

enum due_reason timeline_due(const struct due_facts *f, const char *today, int quiet_days,
                             const char **quiet_since)
{
    int64_t now, last;
    const char *since = later(f->opened_on, later(f->last_note_on, f->last_held_on));
    if (quiet_since)
        *quiet_since = since;
    if (f->overdue_planned && strcmp(f->overdue_planned, today) < 0)
        return DUE_PLANNED_PASSED;
    if (!f->progress_goal || !since)
        return DUE_NONE;
    if (!timeline_day_number(today, &now) || !timeline_day_number(since, &last))
        return DUE_NONE;
    /* Exactly quiet_days of silence is the first day that prompts. */
    return now - last >= quiet_days ? DUE_NO_ACTIVITY : DUE_NONE;
}

const char *due_reason_code(enum due_reason r)
{
    switch (r) {
    case DUE_PLANNED_PASSED:
        return "planned_passed";
    case DUE_NO_ACTIVITY:
        return "no_activity";
    case DUE_NONE:
        break;
    }
    return "none";
}
