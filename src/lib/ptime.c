/*
 * ptime.c: UTC time. The test offset is an atomic so a test can move the clock while
 * server threads read it.
 */
#include "ptime.h"

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static _Atomic int64_t offset_ms;

int64_t ptime_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 + atomic_load(&offset_ms);
}

int64_t ptime_mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void ptime_set_offset_ms(int64_t offset)
{
    atomic_store(&offset_ms, offset);
}

void ptime_fmt_iso(int64_t ms, char out[PTIME_ISO_BYTES])
{
    time_t t = (time_t)(ms / 1000);
    int frac = (int)(ms % 1000);
    if (frac < 0) {
        frac += 1000;
        t -= 1;
    }
    struct tm tm;
    if (!gmtime_r(&t, &tm)) {
        snprintf(out, PTIME_ISO_BYTES, "1970-01-01T00:00:00.000Z");
        return;
    }
    char tmp[64]; /* roomier than the result, so the compiler can see nothing truncates */
    snprintf(tmp, sizeof(tmp), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", (tm.tm_year + 1900) % 10000,
             tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, frac);
    memcpy(out, tmp, PTIME_ISO_BYTES - 1);
    out[PTIME_ISO_BYTES - 1] = '\0';
}

static bool digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

static int days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

bool ptime_parse_date(const char *s, size_t n, int *y, int *m, int *d)
{
    if (n != 10 || s[4] != '-' || s[7] != '-')
        return false;
    if (!digits(s, 4, y) || !digits(s + 5, 2, m) || !digits(s + 8, 2, d))
        return false;
    return *y >= 1900 && *y <= 9999 && *m >= 1 && *m <= 12 && *d >= 1 &&
           *d <= days_in_month(*y, *m);
}

bool ptime_parse_iso(const char *s, size_t n, int64_t *ms)
{
    int y, mo, d, h, mi, sec, frac = 0;
    if (n != 24 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.' || s[23] != 'Z')
        return false;
    if (!ptime_parse_date(s, 10, &y, &mo, &d) || !digits(s + 11, 2, &h) ||
        !digits(s + 14, 2, &mi) || !digits(s + 17, 2, &sec) || !digits(s + 20, 3, &frac))
        return false;
    if (h > 23 || mi > 59 || sec > 59)
        return false;
    struct tm tm = {.tm_year = y - 1900,
                    .tm_mon = mo - 1,
                    .tm_mday = d,
                    .tm_hour = h,
                    .tm_min = mi,
                    .tm_sec = sec};
    *ms = (int64_t)timegm(&tm) * 1000 + frac;
    return true;
}
