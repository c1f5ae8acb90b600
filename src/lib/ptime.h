/*
 * ptime.h: UTC wall-clock time with milliseconds, and a monotonic clock.
 *
 * All stored times are ISO 8601 UTC with milliseconds: 2026-11-22T18:44:40.123Z.
 * ptime_now_ms() can be shifted by a test hook (ptime_set_offset_ms) so time-outs are
 * tested without sleeping; production code never calls the hook.
 */
#ifndef PD_PTIME_H
#define PD_PTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PTIME_ISO_BYTES 25 /* "YYYY-MM-DDTHH:MM:SS.mmmZ" + NUL */

int64_t ptime_now_ms(void);  /* Unix ms, UTC */
int64_t ptime_mono_ns(void); /* monotonic, for durations */
void ptime_set_offset_ms(int64_t offset);
void ptime_fmt_iso(int64_t ms, char out[PTIME_ISO_BYTES]);
/* Accepts exactly the format ptime_fmt_iso writes. */
bool ptime_parse_iso(const char *s, size_t n, int64_t *ms);
/* YYYY-MM-DD, proleptic Gregorian, validated (no 31 February). */
bool ptime_parse_date(const char *s, size_t n, int *y, int *m, int *d);

#endif
