-- 0013_client_rights: the register of a client's rights requests (AVG art. 15-21) with
-- their legal deadline (art. 12(3)), and the retention period per record category
-- (SECURITY.md 11-12). docs/client-rights.md describes both; app/rights.c, erasure.c and
-- retention.c use them.

-- One row per request a client made (access, erasure, rectification, restriction,
-- objection, portability). due_on is received_on plus one month; an extension (once,
-- with its reason, within the first month) moves the deadline to at most received_on plus
-- three months. When the client is erased the row stays as proof that the request was
-- honoured, without the client: client_id and the free text are cleared and erased_at is
-- set; `reference` (AVG-YYYY-NNNN, per organisation) is what remains to refer to it.
CREATE TABLE client_right_request (
    id               TEXT NOT NULL PRIMARY KEY,
    org_id           TEXT NOT NULL REFERENCES org (id),
    reference        TEXT NOT NULL,
    client_id        TEXT REFERENCES client (id),
    kind             TEXT NOT NULL CHECK (kind IN ('access', 'erasure', 'rectification',
                                                   'restriction', 'objection', 'portability')),
    received_on      TEXT NOT NULL,
    due_on           TEXT NOT NULL,
    extended_due_on  TEXT,
    extension_reason TEXT,
    status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'refused')),
    done_on          TEXT,
    note             TEXT,
    erased_at        TEXT,
    created_by       TEXT NOT NULL REFERENCES worker (id),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1,
    UNIQUE (org_id, reference),
    CHECK ((status = 'open') = (done_on IS NULL)),
    CHECK ((extended_due_on IS NULL) = (extension_reason IS NULL)),
    CHECK (client_id IS NOT NULL OR erased_at IS NOT NULL)
) STRICT;
CREATE INDEX client_right_request_client ON client_right_request (client_id);
CREATE INDEX client_right_request_org ON client_right_request (org_id, status, due_on);

-- Retention per record category, set by the privacy officer. A category without a row
-- here has the default of app/retention.c; the minimum there is enforced on every change.
CREATE TABLE retention_rule (
    org_id     TEXT NOT NULL REFERENCES org (id),
    category   TEXT NOT NULL CHECK (category IN ('dossier', 'rights_request', 'audit_log')),
    years      INTEGER NOT NULL CHECK (years BETWEEN 1 AND 100),
    updated_by TEXT NOT NULL REFERENCES worker (id),
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, category)
) STRICT, WITHOUT ROWID;
