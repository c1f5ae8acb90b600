/*
 * store_util.h: small column readers and an arena array grower that every store_*.c file
 * needs. Strings are copied into the caller's arena; ids into fixed buffers.
 */
#ifndef PD_STORE_UTIL_H
#define PD_STORE_UTIL_H

#include <stddef.h>

#include "../lib/arena.h"
#include "../lib/uuid.h"
#include "db.h"

/* A text column into a fixed buffer of `size` bytes (empty when NULL or too long). */
void store_col_copy(struct db_stmt *st, int col, char *out, size_t size);
/* A UUID column into out (empty when NULL or not 36 characters). */
void store_col_id(struct db_stmt *st, int col, char out[UUID_STR_BYTES]);
/* A text column copied into the arena; NULL when the column is NULL. */
const char *store_col_opt(struct arena *a, struct db_stmt *st, int col);
/* A text column copied into the arena; "" when the column is NULL. */
const char *store_col_str(struct arena *a, struct db_stmt *st, int col);
/* Double an arena array of *cap elements of `size` bytes; returns the new array. */
void *store_grow(struct arena *a, const void *v, size_t *cap, size_t size);
/* Step a bound statement to the end, collecting its first column as ids into an arena
 * array: PD_OK with *ids and *n, or the error (also in e). */
int store_step_ids(struct db_stmt *st, struct arena *a, char (**ids)[UUID_STR_BYTES], size_t *n,
                   struct pd_err *e);
/* Run a statement that returns no rows: PD_OK or the error (also in e). */
int store_step_done(struct db_stmt *st, struct pd_err *e);
/* Run a versioned UPDATE (... WHERE id = ? AND version = ?): PD_OK when it changed a row,
 * PD_ESTALE naming If-Match ("the <what> changed since you read it") when none matched. */
int store_step_versioned(struct db *db, struct db_stmt *st, const char *what, struct pd_err *e);

#endif
