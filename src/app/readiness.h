/*
 * readiness.h: the implementation readiness scan (implementatiescan). An organisation
 * scores itself, 1 to 5 or "not assessed", on the conditions for deploying experience
 * experts: the items of the vocabulary readiness_item, grouped by code prefix (ibrahim_,
 * promoting_, precondition_; practice.md 4.6 b, c, e). A scan is about the organisation,
 * never about a person. Managers, administrators and coordinators make and read scans
 * (the route table checks the roles); a scan is written whole, once, and audited as
 * readiness_scan.create without any of its content. Arrays live in r->arena.
 */
#ifndef PD_APP_READINESS_H
#define PD_APP_READINESS_H

#include <jansson.h>

#include "../store/store_readiness.h"
#include "../store/store_vocab.h"
#include "app.h"

#define READINESS_NOTE_CHARS    1000
#define READINESS_COMMENT_CHARS 500
#define READINESS_GROUPS        3

/* The groups in display order: "ibrahim", "promoting", "precondition". */
extern const char *const readiness_groups[READINESS_GROUPS];
/* The group of an item code (by its prefix), or NULL when it has none. */
const char *readiness_group_of(const char *item);

/* The active items of the organisation, in vocabulary order (only codes with a group). */
int app_readiness_items(struct app_req *r, struct vocab_entry **out, size_t *n);
/* Record a scan: taken_on YYYY-MM-DD (NULL: today; not in the future), note NULL or 1 to
 * READINESS_NOTE_CHARS characters, every active item exactly once with a score 1..5 or 0
 * (not assessed) and a comment NULL or 1 to READINESS_COMMENT_CHARS characters. Bad input
 * is PD_EINVAL naming the field (scores[i].item, scores[i].score, ...); nothing is written
 * then. */
int app_readiness_create(struct app_req *r, const char *taken_on, const char *note,
                         const struct readiness_score *scores, size_t nscores,
                         struct readiness_scan *out);
/* The organisation's scans, newest first. */
int app_readiness_list(struct app_req *r, struct readiness_scan **out, size_t *n);
/* One scan of the organisation; any other id is PD_ENOTFOUND. */
int app_readiness_get(struct app_req *r, const char *id, struct readiness_scan *out);

json_t *readiness_item_to_json(const struct vocab_entry *v);
/* {id, taken_on, note, created_by: {id, name}, created_at, averages: [{group, average
 * ("3.50" or null), sum, assessed, items}], scores?: [{item, group, score, comment}]} */
json_t *readiness_scan_to_json(const struct readiness_scan *s, bool with_scores);

#endif
