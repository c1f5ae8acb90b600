/*
 * cmd_audit.c: `peerdesk audit verify|list`: the privacy officer's tools at the console.
 */
#include <inttypes.h>
#include <stdio.h>

#include "../lib/json.h"
#include "cli.h"

int cmd_audit_verify(int argc, char **argv)
{
    struct cli_req c;
    struct audit_verify_result res = {0};

    if (cli_parse(argc, argv, "audit verify", NULL) != 0 || cli_req_begin(&c, "audit verify"))
        return 2;
    if (app_audit_verify(&c.r, &res) != PD_OK) {
        cli_error("audit verify", &c.r.err);
        cli_req_end(&c);
        return 2;
    }
    cli_req_end(&c);
    if (res.bad_seq == 0) {
        printf("audit chain holds: %" PRId64 " entries checked\n", res.checked);
        if (res.head_seq > 0)
            printf("head: seq %" PRId64 " hash %s (keep this line outside the server to detect "
                   "a rewrite of the whole log)\n",
                   res.head_seq, res.head_hash);
        return 0;
    }
    printf("audit chain broken at entry seq %" PRId64 " (id %s): %s\n", res.bad_seq,
           *res.bad_id ? res.bad_id : "-", res.reason);
    return 1;
}

struct list_ctx {
    bool json;
};

static json_t *opt(const char *s)
{
    return pdjson_str_or_null(s);
}

static int print_entry(const struct audit_entry *en, void *vctx)
{
    struct list_ctx *ctx = vctx;
    if (!ctx->json) {
        printf("%" PRId64 "\t%s\t%s\t%c\t%s\t%s\t%s\t%s\t%s\n", en->seq, en->at, en->event,
               en->action, en->outcome, en->actor_user_id ? en->actor_user_id : "-",
               en->actor_role ? en->actor_role : "-", en->record_type,
               en->client_id ? en->client_id : "-");
        return PD_OK;
    }
    char action[2] = {en->action, 0};
    json_t *o = pdjson_pack(
        "{s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:s, s:o, s:s, s:s, s:s, s:o, "
        "s:s, s:s}",
        "seq", (json_int_t)en->seq, "id", en->id, "at", en->at, "event", en->event, "action",
        action, "outcome", en->outcome, "org_id", opt(en->org_id), "actor_user_id",
        opt(en->actor_user_id), "actor_role", opt(en->actor_role), "on_behalf_user_id",
        opt(en->on_behalf_user_id), "client_id", opt(en->client_id), "record_type", en->record_type,
        "record_id", opt(en->record_id), "access_basis", en->access_basis, "client_ip",
        en->client_ip, "trace_id", en->trace_id, "prev_hash", opt(en->prev_hash), "hash", en->hash,
        "schema", "peerdesk.audit.v1");
    char *s = pdjson_dump(o, NULL);
    puts(s);
    free(s);
    json_decref(o);
    return PD_OK;
}

int cmd_audit_list(int argc, char **argv)
{
    static const char *const extra[] = {"after=", "limit=", "json", NULL};
    struct cli_req c;
    struct list_ctx ctx;

    if (cli_parse(argc, argv, "audit list", extra) != 0 || cli_req_begin(&c, "audit list"))
        return 1;
    ctx.json = cli_get_bool("json");
    int64_t after = 0, limit = 0;
    if (cli_get_int_checked("after", 0, INT64_MAX, &after) != 0 ||
        cli_get_int_checked("limit", 0, INT64_MAX, &limit) != 0) {
        cli_req_end(&c);
        return 1;
    }
    int rc = app_audit_list(&c.r, after, limit, print_entry, &ctx) == PD_OK
                 ? 0
                 : cli_error("audit list", &c.r.err);
    cli_req_end(&c);
    return rc;
}
