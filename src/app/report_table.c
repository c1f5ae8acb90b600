/*
 * report_table.c: small-cell suppression, percentiles, fixed decimals and the one JSON and
 * CSV writer of the table reports (see report_table.h).
 */
#include "report_table.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/json.h"

bool report_suppressed(int64_t n)
{
    return n > 0 && n < REPORT_MIN_CELL;
}

json_t *report_count_json(int64_t n)
{
    return report_suppressed(n) ? json_string("<5") : json_integer((json_int_t)n);
}

const char *report_count_text(int64_t n, char out[24])
{
    if (report_suppressed(n))
        return "<5";
    snprintf(out, 24, "%" PRId64, n);
    return out;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

int64_t report_percentile(int64_t *v, size_t n, int p)
{
    qsort(v, n, sizeof(*v), cmp_i64);
    size_t rank = ((size_t)p * n + 99) / 100; /* ceil(p * n / 100) */
    if (rank < 1)
        rank = 1;
    if (rank > n)
        rank = n;
    return v[rank - 1];
}

const char *rt_decimal(int64_t num, int64_t den, int decimals, char out[48])
{
    int64_t scale = 1;
    for (int i = 0; i < decimals; i++)
        scale *= 10;
    /* round(num * scale / den), half up, in integers: floor((2 * num * scale + den) / 2den) */
    int64_t units = (num * scale * 2 + den) / (2 * den);
    if (decimals == 0)
        snprintf(out, 48, "%" PRId64, units);
    else
        snprintf(out, 48, "%" PRId64 ".%0*" PRId64, units / scale, decimals, units % scale);
    return out;
}

const char *report_share(int64_t num, int64_t den, char out[48])
{
    return rt_decimal(num, den, 2, out);
}

void report_csv_field(struct buf *b, const char *s)
{
    if (!s)
        return;
    bool quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        buf_putc(b, '"');
    if (s[0] && strchr("=+-@\t", s[0]))
        buf_putc(b, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            buf_putc(b, '"');
        buf_putc(b, *p);
    }
    if (quote)
        buf_putc(b, '"');
}

/* ---- the table ---- */

void rt_init(struct report_table *t, struct arena *a, const char *report, const char *from,
             const char *to, bool split, const char *key_name, const struct rt_col *cols,
             size_t ncols)
{
    memset(t, 0, sizeof(*t));
    t->arena = a;
    t->report = report;
    t->file = report;
    t->from = from;
    t->to = to;
    t->split = split;
    t->key_name = key_name;
    t->cols = cols;
    t->ncols = ncols;
}

static struct rt_cell *new_cells(struct report_table *t)
{
    struct rt_cell *v = arena_array(t->arena, t->ncols ? t->ncols : 1, sizeof(*v));
    for (size_t i = 0; i < t->ncols; i++)
        v[i].den = 1;
    return v;
}

struct rt_row *rt_add_row(struct report_table *t, const char *key, const char *label,
                          const char *vocab, const char *group)
{
    if (t->nrows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        struct rt_row *rows = arena_array(t->arena, cap, sizeof(*rows));
        if (t->nrows)
            memcpy(rows, t->rows, t->nrows * sizeof(*rows));
        t->rows = rows;
        t->cap = cap;
    }
    struct rt_row *row = &t->rows[t->nrows++];
    row->key = key;
    row->label = label;
    row->vocab = vocab;
    row->group = group;
    row->v = new_cells(t);
    return row;
}

struct rt_cell *rt_total(struct report_table *t)
{
    if (!t->total)
        t->total = new_cells(t);
    return t->total;
}

void rt_count(struct rt_cell *c, int64_t n)
{
    c->null = false;
    c->num = n;
    c->den = 1;
}

void rt_null(struct rt_cell *c)
{
    c->null = true;
    c->num = 0;
    c->den = 1;
}

void rt_days(struct rt_cell *c, int64_t *v, size_t n, int p)
{
    if (n < REPORT_MIN_CELL) {
        rt_null(c);
        return;
    }
    rt_count(c, report_percentile(v, n, p));
}

void rt_frac(struct rt_cell *c, int64_t num, int64_t den, bool withheld)
{
    if (withheld || den <= 0 || num < 0) {
        rt_null(c);
        return;
    }
    c->null = false;
    c->num = num;
    c->den = den;
}

bool rt_withheld(int64_t a, int64_t b)
{
    return report_suppressed(a) || report_suppressed(b);
}

static const char *const kind_names[] = {
    [RT_COUNT] = "count", [RT_DAYS] = "days",   [RT_HOURS] = "hours",
    [RT_RATIO] = "ratio", [RT_SHARE] = "share",
};

static int decimals(enum rt_kind k)
{
    return k == RT_SHARE ? 2 : 1;
}

/* The cell as text (NULL for null), in out (48 bytes) or static. */
static const char *cell_text(enum rt_kind k, const struct rt_cell *c, char out[48])
{
    if (c->null)
        return NULL;
    switch (k) {
    case RT_COUNT:
        return report_count_text(c->num, out);
    case RT_DAYS:
        snprintf(out, 48, "%" PRId64, c->num);
        return out;
    case RT_HOURS:
    case RT_RATIO:
    case RT_SHARE:
        return rt_decimal(c->num, c->den, decimals(k), out);
    }
    return NULL;
}

static json_t *cell_json(enum rt_kind k, const struct rt_cell *c)
{
    char s[48];
    if (c->null)
        return json_null();
    if (k == RT_COUNT)
        return report_count_json(c->num);
    if (k == RT_DAYS)
        return json_integer((json_int_t)c->num);
    return json_string(cell_text(k, c, s));
}

static json_t *values_json(const struct report_table *t, const struct rt_cell *v)
{
    json_t *o = json_object();
    for (size_t i = 0; i < t->ncols; i++)
        json_object_set_new(o, t->cols[i].key, cell_json(t->cols[i].kind, &v[i]));
    return o;
}

json_t *report_table_json(const struct report_table *t)
{
    json_t *cols = json_array(), *rows = json_array();
    for (size_t i = 0; i < t->ncols; i++)
        json_array_append_new(cols, pdjson_pack("{s:s, s:s}", "key", t->cols[i].key, "kind",
                                                kind_names[t->cols[i].kind]));
    for (size_t i = 0; i < t->nrows; i++) {
        const struct rt_row *r = &t->rows[i];
        json_array_append_new(
            rows,
            pdjson_pack("{s:o, s:o, s:o, s:o, s:o}", "key", pdjson_str_or_null(r->key), "label",
                        pdjson_str_or_null(r->label), "vocab", pdjson_str_or_null(r->vocab),
                        "group", pdjson_str_or_null(r->group), "values", values_json(t, r->v)));
    }
    return pdjson_pack("{s:s, s:{s:s, s:s}, s:o, s:o, s:o, s:o}", "report", t->report, "period",
                       "from", t->from, "to", t->to, "split",
                       t->split ? json_string("level") : json_null(), "columns", cols, "rows", rows,
                       "total", t->total ? values_json(t, t->total) : json_null());
}

static void csv_values(const struct report_table *t, const struct rt_cell *v, struct buf *b)
{
    char s[48];
    for (size_t i = 0; i < t->ncols; i++) {
        buf_putc(b, ',');
        report_csv_field(b, cell_text(t->cols[i].kind, &v[i], s));
    }
    buf_puts(b, "\r\n");
}

void report_table_csv(const struct report_table *t, struct buf *b)
{
    report_csv_field(b, t->key_name);
    buf_puts(b, ",label");
    if (t->split)
        buf_puts(b, ",group");
    for (size_t i = 0; i < t->ncols; i++) {
        buf_putc(b, ',');
        report_csv_field(b, t->cols[i].key);
    }
    buf_puts(b, "\r\n");
    for (size_t i = 0; i < t->nrows; i++) {
        const struct rt_row *r = &t->rows[i];
        report_csv_field(b, r->key);
        buf_putc(b, ',');
        report_csv_field(b, r->label);
        if (t->split) {
            buf_putc(b, ',');
            report_csv_field(b, r->group);
        }
        csv_values(t, r->v, b);
    }
    if (t->total) {
        buf_puts(b, t->split ? "total,," : "total,");
        csv_values(t, t->total, b);
    }
}
