/*
 * report_table.h: the one shape of the manager's table reports (docs/reports.md, contract
 * in the reports dashboard brief): columns with a kind, rows with key, label, vocabulary,
 * qualification-level group and one value per column, and an optional total. One function
 * writes it as JSON and one as CSV, so both carry the same figures by construction.
 *
 * Values are integers until they are written: a count, a whole number of days, or a
 * fraction num/den written with fixed decimals (hours one, ratio one, share two), rounded
 * half up in integer arithmetic, never through a float. A count from 1 to
 * REPORT_MIN_CELL - 1 is written as "<5"; a null cell is JSON null and an empty CSV field.
 * The small-cell helpers shared with the older reports (reports.c) live here too.
 */
#ifndef PD_APP_REPORT_TABLE_H
#define PD_APP_REPORT_TABLE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../lib/arena.h"
#include "../lib/buf.h"

#define REPORT_MIN_CELL 5

/* ---- small cells, percentiles, decimals, CSV fields ---- */

/* A count from 1 to REPORT_MIN_CELL - 1 is suppressed; 0 and larger counts are shown. */
bool report_suppressed(int64_t n);
/* The count as JSON: an integer, or the string "<5" when suppressed. */
json_t *report_count_json(int64_t n);
/* The count as text: "12", "0" or "<5" (static or in out, which holds 24 bytes). */
const char *report_count_text(int64_t n, char out[24]);
/* Nearest-rank percentile of the n values v (sorted in place, ascending): the value at
 * 1-based rank ceil(p * n / 100), p in 1..100. n must be > 0. The median is p = 50. */
int64_t report_percentile(int64_t *v, size_t n, int p);
/* num/den (both >= 0, den > 0) with `decimals` (0..4) decimals, rounded half up:
 * rt_decimal(7, 8, 2) is "0.88", rt_decimal(90, 60, 1) is "1.5". out holds 48 bytes. */
const char *rt_decimal(int64_t num, int64_t den, int decimals, char out[48]);
/* num/den with two decimals ("0.88"); den must be > 0. */
const char *report_share(int64_t num, int64_t den, char out[48]);
/* One CSV field: quoted when it holds a comma, quote or line break; a leading = + - @ or
 * tab gets a ' so that a spreadsheet does not run it as a formula. NULL writes nothing. */
void report_csv_field(struct buf *b, const char *s);

/* ---- the table ---- */

enum rt_kind {
    RT_COUNT, /* integer, "<5" for 1..4 */
    RT_DAYS,  /* whole days (a median or p90), null when based on fewer than 5 */
    RT_HOURS, /* num minutes / den 60, one decimal */
    RT_RATIO, /* num/den, one decimal */
    RT_SHARE, /* num/den, two decimals */
};

struct rt_col {
    const char *key;
    enum rt_kind kind;
};

struct rt_cell {
    bool null;
    int64_t num, den; /* count and days: num; hours, ratio, share: num/den */
};

struct rt_row {
    const char *key, *label, *vocab, *group; /* each may be NULL */
    struct rt_cell *v;                       /* one per column */
};

struct report_table {
    struct arena *arena;
    const char *report; /* "caseload", ... */
    const char *file;   /* CSV file name without .csv */
    const char *from, *to;
    bool split;           /* split=level: rows carry their group */
    const char *key_name; /* CSV header of the key column: "team", "month", "code" */
    const struct rt_col *cols;
    size_t ncols;
    struct rt_row *rows;
    size_t nrows, cap;
    struct rt_cell *total; /* NULL: no total */
};

void rt_init(struct report_table *t, struct arena *a, const char *report, const char *from,
             const char *to, bool split, const char *key_name, const struct rt_col *cols,
             size_t ncols);
/* A new row with every cell 0; strings are not copied (they live in the same arena). */
struct rt_row *rt_add_row(struct report_table *t, const char *key, const char *label,
                          const char *vocab, const char *group);
/* The total's cells (created on first call, every cell 0). */
struct rt_cell *rt_total(struct report_table *t);

/* Cell setters. */
void rt_count(struct rt_cell *c, int64_t n);
/* Null: not applicable or withheld. */
void rt_null(struct rt_cell *c);
/* The p-th nearest-rank percentile of the n values v (sorted in place); null when n is
 * below REPORT_MIN_CELL. */
void rt_days(struct rt_cell *c, int64_t *v, size_t n, int p);
/* num/den; null when withheld or den <= 0. */
void rt_frac(struct rt_cell *c, int64_t num, int64_t den, bool withheld);
/* True when either count is suppressed: a figure derived from it is withheld. */
bool rt_withheld(int64_t a, int64_t b);

/* {report, period: {from, to}, split, columns: [{key, kind}], rows: [{key, label, vocab,
 * group, values: {col: value}}], total: {col: value} | null}. */
json_t *report_table_json(const struct report_table *t);
/* RFC 4180 with CRLF: header key_name,label[,group],columns...; one line per row; the last
 * line total,,[,]... when there is a total. */
void report_table_csv(const struct report_table *t, struct buf *b);

#endif
