/*
 * store_audit.c: the NEN 7513 audit log: append, read, and verify the hash chain
 * (SECURITY.md 1-4).
 *
 * Every entry's hash is SHA-256 over a canonical serialisation of its seq, id, time,
 * every field and the previous entry's hash; audit_head holds the newest seq and hash
 * and moves in the same transaction as each append. So changing an entry breaks its own
 * hash, deleting, inserting or reordering one breaks the link of the entry after it, and
 * deleting the newest entries leaves the head pointing past the end. The exact format
 * is in docs/internals/store.md so that an auditor can check a copy without peerdesk.
 *
 * The chain has no secret key: someone who can write the file can recompute every hash
 * after a change. Tamper evidence against that attacker comes from keeping the head hash
 * somewhere else as well (`peerdesk audit verify` prints it); the triggers and the chain
 * catch everything short of that.
 */
#include <sodium.h>
#include <string.h>

#include "../lib/log.h"
#include "../lib/ptime.h"
#include "store.h"

#define AUDIT_FORMAT_TAG "peerdesk-audit-v1"
#define ZERO_HASH        "0000000000000000000000000000000000000000000000000000000000000000"

/* ---- the canonical serialisation ---- */

/* A netstring "<decimal length>:<bytes>," for a value, "-," for NULL. No netstring starts
 * with '-', and every field has a fixed place, so no two entries serialise alike. */
static void put_field(crypto_hash_sha256_state *h, const char *s)
{
    char len[24];
    if (!s) {
        crypto_hash_sha256_update(h, (const unsigned char *)"-,", 2);
        return;
    }
    size_t n = strlen(s);
    int k = snprintf(len, sizeof(len), "%zu:", n);
    crypto_hash_sha256_update(h, (const unsigned char *)len, (unsigned long long)k);
    crypto_hash_sha256_update(h, (const unsigned char *)s, n);
    crypto_hash_sha256_update(h, (const unsigned char *)",", 1);
}

void store_audit_hash(const struct audit_entry *en, char out[AUDIT_HASH_HEX])
{
    crypto_hash_sha256_state h;
    unsigned char digest[crypto_hash_sha256_BYTES];
    char seq[24], action[2] = {en->action, '\0'};

    snprintf(seq, sizeof(seq), "%lld", (long long)en->seq);
    crypto_hash_sha256_init(&h);
    put_field(&h, AUDIT_FORMAT_TAG);
    put_field(&h, seq);
    put_field(&h, en->id);
    put_field(&h, en->at);
    put_field(&h, en->event);
    put_field(&h, action);
    put_field(&h, en->outcome);
    put_field(&h, en->org_id);
    put_field(&h, en->actor_user_id);
    put_field(&h, en->actor_role);
    put_field(&h, en->on_behalf_user_id);
    put_field(&h, en->client_id);
    put_field(&h, en->record_type);
    put_field(&h, en->record_id);
    put_field(&h, en->access_basis);
    put_field(&h, en->client_ip);
    put_field(&h, en->trace_id);
    put_field(&h, en->prev_hash);
    crypto_hash_sha256_final(&h, digest);
    sodium_bin2hex(out, AUDIT_HASH_HEX, digest, sizeof(digest));
}

/* ---- append ---- */

static bool present(const char *s)
{
    return s && *s;
}

/* The fields SECURITY.md 2 requires; a missing one is a bug in the caller. */
static int check_entry(const struct audit_entry *en, struct pd_err *e)
{
    const char *missing = !present(en->event)          ? "event"
                          : !present(en->outcome)      ? "outcome"
                          : !present(en->record_type)  ? "record_type"
                          : !present(en->access_basis) ? "access_basis"
                          : !present(en->client_ip)    ? "client_ip"
                          : !present(en->trace_id)     ? "trace_id"
                                                       : NULL;
    if (missing) {
        log_error("audit entry %s without %s", en->event ? en->event : "(no event)", missing);
        return err_set(e, PD_EINTERNAL, NULL, "internal error");
    }
    if (!en->action || !strchr("CRUDE", en->action)) {
        log_error("audit entry %s with action %d", en->event, en->action);
        return err_set(e, PD_EINTERNAL, NULL, "internal error");
    }
    if (strcmp(en->outcome, "success") != 0 && strcmp(en->outcome, "denied") != 0 &&
        strcmp(en->outcome, "failure") != 0) {
        log_error("audit entry %s with an unknown outcome", en->event);
        return err_set(e, PD_EINTERNAL, NULL, "internal error");
    }
    return PD_OK;
}

static int read_head(struct db *db, int64_t *seq, char hash[AUDIT_HASH_HEX], bool *found,
                     struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db, "SELECT seq, hash FROM audit_head WHERE id = 1", e);
    if (!st)
        return e->code;
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    *found = rc == DB_ROW;
    if (*found) {
        size_t n;
        const char *h = db_col_textn(st, 1, &n);
        *seq = db_col_int64(st, 0);
        memset(hash, 0, AUDIT_HASH_HEX);
        memcpy(hash, h, n < AUDIT_HASH_HEX - 1 ? n : AUDIT_HASH_HEX - 1);
        db_reset(st);
    }
    return PD_OK;
}

int store_audit_check(const struct audit_entry *en, struct pd_err *e)
{
    return check_entry(en, e);
}

static int insert_entry(struct db *db, const struct audit_entry *en, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO audit_log (seq, id, at, event, action,"
                                    " outcome, org_id, actor_user_id, actor_role,"
                                    " on_behalf_user_id, client_id, record_type, record_id,"
                                    " access_basis, client_ip, trace_id, prev_hash, hash)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                                    " ?, ?)",
                                    e);
    if (!st)
        return e->code;
    db_bind_int64(st, 1, en->seq);
    db_bind_text(st, 2, en->id);
    db_bind_text(st, 3, en->at);
    db_bind_text(st, 4, en->event);
    db_bind_textn(st, 5, &en->action, 1);
    db_bind_text(st, 6, en->outcome);
    db_bind_text(st, 7, en->org_id);
    db_bind_text(st, 8, en->actor_user_id);
    db_bind_text(st, 9, en->actor_role);
    db_bind_text(st, 10, en->on_behalf_user_id);
    db_bind_text(st, 11, en->client_id);
    db_bind_text(st, 12, en->record_type);
    db_bind_text(st, 13, en->record_id);
    db_bind_text(st, 14, en->access_basis);
    db_bind_text(st, 15, en->client_ip);
    db_bind_text(st, 16, en->trace_id);
    db_bind_text(st, 17, en->prev_hash);
    db_bind_text(st, 18, en->hash);
    int rc = db_step(st, e);
    return rc < 0 ? rc : PD_OK;
}

int store_audit_append_many(struct db *db, struct audit_entry *const *en, size_t n,
                            struct pd_err *e)
{
    int64_t head_seq = 0;
    char prev[AUDIT_HASH_HEX];
    bool found;

    for (size_t i = 0; i < n; i++)
        if (check_entry(en[i], e) != PD_OK)
            return e->code;
    if (!db_in_txn(db)) {
        log_error("audit entries appended outside a transaction");
        return err_set(e, PD_EINTERNAL, NULL, "internal error");
    }
    if (n == 0)
        return PD_OK;
    if (read_head(db, &head_seq, prev, &found, e) != PD_OK)
        return e->code;
    if (!found) {
        log_error("audit_head is missing: the audit log has been tampered with");
        return err_set(e, PD_EDB, NULL, "the audit log is damaged");
    }
    /* One head read for the whole batch; the head still moves by one with each entry (the
     * triggers of migration 0002 admit nothing else), each prev_hash the hash before it. */
    for (size_t i = 0; i < n; i++) {
        struct audit_entry *x = en[i];
        memcpy(x->prev_hash, prev, AUDIT_HASH_HEX);
        x->seq = head_seq + 1 + (int64_t)i;
        uuid7_new(x->id);
        ptime_fmt_iso(ptime_now_ms(), x->at);
        store_audit_hash(x, x->hash);
        if (insert_entry(db, x, e) != PD_OK)
            return e->code;
        struct db_stmt *st =
            db_prepare(db, "UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", e);
        if (!st)
            return e->code;
        db_bind_int64(st, 1, x->seq);
        db_bind_text(st, 2, x->hash);
        int rc = db_step(st, e);
        if (rc < 0)
            return rc;
        if (db_changes(db) != 1)
            return err_set(e, PD_EDB, NULL, "the audit log is damaged");
        memcpy(prev, x->hash, AUDIT_HASH_HEX);
    }
    return PD_OK;
}

int store_audit_append(struct db *db, struct audit_entry *en, struct pd_err *e)
{
    return store_audit_append_many(db, &en, 1, e);
}

/* ---- reading ---- */

#define AUDIT_COLS                                                                                 \
    "seq, id, at, event, action, outcome, org_id, actor_user_id, actor_role,"                      \
    " on_behalf_user_id, client_id, record_type, record_id, access_basis, client_ip,"              \
    " trace_id, prev_hash, hash"

typedef int (*walk_fn)(const struct audit_entry *en, bool exact, void *ctx);

/* Copy a text column into a fixed array; false when it did not fit. */
static bool copy_fixed(char *out, size_t size, struct db_stmt *st, int col)
{
    size_t n;
    const char *p = db_col_textn(st, col, &n);
    bool fits = n < size && memchr(p, '\0', n) == NULL;
    memset(out, 0, size);
    memcpy(out, p, fits ? n : size - 1);
    return fits;
}

static const char *opt_text(struct db_stmt *st, int col)
{
    return db_col_is_null(st, col) ? NULL : db_col_text(st, col);
}

/* The row as an entry; strings point into the statement until the next step. `exact`
 * is false when a stored value cannot be represented (too long for its array, or an
 * action that is not one character), which only tampering produces. */
static bool read_entry(struct db_stmt *st, struct audit_entry *en)
{
    size_t n;
    bool exact = true;
    const char *action = db_col_textn(st, 4, &n);

    *en = (struct audit_entry){0};
    en->seq = db_col_int64(st, 0);
    exact &= copy_fixed(en->id, sizeof(en->id), st, 1);
    exact &= copy_fixed(en->at, sizeof(en->at), st, 2);
    en->event = db_col_text(st, 3);
    en->action = n ? action[0] : '\0';
    exact &= n == 1;
    en->outcome = db_col_text(st, 5);
    en->org_id = opt_text(st, 6);
    en->actor_user_id = opt_text(st, 7);
    en->actor_role = opt_text(st, 8);
    en->on_behalf_user_id = opt_text(st, 9);
    en->client_id = opt_text(st, 10);
    en->record_type = db_col_text(st, 11);
    en->record_id = opt_text(st, 12);
    en->access_basis = db_col_text(st, 13);
    en->client_ip = db_col_text(st, 14);
    en->trace_id = db_col_text(st, 15);
    exact &= copy_fixed(en->prev_hash, sizeof(en->prev_hash), st, 16);
    exact &= copy_fixed(en->hash, sizeof(en->hash), st, 17);
    return exact;
}

/* Entries with seq > after in order, at most limit (0 = all). A non-zero return of fn
 * stops the walk and is returned. fn must not prepare this same statement again. */
static int walk(struct db *db, int64_t after, int64_t limit, walk_fn fn, void *ctx,
                struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT " AUDIT_COLS " FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?", e);
    struct audit_entry en;
    int rc;

    if (!st)
        return e->code;
    db_bind_int64(st, 1, after);
    db_bind_int64(st, 2, limit > 0 ? limit : INT64_MAX);
    while ((rc = db_step(st, e)) == DB_ROW) {
        bool exact = read_entry(st, &en);
        int r = fn(&en, exact, ctx);
        if (r != 0) {
            db_reset(st);
            return r;
        }
    }
    return rc < 0 ? rc : PD_OK;
}

struct each_ctx {
    audit_each_fn fn;
    void *ctx;
};

static int each_one(const struct audit_entry *en, bool exact, void *ctx)
{
    struct each_ctx *c = ctx;
    (void)exact;
    return c->fn(en, c->ctx);
}

int store_audit_each(struct db *db, int64_t after, int64_t limit, audit_each_fn fn, void *ctx,
                     struct pd_err *e)
{
    struct each_ctx c = {fn, ctx};
    return walk(db, after, limit, each_one, &c, e);
}

int store_audit_count(struct db *db, int64_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db, "SELECT count(*) FROM audit_log", e);
    if (!st)
        return e->code;
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    *n = db_col_int64(st, 0);
    db_reset(st);
    return PD_OK;
}

/* ---- verification ---- */

struct verify_ctx {
    struct audit_verify_result *r;
    int64_t prev_seq;
    char prev_hash[AUDIT_HASH_HEX];
};

#define VERIFY_STOP 1 /* walk() return meaning "found the first bad entry" */

static int bad(struct audit_verify_result *r, int64_t seq, const char *id, const char *reason)
{
    r->bad_seq = seq;
    snprintf(r->bad_id, sizeof(r->bad_id), "%s", id ? id : "");
    snprintf(r->reason, sizeof(r->reason), "%s", reason);
    return VERIFY_STOP;
}

static int verify_one(const struct audit_entry *en, bool exact, void *ctx)
{
    struct verify_ctx *v = ctx;
    char want[AUDIT_HASH_HEX];

    v->r->checked++;
    store_audit_hash(en, want);
    if (!exact || strcmp(want, en->hash) != 0)
        return bad(v->r, en->seq, en->id, "entry changed: its hash does not match its contents");
    if (strcmp(en->prev_hash, v->prev_hash) != 0)
        return bad(v->r, en->seq, en->id,
                   "chain broken: an entry before it was deleted, inserted or reordered");
    if (en->seq != v->prev_seq + 1)
        return bad(v->r, en->seq, en->id, "sequence gap: the entry before it is missing");
    v->prev_seq = en->seq;
    memcpy(v->prev_hash, en->hash, sizeof(v->prev_hash));
    return 0;
}

int store_audit_verify(struct db *db, struct audit_verify_result *r, struct pd_err *e)
{
    struct verify_ctx v = {.r = r, .prev_seq = 0, .prev_hash = ZERO_HASH};
    int64_t head_seq = 0;
    char head_hash[AUDIT_HASH_HEX];
    bool found;

    *r = (struct audit_verify_result){0};
    int rc = walk(db, 0, 0, verify_one, &v, e);
    if (rc == VERIFY_STOP)
        return PD_OK;
    if (rc != PD_OK)
        return rc;

    if (read_head(db, &head_seq, head_hash, &found, e) != PD_OK)
        return e->code;
    if (found) {
        r->head_seq = head_seq;
        memcpy(r->head_hash, head_hash, sizeof(r->head_hash));
    }
    if (!found) {
        bad(r, v.prev_seq + 1, NULL,
            "audit head missing: cannot tell whether entries were deleted");
    } else if (head_seq > v.prev_seq) {
        bad(r, v.prev_seq + 1, NULL, "");
        snprintf(r->reason, sizeof(r->reason),
                 "newest entries deleted: the head records entry %lld, the log ends at %lld",
                 (long long)head_seq, (long long)v.prev_seq);
    } else if (head_seq < v.prev_seq) {
        bad(r, head_seq + 1, NULL, "");
        snprintf(r->reason, sizeof(r->reason),
                 "entries after the head (%lld) were added outside peerdesk", (long long)head_seq);
    } else if (strcmp(head_hash, v.prev_hash) != 0) {
        bad(r, head_seq, NULL, "newest entry replaced: the head records another hash");
    }
    return PD_OK;
}
