/*
 * support_int.h: what coaching.c, reflection.c and training.c (Leren en Reflectie: the
 * worker's own support) share and nobody else: actor checks, the audit entries of records
 * that are not client data, the "same answer as a missing record" refusal, text and date
 * checks. Strings returned live in r->arena.
 */
#ifndef PD_APP_SUPPORT_INT_H
#define PD_APP_SUPPORT_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "app.h"

/* One successful entry in the open write transaction (never any content). */
int sup_audit(struct app_req *r, const char *event, char action, const char *type, const char *id,
              const char *basis, const char *role);
/* A record the actor may not see: roll back, write a denied entry on its own, answer
 * PD_ENOTFOUND "no such <type>", exactly as for an id that does not exist. */
int sup_not_found(struct app_req *r, const char *event, char action, const char *type,
                  const char *id);
/* The actor holds none of `roles`: a denied entry on its own, PD_EFORBID with `why`. */
int sup_need_role(struct app_req *r, unsigned roles, const char *event, char action,
                  const char *type, const char *why);
/* Characters (not bytes) of s; 0 for NULL. */
size_t sup_chars(const char *s);
/* NULL is fine when !required; else 1..max characters, PD_EINVAL naming field. */
int sup_check_text(struct app_req *r, const char *s, bool required, size_t max, const char *field);
/* Today (UTC) as YYYY-MM-DD, shifted by `days`. */
const char *sup_day(struct app_req *r, int days);
/* Whole days from date a to date b (both YYYY-MM-DD, already checked). */
int sup_days_between(const char *a, const char *b);
/* A valid UUID, else the same not-found answer as for a missing record. */
bool sup_id_ok(const char *id);

#endif
