/*
 * demo.c: the demo organisation of `peerdesk init --demo`: one named login per role (and
 * one part-time generalist who is also an expert), an expert team of seven, some forty
 * generalists in three neighbourhood teams, three clusters with their wijken, and months of
 * work made by store_demo_fill: clients, requests in every state, co-support with notes by
 * both workers, evaluations, bridging, referrals, closed dossiers and consultations. All in
 * one transaction; the note search index is rebuilt at the end.
 *
 * The demo organisation does not require a second factor, so a newcomer can look around
 * without an authenticator app; real organisations made with `org add` do.
 */
#include <string.h>

#include <math.h>
#include <stdio.h>

#include "../domain/role.h"
#include "../lib/buf.h"
#include "../lib/log.h"
#include "../lib/ptime.h"
#include "../store/store_demo.h"
#include "../store/store_notes.h"
#include "app_int.h"
#include "coaching.h"
#include "expert_time.h"
#include "intervision.h"
#include "learning_groups.h"
#include "portfolio.h"
#include "story.h"
#include "training.h"
#include "vocab.h"

#define DEMO_PASSWORD "ervaring-telt"

struct demo_worker {
    const char *email;
    const char *name;
    const char *roles;
    const char *team; /* NULL: none */
};

static const struct demo_worker demo_workers[] = {
    {"anouk@peerdesk.test", "Anouk Verbeek", "admin", NULL},
    {"marieke@peerdesk.test", "Marieke de Vries", "coordinator,expert",
     "Team Ervaringsdeskundigen"},
    {"sanne@peerdesk.test", "Sanne Jansen", "generalist", "Buurtteam Noord"},
    {"youssef@peerdesk.test", "Youssef El Amrani", "expert", "Team Ervaringsdeskundigen"},
    {"joost@peerdesk.test", "Joost Bakker", "generalist,expert", "Buurtteam Zuid"},
    {"ingrid@peerdesk.test", "Ingrid Smit", "coach", NULL},
    {"peter@peerdesk.test", "Peter van Dijk", "trainer", NULL},
    {"lotte@peerdesk.test", "Lotte Visser", "student", NULL},
    {"amir@peerdesk.test", "Amir Haddou", "student", NULL},
    {"bas@peerdesk.test", "Bas de Wit", "student", NULL},
    {"henk@peerdesk.test", "Henk Mulder", "manager", NULL},
    {"fatima@peerdesk.test", "Fatima Bouzid", "researcher", NULL},
    {"eva@peerdesk.test", "Eva de Boer", "privacy_officer", NULL},
    {"priya@peerdesk.test", "Priya Ramdin", "expert", "Team Ervaringsdeskundigen"},
    {"kees@peerdesk.test", "Kees Hoekstra", "expert", "Team Ervaringsdeskundigen"},
    {"nadia@peerdesk.test", "Nadia Ouali", "expert", "Team Ervaringsdeskundigen"},
    {"tom@peerdesk.test", "Tom Willems", "expert", "Team Ervaringsdeskundigen"},
};

/* The rest of the generalists, without a named login: given name + number. */
static const char *const more_generalists[] = {
    "Bram",  "Carla",  "Daan",   "Elif", "Femke",  "Gijs",    "Hanna", "Ilse", "Jesse", "Karin",
    "Lars",  "Maaike", "Noor",   "Olaf", "Petra",  "Quinten", "Roos",  "Sem",  "Tess",  "Umut",
    "Vera",  "Wouter", "Xandra", "Yara", "Zeynep", "Arjen",   "Bo",    "Cor",  "Dewi",  "Esra",
    "Floor", "Guus",   "Hidde",  "Iris", "Jelle",  "Kim",     "Lieke", "Mees",
};

struct demo_area {
    enum area_kind kind;
    const char *name;
    const char *parent; /* name of the parent area, or NULL */
};

static const struct demo_area demo_areas[] = {
    {AREA_CLUSTER, "Noord", NULL},
    {AREA_CLUSTER, "Zuid", NULL},
    {AREA_CLUSTER, "West", NULL},
    {AREA_WIJK, "Overvecht", "Noord"},
    {AREA_WIJK, "Zuilen", "Noord"},
    {AREA_WIJK, "Kanaleneiland", "Zuid"},
    {AREA_WIJK, "Hoograven", "Zuid"},
    {AREA_WIJK, "Lombok", "West"},
    {AREA_WIJK, "Oog in Al", "West"},
    {AREA_BUURT, "Taagdreef", "Overvecht"},
    {AREA_BUURT, "Rivierenwijk", "Hoograven"},
};

struct demo_team {
    enum team_kind kind;
    const char *name;
    const char *area; /* NULL: whole city */
};

static const struct demo_team demo_teams[] = {
    {TEAM_EXPERT, "Team Ervaringsdeskundigen", NULL},
    {TEAM_NEIGHBOURHOOD, "Buurtteam Noord", "Noord"},
    {TEAM_NEIGHBOURHOOD, "Buurtteam Zuid", "Zuid"},
    {TEAM_NEIGHBOURHOOD, "Buurtteam West", "West"},
};

/* The first wijk of each neighbourhood team's cluster: where its generalists' clients live. */
static const char *const team_wijken[][2] = {
    {"Buurtteam Noord", "Overvecht"},    {"Buurtteam Noord", "Zuilen"},
    {"Buurtteam Zuid", "Kanaleneiland"}, {"Buurtteam Zuid", "Hoograven"},
    {"Buurtteam West", "Lombok"},        {"Buurtteam West", "Oog in Al"},
};

#define DEMO_SEED 20261122u

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *find_id(char (*ids)[UUID_STR_BYTES], const char *const *names, size_t n,
                           const char *name)
{
    for (size_t i = 0; name && i < n; i++)
        if (strcmp(names[i], name) == 0)
            return ids[i];
    return NULL;
}

struct demo_ids {
    char area[N(demo_areas)][UUID_STR_BYTES];
    const char *area_name[N(demo_areas)];
    char team[N(demo_teams)][UUID_STR_BYTES];
    const char *team_name[N(demo_teams)];
};

static int seed_places(struct app_req *r, const struct org *o, struct demo_ids *ids)
{
    for (size_t i = 0; i < N(demo_areas); i++) {
        struct area a = {.kind = demo_areas[i].kind, .name = demo_areas[i].name, .version = 1};
        uuid7_new(a.id);
        memcpy(a.org_id, o->id, sizeof(a.org_id));
        a.parent_id = find_id(ids->area, ids->area_name, i, demo_areas[i].parent);
        if (store_area_insert(r->db, &a, &r->err) != PD_OK)
            return r->err.code;
        memcpy(ids->area[i], a.id, UUID_STR_BYTES);
        ids->area_name[i] = demo_areas[i].name;
    }
    for (size_t i = 0; i < N(demo_teams); i++) {
        struct team t = {.kind = demo_teams[i].kind, .name = demo_teams[i].name, .version = 1};
        uuid7_new(t.id);
        memcpy(t.org_id, o->id, sizeof(t.org_id));
        t.area_id = find_id(ids->area, ids->area_name, N(demo_areas), demo_teams[i].area);
        if (store_team_insert(r->db, &t, &r->err) != PD_OK)
            return r->err.code;
        memcpy(ids->team[i], t.id, UUID_STR_BYTES);
        ids->team_name[i] = demo_teams[i].name;
    }
    return PD_OK;
}

/* One worker, audited as made by the CLI, in `team` when not NULL, employed since
 * `days_ago` days (so that "new colleagues" lists have something to tell). id receives its
 * id. */
static int add_worker(struct app_req *r, const struct org *o, const char *email, const char *name,
                      const char *roles, const char *hash, const char *team, int days_ago,
                      char id[UUID_STR_BYTES])
{
    char since[PTIME_ISO_BYTES];
    ptime_fmt_iso(ptime_now_ms() - (int64_t)days_ago * 24 * 60 * 60 * 1000, since);
    const char *now = arena_strdup(r->arena, since);
    struct worker w = {.email = email,
                       .name = name,
                       .status = WORKER_ACTIVE,
                       .pw_hash = hash,
                       .created_at = now,
                       .updated_at = now,
                       .version = 1};
    uuid7_new(w.id);
    memcpy(w.org_id, o->id, sizeof(w.org_id));
    struct audit_event ev = {.event = "worker.create",
                             .action = 'C',
                             .record_type = "worker",
                             .record_id = w.id,
                             .org_id = o->id,
                             .actor_role = "cli",
                             .access_basis = "cli"};
    if (role_parse_list(roles, "role", &w.roles, &r->err) != PD_OK ||
        store_worker_insert(r->db, &w, &r->err) != PD_OK || audit_write(r, &ev) != PD_OK ||
        (team && store_team_add_member(r->db, o->id, team, w.id, &r->err) != PD_OK))
        return r->err.code;
    memcpy(id, w.id, UUID_STR_BYTES);
    return PD_OK;
}

/* The wijk where a generalist of `team` works: the team's wijken in turn. */
static const char *wijk_of(struct demo_ids *ids, const char *team, size_t turn)
{
    const char *names[N(team_wijken)];
    size_t n = 0;
    for (size_t i = 0; i < N(team_wijken); i++)
        if (team && strcmp(team_wijken[i][0], team) == 0)
            names[n++] = team_wijken[i][1];
    if (n == 0)
        return find_id((char(*)[UUID_STR_BYTES])ids->area, ids->area_name, N(demo_areas),
                       "Overvecht");
    return find_id((char(*)[UUID_STR_BYTES])ids->area, ids->area_name, N(demo_areas),
                   names[turn % n]);
}

static int seed(struct app_req *r, const struct org *o, struct buf *out)
{
    struct demo_ids *ids = arena_alloc(r->arena, sizeof(*ids));
    if (seed_places(r, o, ids) != PD_OK)
        return r->err.code;

    char hash[PWHASH_STR_BYTES];
    if (auth_hash_password(DEMO_PASSWORD, hash, sizeof(hash), &r->err) != PD_OK)
        return r->err.code;

    enum { MAX_GEN = N(demo_workers) + N(more_generalists), MAX_EXP = N(demo_workers) };
    const char **gens = arena_array(r->arena, MAX_GEN, sizeof(*gens));
    const char **gen_wijk = arena_array(r->arena, MAX_GEN, sizeof(*gen_wijk));
    const char **experts = arena_array(r->arena, MAX_EXP, sizeof(*experts));
    struct demo_people people = {.org_id = o->id};
    const char *neighbourhood[] = {"Buurtteam Noord", "Buurtteam Zuid", "Buurtteam West"};

    buf_printf(out, "Demo organisation '%s' (%s). Every demo login uses the password: %s\n",
               o->name, o->slug, DEMO_PASSWORD);
    buf_printf(out, "No second factor is required in the demo organisation.\n\n");
    buf_printf(out, "  %-24s %-20s %s\n", "login", "name", "roles");
    for (size_t i = 0; i < N(demo_workers); i++) {
        const struct demo_worker *d = &demo_workers[i];
        char *id = arena_alloc(r->arena, UUID_STR_BYTES);
        const char *team = find_id(ids->team, ids->team_name, N(demo_teams), d->team);
        if (add_worker(r, o, d->email, d->name, d->roles, hash, team, 400 + 20 * (int)i, id) !=
            PD_OK)
            return r->err.code;
        unsigned roles = 0;
        if (role_parse_list(d->roles, "role", &roles, &r->err) != PD_OK)
            return r->err.code;
        if (roles & ROLE_GENERALIST) {
            gen_wijk[people.n_generalists] = wijk_of(ids, d->team, people.n_generalists);
            gens[people.n_generalists++] = id;
        }
        if (roles & ROLE_EXPERT)
            experts[people.n_experts++] = id;
        if (roles & ROLE_COORDINATOR)
            people.coordinator = id;
        buf_printf(out, "  %-24s %-20s %s\n", d->email, d->name, d->roles);
    }
    for (size_t i = 0; i < N(more_generalists); i++) {
        char email[64], name[64];
        const char *team_name = neighbourhood[i % N(neighbourhood)];
        snprintf(email, sizeof(email), "%s.%zu@peerdesk.test", more_generalists[i], i + 1);
        for (char *c = email; *c; c++)
            if (*c >= 'A' && *c <= 'Z')
                *c = (char)(*c - 'A' + 'a');
        snprintf(name, sizeof(name), "%s (%s)", more_generalists[i], team_name + 10);
        char *id = arena_alloc(r->arena, UUID_STR_BYTES);
        const char *team = find_id(ids->team, ids->team_name, N(demo_teams), team_name);
        if (add_worker(r, o, arena_strdup(r->arena, email), arena_strdup(r->arena, name),
                       "generalist", hash, team,
                       i + 4 < N(more_generalists) ? 200 + 25 * (int)i : 30, id) != PD_OK)
            return r->err.code;
        gen_wijk[people.n_generalists] = wijk_of(ids, team_name, i / N(neighbourhood));
        gens[people.n_generalists++] = id;
    }
    buf_printf(out, "  ... and %zu more generalists (bram.1@peerdesk.test to mees.%zu@...)\n",
               N(more_generalists), N(more_generalists));

    const char **wijken = arena_array(r->arena, N(demo_areas), sizeof(*wijken));
    for (size_t i = 0; i < N(demo_areas); i++)
        if (demo_areas[i].kind == AREA_WIJK)
            wijken[people.n_wijken++] = ids->area[i];
    people.generalists = gens;
    people.generalist_wijk = gen_wijk;
    people.experts = experts;
    people.wijken = wijken;

    struct demo_counts n = {0};
    if (store_demo_fill(r->db, r->arena, &people, ptime_now_ms(), DEMO_SEED, &n, &r->err) !=
            PD_OK ||
        store_note_fts_rebuild(r->db, &r->err) != PD_OK)
        return r->err.code;
    buf_printf(out,
               "\nWork of the past months: %d clients, %d requests, %d notes, %d "
               "consultations.\n",
               n.clients, n.requests, n.notes, n.consultations);

    /* Leren en Reflectie (issue 5): each part seeds its own demo content. */
    if (lgroup_demo_seed(r, o->id) != PD_OK || app_learning_demo_seed(r, o->id, out) != PD_OK ||
        app_story_demo_seed(r, o->id) != PD_OK || app_iv_demo_seed(r, o->id) != PD_OK ||
        app_coaching_demo_seed(r, o->id) != PD_OK || app_training_demo_seed(r, o->id) != PD_OK ||
        expert_time_demo_seed(r, o->id) != PD_OK)
        return r->err.code;
    buf_printf(out, "Leren en Reflectie: learning groups of peter@, a recovery story of lotte@, "
                    "intervision groups, coaching by ingrid@, training for generalists.\n");
    return PD_OK;
}

int app_demo_worker_id(struct app_req *r, const char *email, char id[UUID_STR_BYTES])
{
    struct worker w;
    if (store_worker_by_email(r->db, r->arena, email, &w, &r->err) != PD_OK)
        return r->err.code;
    memcpy(id, w.id, UUID_STR_BYTES);
    return PD_OK;
}

int app_demo_seed(struct app_req *r, const char **logins)
{
    struct org o = {.slug = "demo", .name = "Buurtteams Demostad", .totp_roles = 0, .version = 1};
    struct buf out;

    if (app_need_db(r) != PD_OK)
        return r->err.code;
    uuid7_new(o.id);
    o.created_at = app_now_iso(r);
    buf_init(&out, 64 * 1024);
    struct audit_event ev = {.event = "org.create",
                             .action = 'C',
                             .record_type = "org",
                             .record_id = o.id,
                             .org_id = o.id,
                             .actor_role = "cli",
                             .access_basis = "cli"};
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        store_org_insert(r->db, &o, &r->err) != PD_OK || vocab_seed_org(r, o.id) != PD_OK ||
        seed(r, &o, &out) != PD_OK || audit_write(r, &ev) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK) {
        buf_release(&out);
        return app_fail(r);
    }
    *logins = arena_strdup(r->arena, buf_cstr(&out));
    buf_release(&out);
    return PD_OK;
}

/* ---- bench-gen ---- */

#define BENCH_BATCH 2000 /* clients per transaction */

struct bench_tick {
    struct app_req *r;
    int64_t t0_ns;
    int clients;
};

static int bench_tick(void *arg, const struct demo_counts *n, struct pd_err *e)
{
    struct bench_tick *t = arg;
    (void)e;
    if (++t->clients % BENCH_BATCH != 0)
        return PD_OK;
    if (db_commit(t->r->db, &t->r->err) != PD_OK ||
        db_begin(t->r->db, DB_TXN_WRITE, &t->r->err) != PD_OK)
        return t->r->err.code;
    fprintf(stderr, "bench-gen: %d clients, %d requests, %d notes (%.1f s)\n", n->clients,
            n->requests, n->notes, (double)(ptime_mono_ns() - t->t0_ns) / 1e9);
    return PD_OK;
}

static int scaled(double full, double scale)
{
    double v = floor(full * scale + 0.5);
    return v < 1 ? 1 : (int)v;
}

static int bench_fill(struct app_req *r, const struct org *o, double scale, uint64_t seed,
                      struct demo_counts *out, int *n_exp, int *n_gen)
{
    struct demo_ids *ids = arena_alloc(r->arena, sizeof(*ids));
    char hash[PWHASH_STR_BYTES];
    if (seed_places(r, o, ids) != PD_OK ||
        auth_hash_password(DEMO_PASSWORD, hash, sizeof(hash), &r->err) != PD_OK)
        return r->err.code;
    int ne = scaled(300, scale), ng = scaled(6000, scale);
    char(*ids_w)[UUID_STR_BYTES] = arena_array(r->arena, (size_t)(ne + ng + 1), UUID_STR_BYTES);
    const char **experts = arena_array(r->arena, (size_t)ne, sizeof(*experts));
    const char **gens = arena_array(r->arena, (size_t)ng, sizeof(*gens));
    const char **gen_wijk = arena_array(r->arena, (size_t)ng, sizeof(*gen_wijk));
    const char *neighbourhood[] = {"Buurtteam Noord", "Buurtteam Zuid", "Buurtteam West"};
    const char *expert_team =
        find_id(ids->team, ids->team_name, N(demo_teams), "Team Ervaringsdeskundigen");
    struct demo_people people = {.org_id = o->id, .coordinator = ids_w[ne + ng]};

    char manager[UUID_STR_BYTES]; /* reads the reports (PERFORMANCE.md P5) */
    if (add_worker(r, o, "coordinator@bench.test", "Coördinator Bench", "coordinator", hash,
                   expert_team, 1000, ids_w[ne + ng]) != PD_OK ||
        add_worker(r, o, "manager@bench.test", "Manager Bench", "manager", hash, NULL, 1000,
                   manager) != PD_OK)
        return r->err.code;
    for (int i = 0; i < ne + ng; i++) {
        char email[64], name[64];
        bool ex = i < ne;
        int k = ex ? i : i - ne;
        const char *team_name = ex ? "Team Ervaringsdeskundigen" : neighbourhood[k % 3];
        snprintf(email, sizeof(email), "%s%d@bench.test", ex ? "expert" : "generalist", k + 1);
        snprintf(name, sizeof(name), "%s %d", ex ? "Ervaringsdeskundige" : "Generalist", k + 1);
        if (add_worker(r, o, arena_strdup(r->arena, email), arena_strdup(r->arena, name),
                       ex ? "expert" : "generalist", hash,
                       find_id(ids->team, ids->team_name, N(demo_teams), team_name),
                       30 + (int)((uint64_t)(k * 7919) % 1800), ids_w[i]) != PD_OK)
            return r->err.code;
        if (ex) {
            experts[k] = ids_w[i];
        } else {
            gen_wijk[k] = wijk_of(ids, team_name, (size_t)k / 3);
            gens[k] = ids_w[i];
        }
    }
    people.experts = experts;
    people.n_experts = (size_t)ne;
    people.generalists = gens;
    people.generalist_wijk = gen_wijk;
    people.n_generalists = (size_t)ng;
    const char **wijken = arena_array(r->arena, N(demo_areas), sizeof(*wijken));
    for (size_t i = 0; i < N(demo_areas); i++)
        if (demo_areas[i].kind == AREA_WIJK)
            wijken[people.n_wijken++] = ids->area[i];
    people.wijken = wijken;

    struct bench_tick t = {.r = r, .t0_ns = ptime_mono_ns()};
    struct demo_size z = {.clients = scaled(200000, scale),
                          .requests = scaled(250000, scale),
                          .notes = scaled(3000000, scale),
                          .consultations = scaled(400000, scale),
                          .span_days = 5 * 365,
                          .tick = bench_tick,
                          .arg = &t};
    *n_exp = ne;
    *n_gen = ng;
    return store_demo_fill_sized(r->db, r->arena, &people, ptime_now_ms(), seed, &z, out, &r->err);
}

int app_bench_gen(struct app_req *r, double scale, uint64_t seed, struct demo_counts *out,
                  int *experts, int *generalists)
{
    struct org o = {.slug = "bench", .name = "Buurtteams Grootstad", .totp_roles = 0, .version = 1};
    if (app_need_db(r) != PD_OK)
        return r->err.code;
    if (!(scale > 0 && scale <= 100))
        return err_set(&r->err, PD_EINVAL, "scale", "scale must be above 0 and at most 100");
    uuid7_new(o.id);
    o.created_at = app_now_iso(r);
    struct audit_event ev = {.event = "org.create",
                             .action = 'C',
                             .record_type = "org",
                             .record_id = o.id,
                             .org_id = o.id,
                             .actor_role = "cli",
                             .access_basis = "cli"};
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        store_org_insert(r->db, &o, &r->err) != PD_OK || audit_write(r, &ev) != PD_OK ||
        vocab_seed_org(r, o.id) != PD_OK ||
        bench_fill(r, &o, scale, seed, out, experts, generalists) != PD_OK ||
        store_note_fts_rebuild(r->db, &r->err) != PD_OK || db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}
