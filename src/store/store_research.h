/*
 * store_research.h: the raw reads behind the research export (app/research.c,
 * docs/research-export.md). Read-only; callers own the transaction.
 *
 * One query per exported table, scoped to the organisation (?1) and the period ?2..?3
 * (YYYY-MM-DD, inclusive), each answering one JSON object per row: its columns by name
 * (integers as numbers, the rest as text) and its lists (codes, intensity phases), each
 * read with a statement of its own (SQLite's JSON functions have no PostgreSQL
 * spelling). These rows still hold internal ids, names of areas, dates and free text:
 * they never leave app/research.c, which pseudonymises, coarsens, suppresses and drops
 * before anything is answered. The client's code, name and contact and every worker's
 * name and email are not even read.
 *
 * The dossiers of the export are those open at some day of the period (opened on or
 * before its end, not closed before its start); the other tables are about those
 * dossiers (consultations and case discussions: about any dossier or none) and dated in
 * the period, as each query says.
 */
#ifndef PD_STORE_RESEARCH_H
#define PD_STORE_RESEARCH_H

#include <jansson.h>

#include "store.h"

/* A list in each row: its statement takes the organisation (?1) and the row's id (?2);
 * one column gives an array of values, more an array of objects. */
struct research_list {
    const char *key;
    struct db_stmt *(*prepare)(struct db *db, struct pd_err *e);
};

struct research_table {
    const char *name; /* the export's table name ("dossiers") */
    struct db_stmt *(*prepare)(struct db *db, struct pd_err *e);
    const char *ints;                  /* the integer columns, " "-separated */
    const struct research_list *lists; /* ended by a NULL key; NULL when none */
};

extern const struct research_table store_research_tables[];
extern const size_t store_research_table_count;

/* The rows of one table, in a stable order; *out is a new JSON array owned by the caller. */
int store_research_rows(struct db *db, const struct research_table *t, const char *org_id,
                        const char *from, const char *to, json_t **out, struct pd_err *e);

#endif
