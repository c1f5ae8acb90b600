/*
 * learning_groups.h: learning groups (leergroepen): a course or class group of students
 * with its trainers. Membership is what "my trainer" and "my group" mean for the sharing
 * rules of the portfolio and the recovery story, so only an administrator or a trainer of
 * the group changes it.
 *
 * Who sees a group: an administrator every group of the organisation; a trainer, student
 * or expert the groups they are in (with the members' names and roles, no more). A group
 * the actor may not see is PD_ENOTFOUND, the same answer as none. Arrays live in r->arena.
 */
#ifndef PD_APP_LEARNING_GROUPS_H
#define PD_APP_LEARNING_GROUPS_H

#include <jansson.h>

#include "../store/store_lgroup.h"
#include "app.h"

/* Longest group name, in characters. */
#define LGROUP_NAME_CHARS 120

/* An administrator or a trainer makes a group (learning_group.create); a trainer becomes
 * its first trainer. level: mbo3 | mbo4 | hbo | NULL; starts_on: YYYY-MM-DD | NULL. */
int app_lgroup_create(struct app_req *r, const char *name, const char *level, const char *starts_on,
                      struct lgroup *out);
/* The groups the actor is in (an administrator: all), by name. */
int app_lgroup_list(struct app_req *r, struct lgroup **out, size_t *n);
int app_lgroup_get(struct app_req *r, const char *id, struct lgroup *out);
/* Put a worker in a group as trainer (needs the trainer role) or student (needs the
 * student or the expert role: practising experts keep a portfolio too). Only an
 * administrator or a trainer of the group (else PD_EFORBID for its students, PD_ENOTFOUND
 * for others). Audited as learning_group.member_add. */
int app_lgroup_member_add(struct app_req *r, const char *id, const char *worker_id,
                          const char *role, struct lgroup *out);
/* Take a worker out (learning_group.member_remove); same rule as adding. */
int app_lgroup_member_remove(struct app_req *r, const char *id, const char *worker_id);
/* Who can be put in a group: active trainers, students and experts (id, name, roles). */
int app_lgroup_candidates(struct app_req *r, struct worker **out, size_t *n);

/* The demo organisation's two groups (inside app_demo_seed's transaction, no audit). */
int lgroup_demo_seed(struct app_req *r, const char *org_id);

json_t *lgroup_to_json(const struct lgroup *g, const char *viewer_id);

#endif
