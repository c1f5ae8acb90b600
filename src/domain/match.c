/*
 * match.c: the scoring and ranking of match.h. Each factor is one small function that
 * returns its points and reason; the score is their sum, so the explanation and the
 * score cannot disagree. All arithmetic is on int: weights are at most
 * MATCH_WEIGHT_MAX and counts at most the number of requested codes, so products stay
 * far below INT_MAX.
 */
#include "match.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

struct match_weights match_weights_default(void)
{
    struct match_weights w = {{40, 20, 15, 15, 10, 5}};
    return w;
}

const char *match_factor_code(enum match_factor f)
{
    static const char *const codes[MATCH_FACTORS] = {
        [MATCH_SPECIFIC] = "specific", [MATCH_GENERIC] = "generic",     [MATCH_AREA] = "area",
        [MATCH_CAPACITY] = "capacity", [MATCH_PREFERRED] = "preferred", [MATCH_HISTORY] = "history",
    };
    return (unsigned)f < MATCH_FACTORS ? codes[f] : "unknown";
}

const char *match_vocab_code(enum match_vocab v)
{
    return v == MATCH_AREA_CODE ? "experience_area" : "generic_theme";
}

static int clamp_weight(int w)
{
    return w < 0 ? 0 : w > MATCH_WEIGHT_MAX ? MATCH_WEIGHT_MAX : w;
}

static bool same(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* Does the expert hold `code` of `vocab` in a way this viewer may see? */
static bool holds(const struct match_expert *x, enum match_vocab vocab, const char *code,
                  bool viewer_is_coordinator)
{
    for (size_t i = 0; i < x->nitems; i++) {
        const struct match_item *it = &x->items[i];
        if (it->vocab == vocab && same(it->code, code) &&
            (viewer_is_coordinator || !it->coordinators_only))
            return true;
    }
    return false;
}

static bool in_list(const char *const *list, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (same(list[i], id))
            return true;
    return false;
}

/* specific / generic: the share of requested codes covered, and which ones. */
static void score_codes(struct arena *a, const struct match_expert *x, enum match_vocab vocab,
                        const char *const *wanted, size_t nwanted, int weight, bool coord,
                        struct match_reason *out)
{
    out->codes = nwanted ? arena_array(a, nwanted, sizeof(*out->codes)) : NULL;
    for (size_t i = 0; i < nwanted; i++)
        if (holds(x, vocab, wanted[i], coord))
            out->codes[out->ncodes++] = wanted[i];
    if (nwanted == 0) {
        out->reason = vocab == MATCH_AREA_CODE ? "no_area_requested" : "no_theme_requested";
        return;
    }
    out->points = (int)((size_t)weight * out->ncodes / nwanted);
    out->reason = out->ncodes == nwanted ? "all_covered"
                  : out->ncodes          ? "some_covered"
                                         : "none_covered";
}

static void score_area(const struct match_request *q, const struct match_expert *x, int weight,
                       struct match_reason *out)
{
    if (!q->area_id && !q->cluster_id)
        out->reason = "dossier_area_unknown";
    else if (q->area_id && in_list(x->area_ids, x->nareas, q->area_id)) {
        out->points = weight;
        out->reason = "same_area";
    } else if (q->cluster_id && in_list(x->cluster_ids, x->nclusters, q->cluster_id)) {
        out->points = weight / 2;
        out->reason = "same_cluster";
    } else
        out->reason = "other_area";
}

static void score_capacity(const struct match_expert *x, int weight, struct match_reason *out)
{
    int room = x->capacity - x->caseload;
    if (x->capacity <= 0 || room <= 0) {
        out->reason = "full";
        return;
    }
    out->points = weight * room / x->capacity;
    out->reason = room == x->capacity ? "no_caseload" : "room_left";
}

static void score_one(struct arena *a, const struct match_request *q, const struct match_expert *x,
                      const int *w, bool coord, struct match_result *res)
{
    memset(res, 0, sizeof(*res));
    res->expert = x;
    res->available = x->available;
    for (int f = 0; f < MATCH_FACTORS; f++)
        res->reasons[f].factor = (enum match_factor)f;
    score_codes(a, x, MATCH_AREA_CODE, q->areas, q->nareas, w[MATCH_SPECIFIC], coord,
                &res->reasons[MATCH_SPECIFIC]);
    score_codes(a, x, MATCH_THEME_CODE, q->themes, q->nthemes, w[MATCH_GENERIC], coord,
                &res->reasons[MATCH_GENERIC]);
    score_area(q, x, w[MATCH_AREA], &res->reasons[MATCH_AREA]);
    score_capacity(x, w[MATCH_CAPACITY], &res->reasons[MATCH_CAPACITY]);

    struct match_reason *p = &res->reasons[MATCH_PREFERRED];
    if (!q->preferred_expert_id)
        p->reason = "no_preference";
    else if (same(q->preferred_expert_id, x->id)) {
        p->points = w[MATCH_PREFERRED];
        p->reason = "preferred_by_requester";
    } else
        p->reason = "other_preferred";

    struct match_reason *h = &res->reasons[MATCH_HISTORY];
    h->points = x->worked_with_requester ? w[MATCH_HISTORY] : 0;
    h->reason = x->worked_with_requester ? "worked_together_before" : "not_worked_together";

    for (int f = 0; f < MATCH_FACTORS; f++) {
        assert(res->reasons[f].points >= 0 && res->reasons[f].points <= w[f]);
        res->score += res->reasons[f].points;
    }
}

static int compare_results(const void *pa, const void *pb)
{
    const struct match_result *a = pa, *b = pb;
    if (a->available != b->available)
        return a->available ? -1 : 1;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return strcmp(a->expert->id ? a->expert->id : "", b->expert->id ? b->expert->id : "");
}

static void find_unmet(struct arena *a, const struct match_request *q,
                       const struct match_expert *xs, size_t n, bool coord,
                       struct match_ranking *out)
{
    size_t cap = q->nareas + q->nthemes;
    out->unmet = cap ? arena_array(a, cap, sizeof(*out->unmet)) : NULL;
    for (size_t k = 0; k < cap; k++) {
        enum match_vocab v = k < q->nareas ? MATCH_AREA_CODE : MATCH_THEME_CODE;
        const char *code = k < q->nareas ? q->areas[k] : q->themes[k - q->nareas];
        bool covered = false;
        for (size_t i = 0; i < n && !covered; i++)
            covered = holds(&xs[i], v, code, coord);
        if (!covered)
            out->unmet[out->nunmet++] = (struct match_unmet){v, code};
    }
}

void match_rank_experts(struct arena *a, const struct match_request *req,
                        const struct match_expert *experts, size_t n, const struct match_weights *w,
                        bool viewer_is_coordinator, struct match_ranking *out)
{
    int wt[MATCH_FACTORS];
    for (int f = 0; f < MATCH_FACTORS; f++)
        wt[f] = clamp_weight(w->w[f]);
    memset(out, 0, sizeof(*out));
    out->results = n ? arena_array(a, n, sizeof(*out->results)) : NULL;
    for (size_t i = 0; i < n; i++)
        score_one(a, req, &experts[i], wt, viewer_is_coordinator, &out->results[i]);
    out->n = n;
    if (n > 1)
        qsort(out->results, n, sizeof(*out->results), compare_results);
    find_unmet(a, req, experts, n, viewer_is_coordinator, out);
}
