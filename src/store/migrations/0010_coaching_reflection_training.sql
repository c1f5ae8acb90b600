-- 0010_coaching_reflection_training: coaching, disclosure reflections and training for generalists.
--
-- None of these tables references a client or a dossier: coaching and reflections are the
-- worker's own (special-category) data, training is about workers. Access rules live in
-- app/coaching.c, app/reflection.c and app/training.c (docs/support.md).

-- An internal coach coaches an expert (practice.md §3.6). An expert has at most one
-- running link; ending it keeps the row (and its conversations and notes) for the expert.
CREATE TABLE coaching_link (
    id         TEXT NOT NULL PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES org (id),
    coach_id   TEXT NOT NULL REFERENCES worker (id),
    expert_id  TEXT NOT NULL REFERENCES worker (id),
    started_on TEXT NOT NULL,
    ended_on   TEXT,
    created_by TEXT NOT NULL REFERENCES worker (id),
    created_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    CHECK (coach_id <> expert_id)
) STRICT;
CREATE UNIQUE INDEX coaching_link_running ON coaching_link (org_id, expert_id)
    WHERE ended_on IS NULL;
CREATE INDEX coaching_link_coach ON coaching_link (coach_id);

-- A coaching conversation of one link: held, or planned (a planned one becomes held or
-- is cancelled). The topic is for the two of them only.
CREATE TABLE coaching_conversation (
    id         TEXT NOT NULL PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES org (id),
    link_id    TEXT NOT NULL REFERENCES coaching_link (id),
    on_date    TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('held', 'planned', 'cancelled')),
    topic      TEXT,
    created_by TEXT NOT NULL REFERENCES worker (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX coaching_conversation_link ON coaching_conversation (link_id, on_date);

-- A private note between the expert and the coach of one link: each writes, both read.
CREATE TABLE coaching_note (
    id         TEXT NOT NULL PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES org (id),
    link_id    TEXT NOT NULL REFERENCES coaching_link (id),
    author_id  TEXT NOT NULL REFERENCES worker (id),
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX coaching_note_link ON coaching_note (link_id, id);

-- A disclosure reflection (practice.md §4.8, §4.9): private to its author; shared_with is
-- the coach it was shared with (explicitly, withdrawable), NULL when not shared. There is
-- deliberately no client or dossier column.
CREATE TABLE reflection (
    id                   TEXT NOT NULL PRIMARY KEY,
    org_id               TEXT NOT NULL REFERENCES org (id),
    author_id            TEXT NOT NULL REFERENCES worker (id),
    happened_on          TEXT NOT NULL,
    what_shared          TEXT NOT NULL,
    why_shared           TEXT NOT NULL DEFAULT '',
    permission           TEXT NOT NULL CHECK (permission IN ('yes', 'no', 'not_applicable')),
    checked_after        TEXT NOT NULL CHECK (checked_after IN ('yes', 'no', 'planned')),
    balance              TEXT NOT NULL CHECK (balance IN ('yes', 'no', 'unsure')),
    over_identification  INTEGER NOT NULL CHECK (over_identification IN (0, 1)),
    over_identification_note TEXT,
    undirected           INTEGER NOT NULL CHECK (undirected IN (0, 1)),
    undirected_note      TEXT,
    unprocessed          INTEGER NOT NULL CHECK (unprocessed IN (0, 1)),
    unprocessed_note     TEXT,
    golden_rules         TEXT NOT NULL DEFAULT '',
    note                 TEXT,
    shared_with          TEXT REFERENCES worker (id),
    shared_at            TEXT,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    version              INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX reflection_author ON reflection (author_id, id);
CREATE INDEX reflection_shared ON reflection (shared_with, id) WHERE shared_with IS NOT NULL;

-- Training "Ervaringskennis voor generalisten" (practice.md §3.3): sessions, the experts
-- who give them and the generalists who attended.
CREATE TABLE training_session (
    id         TEXT NOT NULL PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES org (id),
    title      TEXT NOT NULL,
    held_on    TEXT NOT NULL,
    place      TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL REFERENCES worker (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX training_session_org ON training_session (org_id, held_on);

CREATE TABLE training_trainer (
    org_id     TEXT NOT NULL REFERENCES org (id),
    session_id TEXT NOT NULL REFERENCES training_session (id) ON DELETE CASCADE,
    worker_id  TEXT NOT NULL REFERENCES worker (id),
    PRIMARY KEY (session_id, worker_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE training_attendance (
    org_id      TEXT NOT NULL REFERENCES org (id),
    session_id  TEXT NOT NULL REFERENCES training_session (id) ON DELETE CASCADE,
    worker_id   TEXT NOT NULL REFERENCES worker (id),
    recorded_by TEXT NOT NULL REFERENCES worker (id),
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (session_id, worker_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX training_attendance_worker ON training_attendance (worker_id);
