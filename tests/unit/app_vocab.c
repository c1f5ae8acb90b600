/*
 * app_vocab.c: the code tables at the use-case level: a new organisation gets every
 * embedded vocabulary; vocab_check accepts active codes of the actor's own organisation
 * only, refuses unknown, malformed and deactivated codes naming the field; seeding again
 * is idempotent and keeps an administrator's edits; a stale edit fails with the current
 * version.
 */
#include <ftw.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/vocab.h"
#include "app/vocab_data.h"
#include "domain/role.h"
#include "lib/uuid.h"
#include "tap.h"

static char dir[] = "/tmp/pd-app-vocab-XXXXXX";
static char path[300];
static struct app *app;

struct call {
    struct arena arena;
    struct app_req r;
    struct actor actor;
    char trace[UUID_STR_BYTES];
};

static struct app_req *begin(struct call *c, const struct org *o)
{
    arena_init(&c->arena);
    uuid7_new(c->trace);
    app_req_begin(app, &c->r, &c->arena, c->trace, "127.0.0.1");
    if (o) {
        memset(&c->actor, 0, sizeof(c->actor));
        memcpy(c->actor.org_id, o->id, UUID_STR_BYTES);
        uuid7_new(c->actor.user_id);
        c->actor.roles = ROLE_ADMIN;
        c->r.actor = &c->actor;
    }
    return &c->r;
}

static void end(struct call *c)
{
    app_req_end(&c->r);
    arena_release(&c->arena);
}

static int rm(const char *p, const struct stat *sb, int flag, struct FTW *f)
{
    (void)sb, (void)flag, (void)f;
    return remove(p);
}

static int check(const struct org *o, const char *vocab, const char *code, char *field)
{
    struct call c;
    int rc = vocab_check(begin(&c, o), vocab, code, "the_field");
    if (field)
        snprintf(field, LIMIT_ERR_FIELD_BYTES, "%s", c.r.err.field);
    end(&c);
    return rc;
}

int main(void)
{
    struct pd_err e;
    struct call c;
    struct org a, b;
    char field[LIMIT_ERR_FIELD_BYTES];

    if (!mkdtemp(dir))
        return 1;
    snprintf(path, sizeof(path), "%s/vocab.db", dir);
    err_clear(&e);
    struct app_config cfg = {.db_target = path, .db_connections = 2};
    app = app_new(&cfg, &e);
    if (!app)
        return 1;
    struct app_req *r = begin(&c, NULL);
    ok(r->db && store_migrate(r->db, store_migration_count, &r->err) == PD_OK, "migrated");
    ok(app_org_add(r, "alpha", "Alpha", &a) == PD_OK, "org alpha");
    ok(app_org_add(r, "beta", "Beta", &b) == PD_OK, "org beta");
    end(&c);

    subtest("seeded")
    {
        struct vocab_entry *v;
        size_t n;
        r = begin(&c, &a);
        is_int(app_vocab_list(r, NULL, &v, &n), PD_OK, "list all");
        is_int((int)n, (int)vocab_seed_count, "every embedded code is there");
        is_int(app_vocab_list(r, "deployment_reason", &v, &n), PD_OK, "one vocabulary");
        is_int((int)n, 17, "17 reasons for deployment (practice.md 2.1)");
        is_str(v[0].code, "stuck", "in file order");
        ok(v[0].active && v[0].version == 1, "active, version 1");
        is_int(app_vocab_list(r, "nonsense", &v, &n), PD_ENOTFOUND, "unknown vocabulary");
        end(&c);
        ok(vocab_known("intensity_pattern") && !vocab_known("intensity") && !vocab_known(NULL),
           "vocab_known");
    }

    subtest("check")
    {
        is_int(check(&a, "intensity_pattern", "joint_2x_week", NULL), PD_OK, "active code");
        is_int(check(&a, "intensity_pattern", "hourly", field), PD_EINVAL, "unknown code");
        is_str(field, "the_field", "names the field");
        is_int(check(&a, "channel", "joint_2x_week", NULL), PD_EINVAL, "code of another list");
        is_int(check(&a, "channel", "", NULL), PD_EINVAL, "empty");
        is_int(check(&a, "channel", NULL, NULL), PD_EINVAL, "absent");
        is_int(check(&a, "channel", "Phone", NULL), PD_EINVAL, "case matters");
        is_int(check(&a, "channel", "phone'--", NULL), PD_EINVAL, "malformed");
    }

    subtest("edit and deactivate")
    {
        struct vocab_entry v;
        r = begin(&c, &a);
        is_int(app_vocab_add(r, "channel", "whatsapp", "WhatsApp", "WhatsApp", &v), PD_OK,
               "add a code");
        end(&c);
        r = begin(&c, &a);
        is_int(app_vocab_add(r, "channel", "whatsapp", "W", "W", &v), PD_ECONFLICT, "twice");
        is_str(r->err.field, "code", "conflict names code");
        end(&c);
        is_int(check(&a, "channel", "whatsapp", NULL), PD_OK, "new code passes");
        is_int(check(&b, "channel", "whatsapp", NULL), PD_EINVAL, "not in another org");

        r = begin(&c, &a);
        is_int(app_vocab_update(r, "channel", "whatsapp", 1, NULL, "WhatsApp msg", 0, &v), PD_OK,
               "deactivate");
        is_int((int)v.version, 2, "version 2");
        end(&c);
        is_int(check(&a, "channel", "whatsapp", field), PD_EINVAL, "deactivated code fails");
        r = begin(&c, &a);
        is_int(app_vocab_update(r, "channel", "whatsapp", 1, NULL, NULL, 1, &v), PD_ESTALE,
               "stale edit");
        is_int((int)v.version, 2, "with the current version");
        ok(!v.active, "and nothing changed");
        end(&c);
    }

    subtest("reseed is idempotent")
    {
        struct vocab_entry *v;
        size_t n;
        r = begin(&c, NULL);
        is_int(vocab_seed_all(r), PD_OK, "seed all again");
        end(&c);
        r = begin(&c, &a);
        is_int(app_vocab_list(r, "channel", &v, &n), PD_OK, "list");
        is_int((int)n, 7, "six seeded plus one added");
        is_int(check(&a, "channel", "whatsapp", NULL), PD_EINVAL, "still deactivated");
        end(&c);
    }

    app_free(app);
    nftw(dir, rm, 8, FTW_DEPTH | FTW_PHYS);
    return done_testing();
}
