/*
 * vocab.h: the organisation's code tables (reasons for deployment, experience areas,
 * generic themes, contact kinds, activities, approaches, outcomes, ...), seeded from
 * data/vocabularies/ when an organisation is created and editable by its administrator.
 *
 * Use cases validate every code they store with vocab_check(); a code that does not
 * exist or has been deactivated is PD_EINVAL naming the field.
 */
#ifndef PD_APP_VOCAB_H
#define PD_APP_VOCAB_H

#include "app.h"

/* PD_OK when `code` is an active code of vocabulary `vocab` in the actor's organisation;
 * else PD_EINVAL with e.field = field ("reasons[2]", "kind", ...). */
int vocab_check(struct app_req *r, const char *vocab, const char *code, const char *field);

/* Seed every vocabulary of data/vocabularies into a new organisation (inside the
 * caller's write transaction). Idempotent: existing codes are left as they are. */
int vocab_seed_org(struct app_req *r, const char *org_id);

#endif
