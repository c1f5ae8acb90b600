/*
 * str.h: pointer+length strings for parsing at the boundaries (after h2o's iovec).
 *
 * A struct str never owns memory and need not be NUL-terminated. Parsers take a
 * struct str *cursor and advance it only on success, so calls chain with ||.
 */
#ifndef PD_STR_H
#define PD_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;

struct str {
    const char *p;
    size_t n;
};

#define STR_LIT(s) ((struct str){(s), sizeof(s) - 1})
#define STR_NULL   ((struct str){NULL, 0})

struct str str_from(const char *s); /* s may be NULL: gives STR_NULL */
bool str_eq(struct str a, struct str b);
bool str_eq_cstr(struct str a, const char *s);
bool str_case_eq_cstr(struct str a, const char *s);
bool str_starts_with(struct str s, const char *prefix);
struct str str_trim(struct str s);
/* Split at the first sep: *head gets the part before, s is advanced past sep.
 * Returns false (and leaves s alone) when sep does not occur. */
bool str_cut(struct str *s, char sep, struct str *head);
char *str_dup(struct arena *a, struct str s);
/* Decimal integer in [min, max], whole string; false on anything else. */
bool str_to_i64(struct str s, int64_t min, int64_t max, int64_t *out);
/* Well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF). */
bool utf8_valid(const char *p, size_t n);
/* Number of code points; assumes utf8_valid(). */
size_t utf8_chars(const char *p, size_t n);
/* Constant-time comparison of equal-length byte strings. */
bool mem_eq_ct(const void *a, const void *b, size_t n);

#endif
