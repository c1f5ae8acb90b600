/*
 * intervision_demo.c: believable intervision content for `peerdesk init --demo`, written
 * inside the demo's transaction (no actor, no audit entries of its own: the demo's org.create
 * entry covers the whole seed).
 *
 *  - "Intervisie Team Ervaringsdeskundigen", a closed group of the expert team with Youssef,
 *    Priya, Kees and Nadia: two past meetings, each with a case, a full top/tip round and the
 *    owner's reflection;
 *  - "Open intervisie professionals met ervaringskennis": a past meeting with an agenda filled
 *    by participants (one named, two not), a headcount and the decision to continue, and the
 *    planned next meeting with an empty agenda (the fallback themes show there).
 */
#include <string.h>

#include "../lib/ptime.h"
#include "app_int.h"
#include "intervision.h"

#define DAY_MS (24LL * 60 * 60 * 1000)

struct demo_ctx {
    struct app_req *r;
    const char *org_id;
    const char *now;
    int64_t now_ms;
};

static const char *date_in(struct demo_ctx *d, int days)
{
    char iso[PTIME_ISO_BYTES];
    ptime_fmt_iso(d->now_ms + days * DAY_MS, iso);
    return arena_strndup(d->r->arena, iso, 10);
}

static int session(struct demo_ctx *d, const char *group_id, const char *creator, int days,
                   const char *place, const char *facilitator, const char *chair,
                   struct iv_session *s)
{
    memset(s, 0, sizeof(*s));
    uuid7_new(s->id);
    memcpy(s->org_id, d->org_id, UUID_STR_BYTES);
    memcpy(s->group_id, group_id, UUID_STR_BYTES);
    memcpy(s->created_by, creator, UUID_STR_BYTES);
    s->held_on = date_in(d, days);
    s->starts_at = facilitator ? "13:30" : "16:00";
    s->place = place;
    s->format = facilitator ? "case" : NULL;
    s->facilitator_id = facilitator;
    s->chair = chair;
    s->headcount = -1;
    s->created_at = d->now;
    s->version = 1;
    return store_iv_session_insert(d->r->db, s, &d->r->err);
}

struct demo_feedback {
    const char *top;
    const char *tip;
};

/* A case with feedback from the three others (in `givers` order) and the reflection. */
static int demo_case(struct demo_ctx *d, const struct iv_session *s, const char *owner,
                     const char *const givers[3], const char *title, const char *question,
                     const struct demo_feedback fb[3], const char *reflection, const char *usable,
                     const char *follow_up)
{
    struct iv_case c = {.title = title, .question = question, .created_at = d->now};
    uuid7_new(c.id);
    memcpy(c.org_id, d->org_id, UUID_STR_BYTES);
    memcpy(c.session_id, s->id, UUID_STR_BYTES);
    memcpy(c.owner_id, owner, UUID_STR_BYTES);
    if (store_iv_case_insert(d->r->db, &c, &d->r->err) != PD_OK)
        return d->r->err.code;
    for (int i = 0; i < 3; i++) {
        struct iv_feedback f = {.top = fb[i].top, .tip = fb[i].tip, .created_at = d->now};
        uuid7_new(f.id);
        memcpy(f.author_id, givers[i], UUID_STR_BYTES);
        if (store_iv_feedback_insert(d->r->db, d->org_id, c.id, &f, &d->r->err) != PD_OK)
            return d->r->err.code;
    }
    c.version = 1;
    c.round = "closed";
    c.round_closed_at = d->now;
    c.reflection = reflection;
    c.usable = usable;
    c.follow_up = follow_up;
    c.reflected_at = d->now;
    return store_iv_case_update(d->r->db, &c, &d->r->err);
}

static int closed_group(struct demo_ctx *d, char ids[4][UUID_STR_BYTES])
{
    struct team *ts;
    size_t nt;
    struct iv_group g = {.kind = "closed",
                         .name = "Intervisie Team Ervaringsdeskundigen",
                         .purpose = "Elkaar scherp houden en steunen: eigen casuïstiek, grenzen "
                                    "en de inzet van eigen ervaring.",
                         .format = "case",
                         .facilitation = "rotating",
                         .created_at = d->now,
                         .version = 1};
    if (store_team_list(d->r->db, d->r->arena, d->org_id, &ts, &nt, &d->r->err) != PD_OK)
        return d->r->err.code;
    for (size_t i = 0; i < nt; i++)
        if (strcmp(ts[i].name, "Team Ervaringsdeskundigen") == 0)
            g.team_id = ts[i].id;
    if (!g.team_id)
        return err_set(&d->r->err, PD_EINTERNAL, NULL, "demo: no expert team");
    uuid7_new(g.id);
    memcpy(g.org_id, d->org_id, UUID_STR_BYTES);
    memcpy(g.created_by, ids[0], UUID_STR_BYTES);
    if (store_iv_group_insert(d->r->db, &g, &d->r->err) != PD_OK)
        return d->r->err.code;
    for (int i = 0; i < 4; i++)
        if (store_iv_member_add(d->r->db, d->org_id, g.id, ids[i], d->now, &d->r->err) != PD_OK)
            return d->r->err.code;

    const char *youssef = ids[0], *priya = ids[1], *kees = ids[2], *nadia = ids[3];
    struct iv_session s1, s2;
    if (session(d, g.id, youssef, -42, "Wijkcentrum De Boog, zaal 2", kees, NULL, &s1) != PD_OK ||
        session(d, g.id, youssef, -14, "Wijkcentrum De Boog, zaal 2", nadia, NULL, &s2) != PD_OK)
        return d->r->err.code;

    const char *g1[3] = {priya, kees, nadia};
    const struct demo_feedback f1[3] = {
        {"Je durft te benoemen dat het verhaal van de bewoner jouw eigen pijn raakte.",
         "Spreek met jezelf af wat je wel en niet deelt, voordat je het gesprek ingaat."},
        {"Mooi dat je het contact niet hebt afgebroken toen het zwaar werd.",
         "Plan na zo'n gesprek een kort moment met een collega om het los te laten."},
        {"Je bleef bij zijn tempo; dat zag ik terug in hoe hij weer belde.",
         "Vraag de generalist om het volgende gesprek samen te doen."},
    };
    const char *g2[3] = {youssef, priya, kees};
    const struct demo_feedback f2[3] = {
        {"Je signaleert scherp wanneer je de rol van hulpverlener te veel overneemt.",
         "Leg de praktische vragen terug bij de generalist, met de bewoner erbij."},
        {"Eerlijk dat je zegt dat je het lastig vindt om nee te zeggen.",
         "Oefen een zin die je kunt gebruiken, bijvoorbeeld: daar help ik je niet mee, wel met..."},
        {"Je blijft trouw aan wat de bewoner zelf wil.",
         "Bespreek bij de evaluatie expliciet wie wat doet."},
    };
    if (demo_case(d, &s1, youssef, g1, "Als het verhaal van een bewoner te dichtbij komt",
                  "Hoe zet ik mijn ervaring in zonder dat mijn eigen verleden het gesprek "
                  "overneemt?",
                  f1,
                  "Ik merk dat ik te lang doorga als iets herkenbaar is. De tips over afspraken "
                  "vooraf helpen.",
                  "Vooraf bepalen wat ik deel; na afloop even ventileren.",
                  "Met mijn coach bespreken welke thema's nu nog te dichtbij liggen.") != PD_OK ||
        demo_case(d, &s2, nadia, g2, "Grenzen bij praktische hulpvragen",
                  "Een bewoner vraagt steeds om hulp bij formulieren. Waar ligt mijn rol?", f2,
                  "Ik neem te snel dingen over uit betrokkenheid. Dat zegt iets over mij, niet "
                  "alleen over de bewoner.",
                  "De zin om nee te zeggen en de taakverdeling bij de evaluatie.",
                  "Volgende week met de generalist de rolverdeling doornemen.") != PD_OK)
        return d->r->err.code;
    return PD_OK;
}

static int open_group(struct demo_ctx *d, const char *creator, const char *const named,
                      const char *const others[2])
{
    struct iv_group g = {.kind = "open",
                         .name = "Open intervisie professionals met ervaringskennis",
                         .purpose =
                             "Voor iedereen die eigen ervaring met psychische kwetsbaarheid, "
                             "verslaving of herstel heeft en die in het werk (bewust) wil "
                             "inzetten. Geen aanmelding: kom gewoon.",
                         .facilitation = "rotating",
                         .created_at = d->now,
                         .version = 1};
    uuid7_new(g.id);
    memcpy(g.org_id, d->org_id, UUID_STR_BYTES);
    memcpy(g.created_by, creator, UUID_STR_BYTES);
    if (store_iv_group_insert(d->r->db, &g, &d->r->err) != PD_OK)
        return d->r->err.code;

    struct iv_session past, next;
    if (session(d, g.id, creator, -21, "Stadskantoor, ruimte 4.12", NULL, "rouleert", &past) !=
            PD_OK ||
        session(d, g.id, creator, 21, "Stadskantoor, ruimte 4.12", NULL, NULL, &next) != PD_OK)
        return d->r->err.code;

    struct {
        const char *title, *detail, *theme, *author;
        bool named;
    } items[] = {
        {"Vertel ik mijn team dat ik zelf hersteld ben?",
         "Ik twijfel of het me iets oplevert of juist een stempel.", "self_disclosure", others[0],
         false},
        {"Woorden in het teamoverleg", "'De borderliner van kamer 3': wat doe je als je dat hoort?",
         "language", named, true},
        {"Wanneer is mijn ervaring kennis en wanneer een mening?", NULL, "recovery_perspective",
         others[1], false},
    };
    for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
        struct iv_agenda_item it = {.title = items[i].title,
                                    .detail = items[i].detail,
                                    .theme = items[i].theme,
                                    .show_author = items[i].named,
                                    .created_at = d->now};
        uuid7_new(it.id);
        memcpy(it.org_id, d->org_id, UUID_STR_BYTES);
        memcpy(it.session_id, past.id, UUID_STR_BYTES);
        memcpy(it.author_id, items[i].author, UUID_STR_BYTES);
        if (store_iv_agenda_insert(d->r->db, &it, &d->r->err) != PD_OK)
            return d->r->err.code;
    }
    past.notes = "Veel herkenning bij het eerste punt. Afgesproken: ieder kiest zelf of en wanneer "
                 "hij iets vertelt; niemand hoeft.";
    past.headcount = 6;
    past.decision = "continue";
    past.next_on = next.held_on;
    past.decision_note = "Over drie weken, zelfde ruimte. Wie wil, brengt een situatie mee.";
    past.decided_at = d->now;
    return store_iv_session_update(d->r->db, &past, &d->r->err);
}

int app_iv_demo_seed(struct app_req *r, const char *org_id)
{
    struct demo_ctx d = {.r = r, .org_id = org_id, .now = app_now_iso(r), .now_ms = ptime_now_ms()};
    const char *emails[] = {"youssef@peerdesk.test", "priya@peerdesk.test", "kees@peerdesk.test",
                            "nadia@peerdesk.test",   "joost@peerdesk.test", "marieke@peerdesk.test",
                            "tom@peerdesk.test"};
    char ids[7][UUID_STR_BYTES];
    for (int i = 0; i < 7; i++)
        if (app_demo_worker_id(r, emails[i], ids[i]) != PD_OK)
            return r->err.code;
    /* The open group: set up by Joost (generalist and expert); Marieke chose to be named
     * with her item, Tom and Priya did not. */
    const char *others[2] = {ids[6], ids[1]};
    if (closed_group(&d, ids) != PD_OK || open_group(&d, ids[4], ids[5], others) != PD_OK)
        return r->err.code;
    return PD_OK;
}
