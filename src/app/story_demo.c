/*
 * story_demo.c: recovery stories for `init --demo` (called from demo.c inside its
 * transaction). Lotte, a student, has a story with two versions: one fragment shared with
 * her trainer (feedback wanted, and Peter has answered), one with her learning group (only
 * what it evokes), the rest private, and an audience version for a guest lesson. Youssef,
 * an expert, keeps a private poem. The texts are written for the demo.
 *
 * Sharing reaches people through learning groups, which the learning-groups part seeds;
 * rows are written straight through the store, so the order of the parts does not matter.
 */
#include <string.h>

#include "app_int.h"
#include "story.h"

struct demo_fragment {
    const char *body;
    int keep; /* index of the fragment of the previous version it continues, or -1 */
};

static const struct demo_fragment lotte_v1[] = {
    {"Het begon toen ik negentien was. Ik sliep niet meer, ik at niet meer, en op een dag "
     "stond ik op het dak van de flat zonder te weten hoe ik daar kwam.",
     -1},
    {"In de kliniek zei een verpleegkundige: je hoeft nu even niks. Dat was de eerste keer "
     "dat iemand me niet vroeg om beter te worden.",
     -1},
};

static const struct demo_fragment lotte_v2[] = {
    {"Het begon toen ik negentien was. Ik sliep niet meer, ik at nauwelijks, en op een "
     "middag stond ik op het dak van onze flat zonder te weten hoe ik daar gekomen was.",
     0},
    {"In de kliniek zei een verpleegkundige: je hoeft nu even niks. Dat was de eerste keer "
     "dat iemand niet van me vroeg om beter te worden, en juist daardoor kon ik beginnen.",
     1},
    {"Wat me overeind hield: mijn zus die elke zondag kwam, ook als ik niet wilde praten, en "
     "later de herstelwerkgroep waar ik merkte dat anderen mijn woorden al kenden.",
     -1},
};

static const struct demo_fragment youssef_v1[] = {
    {"Na de opname\nwas de stilte het hardst:\ngeen deur die op slot ging,\nalleen ik "
     "die moest kiezen\nwaar ik naartoe liep.",
     -1},
    {"Mijn moeder kookte\nzonder iets te vragen.\nDat was haar manier\nvan zeggen: je "
     "bent er nog.",
     -1},
};

/* Insert one version of a story, giving each fragment an identity (new or kept). */
static int demo_version(struct app_req *r, const char *org_id, const char *story_id, int64_t n,
                        const char *title, const struct demo_fragment *f, size_t nf,
                        char (*prev)[UUID_STR_BYTES], char (*ids)[UUID_STR_BYTES])
{
    const char *now = app_now_iso(r);
    struct story_version_rec v = {.n = n, .title = title, .form = "story", .saved_at = now};
    if (store_story_version_insert(r->db, org_id, story_id, &v, &r->err) != PD_OK)
        return r->err.code;
    for (size_t i = 0; i < nf; i++) {
        if (f[i].keep >= 0) {
            memcpy(ids[i], prev[f[i].keep], UUID_STR_BYTES);
        } else {
            uuid7_new(ids[i]);
            if (store_fragment_insert(r->db, org_id, story_id, ids[i], now, &r->err) != PD_OK)
                return r->err.code;
        }
        if (store_version_fragment_insert(r->db, org_id, story_id, n, (int64_t)i, ids[i], f[i].body,
                                          &r->err) != PD_OK)
            return r->err.code;
    }
    return PD_OK;
}

static int demo_story(struct app_req *r, const char *org_id, const char *author_id,
                      const char *title, const char *form, const char *wont_share, int64_t n,
                      char id[UUID_STR_BYTES])
{
    const char *now = app_now_iso(r);
    struct story_rec s = {.title = title,
                          .form = form,
                          .wont_share = wont_share,
                          .current_n = n,
                          .created_at = now,
                          .updated_at = now};
    uuid7_new(s.id);
    memcpy(s.org_id, org_id, UUID_STR_BYTES);
    memcpy(s.author_id, author_id, UUID_STR_BYTES);
    memcpy(id, s.id, UUID_STR_BYTES);
    return store_story_insert(r->db, &s, &r->err);
}

static int demo_lotte(struct app_req *r, const char *org_id, const char *lotte, const char *peter)
{
    const char *title = "Van het dak naar de herstelwerkgroep";
    char sid[UUID_STR_BYTES], v1[2][UUID_STR_BYTES], v2[3][UUID_STR_BYTES];
    const char *now = app_now_iso(r);
    if (demo_story(r, org_id, lotte, title, "story",
                   "De namen van de mensen in de kliniek, en wat er thuis gebeurde voor ik "
                   "negentien was: dat blijft van mij.",
                   2, sid) != PD_OK ||
        demo_version(r, org_id, sid, 1, "Wat er gebeurde", lotte_v1, 2, NULL, v1) != PD_OK ||
        demo_version(r, org_id, sid, 2, title, lotte_v2, 3, v1, v2) != PD_OK)
        return r->err.code;
    /* "je hoeft nu even niks" with the trainer, feedback wanted; the support with the group,
     * only what it evokes. The first fragment stays private. */
    if (store_fragment_set_sharing(r->db, org_id, v2[1], 1, "trainer", "yes", now, &r->err) !=
            PD_OK ||
        store_fragment_set_sharing(r->db, org_id, v2[2], 1, "group", "only_evokes", now, &r->err) !=
            PD_OK)
        return r->err.code;
    if (peter) {
        struct story_response_rec rs = {.kind = "feedback",
                                        .body = "Mooi hoe je laat zien dat rust geven iets "
                                                "anders is dan niets doen. Zou je in de les "
                                                "willen vertellen wat er daarna veranderde?",
                                        .created_at = now};
        uuid7_new(rs.id);
        memcpy(rs.fragment_id, v2[1], UUID_STR_BYTES);
        memcpy(rs.responder_id, peter, UUID_STR_BYTES);
        if (store_response_insert(r->db, org_id, &rs, &r->err) != PD_OK)
            return r->err.code;
    }
    struct story_audience_item items[] = {
        {.fragment_id = v2[1],
         .body = "Toen ik opgenomen was, zei iemand: je hoeft nu even niks. Daar begon mijn "
                 "herstel."},
        {.fragment_id = v2[2],
         .body = "Wat hielp: iemand die bleef komen, en een groep waar ik niet hoefde uit te "
                 "leggen hoe het voelt."},
    };
    struct story_audience_rec au = {.story_id = "",
                                    .audience = "group",
                                    .title = "Gastles bij een nieuw wijkteam",
                                    .created_at = now,
                                    .updated_at = now,
                                    .items = items,
                                    .nitems = 2};
    uuid7_new(au.id);
    memcpy(au.story_id, sid, UUID_STR_BYTES);
    return store_audience_insert(r->db, org_id, &au, &r->err);
}

static int demo_youssef(struct app_req *r, const char *org_id, const char *youssef)
{
    char sid[UUID_STR_BYTES], v1[2][UUID_STR_BYTES];
    if (demo_story(r, org_id, youssef, "Na de opname", "poem",
                   "Wat mijn vader zei op de dag dat ik thuiskwam.", 1, sid) != PD_OK ||
        demo_version(r, org_id, sid, 1, "Na de opname", youssef_v1, 2, NULL, v1) != PD_OK)
        return r->err.code;
    return PD_OK;
}

/* A demo worker's id, or NULL when the demo has no such login. */
static const char *demo_worker(struct app_req *r, const char *org_id, const char *email)
{
    struct worker w;
    if (store_worker_by_email(r->db, r->arena, email, &w, &r->err) != PD_OK ||
        strcmp(w.org_id, org_id) != 0) {
        err_clear(&r->err);
        return NULL;
    }
    return arena_strdup(r->arena, w.id);
}

int app_story_demo_seed(struct app_req *r, const char *org_id)
{
    const char *lotte = demo_worker(r, org_id, "lotte@peerdesk.test");
    const char *youssef = demo_worker(r, org_id, "youssef@peerdesk.test");
    const char *peter = demo_worker(r, org_id, "peter@peerdesk.test");
    if (lotte && demo_lotte(r, org_id, lotte, peter) != PD_OK)
        return r->err.code;
    if (youssef && demo_youssef(r, org_id, youssef) != PD_OK)
        return r->err.code;
    return PD_OK;
}
