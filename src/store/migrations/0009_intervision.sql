-- 0009_intervision: intervision groups and sessions (practice.md §3.5, §3.10, §7 items 20-21;
-- curriculum.md §4.13 items 5-6). Two kinds of group:
--   closed: a group of members of one expert team, with cases and a top/tip feedback round;
--   open:   a group for professionals with lived experience (the BHEE model): no sign-up and
--           no attendance list; a worker who states "I take part" may read and add content.
-- Content (agenda items, cases, feedback, reflections, notes, headcount, decisions) is for
-- the group only; app/intervision.c holds every access rule and writes the audit entries.

CREATE TABLE iv_group (
    id           TEXT NOT NULL PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES org (id),
    kind         TEXT NOT NULL CHECK (kind IN ('closed', 'open')),
    name         TEXT NOT NULL,
    purpose      TEXT,
    team_id      TEXT REFERENCES team (id),
    format       TEXT CHECK (format IN ('case', 'theme')),
    facilitation TEXT NOT NULL CHECK (facilitation IN ('fixed', 'rotating')),
    created_by   TEXT NOT NULL REFERENCES worker (id),
    created_at   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    UNIQUE (org_id, name),
    CHECK ((kind = 'closed') = (team_id IS NOT NULL))
) STRICT;
CREATE INDEX iv_group_org_kind ON iv_group (org_id, kind);

-- Members of a closed group (chosen from the expert team's members).
CREATE TABLE iv_member (
    org_id    TEXT NOT NULL REFERENCES org (id),
    group_id  TEXT NOT NULL REFERENCES iv_group (id) ON DELETE CASCADE,
    worker_id TEXT NOT NULL REFERENCES worker (id),
    added_at  TEXT NOT NULL,
    PRIMARY KEY (group_id, worker_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX iv_member_worker ON iv_member (worker_id, group_id);

-- The gate of an open group: one row while a worker states they take part. It is only ever
-- read for that worker ("do I take part?"), never listed or counted, and deleted (secure
-- delete) when they withdraw. It records no session and no date of attendance.
CREATE TABLE iv_participant (
    org_id    TEXT NOT NULL REFERENCES org (id),
    group_id  TEXT NOT NULL REFERENCES iv_group (id) ON DELETE CASCADE,
    worker_id TEXT NOT NULL REFERENCES worker (id),
    PRIMARY KEY (group_id, worker_id)
) STRICT, WITHOUT ROWID;

-- A meeting. held_on is the date; starts_at an optional "HH:MM". Closed groups use format
-- and facilitator_id; open groups use chair (free text: a first name or "rouleert") and
-- the anonymous headcount (a number entered afterwards, never names). The continuation
-- decision is taken together at the meeting.
CREATE TABLE iv_session (
    id             TEXT NOT NULL PRIMARY KEY,
    org_id         TEXT NOT NULL REFERENCES org (id),
    group_id       TEXT NOT NULL REFERENCES iv_group (id) ON DELETE CASCADE,
    held_on        TEXT NOT NULL,
    starts_at      TEXT,
    place          TEXT,
    format         TEXT CHECK (format IN ('case', 'theme')),
    facilitator_id TEXT REFERENCES worker (id),
    chair          TEXT,
    notes          TEXT,
    headcount      INTEGER CHECK (headcount IS NULL OR headcount BETWEEN 0 AND 500),
    decision       TEXT CHECK (decision IN ('continue', 'pause', 'stop')),
    next_on        TEXT,
    decision_note  TEXT,
    decided_at     TEXT,
    created_by     TEXT NOT NULL REFERENCES worker (id),
    created_at     TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX iv_session_group ON iv_session (group_id, held_on);

-- An agenda item added by someone who takes part. author_id is kept so the author can
-- withdraw their own item; others see the author's name only when show_author = 1.
CREATE TABLE iv_agenda_item (
    id          TEXT NOT NULL PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES org (id),
    session_id  TEXT NOT NULL REFERENCES iv_session (id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    detail      TEXT,
    theme       TEXT CHECK (theme IN ('prejudices', 'language', 'self_disclosure',
                                      'recovery_perspective')),
    author_id   TEXT NOT NULL REFERENCES worker (id),
    show_author INTEGER NOT NULL DEFAULT 0 CHECK (show_author IN (0, 1)),
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX iv_agenda_session ON iv_agenda_item (session_id, id);

-- A case a member brings into a closed group's session. round: 'open' while the members
-- give their top and tip (the owner listens), 'closed' after; then the owner reflects.
CREATE TABLE iv_case (
    id              TEXT NOT NULL PRIMARY KEY,
    org_id          TEXT NOT NULL REFERENCES org (id),
    session_id      TEXT NOT NULL REFERENCES iv_session (id) ON DELETE CASCADE,
    owner_id        TEXT NOT NULL REFERENCES worker (id),
    title           TEXT NOT NULL,
    question        TEXT NOT NULL,
    round           TEXT NOT NULL DEFAULT 'open' CHECK (round IN ('open', 'closed')),
    round_closed_at TEXT,
    reflection      TEXT,
    usable          TEXT,
    follow_up       TEXT,
    reflected_at    TEXT,
    created_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    CHECK (reflection IS NULL OR round = 'closed')
) STRICT;
CREATE INDEX iv_case_session ON iv_case (session_id, id);

-- One top (recognition) and one tip (advice) per member per case.
CREATE TABLE iv_feedback (
    id         TEXT NOT NULL PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES org (id),
    case_id    TEXT NOT NULL REFERENCES iv_case (id) ON DELETE CASCADE,
    author_id  TEXT NOT NULL REFERENCES worker (id),
    top        TEXT NOT NULL,
    tip        TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (case_id, author_id)
) STRICT;
