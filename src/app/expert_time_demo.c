/*
 * expert_time_demo.c: employment and time-log entries for the demo experts, so the reports
 * on caseload per FTE, hours per role type and the MBO/HBO split have something to show.
 * Mostly HBO, one MBO 4, one MBO 3 and one unknown level; 50 to 100 percent (18 to 36 hours
 * of a 36-hour week). The log runs over the past four months (weekdays, never today),
 * mostly expertise promotion and now and then policy, research or innovation work. A fixed
 * generator keyed on the expert and the day makes the same entries on every run on the same day.
 */
#include <string.h>

#include "../lib/uuid.h"
#include "../store/store.h"
#include "app_int.h"
#include "expert_time.h"
#include "support_int.h"

struct demo_employment {
    const char *email;
    int fte_pct;
    const char *qualification; /* NULL: unknown */
};

static const struct demo_employment demo_employment[] = {
    {"marieke@peerdesk.test", 50, "hbo"}, {"youssef@peerdesk.test", 89, "hbo"},
    {"joost@peerdesk.test", 56, "mbo4"},  {"priya@peerdesk.test", 100, "hbo"},
    {"kees@peerdesk.test", 67, "mbo3"},   {"nadia@peerdesk.test", 78, "hbo"},
    {"tom@peerdesk.test", 72, NULL},
};

#define DEMO_TIME_DAYS 120

/* One step of a 32-bit xorshift generator. */
static uint32_t next_rand(uint32_t *s)
{
    uint32_t x = *s ? *s : 0x9e3779b9u;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *s = x;
}

static int add_entry(struct app_req *r, const char *org_id, const char *worker_id, const char *day,
                     const char *role_type, int minutes)
{
    struct time_entry t = {.role_type = role_type, .on_date = day, .minutes = minutes};
    uuid7_new(t.id);
    memcpy(t.org_id, org_id, sizeof(t.org_id));
    memcpy(t.worker_id, worker_id, sizeof(t.worker_id));
    t.created_at = arena_printf(r->arena, "%sT16:30:00.000Z", day);
    return store_time_insert(r->db, &t, &r->err);
}

/* Weekdays of the past DEMO_TIME_DAYS days, yesterday first. */
static int seed_log(struct app_req *r, const char *org_id, const char *worker_id, size_t k)
{
    for (int ago = 1; ago <= DEMO_TIME_DAYS; ago++) {
        const char *day = sup_day(r, -ago);
        int epoch_day = sup_days_between("1970-01-01", day);
        if ((epoch_day + 3) % 7 >= 5) /* 1970-01-01 was a Thursday: skip Sat, Sun */
            continue;
        uint32_t s = (uint32_t)epoch_day * 2654435761u + (uint32_t)(k + 1) * 40503u;
        uint32_t roll = next_rand(&s) % 100;
        int minutes = 15 * (int)(2 + next_rand(&s) % 11); /* 30..180 */
        const char *role = NULL;
        if (roll < 38)
            role = "expertise_promoter";
        else if (roll < 44)
            role = "policy_influencer";
        else if (roll < 48)
            role = "researcher";
        else if (roll < 51)
            role = "innovator";
        if (role && add_entry(r, org_id, worker_id, day, role, minutes) != PD_OK)
            return r->err.code;
    }
    return PD_OK;
}

int expert_time_demo_seed(struct app_req *r, const char *org_id)
{
    for (size_t k = 0; k < sizeof(demo_employment) / sizeof(demo_employment[0]); k++) {
        const struct demo_employment *d = &demo_employment[k];
        struct worker w;
        struct employment_rec e;
        if (store_worker_by_email(r->db, r->arena, d->email, &w, &r->err) != PD_OK)
            return r->err.code;
        if (store_employment_get(r->db, r->arena, org_id, w.id, &e, &r->err) != PD_OK)
            return r->err.code;
        e.fte_pct = d->fte_pct;
        e.qualification = d->qualification;
        /* keep the profile's own last-saved time: the demo expert did not save anything */
        const char *when = e.updated_at ? e.updated_at : app_now_iso(r);
        if (store_employment_put(r->db, org_id, &e, when, &r->err) != PD_OK ||
            seed_log(r, org_id, w.id, k) != PD_OK)
            return r->err.code;
    }
    return PD_OK;
}
