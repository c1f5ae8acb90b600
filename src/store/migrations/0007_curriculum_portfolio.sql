-- 0007_curriculum_portfolio: curriculum reference data (institution additions) and the portfolio.
--
-- The seeded curriculum lives in the binary (data/curriculum, src/domain/curriculum.h) and
-- is never copied here: these tables hold only what an institution adds or replaces, so a
-- new edition of the seed reaches every organisation without a data migration.

-- An institution's own unit, shown after the seeded ones in `sort` order.
CREATE TABLE curriculum_local_unit (
    id         TEXT NOT NULL PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES org (id),
    code       TEXT NOT NULL,
    title_nl   TEXT NOT NULL,
    title_en   TEXT NOT NULL,
    goals_nl   TEXT NOT NULL DEFAULT '',
    goals_en   TEXT NOT NULL DEFAULT '',
    sort       INTEGER NOT NULL,
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_by TEXT NOT NULL REFERENCES worker (id),
    created_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    UNIQUE (org_id, code)
) STRICT;

-- An institution's own assignment in a seeded or local unit. `replaces` names the seeded
-- assignment it stands in for (same unit); while it is active that one counts no more for
-- progress, but stays visible, marked as replaced. One active replacement per seeded code.
CREATE TABLE curriculum_local_assignment (
    id           TEXT NOT NULL PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES org (id),
    code         TEXT NOT NULL,
    unit_code    TEXT NOT NULL,
    replaces     TEXT,
    label        TEXT NOT NULL,
    output       TEXT NOT NULL,
    competencies TEXT NOT NULL DEFAULT '',
    text_nl      TEXT NOT NULL,
    text_en      TEXT NOT NULL,
    active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_by   TEXT NOT NULL REFERENCES worker (id),
    created_at   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    UNIQUE (org_id, code)
) STRICT;
CREATE UNIQUE INDEX curriculum_local_assignment_replaces
    ON curriculum_local_assignment (org_id, replaces) WHERE replaces IS NOT NULL AND active = 1;

-- Portfolio evidence of a student or practising expert (the owner): a text, a small file
-- or a link. File bytes are kept with the item (at most PORTFOLIO_FILE_MAX_BYTES, type
-- checked by magic bytes); they are only ever served back as a download.
CREATE TABLE portfolio_evidence (
    id           TEXT NOT NULL PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES org (id),
    owner_id     TEXT NOT NULL REFERENCES worker (id),
    kind         TEXT NOT NULL CHECK (kind IN ('text', 'file', 'link')),
    title        TEXT NOT NULL,
    body         TEXT NOT NULL DEFAULT '',
    url          TEXT,
    file_name    TEXT,
    content_type TEXT,
    file_size    INTEGER,
    file_data    BLOB,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    CHECK ((kind = 'link') = (url IS NOT NULL)),
    CHECK ((kind = 'file') = (file_data IS NOT NULL))
) STRICT;
CREATE INDEX portfolio_evidence_owner ON portfolio_evidence (owner_id, id);

-- What an item is evidence for: assignment codes (seeded or local) and competency codes.
CREATE TABLE portfolio_evidence_ref (
    org_id      TEXT NOT NULL REFERENCES org (id),
    evidence_id TEXT NOT NULL REFERENCES portfolio_evidence (id) ON DELETE CASCADE,
    ref_kind    TEXT NOT NULL CHECK (ref_kind IN ('assignment', 'competency')),
    code        TEXT NOT NULL,
    PRIMARY KEY (evidence_id, ref_kind, code)
) STRICT, WITHOUT ROWID;

-- A trainer's feedback on one item or on a unit of the owner's portfolio.
CREATE TABLE portfolio_feedback (
    id          TEXT NOT NULL PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES org (id),
    owner_id    TEXT NOT NULL REFERENCES worker (id),
    evidence_id TEXT REFERENCES portfolio_evidence (id) ON DELETE CASCADE,
    unit_code   TEXT,
    author_id   TEXT NOT NULL REFERENCES worker (id),
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    CHECK ((evidence_id IS NULL) <> (unit_code IS NULL))
) STRICT;
CREATE INDEX portfolio_feedback_owner ON portfolio_feedback (owner_id, created_at);

-- Sign-off of a unit by a trainer of the owner's learning group. Withdrawing keeps the row
-- (history) with who, when and why; at most one sign-off per owner and unit stands.
CREATE TABLE portfolio_signoff (
    id              TEXT NOT NULL PRIMARY KEY,
    org_id          TEXT NOT NULL REFERENCES org (id),
    owner_id        TEXT NOT NULL REFERENCES worker (id),
    unit_code       TEXT NOT NULL,
    trainer_id      TEXT NOT NULL REFERENCES worker (id),
    note            TEXT NOT NULL,
    signed_at       TEXT NOT NULL,
    withdrawn_at    TEXT,
    withdrawn_by    TEXT REFERENCES worker (id),
    withdraw_reason TEXT,
    version         INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE UNIQUE INDEX portfolio_signoff_standing
    ON portfolio_signoff (owner_id, unit_code) WHERE withdrawn_at IS NULL;
