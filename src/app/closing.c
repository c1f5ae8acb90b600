/*
 * closing.c: closing a dossier with reason and outcome tags, and reopening it on
 * re-registration (practice.md §2.3 steps 13-14, §7.10, §7.16). Only the responsible
 * generalist does either. Closing ends every running assignment and bridging period
 * today; the history of closings and reopenings stays in dossier_closure for the
 * timeline, while the dossier row holds the current state.
 */
#include <string.h>

#include "app_int.h"
#include "timeline_int.h"
#include "vocab.h"

/* The dossier as it is now, for the answer (or for a stale write's "current"). */
static int current(struct app_req *r, const char *id, struct dossier_rec *out)
{
    if (!out)
        return PD_OK;
    return store_dossier_get(r->db, r->arena, r->actor->org_id, id, out, &r->err);
}

static int stale(struct app_req *r, const struct dossier_access *acc, const char *event,
                 struct dossier_rec *out)
{
    if (current(r, acc->dossier_id, out) != PD_OK)
        return app_fail(r);
    return tl_refuse(r, acc, event, 'U', "dossier", acc->dossier_id, "failure", PD_ESTALE,
                     "If-Match", "the dossier changed since you read it");
}

int app_dossier_close(struct app_req *r, const char *dossier_id, int64_t version,
                      const struct close_input *in, struct dossier_rec *out)
{
    struct dossier_access acc;
    if (!r->actor)
        return err_set(&r->err, PD_EUNAUTH, NULL, "not logged in");
    if (tl_check_text(r, in->note, "note", LIMIT_TIMELINE_TEXT, false) != PD_OK)
        return r->err.code;
    /* Closing because the client stopped responding is an explicit decision that leaves
     * a note for re-registration (practice.md §7.10). */
    if (in->reason && strcmp(in->reason, "no_response") == 0 && (!in->note || !*in->note))
        return err_set(&r->err, PD_EMISSING, "note",
                       "closing on no response needs a note for re-registration");
    if (tl_write_begin(r, dossier_id, NEED_DOSSIER_MANAGE, "dossier.close", &acc) != PD_OK)
        return r->err.code;
    if (acc.version != version)
        return stale(r, &acc, "dossier.close", out);
    if (vocab_check(r, "closure_reason", in->reason, "reason") != PD_OK ||
        tl_check_codes(r, "outcome_client", in->outcomes_client, in->noutcomes_client,
                       LIMIT_NOTE_CODES, "outcomes_client") != PD_OK ||
        tl_check_codes(r, "outcome_generalist", in->outcomes_generalist, in->noutcomes_generalist,
                       LIMIT_NOTE_CODES, "outcomes_generalist") != PD_OK)
        return app_fail(r);
    const char *today = tl_today(r);
    const char *now = app_now_iso(r);
    struct closure_rec c = {.action = "close",
                            .on_date = today,
                            .reason = in->reason,
                            .note = in->note,
                            .created_at = now};
    uuid7_new(c.id);
    memcpy(c.org_id, r->actor->org_id, UUID_STR_BYTES);
    memcpy(c.dossier_id, acc.dossier_id, UUID_STR_BYTES);
    memcpy(c.created_by, r->actor->user_id, UUID_STR_BYTES);
    if (store_dossier_close(r->db, acc.dossier_id, version, today, in->reason, in->note, now,
                            &r->err) != PD_OK ||
        store_dossier_end_work(r->db, acc.dossier_id, today, &r->err) != PD_OK ||
        store_outcomes_replace(r->db, c.org_id, acc.dossier_id, "outcome_client",
                               in->outcomes_client, in->noutcomes_client, &r->err) != PD_OK ||
        store_outcomes_replace(r->db, c.org_id, acc.dossier_id, "outcome_generalist",
                               in->outcomes_generalist, in->noutcomes_generalist,
                               &r->err) != PD_OK ||
        store_closure_insert(r->db, &c, &r->err) != PD_OK ||
        current(r, acc.dossier_id, out) != PD_OK ||
        audit_client(r, &acc, "dossier.close", 'U', "dossier", acc.dossier_id) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_dossier_reopen(struct app_req *r, const char *dossier_id, int64_t version, const char *note,
                       struct dossier_rec *out)
{
    struct dossier_access acc;
    if (!r->actor)
        return err_set(&r->err, PD_EUNAUTH, NULL, "not logged in");
    if (app_need_db(r) != PD_OK)
        return r->err.code;
    if (tl_check_text(r, note, "reason", LIMIT_TIMELINE_TEXT, false) != PD_OK)
        return r->err.code;
    /* Reopening is the one write a closed dossier takes: no closed check here. */
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK)
        return r->err.code;
    if (app_access_dossier(r, dossier_id, NEED_DOSSIER_MANAGE, "dossier.reopen", &acc) != PD_OK)
        return app_fail(r);
    if (!acc.closed)
        return tl_refuse(r, &acc, "dossier.reopen", 'U', "dossier", acc.dossier_id, "failure",
                         PD_ECONFLICT, NULL, "the dossier is open");
    if (acc.version != version)
        return stale(r, &acc, "dossier.reopen", out);
    const char *now = app_now_iso(r);
    struct closure_rec c = {
        .action = "reopen", .on_date = tl_today(r), .note = note, .created_at = now};
    uuid7_new(c.id);
    memcpy(c.org_id, r->actor->org_id, UUID_STR_BYTES);
    memcpy(c.dossier_id, acc.dossier_id, UUID_STR_BYTES);
    memcpy(c.created_by, r->actor->user_id, UUID_STR_BYTES);
    if (store_dossier_reopen(r->db, acc.dossier_id, version, now, &r->err) != PD_OK ||
        store_closure_insert(r->db, &c, &r->err) != PD_OK ||
        current(r, acc.dossier_id, out) != PD_OK ||
        audit_client(r, &acc, "dossier.reopen", 'U', "dossier", acc.dossier_id) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}
