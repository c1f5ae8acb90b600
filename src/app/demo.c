/*
 * demo.c: the demo organisation of `peerdesk init --demo`: one worker per role (and one
 * part-time generalist who is also an expert), two clusters with their wijken, an expert
 * team and neighbourhood teams. Everything is made through the same store functions as
 * real data, in one transaction.
 *
 * The demo organisation does not require a second factor, so a newcomer can look around
 * without an authenticator app; real organisations made with `org add` do.
 */
#include <string.h>

#include "../domain/role.h"
#include "../lib/buf.h"
#include "../lib/log.h"
#include "app_int.h"

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
    {"henk@peerdesk.test", "Henk Mulder", "manager", NULL},
    {"fatima@peerdesk.test", "Fatima Bouzid", "researcher", NULL},
    {"eva@peerdesk.test", "Eva de Boer", "privacy_officer", NULL},
};

struct demo_area {
    enum area_kind kind;
    const char *name;
    const char *parent; /* name of the parent area, or NULL */
};

static const struct demo_area demo_areas[] = {
    {AREA_CLUSTER, "Noord", NULL},          {AREA_CLUSTER, "Zuid", NULL},
    {AREA_WIJK, "Overvecht", "Noord"},      {AREA_WIJK, "Zuilen", "Noord"},
    {AREA_WIJK, "Kanaleneiland", "Zuid"},   {AREA_WIJK, "Hoograven", "Zuid"},
    {AREA_BUURT, "Taagdreef", "Overvecht"}, {AREA_BUURT, "Rivierenwijk", "Hoograven"},
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
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *find_id(char (*ids)[UUID_STR_BYTES], const char *const *names, size_t n,
                           const char *name)
{
    for (size_t i = 0; name && i < n; i++)
        if (strcmp(names[i], name) == 0)
            return ids[i];
    return NULL;
}

static int seed(struct app_req *r, const struct org *o, struct buf *out)
{
    char area_ids[N(demo_areas)][UUID_STR_BYTES];
    const char *area_names[N(demo_areas)];
    char team_ids[N(demo_teams)][UUID_STR_BYTES];
    const char *team_names[N(demo_teams)];
    const char *now = app_now_iso(r);

    for (size_t i = 0; i < N(demo_areas); i++) {
        struct area a = {.kind = demo_areas[i].kind, .name = demo_areas[i].name, .version = 1};
        uuid7_new(a.id);
        memcpy(a.org_id, o->id, sizeof(a.org_id));
        a.parent_id = find_id(area_ids, area_names, i, demo_areas[i].parent);
        if (store_area_insert(r->db, &a, &r->err) != PD_OK)
            return r->err.code;
        memcpy(area_ids[i], a.id, UUID_STR_BYTES);
        area_names[i] = demo_areas[i].name;
    }
    for (size_t i = 0; i < N(demo_teams); i++) {
        struct team t = {.kind = demo_teams[i].kind, .name = demo_teams[i].name, .version = 1};
        uuid7_new(t.id);
        memcpy(t.org_id, o->id, sizeof(t.org_id));
        t.area_id = find_id(area_ids, area_names, N(demo_areas), demo_teams[i].area);
        if (store_team_insert(r->db, &t, &r->err) != PD_OK)
            return r->err.code;
        memcpy(team_ids[i], t.id, UUID_STR_BYTES);
        team_names[i] = demo_teams[i].name;
    }

    char hash[PWHASH_STR_BYTES];
    if (auth_hash_password(DEMO_PASSWORD, hash, sizeof(hash), &r->err) != PD_OK)
        return r->err.code;
    buf_printf(out, "Demo organisation '%s' (%s). Every demo login uses the password: %s\n",
               o->name, o->slug, DEMO_PASSWORD);
    buf_printf(out, "No second factor is required in the demo organisation.\n\n");
    buf_printf(out, "  %-24s %-20s %s\n", "login", "name", "roles");
    for (size_t i = 0; i < N(demo_workers); i++) {
        const struct demo_worker *d = &demo_workers[i];
        struct worker w = {.email = d->email,
                           .name = d->name,
                           .status = WORKER_ACTIVE,
                           .pw_hash = hash,
                           .created_at = now,
                           .updated_at = now,
                           .version = 1};
        uuid7_new(w.id);
        memcpy(w.org_id, o->id, sizeof(w.org_id));
        if (role_parse_list(d->roles, "role", &w.roles, &r->err) != PD_OK ||
            store_worker_insert(r->db, &w, &r->err) != PD_OK)
            return r->err.code;
        struct audit_event ev = {.event = "worker.create",
                                 .action = 'C',
                                 .record_type = "worker",
                                 .record_id = w.id,
                                 .org_id = o->id,
                                 .actor_role = "cli",
                                 .access_basis = "cli"};
        if (audit_write(r, &ev) != PD_OK)
            return r->err.code;
        const char *team = find_id(team_ids, team_names, N(demo_teams), d->team);
        if (team && store_team_add_member(r->db, o->id, team, w.id, &r->err) != PD_OK)
            return r->err.code;
        buf_printf(out, "  %-24s %-20s %s\n", d->email, d->name, d->roles);
    }
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
        store_org_insert(r->db, &o, &r->err) != PD_OK || seed(r, &o, &out) != PD_OK ||
        audit_write(r, &ev) != PD_OK || db_commit(r->db, &r->err) != PD_OK) {
        buf_release(&out);
        return app_fail(r);
    }
    *logins = arena_strdup(r->arena, buf_cstr(&out));
    buf_release(&out);
    return PD_OK;
}
