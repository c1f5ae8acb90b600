/*
 * people.h: organisations, workers, teams and areas: the types, and the checks on their
 * fields that do not need storage. Strings in these structs point into the arena of the
 * call that filled them (or, for values being inserted, into the caller's memory).
 */
#ifndef PD_PEOPLE_H
#define PD_PEOPLE_H

#include <stdbool.h>
#include <stdint.h>

#include "../lib/err.h"
#include "../lib/uuid.h"

struct org {
    char id[UUID_STR_BYTES];
    const char *slug; /* [a-z0-9-], 2..LIMIT_SLUG_BYTES, starts with a letter */
    const char *name;
    unsigned totp_roles; /* roles that must use a second factor */
    const char *created_at;
    int64_t version;
};

enum worker_status { WORKER_ACTIVE = 0, WORKER_DISABLED = 1 };

struct worker {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    const char *email; /* stored lowercased; unique across the installation */
    const char *name;
    unsigned roles; /* enum role bits */
    enum worker_status status;
    const char *pw_hash; /* Argon2id PHC string; NULL when not loaded */
    bool totp_enabled;
    const char *lang; /* UI language, "nl" or "en" (migration 0005); NULL when not loaded */
    const char *created_at;
    const char *updated_at;
    int64_t version;
};

enum area_kind { AREA_CLUSTER = 1, AREA_WIJK, AREA_BUURT };

struct area {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    enum area_kind kind;
    const char *name;
    const char *parent_id; /* NULL for a top-level area */
    int64_t version;
};

enum team_kind { TEAM_EXPERT = 1, TEAM_NEIGHBOURHOOD, TEAM_OTHER };

struct team {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    enum team_kind kind;
    const char *name;
    const char *area_id; /* may be NULL */
    int64_t version;
};

int org_check_slug(const char *slug, const char *field, struct pd_err *e);
/* Non-empty after trimming, valid UTF-8, at most LIMIT_NAME_BYTES, no control chars. */
int check_name(const char *name, const char *field, struct pd_err *e);
/* Syntactic check; writes the lowercased form into out (LIMIT_EMAIL_BYTES + 1). */
int email_normalise(const char *email, const char *field, char *out, struct pd_err *e);

const char *area_kind_code(enum area_kind k); /* "cluster", "wijk", "buurt" */
int area_kind_parse(const char *s, enum area_kind *k);
const char *team_kind_code(enum team_kind k); /* "expert_team", "neighbourhood_team", "other" */
int team_kind_parse(const char *s, enum team_kind *k);

#endif
