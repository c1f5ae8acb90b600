/*
 * vocab_data.h: the vocabularies every organisation starts with, generated at build time
 * from data/vocabularies/<vocab>.tsv by tools/embed-vocab (build/gen/vocabularies.c).
 * Read-only static data; rows are grouped by vocabulary in file order (`sort` counts
 * from 1 within a vocabulary).
 */
#ifndef PD_APP_VOCAB_DATA_H
#define PD_APP_VOCAB_DATA_H

#include <stddef.h>

struct vocab_seed {
    const char *vocab;
    const char *code;
    const char *label_nl;
    const char *label_en;
    const char *source;
    int sort;
};

extern const struct vocab_seed vocab_seeds[];
extern const size_t vocab_seed_count;

#endif
