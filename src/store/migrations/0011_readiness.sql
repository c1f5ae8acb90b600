-- 0011_readiness: the implementation readiness scan (implementatiescan): an organisation
-- scores itself on the conditions for deploying experience experts (practice.md 4.6 b, c,
-- e; the items are the vocabulary readiness_item). It is about the organisation, never
-- about a person: no client, no worker is scored. A scan is written whole, once.
CREATE TABLE readiness_scan (
    id         TEXT NOT NULL PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES org (id),
    taken_on   TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES worker (id),
    note       TEXT,
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX readiness_scan_org ON readiness_scan (org_id, taken_on, created_at);

-- One row per item of the scan; score NULL is "not assessed".
CREATE TABLE readiness_score (
    scan_id TEXT NOT NULL REFERENCES readiness_scan (id) ON DELETE CASCADE,
    item    TEXT NOT NULL,
    score   INTEGER CHECK (score BETWEEN 1 AND 5),
    comment TEXT,
    PRIMARY KEY (scan_id, item)
) STRICT, WITHOUT ROWID;
