/*
 * store_vocab.h: the code tables of an organisation (table vocab, migration 0003).
 * Codes are never deleted: deactivation keeps old records readable.
 */
#ifndef PD_STORE_VOCAB_H
#define PD_STORE_VOCAB_H

#include "store.h"

struct vocab_entry {
    const char *vocab;
    const char *code;
    const char *label_nl;
    const char *label_en;
    const char *source;
    int64_t sort;
    bool active;
    int64_t version;
};

/* Insert unless (org, vocab, code) exists; an existing code keeps its labels. */
int store_vocab_seed(struct db *db, const char *org_id, const struct vocab_entry *v,
                     struct pd_err *e);
/* Insert a new code; a clash is PD_ECONFLICT naming "code". */
int store_vocab_insert(struct db *db, const char *org_id, const struct vocab_entry *v,
                       struct pd_err *e);
/* *found and *active for one code (both false when absent). */
int store_vocab_state(struct db *db, const char *org_id, const char *vocab, const char *code,
                      bool *found, bool *active, struct pd_err *e);
/* One code; PD_ENOTFOUND when absent. */
int store_vocab_get(struct db *db, struct arena *a, const char *org_id, const char *vocab,
                    const char *code, struct vocab_entry *out, struct pd_err *e);
/* Codes of one vocabulary (vocab NULL: all), by vocabulary, sort, code. */
int store_vocab_list(struct db *db, struct arena *a, const char *org_id, const char *vocab,
                     struct vocab_entry **out, size_t *n, struct pd_err *e);
/* Labels and active flag where the version is still `version`; bumps it. PD_ESTALE when
 * the row exists with another version, PD_ENOTFOUND when it does not exist. */
int store_vocab_update(struct db *db, const char *org_id, const struct vocab_entry *v,
                       int64_t version, struct pd_err *e);

#endif
