/*
 * support_util.c: the helpers of support_int.h.
 */
#include <string.h>

#include "../lib/ptime.h"
#include "../lib/str.h"
#include "app_int.h"
#include "support_int.h"

int sup_audit(struct app_req *r, const char *event, char action, const char *type, const char *id,
              const char *basis, const char *role)
{
    struct audit_event ev = {.event = event,
                             .action = action,
                             .outcome = "success",
                             .record_type = type,
                             .record_id = id,
                             .access_basis = basis,
                             .actor_role = role};
    return audit_write(r, &ev);
}

int sup_not_found(struct app_req *r, const char *event, char action, const char *type,
                  const char *id)
{
    if (db_in_txn(r->db))
        db_rollback(r->db);
    err_clear(&r->err);
    struct audit_event ev = {.event = event,
                             .action = action,
                             .outcome = "denied",
                             .record_type = type,
                             .record_id = sup_id_ok(id) ? id : NULL,
                             .access_basis = "none"};
    if (audit_write_alone(r, &ev) != PD_OK)
        return r->err.code;
    return err_set(&r->err, PD_ENOTFOUND, NULL, "no such %s", type);
}

int sup_need_role(struct app_req *r, unsigned roles, const char *event, char action,
                  const char *type, const char *why)
{
    if (r->actor->roles & roles)
        return PD_OK;
    struct audit_event ev = {.event = event,
                             .action = action,
                             .outcome = "denied",
                             .record_type = type,
                             .access_basis = "none"};
    if (audit_write_alone(r, &ev) != PD_OK)
        return r->err.code;
    return err_set(&r->err, PD_EFORBID, NULL, "%s", why);
}

size_t sup_chars(const char *s)
{
    return s ? utf8_chars(s, strlen(s)) : 0;
}

int sup_check_text(struct app_req *r, const char *s, bool required, size_t max, const char *field)
{
    size_t n = sup_chars(s);
    if (!s && !required)
        return PD_OK;
    if (n == 0 || n > max)
        return err_set(&r->err, PD_EINVAL, field, "1 to %zu characters", max);
    return PD_OK;
}

const char *sup_day(struct app_req *r, int days)
{
    char iso[PTIME_ISO_BYTES];
    ptime_fmt_iso(ptime_now_ms() + (int64_t)days * 86400000, iso);
    return arena_strndup(r->arena, iso, 10);
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil). */
static long day_number(const char *s)
{
    int y = 1970, m = 1, d = 1;
    if (!s || !ptime_parse_date(s, strlen(s), &y, &m, &d))
        return 0;
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int sup_days_between(const char *a, const char *b)
{
    return (int)(day_number(b) - day_number(a));
}

bool sup_id_ok(const char *id)
{
    return id && uuid_valid(id, strlen(id));
}
