/*
 * store_demo.c: fills a demo organisation with months of plausible work (see
 * store_demo.h). Everything is drawn from a seeded generator, so two demo databases
 * made with the same seed hold the same story. The note texts are short Dutch sentences
 * assembled from fragments: they read like a worker's report without describing anyone
 * real.
 */
#include "store_demo.h"

#include <stdio.h>
#include <string.h>

#include "../lib/ptime.h"
#include "../lib/size.h"
#include "store_reports.h"
#include "store_util.h"

#define DAY_MS     (24LL * 60 * 60 * 1000)
#define N_CLIENTS  60
#define MAX_CODES  64
#define CODE_BYTES 48

struct rng {
    uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

struct ctx;
static int fill(struct ctx *c, struct db *db, struct arena *a, const struct demo_people *p,
                int64_t now_ms, uint64_t seed, struct demo_counts *out, struct pd_err *e);

/* Uniform in [0, n). */
static int rng_below(struct rng *r, int n)
{
    return n > 0 ? (int)(rng_next(r) % (uint64_t)n) : 0;
}

static const char *pick(struct rng *r, const char *const *v, size_t n)
{
    return v[rng_below(r, (int)n)];
}

#define PICK(r, arr) pick((r), (arr), sizeof(arr) / sizeof((arr)[0]))

struct codes {
    char v[MAX_CODES][CODE_BYTES];
    int n;
};

struct ctx {
    struct db *db;
    struct arena *a;
    const struct demo_people *p;
    struct pd_err *e;
    struct rng rng;
    int64_t now_ms;
    char now[PTIME_ISO_BYTES];
    struct codes reasons, areas, themes, basis, channels, activities, approaches, patterns,
        services, closures, out_client, out_generalist;
    struct demo_counts count;
    const struct demo_size *z;
    bool sized;         /* a scaled organisation, not the demo */
    int64_t note_quota; /* notes allowed so far (z->notes > 0) */
    char body[512];
    char last_dossier[UUID_STR_BYTES]; /* the latest co-support story, with its generalist */
    const char *last_gen;
};

static int load_codes(struct ctx *c, const char *vocab, struct codes *out)
{
    struct db_stmt *st = db_prepare(
        c->db, "SELECT code FROM vocab WHERE org_id = ? AND vocab = ? AND active = 1 ORDER BY sort",
        c->e);
    if (!st)
        return c->e->code;
    db_bind_text(st, 1, c->p->org_id);
    db_bind_text(st, 2, vocab);
    out->n = 0;
    int rc;
    while ((rc = db_step(st, c->e)) == DB_ROW && out->n < MAX_CODES)
        store_col_copy(st, 0, out->v[out->n++], CODE_BYTES);
    db_reset(st);
    if (rc < 0)
        return rc;
    if (out->n == 0) /* an organisation without this vocabulary still gets data */
        snprintf(out->v[out->n++], CODE_BYTES, "other");
    return PD_OK;
}

static const char *code(struct ctx *c, const struct codes *k)
{
    return k->v[rng_below(&c->rng, k->n)];
}

static void iso_at(int64_t ms, char out[PTIME_ISO_BYTES])
{
    ptime_fmt_iso(ms, out);
}

static void date_at(int64_t ms, char out[11])
{
    char iso[PTIME_ISO_BYTES];
    ptime_fmt_iso(ms, iso);
    memcpy(out, iso, 10);
    out[10] = '\0';
}

static int step_done(struct ctx *c, struct db_stmt *st)
{
    int rc = db_step(st, c->e);
    db_reset(st);
    return rc < 0 ? rc : PD_OK;
}

/* ---- Dutch note text ---- */

/* How a contact went, with the contact kind it is (vocabulary contact_kind). */
static const struct {
    const char *kind, *text;
} openers[] = {
    {"visit", "Huisbezoek gehad."},
    {"phone", "Telefonisch contact."},
    {"other", "Samen koffie gedronken in de buurt."},
    {"joint_visit", "Gezamenlijk gesprek aan de keukentafel."},
    {"message", "Korte check-in via berichtjes."},
    {"accompany_agency", "Mee geweest naar een afspraak bij een instantie."},
    {"other", "Samen een wandeling gemaakt."},
    {"video", "Beeldbellen, omdat cliënt liever thuis bleef."},
};
static const char *const middles[] = {
    "Cliënt vertelde dat de nachten nog onrustig zijn, maar overdag gaat het beter.",
    "We hebben stilgestaan bij wat er de afgelopen week lukte.",
    "Cliënt gaf aan zich minder alleen te voelen sinds we samen optrekken.",
    "De post is samen doorgenomen; twee brieven over betalingsachterstand.",
    "Ik heb iets verteld over hoe ik zelf met terugval omging; dat gaf herkenning.",
    "Cliënt wil zelf de regie houden over het tempo; dat respecteren we.",
    "Er was spanning over het contact met familie; veel ruimte gegeven om te vertellen.",
    "We hebben het gehad over wat hoop geeft en wat juist niet.",
    "Cliënt was vandaag somber en weinig spraakzaam; vooral aanwezig geweest.",
    "Samen gekeken welke dagstructuur haalbaar voelt.",
    "Cliënt durft de schuldhulpverlening weer te bellen, met mij ernaast.",
    "Het gesprek ging over schaamte en over wat anderen ervan vinden.",
};
static const char *const closers[] = {
    "Volgende afspraak staat over een week.",
    "Afgesproken dat cliënt zelf belt als het nodig is.",
    "Terugkoppeling gegeven aan de collega.",
    "Volgende keer samen langs het wijkcentrum.",
    "Geen nieuwe afspraak gemaakt; ik app over een paar dagen.",
    "Komende week gezamenlijk evalueren.",
};

/* The text of one note and, in *kind, the kind of contact it describes. */
static const char *note_text(struct ctx *c, bool attempt, const char **kind)
{
    if (attempt) {
        *kind = "message";
        snprintf(c->body, sizeof(c->body), "Geen reactie op mijn bericht. %s",
                 rng_below(&c->rng, 2) ? "Ik probeer het later deze week opnieuw."
                                       : "Lijntje warm houden: kaartje gestuurd.");
        return c->body;
    }
    size_t o = (size_t)rng_below(&c->rng, (int)(sizeof(openers) / sizeof(openers[0])));
    *kind = openers[o].kind;
    const char *m = PICK(&c->rng, middles);
    snprintf(c->body, sizeof(c->body), "%s %s %s", openers[o].text, m, PICK(&c->rng, closers));
    return c->body;
}

/* ---- rows ---- */

static int insert_profile(struct ctx *c, const char *worker_id)
{
    struct db_stmt *st =
        db_prepare(c->db,
                   "INSERT INTO expert_profile (worker_id, org_id, capacity, available, updated_at)"
                   " VALUES (?, ?, ?, ?, ?)",
                   c->e);
    if (!st)
        return c->e->code;
    db_bind_text(st, 1, worker_id);
    db_bind_text(st, 2, c->p->org_id);
    db_bind_int64(st, 3, 6 + rng_below(&c->rng, 5));
    db_bind_int64(st, 4, rng_below(&c->rng, 7) != 0); /* now and then someone is away */
    db_bind_text(st, 5, c->now);
    if (step_done(c, st) != PD_OK)
        return c->e->code;
    for (int i = 0; i < 5; i++) {
        bool specific = i < 2;
        st = db_prepare(c->db,
                        "INSERT INTO expert_profile_item"
                        " (org_id, worker_id, vocab, code, visibility) VALUES (?, ?, ?, ?, ?) ON "
                        "CONFLICT DO NOTHING",
                        c->e);
        if (!st)
            return c->e->code;
        db_bind_text(st, 1, c->p->org_id);
        db_bind_text(st, 2, worker_id);
        db_bind_text(st, 3, specific ? "experience_area" : "generic_theme");
        db_bind_text(st, 4, code(c, specific ? &c->areas : &c->themes));
        db_bind_text(st, 5, rng_below(&c->rng, 3) ? "colleagues" : "coordinators");
        if (step_done(c, st) != PD_OK)
            return c->e->code;
    }
    return PD_OK;
}

static int insert_assignment(struct ctx *c, const char *dossier, const char *worker,
                             const char *role, const char *start, const char *end,
                             char out_id[UUID_STR_BYTES])
{
    uuid7_new(out_id);
    struct db_stmt *st = db_prepare(
        c->db,
        "INSERT INTO assignment (id, org_id, dossier_id, worker_id, role, start_on, end_on,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        c->e);
    if (!st)
        return c->e->code;
    db_bind_text(st, 1, out_id);
    db_bind_text(st, 2, c->p->org_id);
    db_bind_text(st, 3, dossier);
    db_bind_text(st, 4, worker);
    db_bind_text(st, 5, role);
    db_bind_text(st, 6, start);
    db_bind_text(st, 7, end);
    db_bind_text(st, 8, c->now);
    if (step_done(c, st) != PD_OK)
        return c->e->code;

    char iid[UUID_STR_BYTES];
    uuid7_new(iid);
    st = db_prepare(c->db,
                    "INSERT INTO intensity (id, org_id, assignment_id, pattern, agreed_on,"
                    " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    c->e);
    if (!st)
        return c->e->code;
    db_bind_text(st, 1, iid);
    db_bind_text(st, 2, c->p->org_id);
    db_bind_text(st, 3, out_id);
    db_bind_text(st, 4, code(c, &c->patterns));
    db_bind_text(st, 5, start);
    db_bind_text(st, 6, worker);
    db_bind_text(st, 7, c->now);
    return step_done(c, st);
}

static int insert_request(struct ctx *c, const char *dossier, const char *requester,
                          const char *status, const char *expert, int64_t at_ms)
{
    char id[UUID_STR_BYTES], at[PTIME_ISO_BYTES], decided[PTIME_ISO_BYTES];
    bool done = strcmp(status, "submitted") && strcmp(status, "in_review");
    static const char *const phases[] = {"early", "stuck", "bridging"};
    static const char *const questions[] = {
        "Cliënt loopt vast en haakt af bij de gewone hulp; kan iemand met ervaring aansluiten?",
        "Veel schaamte over de schulden; zoek iemand die dit van binnenuit kent.",
        "Wachtlijst voor behandeling van vier maanden; graag iemand die contact houdt.",
        "Cliënt is zorgmoe en wantrouwig; misschien helpt herkenning.",
        "Rouw na verlies van partner; generalist merkt dat gesprekken blijven steken.",
    };

    uuid7_new(id);
    iso_at(at_ms, at);
    iso_at(at_ms + 3 * DAY_MS, decided);
    struct db_stmt *st = db_prepare(
        c->db,
        "INSERT INTO request (id, org_id, dossier_id, requester_id, status, match_basis, phase,"
        " channel, question, client_informed, client_informed_on, decided_by, decided_at,"
        " assigned_expert_id, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, substr(?, 1, 10), ?, ?, ?, ?, ?)",
        c->e);
    if (!st)
        return c->e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, c->p->org_id);
    db_bind_text(st, 3, dossier);
    db_bind_text(st, 4, requester);
    db_bind_text(st, 5, status);
    db_bind_text(st, 6, code(c, &c->basis));
    db_bind_text(st, 7, PICK(&c->rng, phases));
    db_bind_text(st, 8, code(c, &c->channels));
    db_bind_text(st, 9, PICK(&c->rng, questions));
    db_bind_text(st, 10, at);
    db_bind_text(st, 11, done ? c->p->coordinator : NULL);
    db_bind_text(st, 12, done ? decided : NULL);
    db_bind_text(st, 13, strcmp(status, "assigned") == 0 ? expert : NULL);
    db_bind_text(st, 14, at);
    db_bind_text(st, 15, done ? decided : at);
    if (step_done(c, st) != PD_OK)
        return c->e->code;

    struct {
        const char *vocab;
        struct codes *k;
        int n;
    } sets[] = {{"deployment_reason", &c->reasons, 2},
                {"experience_area", &c->areas, 1},
                {"generic_theme", &c->themes, 2}};
    for (size_t s = 0; s < sizeof(sets) / sizeof(sets[0]); s++)
        for (int i = 0; i < sets[s].n; i++) {
            st = db_prepare(c->db,
                            "INSERT INTO request_code (org_id, request_id, vocab, code)"
                            " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                            c->e);
            if (!st)
                return c->e->code;
            db_bind_text(st, 1, c->p->org_id);
            db_bind_text(st, 2, id);
            db_bind_text(st, 3, sets[s].vocab);
            db_bind_text(st, 4, code(c, sets[s].k));
            if (step_done(c, st) != PD_OK)
                return c->e->code;
        }
    c->count.requests++;
    return PD_OK;
}

static int insert_note(struct ctx *c, const char *dossier, const char *author, const char *role,
                       int64_t at_ms)
{
    char id[UUID_STR_BYTES], at[PTIME_ISO_BYTES], day[11];
    if (c->z->notes > 0 && c->count.notes >= c->note_quota)
        return PD_OK; /* this story has had its share of the total */
    bool attempt = rng_below(&c->rng, 9) == 0;

    uuid7_new(id);
    iso_at(at_ms, at);
    date_at(at_ms, day);
    struct db_stmt *st = db_prepare(
        c->db,
        "INSERT INTO note (id, org_id, dossier_id, author_id, author_role, kind, contact_on,"
        " minutes, attempt, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?)",
        c->e);
    if (!st)
        return c->e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, c->p->org_id);
    db_bind_text(st, 3, dossier);
    db_bind_text(st, 4, author);
    db_bind_text(st, 5, role);
    const char *kind;
    const char *body = note_text(c, attempt, &kind);
    db_bind_text(st, 6, kind);
    db_bind_text(st, 7, day);
    db_bind_int64(st, 8, attempt ? 5 : 30 + 15 * rng_below(&c->rng, 6));
    db_bind_int64(st, 9, attempt);
    db_bind_text(st, 10, body);
    db_bind_text(st, 11, at);
    db_bind_text(st, 12, at);
    if (step_done(c, st) != PD_OK)
        return c->e->code;
    if (!attempt)
        for (int i = 0; i < 2; i++) {
            st = db_prepare(c->db,
                            "INSERT INTO note_code (org_id, note_id, vocab, code)"
                            " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                            c->e);
            if (!st)
                return c->e->code;
            db_bind_text(st, 1, c->p->org_id);
            db_bind_text(st, 2, id);
            db_bind_text(st, 3, i == 0 ? "activity" : "approach");
            db_bind_text(st, 4, code(c, i == 0 ? &c->activities : &c->approaches));
            if (step_done(c, st) != PD_OK)
                return c->e->code;
        }
    c->count.notes++;
    return PD_OK;
}

static int insert_evaluation(struct ctx *c, const char *dossier, const char *planner,
                             int64_t planned_ms, bool held)
{
    char id[UUID_STR_BYTES], day[11];
    uuid7_new(id);
    date_at(planned_ms, day);
    struct db_stmt *st = db_prepare(
        c->db,
        "INSERT INTO evaluation (id, org_id, dossier_id, planned_on, planned_by, held_on, summary,"
        " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        c->e);
    if (!st)
        return c->e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, c->p->org_id);
    db_bind_text(st, 3, dossier);
    db_bind_text(st, 4, day);
    db_bind_text(st, 5, planner);
    db_bind_text(st, 6, held ? day : NULL);
    db_bind_text(st, 7,
                 held ? "Samen met cliënt teruggekeken; de afspraken lopen, we schalen "
                        "voorzichtig af."
                      : NULL);
    db_bind_text(st, 8, c->now);
    db_bind_text(st, 9, c->now);
    return step_done(c, st);
}

/* One client's story: a dossier opened some months ago, usually a request, and the work
 * that followed. */
static int client_story(struct ctx *c, int i)
{
    const struct demo_people *p = c->p;
    char client[UUID_STR_BYTES], dossier[UUID_STR_BYTES], asg[UUID_STR_BYTES];
    char opened[11], code_s[24];
    /* Every fifth client belongs to one of the first (named) generalists, so a newcomer who
     * logs in as one of them finds dossiers in every state. */
    int g = rng_below(&c->rng, (int)p->n_generalists);
    if (i % 5 == 0 && !c->sized)
        g = (i / 5) % (p->n_generalists < 2 ? 1 : 2);
    const char *gen = p->generalists[g];
    const char *wijk = p->generalist_wijk[g];
    int64_t opened_ms =
        c->now_ms - (int64_t)(14 + rng_below(&c->rng, c->z->span_days - 14)) * DAY_MS;
    /* of every 60: 0-4 waiting, 5-44 co-support, 45-49 advice only, 50-54 bridging,
     * 55-59 closed */
    int b = i % 60;
    bool waiting = b < 5, cosupport = b >= 5 && b < 45, advice = b >= 45 && b < 50;
    bool bridging = b >= 50 && b < 55, closed = b >= 55;

    uuid7_new(client);
    uuid7_new(dossier);
    date_at(opened_ms, opened);
    snprintf(code_s, sizeof(code_s), "BT-%04d", 101 + i);
    if (c->z->notes > 0)
        c->note_quota = (int64_t)c->z->notes * (i + 1) / c->z->clients;
    struct db_stmt *st = db_prepare(
        c->db,
        "INSERT INTO client (id, org_id, code, birth_year, area_id, created_by, created_at,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        c->e);
    if (!st)
        return c->e->code;
    db_bind_text(st, 1, client);
    db_bind_text(st, 2, p->org_id);
    db_bind_text(st, 3, code_s);
    db_bind_int64(st, 4, 1950 + rng_below(&c->rng, 55));
    db_bind_text(st, 5, wijk);
    db_bind_text(st, 6, gen);
    db_bind_text(st, 7, c->now);
    db_bind_text(st, 8, c->now);
    if (step_done(c, st) != PD_OK)
        return c->e->code;

    char closed_on[11] = "";
    if (closed)
        date_at(c->now_ms - (int64_t)rng_below(&c->rng, 10) * DAY_MS, closed_on);
    st = db_prepare(
        c->db,
        "INSERT INTO dossier (id, org_id, client_id, responsible_id, status, goal_type, area_id,"
        " keep_warm, opened_on, closed_on, closure_reason, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        c->e);
    if (!st)
        return c->e->code;
    db_bind_text(st, 1, dossier);
    db_bind_text(st, 2, p->org_id);
    db_bind_text(st, 3, client);
    db_bind_text(st, 4, gen);
    db_bind_text(st, 5, closed ? "closed" : "open");
    db_bind_text(st, 6, rng_below(&c->rng, 3) ? "progress" : "stabilise");
    db_bind_text(st, 7, wijk);
    db_bind_int64(st, 8, rng_below(&c->rng, 8) == 0);
    db_bind_text(st, 9, opened);
    db_bind_text(st, 10, closed ? closed_on : NULL);
    db_bind_text(st, 11, closed ? code(c, &c->closures) : NULL);
    db_bind_text(st, 12, c->now);
    db_bind_text(st, 13, c->now);
    if (step_done(c, st) != PD_OK)
        return c->e->code;
    c->count.clients++;
    c->count.dossiers++;

    const char *expert = p->experts[rng_below(&c->rng, (int)p->n_experts)];
    int64_t request_ms = opened_ms + (int64_t)rng_below(&c->rng, 10) * DAY_MS;
    const char *status = waiting  ? (i % 2 ? "in_review" : "submitted")
                         : advice ? "advice_only"
                                  : "assigned";
    /* earlier requests of this dossier that ended in advice, up to the total */
    while (c->z->requests > 0 &&
           c->count.requests + 1 < (int64_t)c->z->requests * (i + 1) / c->z->clients)
        if (insert_request(c, dossier, gen, "advice_only", expert, opened_ms) != PD_OK)
            return c->e->code;
    if (insert_request(c, dossier, gen, status, expert, request_ms) != PD_OK)
        return c->e->code;
    if (waiting || advice) {
        for (int64_t t = opened_ms; t < c->now_ms; t += 12 * DAY_MS)
            if (insert_note(c, dossier, gen, "generalist", t) != PD_OK)
                return c->e->code;
        return PD_OK;
    }

    char start[11], end[11];
    date_at(request_ms + 3 * DAY_MS, start);
    if (closed)
        memcpy(end, closed_on, sizeof(end));
    if (insert_assignment(c, dossier, expert, bridging ? "bridging_expert" : "expert", start,
                          closed ? end : NULL, asg) != PD_OK)
        return c->e->code;

    if (cosupport) {
        memcpy(c->last_dossier, dossier, sizeof(c->last_dossier));
        c->last_gen = gen;
    }
    /* co-support: both write, roughly weekly, alternating */
    int64_t last = closed ? c->now_ms - 10 * DAY_MS : c->now_ms;
    int turn = 0;
    for (int64_t t = request_ms + 4 * DAY_MS; t < last;
         t += (int64_t)(4 + rng_below(&c->rng, 7)) * DAY_MS, turn++) {
        bool by_expert = bridging || turn % 2 == 0;
        if (insert_note(c, dossier, by_expert ? expert : gen,
                        by_expert ? (bridging ? "bridging_expert" : "expert") : "generalist",
                        t) != PD_OK)
            return c->e->code;
    }
    int64_t eval_ms = request_ms + 60 * DAY_MS;
    if (eval_ms < c->now_ms + 30 * DAY_MS &&
        insert_evaluation(c, dossier, rng_below(&c->rng, 3) ? expert : gen, eval_ms,
                          eval_ms < c->now_ms) != PD_OK)
        return c->e->code;

    if (bridging) {
        char bid[UUID_STR_BYTES];
        uuid7_new(bid);
        st = db_prepare(c->db,
                        "INSERT INTO bridging (id, org_id, dossier_id, awaited, waiting_since,"
                        " keeper_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        c->e);
        if (!st)
            return c->e->code;
        db_bind_text(st, 1, bid);
        db_bind_text(st, 2, p->org_id);
        db_bind_text(st, 3, dossier);
        db_bind_text(st, 4, code(c, &c->services));
        db_bind_text(st, 5, start);
        db_bind_text(st, 6, expert);
        db_bind_text(st, 7, c->now);
        if (step_done(c, st) != PD_OK)
            return c->e->code;
    }
    if (cosupport && rng_below(&c->rng, 4) == 0) {
        char rid[UUID_STR_BYTES], day[11];
        uuid7_new(rid);
        date_at(request_ms + 40 * DAY_MS < c->now_ms ? request_ms + 40 * DAY_MS : c->now_ms, day);
        st = db_prepare(c->db,
                        "INSERT INTO referral (id, org_id, dossier_id, service, referred_on,"
                        " accompanied, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        c->e);
        if (!st)
            return c->e->code;
        db_bind_text(st, 1, rid);
        db_bind_text(st, 2, p->org_id);
        db_bind_text(st, 3, dossier);
        db_bind_text(st, 4, code(c, &c->services));
        db_bind_text(st, 5, day);
        db_bind_int64(st, 6, rng_below(&c->rng, 2));
        db_bind_text(st, 7, gen);
        db_bind_text(st, 8, c->now);
        if (step_done(c, st) != PD_OK)
            return c->e->code;
    }
    if (closed) {
        char cid[UUID_STR_BYTES];
        uuid7_new(cid);
        st = db_prepare(c->db,
                        "INSERT INTO dossier_closure (id, org_id, dossier_id, action, on_date,"
                        " reason, note, created_by, created_at)"
                        " SELECT ?, org_id, id, 'close', closed_on, closure_reason, ?, ?, ?"
                        " FROM dossier WHERE id = ?",
                        c->e);
        if (!st)
            return c->e->code;
        db_bind_text(st, 1, cid);
        db_bind_text(st, 2, "Afgesloten in overleg met de cliënt.");
        db_bind_text(st, 3, gen);
        db_bind_text(st, 4, c->now);
        db_bind_text(st, 5, dossier);
        if (step_done(c, st) != PD_OK)
            return c->e->code;
    }
    if (closed)
        for (int k = 0; k < 2; k++) {
            st = db_prepare(c->db,
                            "INSERT INTO dossier_outcome (org_id, dossier_id, vocab, code)"
                            " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                            c->e);
            if (!st)
                return c->e->code;
            db_bind_text(st, 1, p->org_id);
            db_bind_text(st, 2, dossier);
            db_bind_text(st, 3, k == 0 ? "outcome_client" : "outcome_generalist");
            db_bind_text(st, 4, code(c, k == 0 ? &c->out_client : &c->out_generalist));
            if (step_done(c, st) != PD_OK)
                return c->e->code;
        }
    return PD_OK;
}

static int consultations(struct ctx *c)
{
    static const char *const summaries[] = {
        "Cliënt komt steeds niet op afspraken; hoe houd ik contact zonder te pushen?",
        "Vraag hoe je over een terugval praat zonder te oordelen.",
        "Collega twijfelt of ervaringsdeskundige inzet past bij een jonge cliënt met schulden.",
        "Tips voor een eerste gesprek met iemand die veel slechte ervaringen met hulp heeft.",
        "Hoe ga je om met boosheid op instanties in een gesprek?",
    };
    static const char *const responses[] = {"advice", "advice", "joined_conversation",
                                            "became_request"};
    int span = c->sized ? c->z->span_days : 120;
    for (int i = 0; i < c->z->consultations; i++) {
        char id[UUID_STR_BYTES], day[11];
        uuid7_new(id);
        date_at(c->now_ms - (int64_t)rng_below(&c->rng, span) * DAY_MS, day);
        struct db_stmt *st = db_prepare(
            c->db,
            "INSERT INTO consultation (id, org_id, expert_id, asker_id, channel, formal, theme,"
            " summary, response, minutes, held_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
            " ?, ?, ?)",
            c->e);
        if (!st)
            return c->e->code;
        db_bind_text(st, 1, id);
        db_bind_text(st, 2, c->p->org_id);
        db_bind_text(st, 3, c->p->experts[rng_below(&c->rng, (int)c->p->n_experts)]);
        db_bind_text(st, 4, c->p->generalists[rng_below(&c->rng, (int)c->p->n_generalists)]);
        db_bind_text(st, 5, code(c, &c->channels));
        db_bind_int64(st, 6, rng_below(&c->rng, 4) == 0);
        db_bind_text(st, 7, code(c, &c->themes));
        db_bind_text(st, 8, PICK(&c->rng, summaries));
        db_bind_text(st, 9, PICK(&c->rng, responses));
        db_bind_int64(st, 10, 5 + 5 * rng_below(&c->rng, 6));
        db_bind_text(st, 11, day);
        db_bind_text(st, 12, c->now);
        if (step_done(c, st) != PD_OK)
            return c->e->code;
        c->count.consultations++;
    }
    return PD_OK;
}

int store_demo_fill(struct db *db, struct arena *a, const struct demo_people *p, int64_t now_ms,
                    uint64_t seed, struct demo_counts *out, struct pd_err *e)
{
    static const struct demo_size demo = {
        .clients = N_CLIENTS, .consultations = 40, .span_days = 314};
    struct ctx *c = arena_alloc(a, sizeof(*c));
    c->z = &demo;
    return fill(c, db, a, p, now_ms, seed, out, e);
}

int store_demo_fill_sized(struct db *db, struct arena *a, const struct demo_people *p,
                          int64_t now_ms, uint64_t seed, const struct demo_size *z,
                          struct demo_counts *out, struct pd_err *e)
{
    struct ctx *c = arena_alloc(a, sizeof(*c));
    c->z = z;
    c->sized = true;
    if (z->clients < 1 || z->span_days < 15)
        return err_set(e, PD_EINTERNAL, NULL, "a sized organisation needs clients and days");
    return fill(c, db, a, p, now_ms, seed, out, e);
}

static int fill(struct ctx *c, struct db *db, struct arena *a, const struct demo_people *p,
                int64_t now_ms, uint64_t seed, struct demo_counts *out, struct pd_err *e)
{
    c->db = db;
    c->a = a;
    c->p = p;
    c->e = e;
    c->rng.s = seed;
    c->now_ms = now_ms;
    iso_at(now_ms, c->now);

    struct {
        const char *vocab;
        struct codes *k;
    } vocabs[] = {
        {"deployment_reason", &c->reasons}, {"experience_area", &c->areas},
        {"generic_theme", &c->themes},      {"match_basis", &c->basis},
        {"channel", &c->channels},          {"activity", &c->activities},
        {"approach", &c->approaches},       {"intensity_pattern", &c->patterns},
        {"referral_service", &c->services}, {"closure_reason", &c->closures},
        {"outcome_client", &c->out_client}, {"outcome_generalist", &c->out_generalist},
    };
    for (size_t i = 0; i < sizeof(vocabs) / sizeof(vocabs[0]); i++)
        if (load_codes(c, vocabs[i].vocab, vocabs[i].k) != PD_OK)
            return e->code;
    if (p->n_generalists == 0 || p->n_experts == 0)
        return err_set(e, PD_EINTERNAL, NULL, "the demo needs generalists and experts");

    for (size_t i = 0; i < p->n_experts; i++)
        if (insert_profile(c, p->experts[i]) != PD_OK)
            return e->code;
    for (int i = 0; i < c->z->clients; i++)
        if (client_story(c, i) != PD_OK ||
            (c->z->tick && c->z->tick(c->z->arg, &c->count, e) != PD_OK))
            return e->code;
    /* the last stories may have been too short for their share: the latest co-support
     * dossier gets the rest, a few days apart back from now */
    c->note_quota = c->z->notes;
    for (int64_t t = c->now_ms; c->last_gen && c->count.notes < c->z->notes; t -= 3 * DAY_MS)
        if (insert_note(c, c->last_dossier, c->last_gen, "generalist", t) != PD_OK)
            return e->code;
    if (consultations(c) != PD_OK || store_report_upkeep_rebuild(db, p->org_id, e) != PD_OK)
        return e->code;
    if (out)
        *out = c->count;
    return PD_OK;
}
