/*
 * sql_dialect.c: SQLite's dialect to PostgreSQL's (what and why: sql_dialect.h).
 *
 * The input is split into tokens (blanks, comments, string literals, quoted names, words,
 * numbers, placeholders, single punctuation), then walked statement by statement. Most
 * statements are copied token by token with the word-level rewrites; CREATE TABLE, CREATE
 * TRIGGER, CREATE VIRTUAL TABLE and PRAGMA get their own translation. Blanks and comments
 * are copied, so the translated text stays readable in the server's log.
 */
#include "sql_dialect.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "../lib/buf.h"
#include "../lib/log.h"
#include "../lib/mem.h"

#define OUT_MAX (16u << 20)

enum tk { T_WS, T_COMMENT, T_STR, T_QID, T_WORD, T_NUM, T_PARAM, T_PUNCT };

struct tok {
    enum tk k;
    const char *p;
    size_t n;
};

struct ctx {
    struct tok *t;
    size_t n, cap;
    struct buf out;
    struct buf deferred; /* ALTER TABLE ... ADD FOREIGN KEY, appended at the end */
    bool *alias_after;   /* per token: a subquery ends here and needs an alias */
    int aliases;
    int maxparam;
    bool failed;
    const char *why;
};

/* ---- tokens ---- */

static void push(struct ctx *c, enum tk k, const char *p, size_t n)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 256;
        c->t = xrealloc(c->t, c->cap * sizeof(*c->t));
    }
    c->t[c->n++] = (struct tok){k, p, n};
}

static bool word_char(char ch)
{
    return isalnum((unsigned char)ch) || ch == '_';
}

static bool tokenize(struct ctx *c, const char *s)
{
    const char *p = s;
    while (*p) {
        const char *q = p;
        if (isspace((unsigned char)*p)) {
            while (isspace((unsigned char)*q))
                q++;
            push(c, T_WS, p, (size_t)(q - p));
        } else if (p[0] == '-' && p[1] == '-') {
            while (*q && *q != '\n')
                q++;
            push(c, T_COMMENT, p, (size_t)(q - p));
        } else if (p[0] == '/' && p[1] == '*') {
            const char *end = strstr(p + 2, "*/");
            if (!end) {
                c->why = "unterminated comment";
                return false;
            }
            q = end + 2;
            push(c, T_COMMENT, p, (size_t)(q - p));
        } else if (*p == '\'' || *p == '"') {
            char quote = *p;
            q = p + 1;
            for (;;) {
                if (!*q) {
                    c->why = "unterminated literal";
                    return false;
                }
                if (*q == quote) {
                    if (q[1] == quote) {
                        q += 2;
                        continue;
                    }
                    q++;
                    break;
                }
                q++;
            }
            push(c, quote == '\'' ? T_STR : T_QID, p, (size_t)(q - p));
        } else if (isalpha((unsigned char)*p) || *p == '_') {
            while (word_char(*q))
                q++;
            push(c, T_WORD, p, (size_t)(q - p));
        } else if (isdigit((unsigned char)*p)) {
            while (word_char(*q) || *q == '.')
                q++;
            push(c, T_NUM, p, (size_t)(q - p));
        } else if (*p == '?') {
            q = p + 1;
            while (isdigit((unsigned char)*q))
                q++;
            push(c, T_PARAM, p, (size_t)(q - p));
        } else {
            push(c, T_PUNCT, p, 1);
            q = p + 1;
        }
        p = q;
    }
    return true;
}

static bool is_word(const struct ctx *c, size_t i, const char *w)
{
    return i < c->n && c->t[i].k == T_WORD && strlen(w) == c->t[i].n &&
           strncasecmp(c->t[i].p, w, c->t[i].n) == 0;
}

static bool is_punct(const struct ctx *c, size_t i, char ch)
{
    return i < c->n && c->t[i].k == T_PUNCT && c->t[i].p[0] == ch;
}

/* The next token at or after i that is not a blank or a comment (or end). */
static size_t sig(const struct ctx *c, size_t i, size_t end)
{
    while (i < end && (c->t[i].k == T_WS || c->t[i].k == T_COMMENT))
        i++;
    return i;
}

/* The token after the ')' matching the '(' at i (or end). */
static size_t after_group(const struct ctx *c, size_t i, size_t end)
{
    int depth = 0;
    for (; i < end; i++) {
        if (is_punct(c, i, '('))
            depth++;
        else if (is_punct(c, i, ')') && --depth == 0)
            return i + 1;
    }
    return end;
}

static void fail(struct ctx *c, const char *why)
{
    if (!c->failed)
        c->why = why;
    c->failed = true;
}

/* ---- output ---- */

static void put(struct buf *b, const char *p, size_t n)
{
    if (buf_append(b, p, n) != PD_OK)
        fatal("sql_dialect: translated SQL over %u bytes", OUT_MAX);
}

static void puts_(struct buf *b, const char *s)
{
    put(b, s, strlen(s));
}

static void put_tok(struct buf *b, const struct tok *t)
{
    put(b, t->p, t->n);
}

static bool word_in(const struct ctx *c, size_t i, const char *const *words)
{
    for (; *words; words++)
        if (is_word(c, i, *words))
            return true;
    return false;
}

static const char *const IS_OPERANDS[] = {"NULL", "TRUE", "FALSE", "DISTINCT", "UNKNOWN", NULL};

/* Words that may follow a subquery in FROM when it has no alias. */
static const char *const AFTER_FROM[] = {
    "WHERE", "GROUP", "ORDER", "LIMIT", "OFFSET", "UNION",  "EXCEPT",  "INTERSECT", "JOIN",  "LEFT",
    "INNER", "CROSS", "ON",    "USING", "HAVING", "WINDOW", "NATURAL", "FULL",      "RIGHT", NULL};

/* `FROM (SELECT ...)` or `JOIN (SELECT ...)` at the '(' at i without an alias after it:
 * SQLite allows that, PostgreSQL 15 does not; mark its ')' for an alias. */
static void mark_subquery_alias(struct ctx *c, size_t a, size_t i, size_t b)
{
    size_t prev = i;
    while (prev > a && (c->t[prev - 1].k == T_WS || c->t[prev - 1].k == T_COMMENT))
        prev--;
    if (prev == a || !(is_word(c, prev - 1, "FROM") || is_word(c, prev - 1, "JOIN")))
        return;
    size_t first = sig(c, i + 1, b);
    if (!is_word(c, first, "SELECT") && !is_word(c, first, "VALUES") && !is_word(c, first, "WITH"))
        return;
    size_t g = after_group(c, i, b);
    if (g > b || g == i || !is_punct(c, g - 1, ')'))
        return;
    size_t next = sig(c, g, b);
    if (next < b && c->t[next].k != T_PUNCT && !word_in(c, next, AFTER_FROM))
        return; /* AS x, or a bare alias */
    if (!c->alias_after)
        c->alias_after = xcalloc(c->n, sizeof(*c->alias_after));
    c->alias_after[g - 1] = true;
}

/* The number of placeholder t: ?N is N, a bare ? one more than the highest so far. */
static int param_number(struct ctx *c, const struct tok *t)
{
    int n;
    if (t->n == 1) {
        n = ++c->maxparam;
    } else {
        char num[16];
        size_t len = t->n - 1 < sizeof(num) - 1 ? t->n - 1 : sizeof(num) - 1;
        memcpy(num, t->p + 1, len);
        num[len] = '\0';
        n = (int)strtol(num, NULL, 10);
        if (n < 1 || n > 32766) {
            fail(c, "placeholder number out of range");
            n = 1;
        }
        if (n > c->maxparam)
            c->maxparam = n;
    }
    return n;
}

static void put_param(struct ctx *c, struct buf *out, int n)
{
    (void)c;
    char num[16];
    int len = snprintf(num, sizeof(num), "$%d", n);
    put(out, num, (size_t)len);
}

/* Copy tokens [a, b) to out with the word-level rewrites. */
static void emit(struct ctx *c, struct buf *out, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        const struct tok *t = &c->t[i];
        if (t->k == T_PARAM) {
            put_param(c, out, param_number(c, t));
        } else if (is_word(c, i, "LIMIT") && sig(c, i + 1, b) < b &&
                   c->t[sig(c, i + 1, b)].k == T_PARAM) {
            /* SQLite reads a negative LIMIT as "no limit"; PostgreSQL refuses it, and reads
             * NULL as "no limit" */
            size_t p = sig(c, i + 1, b);
            int n = param_number(c, &c->t[p]);
            puts_(out, "LIMIT CASE WHEN ");
            put_param(c, out, n);
            puts_(out, " >= 0 THEN ");
            put_param(c, out, n);
            puts_(out, " END");
            i = p;
        } else if (is_word(c, i, "INTEGER")) {
            puts_(out, "BIGINT");
        } else if (is_word(c, i, "BLOB")) {
            puts_(out, "BYTEA");
        } else if (is_word(c, i, "REAL")) {
            puts_(out, "DOUBLE PRECISION");
        } else if (is_word(c, i, "IS")) {
            size_t j = sig(c, i + 1, b);
            if (is_word(c, j, "NOT")) {
                size_t k = sig(c, j + 1, b);
                if (k < b && !word_in(c, k, IS_OPERANDS)) {
                    puts_(out, "IS DISTINCT FROM");
                    i = j; /* the blank after NOT is copied next */
                    continue;
                }
            } else if (j < b && !word_in(c, j, IS_OPERANDS)) {
                puts_(out, "IS NOT DISTINCT FROM");
                continue;
            }
            put_tok(out, t);
        } else {
            if (is_punct(c, i, '('))
                mark_subquery_alias(c, a, i, b);
            put_tok(out, t);
            if (c->alias_after && c->alias_after[i]) {
                char alias[24];
                int len = snprintf(alias, sizeof(alias), " AS pd_sub%d", ++c->aliases);
                put(out, alias, (size_t)len);
            }
        }
    }
}

/* ---- CREATE TABLE ---- */

static const char *const REF_ACTIONS[] = {"CASCADE", "RESTRICT", NULL};

/* The end of the REFERENCES clause starting at r (the word REFERENCES). */
static size_t ref_clause_end(struct ctx *c, size_t r, size_t end)
{
    size_t i = sig(c, r + 1, end); /* the referenced table */
    if (i >= end || (c->t[i].k != T_WORD && c->t[i].k != T_QID)) {
        fail(c, "REFERENCES without a table");
        return end;
    }
    size_t last = i + 1;
    i = sig(c, last, end);
    if (is_punct(c, i, '(')) {
        last = after_group(c, i, end);
        i = sig(c, last, end);
    }
    for (;;) {
        if (is_word(c, i, "ON") && (is_word(c, sig(c, i + 1, end), "DELETE") ||
                                    is_word(c, sig(c, i + 1, end), "UPDATE"))) {
            size_t a = sig(c, sig(c, i + 1, end) + 1, end);
            if (word_in(c, a, REF_ACTIONS)) {
                last = a + 1;
            } else if (is_word(c, a, "SET") || is_word(c, a, "NO")) {
                last = sig(c, a + 1, end) + 1; /* SET NULL, SET DEFAULT, NO ACTION */
            } else {
                fail(c, "unknown foreign key action");
                return end;
            }
            i = sig(c, last, end);
        } else if (is_word(c, i, "DEFERRABLE") || is_word(c, i, "INITIALLY") ||
                   is_word(c, i, "DEFERRED") || is_word(c, i, "IMMEDIATE")) {
            last = i + 1;
            i = sig(c, last, end);
        } else {
            return last;
        }
    }
}

static const char *const TABLE_CONSTRAINTS[] = {"CONSTRAINT", "PRIMARY", "UNIQUE",
                                                "CHECK",      "FOREIGN", NULL};

/* One column definition or table constraint [a, b) of table `name`. */
static void table_element(struct ctx *c, const struct tok *name, size_t a, size_t b)
{
    size_t col = sig(c, a, b);
    if (col >= b || word_in(c, col, TABLE_CONSTRAINTS)) {
        emit(c, &c->out, a, b);
        return;
    }
    int depth = 0;
    for (size_t r = col; r < b; r++) {
        if (is_punct(c, r, '('))
            depth++;
        else if (is_punct(c, r, ')'))
            depth--;
        else if (depth == 0 && is_word(c, r, "REFERENCES")) {
            size_t e = ref_clause_end(c, r, b);
            size_t keep = r; /* drop the blank before REFERENCES too */
            while (keep > col && c->t[keep - 1].k == T_WS)
                keep--;
            emit(c, &c->out, a, keep);
            emit(c, &c->out, e, b);
            puts_(&c->deferred, "ALTER TABLE ");
            put_tok(&c->deferred, name);
            puts_(&c->deferred, " ADD FOREIGN KEY (");
            put_tok(&c->deferred, &c->t[col]);
            puts_(&c->deferred, ") ");
            emit(c, &c->deferred, r, e);
            puts_(&c->deferred, ";\n");
            return;
        }
    }
    emit(c, &c->out, a, b);
}

static void create_table(struct ctx *c, size_t s, size_t end)
{
    size_t i = sig(c, sig(c, s + 1, end) + 1, end); /* after CREATE TABLE */
    if (is_word(c, i, "IF"))                        /* IF NOT EXISTS */
        i = sig(c, sig(c, sig(c, i + 1, end) + 1, end) + 1, end);
    size_t name = i;
    size_t lp = sig(c, name + 1, end);
    if (name >= end || !is_punct(c, lp, '(')) {
        emit(c, &c->out, s, end); /* CREATE TABLE ... AS SELECT */
        return;
    }
    size_t rp = after_group(c, lp, end) - 1;
    emit(c, &c->out, s, lp + 1);
    size_t a = lp + 1;
    int depth = 0;
    for (size_t j = lp + 1; j <= rp; j++) {
        if (is_punct(c, j, '('))
            depth++;
        else if (is_punct(c, j, ')') && j < rp)
            depth--;
        else if (j == rp || (depth == 0 && is_punct(c, j, ','))) {
            table_element(c, &c->t[name], a, j);
            put_tok(&c->out, &c->t[j]);
            a = j + 1;
        }
    }
    /* table options: STRICT, WITHOUT ROWID (SQLite only) */
    for (size_t j = sig(c, rp + 1, end); j < end; j = sig(c, j + 1, end)) {
        if (!is_word(c, j, "STRICT") && !is_word(c, j, "WITHOUT") && !is_word(c, j, "ROWID") &&
            !is_punct(c, j, ','))
            fail(c, "unknown table option");
    }
}

/* ---- CREATE TRIGGER ---- */

static void put_name_suffixed(struct buf *b, const struct tok *name, const char *suffix)
{
    put_tok(b, name);
    puts_(b, suffix);
}

/* What a trigger's body (between BEGIN and END) does. */
enum trigger_kind { BODY_RAISE, BODY_UPDATE };

/* BEGIN at b; sets *semi to the body's ';' (and *msg to the message of a RAISE) and
 * returns its kind, or -1. The body is SELECT RAISE(ABORT, 'msg') or one UPDATE
 * statement: END must follow the first ';'. */
static int trigger_body(struct ctx *c, size_t b, size_t end, size_t *semi, size_t *msg)
{
    size_t first = sig(c, b + 1, end);
    int depth = 0;
    size_t i;
    if (!is_word(c, b, "BEGIN"))
        return -1;
    for (i = first; i < end; i++) {
        if (is_punct(c, i, '('))
            depth++;
        else if (is_punct(c, i, ')'))
            depth--;
        else if (depth == 0 && is_punct(c, i, ';'))
            break;
        else if (c->t[i].k == T_PARAM)
            return -1; /* a trigger has nothing to bind */
    }
    if (i >= end || !is_word(c, sig(c, i + 1, end), "END") ||
        sig(c, sig(c, i + 1, end) + 1, end) != end)
        return -1;
    *semi = i;
    if (is_word(c, first, "UPDATE"))
        return BODY_UPDATE;
    /* SELECT RAISE ( ABORT , 'msg' ) ; */
    size_t r[8];
    r[0] = first;
    for (int k = 1; k < 8; k++)
        r[k] = sig(c, r[k - 1] + 1, end);
    if (is_word(c, r[0], "SELECT") && is_word(c, r[1], "RAISE") && is_punct(c, r[2], '(') &&
        is_word(c, r[3], "ABORT") && is_punct(c, r[4], ',') && r[5] < end &&
        c->t[r[5]].k == T_STR && is_punct(c, r[6], ')') && r[7] == i) {
        *msg = r[5];
        return BODY_RAISE;
    }
    return -1;
}

/* CREATE TRIGGER name timing event ON table [FOR EACH ROW] [WHEN expr]
 * BEGIN body; END, where event is INSERT, UPDATE [OF col, ...] or DELETE and body is
 * SELECT RAISE(ABORT, 'msg') or one UPDATE statement (NEW. and OLD. mean the same in
 * PL/pgSQL). */
static void create_trigger(struct ctx *c, size_t s, size_t end)
{
    size_t i = sig(c, sig(c, s + 1, end) + 1, end);
    size_t name = i;
    size_t timing = sig(c, name + 1, end);
    size_t event = sig(c, timing + 1, end);
    size_t on = sig(c, event + 1, end);
    if (is_word(c, event, "UPDATE") && is_word(c, on, "OF")) { /* UPDATE OF a, b */
        on = sig(c, on + 1, end);
        while (on < end && c->t[on].k == T_WORD && !is_word(c, on, "ON") &&
               is_punct(c, sig(c, on + 1, end), ','))
            on = sig(c, sig(c, on + 1, end) + 1, end);
        if (on >= end || c->t[on].k != T_WORD || is_word(c, on, "ON")) {
            fail(c, "unsupported trigger");
            return;
        }
        on = sig(c, on + 1, end);
    }
    size_t table = sig(c, on + 1, end);
    if (!(is_word(c, timing, "BEFORE") || is_word(c, timing, "AFTER")) ||
        !(is_word(c, event, "INSERT") || is_word(c, event, "UPDATE") ||
          is_word(c, event, "DELETE")) ||
        !is_word(c, on, "ON") || table >= end || c->t[name].k != T_WORD) {
        fail(c, "unsupported trigger");
        return;
    }
    i = sig(c, table + 1, end);
    if (is_word(c, i, "FOR")) /* FOR EACH ROW */
        i = sig(c, sig(c, sig(c, i + 1, end) + 1, end) + 1, end);
    size_t when = end, when_end = end;
    if (is_word(c, i, "WHEN")) {
        when = i + 1;
        while (i < end && !is_word(c, i, "BEGIN"))
            i++;
        when_end = i;
    }
    size_t semi = end, msg = end;
    int body = trigger_body(c, i, end, &semi, &msg);
    if (body < 0) {
        fail(c, "unsupported trigger body (only SELECT RAISE(ABORT, '...') or one UPDATE)");
        return;
    }
    size_t first = sig(c, i + 1, end);
    bool del = is_word(c, event, "DELETE");

    struct buf *o = &c->out;
    puts_(o, "CREATE FUNCTION ");
    put_name_suffixed(o, &c->t[name], "_fn");
    puts_(o, "() RETURNS trigger LANGUAGE plpgsql AS $pd$\nBEGIN\n    ");
    if (when < end) {
        puts_(o, "IF ");
        emit(c, o, sig(c, when, when_end), when_end);
        puts_(o, "THEN\n        ");
    }
    if (body == BODY_RAISE) {
        puts_(o, "RAISE EXCEPTION USING MESSAGE = ");
        put_tok(o, &c->t[msg]);
    } else {
        emit(c, o, first, semi);
    }
    puts_(o, ";\n    ");
    if (when < end)
        puts_(o, "END IF;\n    ");
    puts_(o, del ? "RETURN OLD;\nEND\n$pd$;\n" : "RETURN NEW;\nEND\n$pd$;\n");
    puts_(o, "CREATE TRIGGER ");
    put_tok(o, &c->t[name]);
    puts_(o, " ");
    put_tok(o, &c->t[timing]);
    puts_(o, " ");
    size_t event_end = on; /* the event, with its OF list, without the blank before ON */
    while (event_end > event && c->t[event_end - 1].k == T_WS)
        event_end--;
    emit(c, o, event, event_end);
    puts_(o, " ON ");
    put_tok(o, &c->t[table]);
    puts_(o, " FOR EACH ROW EXECUTE FUNCTION ");
    put_name_suffixed(o, &c->t[name], "_fn");
    puts_(o, "()");
    /* TRUNCATE fires no row triggers: a table that refuses every DELETE refuses it too */
    if (body == BODY_RAISE && del && when == end && is_word(c, timing, "BEFORE")) {
        puts_(o, ";\nCREATE TRIGGER ");
        put_name_suffixed(o, &c->t[name], "_truncate");
        puts_(o, " BEFORE TRUNCATE ON ");
        put_tok(o, &c->t[table]);
        puts_(o, " FOR EACH STATEMENT EXECUTE FUNCTION ");
        put_name_suffixed(o, &c->t[name], "_fn");
        puts_(o, "()");
    }
}

/* ---- CREATE VIRTUAL TABLE ... USING fts5 ---- */

static void create_fts(struct ctx *c, size_t s, size_t end)
{
    size_t name = sig(c, sig(c, sig(c, s + 1, end) + 1, end) + 1, end);
    size_t using = sig(c, name + 1, end);
    size_t mod = sig(c, using + 1, end);
    size_t lp = sig(c, mod + 1, end);
    if (!is_word(c, using, "USING") || !is_word(c, mod, "fts5") || !is_punct(c, lp, '(')) {
        fail(c, "unsupported virtual table");
        return;
    }
    size_t rp = after_group(c, lp, end) - 1;
    size_t column = end, content = end;
    size_t a = lp + 1;
    for (size_t j = lp + 1; j <= rp; j++) {
        if (j < rp && !is_punct(c, j, ','))
            continue;
        size_t k = sig(c, a, j), eq = sig(c, k + 1, j);
        if (is_punct(c, eq, '=')) {
            if (is_word(c, k, "content"))
                content = sig(c, eq + 1, j);
        } else if (k < j) {
            if (column != end)
                fail(c, "fts5 table with more than one column");
            column = k;
        }
        a = j + 1;
    }
    if (column == end || content == end || c->t[content].k != T_STR || c->t[content].n < 3) {
        fail(c, "fts5 table needs one column and content = 'table'");
        return;
    }
    const struct tok *ct = &c->t[content];
    for (size_t k = 1; k + 1 < ct->n; k++)
        if (!word_char(ct->p[k])) {
            fail(c, "fts5 content is not a plain table name");
            return;
        }
    puts_(&c->out, "CREATE INDEX ");
    put_tok(&c->out, &c->t[name]);
    puts_(&c->out, " ON ");
    put(&c->out, ct->p + 1, ct->n - 2);
    puts_(&c->out, " USING GIN (to_tsvector('" SQL_PG_FTS_CONFIG "', ");
    put_tok(&c->out, &c->t[column]);
    puts_(&c->out, "))");
}

/* ---- statements ---- */

/* The end of the statement starting at s: its ';' (or the end of input). A trigger's
 * body holds ';' of its own: its statement ends at the ';' after the END that follows a
 * ';' (an END right after another word closes a CASE inside the body). */
static size_t stmt_end(const struct ctx *c, size_t s)
{
    bool trigger = is_word(c, s, "CREATE") && is_word(c, sig(c, s + 1, c->n), "TRIGGER");
    bool after_end = false, after_semi = false;
    int depth = 0;
    for (size_t i = s; i < c->n; i++) {
        if (c->t[i].k == T_WS || c->t[i].k == T_COMMENT)
            continue;
        if (is_punct(c, i, '('))
            depth++;
        else if (is_punct(c, i, ')'))
            depth--;
        else if (trigger && after_semi && is_word(c, i, "END"))
            after_end = true;
        else if (depth == 0 && is_punct(c, i, ';') && (!trigger || after_end))
            return i;
        after_semi = depth == 0 && is_punct(c, i, ';');
    }
    return c->n;
}

static void statement(struct ctx *c, size_t s, size_t end)
{
    size_t second = sig(c, s + 1, end);
    if (is_word(c, s, "CREATE") && is_word(c, second, "TABLE"))
        create_table(c, s, end);
    else if (is_word(c, s, "CREATE") && is_word(c, second, "TRIGGER"))
        create_trigger(c, s, end);
    else if (is_word(c, s, "CREATE") && is_word(c, second, "VIRTUAL"))
        create_fts(c, s, end);
    else
        emit(c, &c->out, s, end);
}

char *sql_dialect_pg(const char *sql, int *nparams, struct pd_err *e)
{
    struct ctx c = {0};
    char *res = NULL;

    buf_init(&c.out, OUT_MAX);
    buf_init(&c.deferred, OUT_MAX);
    if (!tokenize(&c, sql)) {
        c.failed = true;
        goto done;
    }
    for (size_t i = 0; i < c.n && !c.failed;) {
        size_t s = sig(&c, i, c.n);
        emit(&c, &c.out, i, s); /* blanks and comments before it */
        if (s >= c.n)
            break;
        size_t end = stmt_end(&c, s);
        if (is_word(&c, s, "PRAGMA")) {
            i = end < c.n ? end + 1 : end; /* PostgreSQL has no PRAGMA: dropped */
            continue;
        }
        statement(&c, s, end);
        if (end < c.n)
            put_tok(&c.out, &c.t[end]);
        i = end < c.n ? end + 1 : end;
    }
    if (!c.failed && c.deferred.len) {
        puts_(&c.out, "\n");
        put(&c.out, c.deferred.p, c.deferred.len);
    }
done:
    if (c.failed) {
        log_error("sql_dialect: cannot translate to PostgreSQL (%s): %.200s", c.why ? c.why : "?",
                  sql);
        err_set(e, PD_EINTERNAL, NULL, "internal error");
    } else {
        res = c.out.p ? buf_detach(&c.out, NULL) : xstrdup("");
        *nparams = c.maxparam;
    }
    buf_release(&c.out);
    buf_release(&c.deferred);
    free(c.t);
    free(c.alias_after);
    return res;
}
