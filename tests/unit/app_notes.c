/*
 * app_notes.c: the dossier timeline at the use-case level over a temporary database:
 * both workers write notes and read them in one timeline; strangers are answered like a
 * missing dossier; a note over the limit, a bad code and a stale edit write nothing;
 * evaluations, referrals, bridging; closing by the responsible generalist only, writes
 * refused (409) until reopened; the search finds only readable notes, treats its input as
 * words, and never writes the query into the audit log; the evaluation prompt crosses the
 * 90-day boundary (clock shifted with ptime_set_offset_ms). With the audit writer (as the
 * server runs reads): entries are owed, not written, until handed over; each hand-over is
 * answered once, durable; after a storage failure every held read is answered with the
 * error; a stopped writer refuses and the caller writes them itself.
 */
#include <ftw.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/clients.h"
#include "app/timeline.h"
#include "domain/role.h"
#include "lib/ptime.h"
#include "lib/uuid.h"
#include "store/store_notes.h"
#include "tap.h"

#define DAY (24 * 60 * 60 * 1000LL)

static char dir[] = "/tmp/pd-app-notes-XXXXXX";
static char path[300];
static struct app *app;
static struct org org, org2;
static struct worker gen, exp1, stranger, outsider;

struct call {
    struct arena arena;
    struct app_req r;
    struct actor actor;
    char trace[UUID_STR_BYTES];
};

static struct app_req *begin(struct call *c, const struct worker *w)
{
    arena_init(&c->arena);
    uuid7_new(c->trace);
    app_req_begin(app, &c->r, &c->arena, c->trace, "127.0.0.1");
    if (w) {
        memset(&c->actor, 0, sizeof(c->actor));
        memcpy(c->actor.org_id, w->org_id, UUID_STR_BYTES);
        memcpy(c->actor.user_id, w->id, UUID_STR_BYTES);
        c->actor.roles = w->roles;
        c->actor.level = SESSION_FULL;
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

static void add_worker(const struct org *o, const char *email, unsigned roles, struct worker *w)
{
    struct call c;
    struct app_req *r = begin(&c, NULL);
    memset(w, 0, sizeof(*w));
    uuid7_new(w->id);
    memcpy(w->org_id, o->id, UUID_STR_BYTES);
    w->email = email;
    w->name = email;
    w->roles = roles;
    w->status = WORKER_ACTIVE;
    w->pw_hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA";
    w->created_at = w->updated_at = "2024-01-01T00:00:00.000Z";
    w->version = 1;
    ok(store_worker_insert(r->db, w, &r->err) == PD_OK, "worker %s", email);
    end(&c);
}

/* Today (shifted clock included) as YYYY-MM-DD. */
static const char *today_str(struct arena *a)
{
    char iso[PTIME_ISO_BYTES];
    ptime_fmt_iso(ptime_now_ms(), iso);
    return arena_strndup(a, iso, 10);
}

static int64_t audit_count(void)
{
    struct call c;
    int64_t n = -1;
    store_audit_count(begin(&c, NULL)->db, &n, &c.r.err);
    end(&c);
    return n;
}

/* How many audit rows hold `needle` in any text column. */
static int audit_mentions(const char *needle)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    int n = -1;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_prepare_v2(db,
                           "SELECT count(*) FROM audit_log WHERE instr(event || record_type ||"
                           " coalesce(record_id, '') || access_basis, ?1) > 0",
                           -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, needle, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW)
            n = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return n;
}

static int timeline_count(const struct worker *w, const char *dossier)
{
    struct call c;
    struct timeline_row *t;
    size_t n = 0;
    int rc = app_timeline(begin(&c, w), dossier, NULL, 200, &t, &n);
    end(&c);
    return rc == PD_OK ? (int)n : rc;
}

static int write_note(const struct worker *w, const char *dossier, const char *kind,
                      const char *body, bool attempt, struct note_rec *out, char *field)
{
    struct call c;
    static const char *const acts[] = {"daily_tasks_together"};
    static const char *const apps[] = {"being_there"};
    struct note_input in = {.kind = kind,
                            .contact_on = NULL,
                            .minutes = 45,
                            .attempt = attempt,
                            .body = body,
                            .activities = acts,
                            .nactivities = 1,
                            .approaches = apps,
                            .napproaches = 1};
    struct app_req *r = begin(&c, w);
    in.contact_on = today_str(r->arena);
    struct note_rec n;
    int rc = app_note_create(r, dossier, &in, &n);
    if (field)
        snprintf(field, LIMIT_ERR_FIELD_BYTES, "%s", r->err.field);
    if (out && rc == PD_OK) {
        memset(out, 0, sizeof(*out));
        memcpy(out->id, n.id, UUID_STR_BYTES);
        out->version = n.version;
    }
    end(&c);
    return rc;
}

/* What the audit writer answered, as the HTTP layer's callback records it. */
struct answers {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int done, failed;
};

static void answered(void *cls, int rc, const struct pd_err *e)
{
    struct answers *a = cls;
    (void)e;
    pthread_mutex_lock(&a->mu);
    a->done++;
    a->failed += rc != PD_OK;
    pthread_cond_signal(&a->cv);
    pthread_mutex_unlock(&a->mu);
}

static void wait_answers(struct answers *a, int n)
{
    pthread_mutex_lock(&a->mu);
    while (a->done < n)
        pthread_cond_wait(&a->cv, &a->mu);
    pthread_mutex_unlock(&a->mu);
}

/* A timeline read as the server runs it: entries owed, then handed to the writer. Returns
 * the hand-over's result; the call's arena lives in calls[i] until answered. */
static int held_read(struct call *c, const char *dossier, struct answers *a, size_t *owed)
{
    struct timeline_row *t;
    size_t n;
    struct app_req *r = begin(c, &gen);
    r->audit_async = true;
    int rc = app_timeline(r, dossier, NULL, 15, &t, &n);
    *owed = app_audit_owed(r);
    if (rc == PD_OK)
        rc = app_audit_submit(r, answered, a);
    app_req_end(r); /* the connection goes back; the owed entries stay in the arena */
    return rc;
}

int main(void)
{
    struct pd_err e;
    struct call c;
    struct app_req *r;
    char field[LIMIT_ERR_FIELD_BYTES];
    char dossier[UUID_STR_BYTES], missing[UUID_STR_BYTES];
    struct note_rec n1, n2;

    if (!mkdtemp(dir))
        return 1;
    snprintf(path, sizeof(path), "%s/notes.db", dir);
    err_clear(&e);
    struct app_config cfg = {.db_target = path, .db_connections = 2};
    app = app_new(&cfg, &e);
    if (!app)
        return 1;
    r = begin(&c, NULL);
    ok(r->db && store_migrate(r->db, store_migration_count, &r->err) == PD_OK, "migrated");
    ok(app_org_add(r, "alpha", "Alpha", &org) == PD_OK, "org");
    ok(app_org_add(r, "beta", "Beta", &org2) == PD_OK, "other org");
    end(&c);
    add_worker(&org, "gerda@example.test", ROLE_GENERALIST, &gen);
    add_worker(&org, "eva@example.test", ROLE_EXPERT, &exp1);
    add_worker(&org, "gijs@example.test", ROLE_GENERALIST, &stranger);
    add_worker(&org2, "otto@example.test", ROLE_GENERALIST, &outsider);
    uuid7_new(missing);

    subtest("a dossier with a responsible generalist and an assigned expert")
    {
        struct client_input ci = {.code = "AZ-1"};
        struct client_rec cl;
        struct dossier_rec d;
        r = begin(&c, &gen);
        is_int(app_client_create(r, &ci, "progress", &cl, &d), PD_OK, "client and dossier");
        memcpy(dossier, d.id, UUID_STR_BYTES);
        end(&c);
        r = begin(&c, NULL);
        const char *today = today_str(r->arena);
        struct assignment_rec s = {.role = "expert", .start_on = today, .created_at = today};
        uuid7_new(s.id);
        memcpy(s.org_id, org.id, UUID_STR_BYTES);
        memcpy(s.dossier_id, dossier, UUID_STR_BYTES);
        memcpy(s.worker_id, exp1.id, UUID_STR_BYTES);
        ok(db_begin(r->db, DB_TXN_WRITE, &r->err) == PD_OK &&
               store_assignment_insert(r->db, &s, &r->err) == PD_OK &&
               db_commit(r->db, &r->err) == PD_OK,
           "expert assigned");
        end(&c);
    }

    subtest("both workers write, both read one timeline")
    {
        is_int(write_note(&gen, dossier, "visit", "Kennismaking bij de client thuis; koffie.",
                          false, &n1, NULL),
               PD_OK, "the generalist writes");
        is_int(write_note(&exp1, dossier, "phone", "Gebeld over de wandeling; klonk rustig.", false,
                          &n2, NULL),
               PD_OK, "the expert writes");
        struct note_rec got;
        r = begin(&c, &exp1);
        is_int(app_note_get(r, n1.id, &got), PD_OK, "the expert reads the generalist's note");
        is_str(got.author_role, "generalist", "author role derived: generalist");
        is_int((int)got.nactivities, 1, "with its activity");
        end(&c);
        r = begin(&c, &gen);
        is_int(app_note_get(r, n2.id, &got), PD_OK, "and the other way round");
        is_str(got.author_role, "expert", "author role derived: expert");
        end(&c);
        int64_t before = audit_count();
        struct timeline_row *t;
        size_t n;
        r = begin(&c, &exp1);
        is_int(app_timeline(r, dossier, NULL, 50, &t, &n), PD_OK, "timeline");
        int notes = 0;
        for (size_t i = 0; i < n; i++)
            notes += strcmp(t[i].type, "note") == 0;
        is_int(notes, 2, "both notes in it");
        ok(n >= 2 && strcmp(t[0].id, n2.id) == 0, "newest first");
        end(&c);
        is_int((int)(audit_count() - before), 1, "one audit entry per timeline call");
        r = begin(&c, &exp1);
        is_int(app_timeline(r, dossier, n2.id, 1, &t, &n), PD_OK, "second page");
        ok(n == 1 && strcmp(t[0].id, n1.id) == 0, "continues after the cursor");
        end(&c);
        r = begin(&c, &exp1);
        is_int(app_timeline(r, dossier, missing, 1, &t, &n), PD_EINVAL, "unknown cursor");
        is_str(r->err.field, "after", "names after");
        end(&c);
    }

    subtest("strangers are answered like a missing dossier")
    {
        int64_t before = audit_count();
        is_int(write_note(&stranger, dossier, "visit", "x", false, NULL, NULL), PD_ENOTFOUND,
               "an unrelated generalist cannot write");
        is_int(timeline_count(&stranger, dossier), PD_ENOTFOUND, "nor read the timeline");
        is_int(timeline_count(&outsider, dossier), PD_ENOTFOUND, "nor can another organisation");
        is_int(timeline_count(&gen, missing), PD_ENOTFOUND, "a missing dossier: the same");
        is_int((int)(audit_count() - before), 4, "each refusal audited once");
        struct note_rec got;
        r = begin(&c, &stranger);
        is_int(app_note_get(r, n1.id, &got), PD_ENOTFOUND, "a note of it: not found");
        end(&c);
    }

    subtest("bad input writes nothing")
    {
        int before = timeline_count(&gen, dossier);
        size_t big = LIMIT_NOTE_CHARS + 1;
        char *body = malloc(big + 1);
        memset(body, 'a', big);
        body[big] = '\0';
        is_int(write_note(&gen, dossier, "visit", body, false, NULL, field), PD_EINVAL,
               "a note over the limit");
        is_str(field, "body", "names body");
        body[LIMIT_NOTE_CHARS] = '\0';
        is_int(write_note(&gen, dossier, "visit", body, false, NULL, NULL), PD_OK,
               "exactly at the limit passes");
        free(body);
        is_int(write_note(&gen, dossier, "visit", "", false, NULL, field), PD_EINVAL, "empty");
        is_int(write_note(&gen, dossier, "carrier_pigeon", "x", false, NULL, field), PD_EINVAL,
               "unknown kind");
        is_str(field, "kind", "names kind");
        is_int(write_note(&gen, dossier, "joint_visit", "x", true, NULL, field), PD_EINVAL,
               "an attempt must be a call, message or visit");
        is_str(field, "attempt", "names attempt");
        is_int(write_note(&exp1, dossier, "message", "Appje gestuurd, geen reactie.", true, NULL,
                          NULL),
               PD_OK, "a contact attempt");
        is_int(timeline_count(&gen, dossier), before + 2, "only the good notes were written");
    }

    subtest("only the author edits, and never over a newer version")
    {
        struct note_rec got;
        struct note_input in = {.body = "Kennismaking thuis; koffie en een wandeling.",
                                .set_body = true};
        r = begin(&c, &exp1);
        is_int(app_note_update(r, n1.id, 1, &in, &got), PD_EFORBID, "not the author: refused");
        end(&c);
        r = begin(&c, &gen);
        is_int(app_note_update(r, n1.id, 1, &in, &got), PD_OK, "the author edits");
        is_int((int)got.version, 2, "version 2");
        end(&c);
        r = begin(&c, &gen);
        in.body = "Een latere versie die de vorige zou overschrijven.";
        is_int(app_note_update(r, n1.id, 1, &in, &got), PD_ESTALE, "a stale edit");
        is_int((int)got.version, 2, "comes back with the current version");
        end(&c);
        r = begin(&c, &gen);
        memset(&got, 0, sizeof(got));
        is_int(app_note_get(r, n1.id, &got), PD_OK, "read back");
        ok(got.body && strstr(got.body, "wandeling") != NULL, "the stale edit changed nothing");
        end(&c);
    }

    subtest("search: words only, readable notes only, no query text in the audit")
    {
        struct search_hit *h;
        size_t n;
        const char *expr;
        r = begin(&c, &gen);
        is_int(app_search_expr(r, "foo \"bar\" OR x*", &expr), PD_OK, "expression");
        is_str(expr, "\"foo\"* \"\"\"bar\"\"\"* \"OR\"* \"x*\"*",
               "every word a quoted prefix, quotes doubled");
        end(&c);
        r = begin(&c, &gen);
        is_int(app_search_expr(r, "   ", &expr), PD_EINVAL, "blank query");
        is_str(r->err.field, "q", "names q");
        end(&c);
        char longq[LIMIT_SEARCH_QUERY_CHARS + 2];
        memset(longq, 'a', sizeof(longq) - 1);
        longq[sizeof(longq) - 1] = '\0';
        r = begin(&c, &gen);
        is_int(app_note_search(r, longq, 20, &h, &n), PD_EINVAL, "over-long query");
        end(&c);
        r = begin(&c, &exp1);
        is_int(app_note_search(r, "wandeling", 20, &h, &n), PD_OK, "the expert searches");
        is_int((int)n, 2, "finds both notes with the word");
        ok(n && strcmp(h[0].dossier_id, dossier) == 0, "in the dossier");
        end(&c);
        r = begin(&c, &stranger);
        is_int(app_note_search(r, "wandeling", 20, &h, &n), PD_OK, "a stranger searches");
        is_int((int)n, 0, "and finds nothing");
        end(&c);
        r = begin(&c, &gen);
        is_int(app_note_search(r, "wandeling\" OR body:* NEAR(", 20, &h, &n), PD_OK,
               "FTS5 syntax in the input is just words");
        end(&c);
        is_int(audit_mentions("wandeling"), 0, "the query text is in no audit entry");
        ok(audit_mentions("note_search") >= 3, "but each search is");
    }

    subtest("evaluations, referrals, bridging")
    {
        struct evaluation_rec v;
        struct referral_rec f;
        struct bridging_rec b;
        char today[11];
        r = begin(&c, &exp1);
        snprintf(today, sizeof(today), "%s", today_str(r->arena));
        is_int(app_evaluation_plan(r, dossier, today, &v), PD_OK, "the expert plans");
        is_str(v.planned_by, exp1.id, "planned_by is recorded");
        end(&c);
        r = begin(&c, &gen);
        is_int(app_evaluation_hold(r, dossier, v.id, 1, today, "Doelen besproken.", &v), PD_OK,
               "held");
        is_int((int)v.version, 2, "version 2");
        end(&c);
        r = begin(&c, &gen);
        is_int(app_evaluation_hold(r, dossier, v.id, 1, today, "Oud.", &v), PD_ESTALE, "stale");
        end(&c);
        r = begin(&c, &gen);
        is_int(app_referral_add(r, dossier, "debt_counselling", today, true, NULL, &f), PD_OK,
               "referral");
        end(&c);
        r = begin(&c, &gen);
        is_int(app_referral_add(r, dossier, "astrology", today, true, NULL, &f), PD_EINVAL,
               "unknown service");
        is_str(r->err.field, "service", "names service");
        end(&c);
        r = begin(&c, &gen);
        is_int(app_bridging_start(r, dossier, "specialist_mental_health", today, stranger.id, &b),
               PD_EINVAL, "a keeper who is not on the dossier");
        is_str(r->err.field, "keeper_id", "names keeper_id");
        end(&c);
        r = begin(&c, &gen);
        is_int(app_bridging_start(r, dossier, "specialist_mental_health", today, exp1.id, &b),
               PD_OK, "bridging kept by the expert");
        end(&c);
        r = begin(&c, &exp1);
        is_int(app_bridging_end(r, dossier, b.id, 1, today, &b), PD_OK, "bridging ends");
        end(&c);
        r = begin(&c, &exp1);
        is_int(app_bridging_end(r, dossier, b.id, 2, today, &b), PD_ECONFLICT, "not twice");
        end(&c);
        struct timeline_row *t;
        size_t n;
        r = begin(&c, &gen);
        is_int(app_timeline(r, dossier, NULL, 200, &t, &n), PD_OK, "timeline");
        int ev = 0, rf = 0, br = 0;
        for (size_t i = 0; i < n; i++) {
            ev += strcmp(t[i].type, "evaluation") == 0;
            rf += strcmp(t[i].type, "referral") == 0;
            br += strcmp(t[i].type, "bridging") == 0;
        }
        ok(ev == 1 && rf == 1 && br == 1, "holds the evaluation, referral and bridging");
        end(&c);
    }

    subtest("closing and reopening")
    {
        struct dossier_rec d;
        static const char *const oc[] = {"continued_without_support"};
        struct close_input in = {
            .reason = "goal_reached", .outcomes_client = oc, .noutcomes_client = 1};
        r = begin(&c, &gen);
        is_int(store_dossier_get(r->db, r->arena, org.id, dossier, &d, &r->err), PD_OK, "version");
        int64_t version = d.version;
        end(&c);
        r = begin(&c, &exp1);
        is_int(app_dossier_close(r, dossier, version, &in, &d), PD_ENOTFOUND,
               "the expert may not close");
        end(&c);
        r = begin(&c, &gen);
        struct close_input bad = {.reason = "no_response"};
        is_int(app_dossier_close(r, dossier, version, &bad, &d), PD_EMISSING,
               "no response without a note");
        is_str(r->err.field, "note", "names note");
        end(&c);
        r = begin(&c, &gen);
        is_int(app_dossier_close(r, dossier, version + 7, &in, &d), PD_ESTALE, "stale close");
        is_int((int)d.version, (int)version, "comes back with the current version");
        end(&c);
        r = begin(&c, &gen);
        is_int(app_dossier_close(r, dossier, version, &in, &d), PD_OK, "the responsible closes");
        is_str(d.status, "closed", "closed");
        version = d.version;
        end(&c);
        is_int(write_note(&exp1, dossier, "visit", "Nog een bezoek.", false, NULL, field),
               PD_ECONFLICT, "a write on a closed dossier: conflict");
        is_str(field, "dossier", "names the dossier");
        ok(timeline_count(&exp1, dossier) > 0, "the expert still reads it today");
        r = begin(&c, &gen);
        is_int(app_dossier_reopen(r, dossier, version, "Opnieuw aangemeld.", &d), PD_OK,
               "reopened");
        is_str(d.status, "open", "open");
        ok(d.closed_on == NULL, "closed_on cleared");
        end(&c);
        is_int(write_note(&gen, dossier, "visit", "Weer gestart.", false, NULL, NULL), PD_OK,
               "writes work again");
        ptime_set_offset_ms(DAY);
        is_int(timeline_count(&exp1, dossier), PD_ENOTFOUND,
               "the expert's assignment ended with the closing: from tomorrow, not found");
        ptime_set_offset_ms(0);
    }

    subtest("the evaluation prompt")
    {
        struct due_item *d;
        size_t n;
        r = begin(&c, &gen);
        is_int(app_evaluations_due(r, &d, &n), PD_OK, "today");
        is_int((int)n, 0, "nothing due right after a note");
        end(&c);
        ptime_set_offset_ms(89 * DAY);
        r = begin(&c, &gen);
        is_int(app_evaluations_due(r, &d, &n), PD_OK, "89 days on");
        is_int((int)n, 0, "still quiet enough");
        end(&c);
        ptime_set_offset_ms(90 * DAY);
        r = begin(&c, &gen);
        is_int(app_evaluations_due(r, &d, &n), PD_OK, "90 days on");
        ok(n == 1 && strcmp(d[0].reason, "no_activity") == 0, "prompts: no activity");
        end(&c);
        r = begin(&c, &stranger);
        is_int(app_evaluations_due(r, &d, &n), PD_OK, "someone else");
        is_int((int)n, 0, "sees none of it");
        end(&c);
        ptime_set_offset_ms(0);
    }

    subtest("search: dossiers named in the index, the wide path, best first")
    {
        struct search_hit *h, *h2;
        size_t n, nwide;
        struct client_input ci = {.code = "AZ-2"};
        struct client_rec cl;
        struct dossier_rec d2;
        r = begin(&c, &gen);
        is_int(app_client_create(r, &ci, "progress", &cl, &d2), PD_OK, "a second dossier");
        end(&c);
        struct note_rec twice;
        ok(write_note(&gen, d2.id, "visit", "Wandeling, en daarna nog een wandeling gemaakt.",
                      false, &twice, NULL) == PD_OK,
           "a note with the word twice");
        ok(write_note(&gen, d2.id, "visit",
                      "Vandaag samen een wandeling door het park gemaakt en daarna koffie"
                      " gedronken in het wijkcentrum.",
                      false, NULL, NULL) == PD_OK,
           "a newer one, as long, with the word once");
        struct call first;
        r = begin(&first, &gen);
        is_int(app_note_search(r, "wandeling", 20, &h, &n), PD_OK, "searched in two dossiers");
        is_int((int)n, 4, "finds the notes of both");
        ok(n && strcmp(h[0].note_id, twice.id) == 0, "the one with the word twice first");

        store_note_search_scope_max(1); /* more readable dossiers than may be named */
        r = begin(&c, &gen);
        is_int(app_note_search(r, "wandeling", 20, &h2, &nwide), PD_OK, "searched the wide way");
        is_int((int)nwide, (int)n, "finds as many");
        bool same = nwide == n;
        for (size_t i = 0; same && i < n; i++)
            same = strcmp(h[i].note_id, h2[i].note_id) == 0;
        ok(same, "the same notes in the same order");
        end(&c);
        end(&first);
        store_note_search_scope_max(0);

        /* A dossier id is indexed with each note, but user words only match the body. */
        r = begin(&c, &gen);
        const char *tail = strrchr(d2.id, '-') + 1;
        is_int(app_note_search(r, tail, 20, &h, &n), PD_OK, "searching a dossier id's tail");
        is_int((int)n, 0, "finds nothing");
        end(&c);
        r = begin(&c, &outsider);
        is_int(app_note_search(r, "wandeling", 20, &h, &n), PD_OK, "someone with no dossiers");
        is_int((int)n, 0, "finds nothing either");
        end(&c);
    }

    subtest("reads held for the audit writer")
    {
        enum { N = 40 };
        static struct call calls[N];
        struct answers a = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0};
        size_t owed = 0;
        int64_t before = audit_count();

        /* Without a writer a hand-over is refused and nothing is taken. */
        struct timeline_row *t;
        size_t n;
        r = begin(&c, &gen);
        r->audit_async = true;
        is_int(app_timeline(r, dossier, NULL, 15, &t, &n), PD_OK, "a held read");
        is_int((int)app_audit_owed(r), 1, "owes its one entry");
        is_int(audit_count(), before, "which is not written yet");
        is_int(app_audit_submit(r, answered, &a), PD_EUNAVAIL, "no writer: refused");
        is_int((int)app_audit_owed(r), 1, "and still owed");
        is_int(app_audit_flush(r), PD_OK, "the caller writes it itself");
        is_int(audit_count(), before + 1, "now it is there");
        is_int((int)app_audit_owed(r), 0, "nothing owed any more");
        end(&c);

        app_audit_writer_start(app);
        app_audit_writer_start(app); /* twice is harmless */
        int handed = 0;
        for (int i = 0; i < N; i++) {
            if (held_read(&calls[i], dossier, &a, &owed) == PD_OK && owed == 1)
                handed++;
        }
        is_int(handed, N, "%d reads handed over, one entry each", N);
        wait_answers(&a, N);
        is_int(a.done, N, "each answered once");
        is_int(a.failed, 0, "none failed");
        is_int(audit_count(), before + 1 + N, "every entry is in the log");
        for (int i = 0; i < N; i++)
            arena_release(&calls[i].arena);
        app_audit_writer_stop(app);
        app_audit_writer_stop(app); /* twice is harmless */
        r = begin(&c, &gen);
        r->audit_async = true;
        is_int(app_timeline(r, dossier, NULL, 15, &t, &n), PD_OK, "a held read after the stop");
        is_int(app_audit_submit(r, answered, &a), PD_EUNAVAIL, "is refused by the stopped writer");
        is_int(app_audit_flush(r), PD_OK, "and written by its caller");
        end(&c);
        is_int(audit_count(), before + 2 + N, "so it is in the log too");

        /* A storage failure latches every later write: held reads get the error. */
        a.done = a.failed = 0;
        app_audit_writer_start(app);
        db_latch_write_failure();
        int64_t latched = audit_count();
        is_int(held_read(&calls[0], dossier, &a, &owed), PD_OK, "a read after the failure");
        wait_answers(&a, 1);
        is_int(a.failed, 1, "is answered with the error, so its data must not go out");
        is_int(audit_count(), latched, "and nothing was written");
        arena_release(&calls[0].arena);
        app_audit_writer_stop(app);
    }

    app_free(app);
    nftw(dir, rm, 8, FTW_DEPTH | FTW_PHYS);
    return done_testing();
}
