/*
 * research_int.h: what research.c and research_codebook.c share: the codebook as data.
 */
#ifndef PD_APP_RESEARCH_INT_H
#define PD_APP_RESEARCH_INT_H

#include <jansson.h>
#include <stddef.h>

enum research_col_flag {
    RCOL_FREE_TEXT = 1u << 0, /* null unless the export was made with free_text=true */
    RCOL_QUASI_ID = 1u << 1,  /* withheld (null) in small cells */
    RCOL_NULLABLE = 1u << 2,
};

struct research_col {
    const char *name;
    const char *type;   /* pseudonym, code, code[], month, integer, boolean, text, ... */
    const char *source; /* the database column(s) and how the value is derived */
    const char *nl, *en;
    const char *vocab;         /* the vocabulary of a code, else NULL */
    const char *const *values; /* the fixed values of an enumeration, else NULL */
    unsigned flags;
};

struct research_codebook_table {
    const char *name;
    const char *nl, *en;
    const struct research_col *cols;
    size_t n;
};

extern const struct research_codebook_table research_codebook[];
extern const size_t research_codebook_count;

/* The codebook as JSON; vocabs: {vocab: [{code, label_nl, label_en, active}]} (stolen). */
json_t *research_codebook_json(json_t *vocabs);

#endif
