/*
 * jsonw.h: writing JSON straight into a buffer, for the answers that are served most
 * (the dossier page): building a jansson tree first and dumping it cost a sixth of a
 * page's CPU (PERFORMANCE.md P1). The output is what pdjson_dump gives for the same
 * members in the same order: compact, UTF-8 as is, `"`, `\` and control characters
 * escaped as jansson escapes them.
 *
 * Commas are the writer's business: jw_key() and every value put one where one is due.
 * Errors latch: a string that is not valid UTF-8, nesting deeper than JW_MAX_DEPTH or an
 * answer over the buffer's ceiling makes jw_finish() return PD_EINTERNAL and no bytes.
 */
#ifndef PD_JSONW_H
#define PD_JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "err.h"

#define JW_MAX_DEPTH 16

struct jsonw {
    struct buf b;
    int depth;
    bool first[JW_MAX_DEPTH + 1]; /* nothing written yet at this level (0: outside all) */
    bool after_key;               /* a key was written: the next value needs no comma */
    int err;                      /* PD_OK, or the first error */
};

void jw_init(struct jsonw *w, size_t max);
void jw_obj(struct jsonw *w);
void jw_obj_end(struct jsonw *w);
void jw_arr(struct jsonw *w);
void jw_arr_end(struct jsonw *w);
void jw_key(struct jsonw *w, const char *k);
void jw_str(struct jsonw *w, const char *s); /* NULL writes null */
void jw_int(struct jsonw *w, int64_t v);
void jw_bool(struct jsonw *w, bool v);
void jw_null(struct jsonw *w);
/* Key and value in one call. */
void jw_kstr(struct jsonw *w, const char *k, const char *s);
void jw_kint(struct jsonw *w, const char *k, int64_t v);
void jw_kbool(struct jsonw *w, const char *k, bool v);
/* An array of strings. */
void jw_kstrs(struct jsonw *w, const char *k, const char *const *v, size_t n);
/* PD_OK with the bytes (malloc'd, the caller frees) and their length, or PD_EINTERNAL
 * (nothing to free). The writer is released either way. */
int jw_finish(struct jsonw *w, char **out, size_t *len);

#endif
