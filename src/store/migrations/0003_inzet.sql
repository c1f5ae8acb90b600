-- 0003_inzet: deployment of experience experts (practice.md §1-§3, §7): vocabularies,
-- clients and their consent, dossiers with one responsible generalist, assignments and
-- their intensity, deployment requests and matching, experience profiles, the dossier
-- timeline (contact notes, evaluations, referrals, bridging), consultations, case
-- discussions and break-the-glass access. Client data lives in client, consent, dossier
-- and everything that references a dossier; every read of it is audited (app/access.c).

-- Code tables per organisation (seeded from data/vocabularies at org creation; an admin
-- edits labels and deactivates codes, never deletes them while they are in use).
CREATE TABLE vocab (
    org_id   TEXT NOT NULL REFERENCES org (id),
    vocab    TEXT NOT NULL,
    code     TEXT NOT NULL,
    label_nl TEXT NOT NULL,
    label_en TEXT NOT NULL,
    source   TEXT NOT NULL DEFAULT '',
    sort     INTEGER NOT NULL DEFAULT 0,
    active   INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    version  INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, vocab, code)
) STRICT, WITHOUT ROWID;

-- A client is known by a pseudonymous code; name and contact details are optional and
-- behind the same need-to-know as the dossier.
CREATE TABLE client (
    id         TEXT NOT NULL PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES org (id),
    code       TEXT NOT NULL,
    name       TEXT,
    contact    TEXT,
    birth_year INTEGER CHECK (birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100),
    area_id    TEXT REFERENCES area (id),
    created_by TEXT NOT NULL REFERENCES worker (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    UNIQUE (org_id, code)
) STRICT;

-- What the client was told and agreed to: expert involvement, the plan, scaling down.
CREATE TABLE consent (
    id          TEXT NOT NULL PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES org (id),
    client_id   TEXT NOT NULL REFERENCES client (id),
    dossier_id  TEXT REFERENCES dossier (id),
    kind        TEXT NOT NULL CHECK (kind IN ('expert_involvement', 'plan', 'scaling_down')),
    given       INTEGER NOT NULL CHECK (given IN (0, 1)),
    recorded_on TEXT NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES worker (id),
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX consent_client ON consent (client_id);

-- The shared dossier. Always exactly one responsible generalist (eindverantwoordelijk),
-- also while in the background during bridging.
CREATE TABLE dossier (
    id             TEXT NOT NULL PRIMARY KEY,
    org_id         TEXT NOT NULL REFERENCES org (id),
    client_id      TEXT NOT NULL REFERENCES client (id),
    responsible_id TEXT NOT NULL REFERENCES worker (id),
    status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    goal_type      TEXT NOT NULL DEFAULT 'progress' CHECK (goal_type IN ('stabilise', 'progress')),
    area_id        TEXT REFERENCES area (id),
    keep_warm      INTEGER NOT NULL DEFAULT 0 CHECK (keep_warm IN (0, 1)),
    opened_on      TEXT NOT NULL,
    closed_on      TEXT,
    closure_reason TEXT,
    closing_note   TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1,
    CHECK ((status = 'closed') = (closed_on IS NOT NULL))
) STRICT;
CREATE INDEX dossier_client ON dossier (client_id);
CREATE INDEX dossier_responsible ON dossier (responsible_id, status);

-- Outcome tags given at closing (vocab outcome_client / outcome_generalist).
CREATE TABLE dossier_outcome (
    org_id     TEXT NOT NULL REFERENCES org (id),
    dossier_id TEXT NOT NULL REFERENCES dossier (id),
    vocab      TEXT NOT NULL,
    code       TEXT NOT NULL,
    PRIMARY KEY (dossier_id, vocab, code)
) STRICT, WITHOUT ROWID;

-- Who works on a dossier in which role. The role is per assignment, not per person: a
-- part-time generalist who is also an expert chooses per dossier.
CREATE TABLE assignment (
    id         TEXT NOT NULL PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES org (id),
    dossier_id TEXT NOT NULL REFERENCES dossier (id),
    worker_id  TEXT NOT NULL REFERENCES worker (id),
    role       TEXT NOT NULL CHECK (role IN ('generalist', 'expert', 'bridging_expert')),
    start_on   TEXT NOT NULL,
    end_on     TEXT,
    created_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX assignment_dossier ON assignment (dossier_id);
CREATE INDEX assignment_worker ON assignment (worker_id, end_on);

-- Intensity history of an assignment (joint 2x/week, alternating weekly, 2 of 3 weeks,
-- ...): the newest row is current; agreed_on is when it was agreed with the client.
CREATE TABLE intensity (
    id            TEXT NOT NULL PRIMARY KEY,
    org_id        TEXT NOT NULL REFERENCES org (id),
    assignment_id TEXT NOT NULL REFERENCES assignment (id),
    pattern       TEXT NOT NULL,
    agreed_on     TEXT NOT NULL,
    created_by    TEXT NOT NULL REFERENCES worker (id),
    created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX intensity_assignment ON intensity (assignment_id, created_at);

-- A generalist's request for an experience expert on a dossier.
CREATE TABLE request (
    id                  TEXT NOT NULL PRIMARY KEY,
    org_id              TEXT NOT NULL REFERENCES org (id),
    dossier_id          TEXT NOT NULL REFERENCES dossier (id),
    requester_id        TEXT NOT NULL REFERENCES worker (id),
    status              TEXT NOT NULL DEFAULT 'submitted'
                        CHECK (status IN ('submitted', 'in_review', 'assigned', 'advice_only',
                                          'redirected', 'declined')),
    match_basis         TEXT NOT NULL,
    phase               TEXT NOT NULL CHECK (phase IN ('early', 'stuck', 'bridging')),
    channel             TEXT NOT NULL,
    question            TEXT NOT NULL,
    preferred_expert_id TEXT REFERENCES worker (id),
    client_informed     INTEGER NOT NULL CHECK (client_informed IN (0, 1)),
    client_informed_on  TEXT,
    decided_by          TEXT REFERENCES worker (id),
    decided_at          TEXT,
    decision_note       TEXT,
    assigned_expert_id  TEXT REFERENCES worker (id),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    version             INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX request_status ON request (org_id, status, created_at);
CREATE INDEX request_dossier ON request (dossier_id);

-- Multi-valued codes of a request: reasons (deployment_reason), needed areas
-- (experience_area) and themes (generic_theme).
CREATE TABLE request_code (
    org_id     TEXT NOT NULL REFERENCES org (id),
    request_id TEXT NOT NULL REFERENCES request (id),
    vocab      TEXT NOT NULL CHECK (vocab IN ('deployment_reason', 'experience_area',
                                             'generic_theme')),
    code       TEXT NOT NULL,
    PRIMARY KEY (request_id, vocab, code)
) STRICT, WITHOUT ROWID;

-- An expert's own experience profile: codes only, never a narrative. Visibility per item
-- is the expert's choice: coordinators only, or colleagues too.
CREATE TABLE expert_profile (
    worker_id  TEXT NOT NULL PRIMARY KEY REFERENCES worker (id),
    org_id     TEXT NOT NULL REFERENCES org (id),
    capacity   INTEGER NOT NULL DEFAULT 8 CHECK (capacity BETWEEN 0 AND 100),
    available  INTEGER NOT NULL DEFAULT 1 CHECK (available IN (0, 1)),
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE expert_profile_item (
    org_id     TEXT NOT NULL REFERENCES org (id),
    worker_id  TEXT NOT NULL REFERENCES expert_profile (worker_id),
    vocab      TEXT NOT NULL CHECK (vocab IN ('experience_area', 'generic_theme')),
    code       TEXT NOT NULL,
    visibility TEXT NOT NULL DEFAULT 'coordinators'
               CHECK (visibility IN ('coordinators', 'colleagues')),
    PRIMARY KEY (worker_id, vocab, code)
) STRICT, WITHOUT ROWID;

-- Matching weights per organisation (domain/match.c documents each factor).
CREATE TABLE match_weights (
    org_id     TEXT NOT NULL PRIMARY KEY REFERENCES org (id),
    specific   INTEGER NOT NULL DEFAULT 40,
    generic    INTEGER NOT NULL DEFAULT 20,
    area       INTEGER NOT NULL DEFAULT 15,
    capacity   INTEGER NOT NULL DEFAULT 15,
    preferred  INTEGER NOT NULL DEFAULT 10,
    history    INTEGER NOT NULL DEFAULT 5,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
) STRICT;

-- Contact notes, written by generalist or expert, shown to both in one timeline. An
-- attempt is a contact attempt without response ("keeping the line warm").
CREATE TABLE note (
    id          TEXT NOT NULL PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES org (id),
    dossier_id  TEXT NOT NULL REFERENCES dossier (id),
    author_id   TEXT NOT NULL REFERENCES worker (id),
    author_role TEXT NOT NULL CHECK (author_role IN ('generalist', 'expert', 'bridging_expert')),
    kind        TEXT NOT NULL,
    contact_on  TEXT NOT NULL,
    minutes     INTEGER NOT NULL DEFAULT 0 CHECK (minutes BETWEEN 0 AND 1440),
    attempt     INTEGER NOT NULL DEFAULT 0 CHECK (attempt IN (0, 1)),
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX note_dossier ON note (dossier_id, contact_on);

-- Activities and approaches of a note (vocab activity / approach).
CREATE TABLE note_code (
    org_id  TEXT NOT NULL REFERENCES org (id),
    note_id TEXT NOT NULL REFERENCES note (id),
    vocab   TEXT NOT NULL CHECK (vocab IN ('activity', 'approach')),
    code    TEXT NOT NULL,
    PRIMARY KEY (note_id, vocab, code)
) STRICT, WITHOUT ROWID;

-- Full-text search over note bodies: external content. The connection runs with
-- trusted_schema off, which forbids triggers that write a virtual table, so
-- store/store_notes.c keeps the index in step in the same statements' transaction (insert,
-- update; an erasure must issue the 'delete' command before removing a note).
CREATE VIRTUAL TABLE note_fts USING fts5 (
    body, content = 'note', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Evaluation moments: planned (by whom: often the expert, though the generalist is
-- responsible) and held.
CREATE TABLE evaluation (
    id         TEXT NOT NULL PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES org (id),
    dossier_id TEXT NOT NULL REFERENCES dossier (id),
    planned_on TEXT NOT NULL,
    planned_by TEXT NOT NULL REFERENCES worker (id),
    held_on    TEXT,
    summary    TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX evaluation_dossier ON evaluation (dossier_id, planned_on);

-- Referrals to external services (vocab referral_service).
CREATE TABLE referral (
    id          TEXT NOT NULL PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES org (id),
    dossier_id  TEXT NOT NULL REFERENCES dossier (id),
    service     TEXT NOT NULL,
    referred_on TEXT NOT NULL,
    accompanied INTEGER NOT NULL DEFAULT 0 CHECK (accompanied IN (0, 1)),
    note        TEXT,
    created_by  TEXT NOT NULL REFERENCES worker (id),
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX referral_dossier ON referral (dossier_id);

-- Bridging a waiting list: which service is awaited, since when, who keeps contact.
CREATE TABLE bridging (
    id             TEXT NOT NULL PRIMARY KEY,
    org_id         TEXT NOT NULL REFERENCES org (id),
    dossier_id     TEXT NOT NULL REFERENCES dossier (id),
    awaited        TEXT NOT NULL,
    waiting_since  TEXT NOT NULL,
    keeper_id      TEXT NOT NULL REFERENCES worker (id),
    ended_on       TEXT,
    created_at     TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX bridging_dossier ON bridging (dossier_id);

-- Closing and reopening history of a dossier: the dossier row holds only the current
-- closure; each close (with reason and note) and each reopening on re-registration (with
-- its note) is kept here for the timeline.
CREATE TABLE dossier_closure (
    id         TEXT NOT NULL PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES org (id),
    dossier_id TEXT NOT NULL REFERENCES dossier (id),
    action     TEXT NOT NULL CHECK (action IN ('close', 'reopen')),
    on_date    TEXT NOT NULL,
    reason     TEXT,
    note       TEXT,
    created_by TEXT NOT NULL REFERENCES worker (id),
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX dossier_closure_dossier ON dossier_closure (dossier_id);

-- Consultations: a colleague asks an expert for advice, mostly informally. A dossier is
-- linked only when needed.
CREATE TABLE consultation (
    id         TEXT NOT NULL PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES org (id),
    expert_id  TEXT NOT NULL REFERENCES worker (id),
    asker_id   TEXT REFERENCES worker (id),
    channel    TEXT NOT NULL,
    formal     INTEGER NOT NULL CHECK (formal IN (0, 1)),
    theme      TEXT NOT NULL,
    summary    TEXT NOT NULL,
    response   TEXT NOT NULL CHECK (response IN ('advice', 'joined_conversation',
                                                 'became_request')),
    minutes    INTEGER NOT NULL DEFAULT 0 CHECK (minutes BETWEEN 0 AND 1440),
    dossier_id TEXT REFERENCES dossier (id),
    held_on    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX consultation_expert ON consultation (expert_id, held_on);

-- Case discussions the experts join, with their outcome.
CREATE TABLE case_discussion (
    id           TEXT NOT NULL PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES org (id),
    held_on      TEXT NOT NULL,
    team_id      TEXT REFERENCES team (id),
    presenter_id TEXT REFERENCES worker (id),
    dossier_id   TEXT REFERENCES dossier (id),
    outcome      TEXT NOT NULL CHECK (outcome IN ('expert_joins', 'advice', 'none')),
    summary      TEXT,
    created_by   TEXT NOT NULL REFERENCES worker (id),
    created_at   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE case_discussion_expert (
    org_id        TEXT NOT NULL REFERENCES org (id),
    discussion_id TEXT NOT NULL REFERENCES case_discussion (id),
    worker_id     TEXT NOT NULL REFERENCES worker (id),
    PRIMARY KEY (discussion_id, worker_id)
) STRICT, WITHOUT ROWID;

-- Break-the-glass: emergency access to one client's dossiers with a written reason,
-- re-authentication and a time limit; every use is reviewed by the privacy officer.
CREATE TABLE break_glass (
    id             TEXT NOT NULL PRIMARY KEY,
    org_id         TEXT NOT NULL REFERENCES org (id),
    worker_id      TEXT NOT NULL REFERENCES worker (id),
    client_id      TEXT NOT NULL REFERENCES client (id),
    reason         TEXT NOT NULL,
    started_at     TEXT NOT NULL,
    expires_at     TEXT NOT NULL,
    ended_at       TEXT,
    reviewed_by    TEXT REFERENCES worker (id),
    reviewed_at    TEXT,
    review_outcome TEXT CHECK (review_outcome IS NULL OR review_outcome IN ('justified',
                                                                            'unjustified')),
    review_note    TEXT,
    version        INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX break_glass_worker ON break_glass (worker_id, client_id, expires_at);
CREATE INDEX break_glass_review ON break_glass (org_id, reviewed_at);
