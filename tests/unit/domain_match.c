/*
 * domain_match.c: the matcher's promises (issue 3 acceptance): the explanation adds up
 * to the score; ties break the same way whatever the input order; an unavailable expert
 * never ranks above an available one; an item an expert shows to coordinators only is
 * never shown to (nor scored for) anyone else; requested codes nobody covers are unmet;
 * and a thousand experts rank without trouble.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "domain/match.h"
#include "tap.h"

static const char *const area_codes[] = {"addiction", "depression", "psychosis", "debt", "autism"};
static const char *const theme_codes[] = {"loneliness", "stigma", "grief_loss", "meaning"};
static const char *const areas[] = {"area-1", "area-2", "area-3"};
static const char *const clusters[] = {"cluster-a", "cluster-b"};

static uint64_t rng = 88172645463325252ull;
static unsigned next(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

/* n random experts with ids "x0000".. (ids and arrays in the arena). */
static struct match_expert *random_experts(struct arena *a, size_t n)
{
    struct match_expert *xs = arena_array(a, n, sizeof(*xs));
    for (size_t i = 0; i < n; i++) {
        struct match_expert *x = &xs[i];
        x->id = arena_printf(a, "x%04zu", i);
        x->name = x->id;
        size_t k = next(5);
        struct match_item *items = arena_array(a, k + 1, sizeof(*items));
        for (size_t j = 0; j < k; j++) {
            bool area = next(2);
            items[j].vocab = area ? MATCH_AREA_CODE : MATCH_THEME_CODE;
            items[j].code = area ? area_codes[next(5)] : theme_codes[next(4)];
            items[j].coordinators_only = next(3) == 0;
        }
        x->items = items;
        x->nitems = k;
        x->capacity = (int)next(10);
        x->caseload = (int)next(12);
        x->available = next(4) != 0;
        x->area_ids = &areas[next(3)];
        x->nareas = next(2);
        x->cluster_ids = &clusters[next(2)];
        x->nclusters = next(2);
        x->worked_with_requester = next(3) == 0;
    }
    return xs;
}

static bool sums_up(const struct match_result *r)
{
    int sum = 0;
    for (int f = 0; f < MATCH_FACTORS; f++)
        sum += r->reasons[f].points;
    return sum == r->score;
}

static bool ordered(const struct match_ranking *k)
{
    for (size_t i = 1; i < k->n; i++) {
        const struct match_result *p = &k->results[i - 1], *q = &k->results[i];
        if (!p->available && q->available)
            return false;
        if (p->available == q->available &&
            (p->score < q->score ||
             (p->score == q->score && strcmp(p->expert->id, q->expert->id) >= 0)))
            return false;
    }
    return true;
}

static bool names(const struct match_reason *r, const char *code)
{
    for (size_t i = 0; i < r->ncodes; i++)
        if (strcmp(r->codes[i], code) == 0)
            return true;
    return false;
}

int main(void)
{
    struct arena a;
    struct match_weights w = match_weights_default();
    const char *want_areas[] = {"addiction", "psychosis"};
    const char *want_themes[] = {"loneliness", "stigma", "meaning"};
    struct match_request q = {.areas = want_areas,
                              .nareas = 2,
                              .themes = want_themes,
                              .nthemes = 3,
                              .area_id = "area-1",
                              .cluster_id = "cluster-a",
                              .preferred_expert_id = "x0003"};
    arena_init(&a);

    subtest("defaults")
    {
        is_int(w.w[MATCH_SPECIFIC] + w.w[MATCH_GENERIC] + w.w[MATCH_AREA] + w.w[MATCH_CAPACITY] +
                   w.w[MATCH_PREFERRED] + w.w[MATCH_HISTORY],
               105, "the weights of migration 0003");
        is_str(match_factor_code(MATCH_HISTORY), "history", "factor codes");
        is_str(match_vocab_code(MATCH_THEME_CODE), "generic_theme", "vocab codes");
    }

    subtest("the explanation adds up to the score")
    {
        for (int round = 0; round < 50; round++) {
            struct match_ranking k;
            struct match_expert *xs = random_experts(&a, 40);
            match_rank_experts(&a, &q, xs, 40, &w, round % 2 == 0, &k);
            bool all = k.n == 40;
            for (size_t i = 0; i < k.n; i++) {
                all = all && sums_up(&k.results[i]);
                for (int f = 0; f < MATCH_FACTORS; f++)
                    all = all && k.results[i].reasons[f].factor == (enum match_factor)f &&
                          k.results[i].reasons[f].reason != NULL &&
                          k.results[i].reasons[f].points <= w.w[f];
            }
            if (!ok(all, "round %d: every factor listed, points within weight, sum = score", round))
                break;
        }
    }

    subtest("one expert, factor by factor")
    {
        const char *xa[] = {"area-9"}, *xc[] = {"cluster-a"};
        struct match_item items[] = {{MATCH_AREA_CODE, "addiction", false},
                                     {MATCH_THEME_CODE, "stigma", false},
                                     {MATCH_THEME_CODE, "loneliness", false}};
        struct match_expert x = {.id = "x0003",
                                 .items = items,
                                 .nitems = 3,
                                 .capacity = 8,
                                 .caseload = 2,
                                 .available = true,
                                 .area_ids = xa,
                                 .nareas = 1,
                                 .cluster_ids = xc,
                                 .nclusters = 1,
                                 .worked_with_requester = true};
        struct match_ranking k;
        match_rank_experts(&a, &q, &x, 1, &w, true, &k);
        const struct match_result *r = &k.results[0];
        is_int(r->reasons[MATCH_SPECIFIC].points, 20, "1 of 2 areas: 40 * 1/2");
        is_str(r->reasons[MATCH_SPECIFIC].reason, "some_covered", "some covered");
        ok(names(&r->reasons[MATCH_SPECIFIC], "addiction"), "naming the area");
        is_int(r->reasons[MATCH_GENERIC].points, 13, "2 of 3 themes: 20 * 2/3 rounded down");
        is_int(r->reasons[MATCH_AREA].points, 7, "same cluster: half of 15, rounded down");
        is_str(r->reasons[MATCH_AREA].reason, "same_cluster", "same cluster");
        is_int(r->reasons[MATCH_CAPACITY].points, 11, "6 of 8 free: 15 * 6/8 rounded down");
        is_int(r->reasons[MATCH_PREFERRED].points, 10, "the preferred expert");
        is_int(r->reasons[MATCH_HISTORY].points, 5, "worked together before");
        is_int(r->score, 20 + 13 + 7 + 11 + 10 + 5, "the score is the sum");

        x.area_ids = &q.area_id;
        x.capacity = 0;
        x.caseload = 0;
        match_rank_experts(&a, &q, &x, 1, &w, true, &k);
        is_str(k.results[0].reasons[MATCH_AREA].reason, "same_area", "same area beats cluster");
        is_int(k.results[0].reasons[MATCH_AREA].points, 15, "full weight");
        is_str(k.results[0].reasons[MATCH_CAPACITY].reason, "full", "capacity 0 is full");
        is_int(k.results[0].reasons[MATCH_CAPACITY].points, 0, "and earns nothing");
        x.capacity = 4;
        x.caseload = 4;
        match_rank_experts(&a, &q, &x, 1, &w, true, &k);
        is_int(k.results[0].reasons[MATCH_CAPACITY].points, 0, "caseload = capacity: 0");
        x.caseload = 9;
        match_rank_experts(&a, &q, &x, 1, &w, true, &k);
        is_int(k.results[0].reasons[MATCH_CAPACITY].points, 0, "caseload over capacity: 0");
        x.caseload = 0;
        match_rank_experts(&a, &q, &x, 1, &w, true, &k);
        is_int(k.results[0].reasons[MATCH_CAPACITY].points, 15, "no caseload: full weight");
        is_str(k.results[0].reasons[MATCH_CAPACITY].reason, "no_caseload", "says so");

        struct match_request none = {.preferred_expert_id = NULL};
        match_rank_experts(&a, &none, &x, 1, &w, true, &k);
        is_str(k.results[0].reasons[MATCH_SPECIFIC].reason, "no_area_requested", "no areas asked");
        is_str(k.results[0].reasons[MATCH_AREA].reason, "dossier_area_unknown", "no area known");
        is_str(k.results[0].reasons[MATCH_PREFERRED].reason, "no_preference", "no preference");
        ok(sums_up(&k.results[0]), "still sums up");

        struct match_weights big = {{1000, -5, 15, 15, 10, 5}};
        x.items = items;
        match_rank_experts(&a, &q, &x, 1, &big, true, &k);
        is_int(k.results[0].reasons[MATCH_SPECIFIC].points, MATCH_WEIGHT_MAX / 2,
               "a weight over the maximum is clamped");
        is_int(k.results[0].reasons[MATCH_GENERIC].points, 0, "a negative weight counts as 0");
    }

    subtest("ties break deterministically")
    {
        struct match_expert *xs = random_experts(&a, 60);
        /* make many ties: identical experts except the id */
        for (size_t i = 30; i < 60; i++) {
            const char *id = xs[i].id;
            xs[i] = xs[29];
            xs[i].id = id;
        }
        struct match_ranking first;
        match_rank_experts(&a, &q, xs, 60, &w, true, &first);
        ok(ordered(&first), "available first, then score, then id");
        for (int round = 0; round < 20; round++) {
            struct match_expert *sh = arena_array(&a, 60, sizeof(*sh));
            memcpy(sh, xs, 60 * sizeof(*sh));
            for (size_t i = 59; i > 0; i--) {
                size_t j = next((unsigned)i + 1);
                struct match_expert t = sh[i];
                sh[i] = sh[j];
                sh[j] = t;
            }
            struct match_ranking k;
            match_rank_experts(&a, &q, sh, 60, &w, true, &k);
            bool same = k.n == first.n;
            for (size_t i = 0; same && i < k.n; i++)
                same = strcmp(k.results[i].expert->id, first.results[i].expert->id) == 0 &&
                       k.results[i].score == first.results[i].score;
            if (!ok(same, "shuffle %d: the same ranking", round))
                break;
        }
    }

    subtest("unavailable never above available")
    {
        const char *xa[] = {"area-1"};
        struct match_item all[] = {{MATCH_AREA_CODE, "addiction", false},
                                   {MATCH_AREA_CODE, "psychosis", false}};
        struct match_expert xs[] = {
            {.id = "a-busy",
             .items = all,
             .nitems = 2,
             .capacity = 8,
             .available = false,
             .area_ids = xa,
             .nareas = 1,
             .worked_with_requester = true},
            {.id = "b-free",
             .items = all,
             .nitems = 2,
             .capacity = 8,
             .available = true,
             .area_ids = xa,
             .nareas = 1,
             .worked_with_requester = true},
            {.id = "c-free", .capacity = 1, .caseload = 1, .available = true},
        };
        struct match_ranking k;
        match_rank_experts(&a, &q, xs, 3, &w, true, &k);
        is_str(k.results[0].expert->id, "b-free", "same fit: the available one first");
        is_str(k.results[1].expert->id, "c-free", "even a poor available fit comes first");
        is_str(k.results[2].expert->id, "a-busy", "the unavailable one last");
        ok(!k.results[2].available && k.results[2].score > k.results[1].score,
           "although its score is higher");
        is_int(k.results[0].score, k.results[2].score, "availability is not a factor");
        for (int round = 0; round < 30; round++) {
            struct match_expert *rx = random_experts(&a, 50);
            match_rank_experts(&a, &q, rx, 50, &w, round % 2, &k);
            if (!ok(ordered(&k), "random round %d is ordered", round))
                break;
        }
    }

    subtest("an item for coordinators only is never shown to anyone else")
    {
        struct match_item items[] = {{MATCH_AREA_CODE, "addiction", true},
                                     {MATCH_THEME_CODE, "stigma", true},
                                     {MATCH_THEME_CODE, "loneliness", false}};
        struct match_expert x = {.id = "x1", .items = items, .nitems = 3, .available = true};
        struct match_ranking gen, coord;
        match_rank_experts(&a, &q, &x, 1, &w, false, &gen);
        match_rank_experts(&a, &q, &x, 1, &w, true, &coord);
        ok(!names(&gen.results[0].reasons[MATCH_SPECIFIC], "addiction"),
           "the hidden area is not named to a generalist");
        ok(!names(&gen.results[0].reasons[MATCH_GENERIC], "stigma"), "nor the hidden theme");
        ok(names(&gen.results[0].reasons[MATCH_GENERIC], "loneliness"),
           "a theme shown to colleagues is named");
        is_int(gen.results[0].reasons[MATCH_SPECIFIC].points, 0, "the hidden area earns nothing");
        is_int(gen.results[0].score, 6, "so the score does not reveal it (20 * 1/3)");
        bool leaked = false;
        for (size_t i = 0; i < gen.nunmet; i++)
            leaked = leaked || strcmp(gen.unmet[i].code, "loneliness") == 0;
        ok(!leaked, "the visible theme is met");
        ok(gen.nunmet == 4, "for the generalist: addiction, psychosis, stigma, meaning unmet");
        ok(names(&coord.results[0].reasons[MATCH_SPECIFIC], "addiction"),
           "a coordinator sees the area");
        ok(coord.results[0].score > gen.results[0].score, "and it counts for a coordinator");
        is_int(coord.nunmet, 2, "for the coordinator: psychosis, meaning unmet");
    }

    subtest("unmet codes")
    {
        struct match_item i1[] = {{MATCH_AREA_CODE, "addiction", false}};
        struct match_item i2[] = {{MATCH_THEME_CODE, "meaning", false}};
        struct match_expert xs[] = {
            {.id = "x1", .items = i1, .nitems = 1, .available = false},
            {.id = "x2", .items = i2, .nitems = 1, .available = true},
        };
        struct match_ranking k;
        match_rank_experts(&a, &q, xs, 2, &w, true, &k);
        is_int(k.nunmet, 3, "psychosis, loneliness, stigma");
        ok(k.nunmet == 3 && k.unmet[0].vocab == MATCH_AREA_CODE &&
               strcmp(k.unmet[0].code, "psychosis") == 0 &&
               strcmp(k.unmet[1].code, "loneliness") == 0 && k.unmet[2].vocab == MATCH_THEME_CODE &&
               strcmp(k.unmet[2].code, "stigma") == 0,
           "in request order, areas before themes");
        match_rank_experts(&a, &q, NULL, 0, &w, true, &k);
        is_int(k.n, 0, "no experts: nothing ranked");
        is_int(k.nunmet, 5, "and everything unmet");
    }

    subtest("a thousand experts")
    {
        struct match_expert *xs = random_experts(&a, 1000);
        struct match_ranking k;
        match_rank_experts(&a, &q, xs, 1000, &w, true, &k);
        is_int(k.n, 1000, "all ranked");
        ok(ordered(&k), "in order");
        bool sums = true;
        for (size_t i = 0; i < k.n; i++)
            sums = sums && sums_up(&k.results[i]);
        ok(sums, "every explanation adds up");
    }
    arena_release(&a);
    return done_testing();
}
