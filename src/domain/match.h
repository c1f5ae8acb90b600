/*
 * match.h: rank an organisation's experience experts for one deployment request, with a
 * per-factor explanation (practice.md §2.3 step 4, §7.6). Suggestions only: a
 * coordinator of the expert team decides.
 *
 * Score. Six factors, each worth at most its weight (table match_weights; integers):
 *
 *   specific   requested experience areas the expert's profile covers (share of them)
 *   generic    requested generic themes the profile covers (share of them)
 *   area       works in the dossier's area (full weight) or in its cluster (half)
 *   capacity   room left: weight * (capacity - caseload) / capacity, never below 0
 *   preferred  the requester asked for this expert
 *   history    the expert worked with the requester before
 *
 * Every factor is listed in every explanation, also at 0 points, and the points of the
 * explanation add up to the score exactly (integer arithmetic, no rounding elsewhere).
 *
 * Availability is a gate, not a factor: an unavailable expert is shown as "not
 * available" (never why) and always ranks below every available one. Order: available
 * first, then score (high first), then expert id (byte order): deterministic whatever
 * the order of the input.
 *
 * Visibility. A profile item the expert shows to coordinators only is, for any other
 * viewer, treated as absent: it earns no points and is never named, so neither the
 * explanation nor the score reveals it. Requested codes that no expert covers (for that
 * viewer) are reported as unmet, whether the experts that cover others are available or
 * not (unmet measures the team's reach, not this week's agenda).
 *
 * Memory: results live in the arena given; inputs are borrowed and must outlive the
 * ranking. Pure: no I/O, no globals; thread-safe.
 */
#ifndef PD_MATCH_H
#define PD_MATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "../lib/arena.h"

enum match_factor {
    MATCH_SPECIFIC = 0,
    MATCH_GENERIC,
    MATCH_AREA,
    MATCH_CAPACITY,
    MATCH_PREFERRED,
    MATCH_HISTORY,
    MATCH_FACTORS /* count */
};

/* Weights per factor: the most points a factor can give; each 0..MATCH_WEIGHT_MAX. */
#define MATCH_WEIGHT_MAX 100
struct match_weights {
    int w[MATCH_FACTORS];
};
/* The defaults of migration 0003: 40 20 15 15 10 5. */
struct match_weights match_weights_default(void);

/* Which code table a code belongs to. */
enum match_vocab { MATCH_AREA_CODE = 1, MATCH_THEME_CODE };

struct match_item {
    enum match_vocab vocab;
    const char *code;
    bool coordinators_only; /* visibility "coordinators" */
};

struct match_expert {
    const char *id; /* worker id: the tie-break */
    const char *name;
    const struct match_item *items;
    size_t nitems;
    int capacity; /* cases at once, 0..100 */
    int caseload; /* active expert assignments now */
    bool available;
    const char *const *area_ids; /* areas of the neighbourhood teams the expert is in */
    size_t nareas;
    const char *const *cluster_ids; /* their clusters */
    size_t nclusters;
    bool worked_with_requester;
};

struct match_request {
    const char *const *areas; /* requested experience_area codes */
    size_t nareas;
    const char *const *themes; /* requested generic_theme codes */
    size_t nthemes;
    const char *area_id;             /* the dossier's area; NULL when unknown */
    const char *cluster_id;          /* its cluster; NULL when unknown */
    const char *preferred_expert_id; /* NULL when none */
};

/* One line of an explanation. `reason` is a stable code for the UI to translate. */
struct match_reason {
    enum match_factor factor;
    int points;
    const char *reason;
    const char **codes; /* the matched codes (specific, generic), else none */
    size_t ncodes;
};

struct match_result {
    const struct match_expert *expert;
    bool available;
    int score;
    struct match_reason reasons[MATCH_FACTORS];
};

struct match_unmet {
    enum match_vocab vocab;
    const char *code;
};

struct match_ranking {
    struct match_result *results; /* ranked */
    size_t n;
    struct match_unmet *unmet; /* in request order: areas, then themes */
    size_t nunmet;
};

/* Rank `n` experts for the request. Weights outside 0..MATCH_WEIGHT_MAX are clamped. */
void match_rank_experts(struct arena *a, const struct match_request *req,
                        const struct match_expert *experts, size_t n, const struct match_weights *w,
                        bool viewer_is_coordinator, struct match_ranking *out);

/* "specific", "generic", "area", "capacity", "preferred", "history". */
const char *match_factor_code(enum match_factor f);
/* "experience_area" or "generic_theme". */
const char *match_vocab_code(enum match_vocab v);

#endif
