-- 0012_expert_time: what the reports need about experience experts as employees (issue 6,
-- practice.md §7 items 1, 3 and 15): the share of a full-time position worked as an expert
-- and the qualification level, on the expert profile (set by an administrator or the
-- coordinator; never shown to managers except as totals), and the experts' own log of time
-- spent in the role types beyond supporting clients (vocabulary role_type). Time with
-- clients and consultations is already in note.minutes and consultation.minutes; the log
-- holds no free text, so it can never carry client data.
ALTER TABLE expert_profile ADD COLUMN fte_pct INTEGER
    CHECK (fte_pct IS NULL OR fte_pct BETWEEN 0 AND 100);
ALTER TABLE expert_profile ADD COLUMN qualification TEXT
    CHECK (qualification IS NULL OR qualification IN ('mbo3', 'mbo4', 'hbo'));

CREATE TABLE expert_time (
    id         TEXT NOT NULL PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES org (id),
    worker_id  TEXT NOT NULL REFERENCES worker (id),
    role_type  TEXT NOT NULL,
    on_date    TEXT NOT NULL,
    minutes    INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX expert_time_worker ON expert_time (worker_id, on_date);
CREATE INDEX expert_time_org ON expert_time (org_id, on_date);
