/*
 * vocab.h: the organisation's code tables (reasons for deployment, experience areas,
 * generic themes, contact kinds, activities, approaches, outcomes, ...), seeded from
 * data/vocabularies/ when an organisation is created and editable by its administrator.
 *
 * Use cases validate every code they store with vocab_check(); a code that does not
 * exist or has been deactivated is PD_EINVAL naming the field. Codes are never deleted:
 * a deactivated code stays readable (old records keep their meaning) but is refused for
 * new ones. The set of vocabulary names is fixed by data/vocabularies (one file each).
 *
 * Strings returned live in r->arena.
 */
#ifndef PD_APP_VOCAB_H
#define PD_APP_VOCAB_H

#include "../store/store_vocab.h"
#include "app.h"

/* Longest code: lowercase_snake, starting with a letter. */
#define VOCAB_CODE_MAX 64

/* PD_OK when `code` is an active code of vocabulary `vocab` in the actor's organisation;
 * else PD_EINVAL with e.field = field ("reasons[2]", "kind", ...). Works inside or
 * outside the caller's transaction. */
int vocab_check(struct app_req *r, const char *vocab, const char *code, const char *field);

/* Seed every vocabulary of data/vocabularies into a new organisation (inside the
 * caller's write transaction). Idempotent: existing codes are left as they are. */
int vocab_seed_org(struct app_req *r, const char *org_id);

/* Seed every organisation (peerdesk init, after migrating: organisations made before
 * the vocabularies existed get them, and codes added to data/ later reach everyone).
 * One write transaction; idempotent; not audited, like a migration. */
int vocab_seed_all(struct app_req *r);

/* Is `vocab` one of the vocabulary names (data/vocabularies/<vocab>.tsv)? */
bool vocab_known(const char *vocab);

/* Every code of the actor's organisation (vocab NULL) or of one vocabulary (unknown
 * name: PD_ENOTFOUND), active or not, ordered by vocabulary and sort. */
int app_vocab_list(struct app_req *r, const char *vocab, struct vocab_entry **out, size_t *n);
/* Admin: add a code (lowercase_snake) with both labels; PD_ECONFLICT "code" when it
 * exists. Audited as vocab.create. */
int app_vocab_add(struct app_req *r, const char *vocab, const char *code, const char *label_nl,
                  const char *label_en, struct vocab_entry *out);
/* Admin: change labels (NULL: keep) and/or active (-1: keep), if the version is still
 * `version`. PD_ESTALE with *out set to the current entry when it is not. */
int app_vocab_update(struct app_req *r, const char *vocab, const char *code, int64_t version,
                     const char *label_nl, const char *label_en, int active,
                     struct vocab_entry *out);

json_t *vocab_entry_to_json(const struct vocab_entry *v);

#endif
