-- 0008_recovery_story: the recovery story (herstelverhaal) of a student or an expert
-- (curriculum.md §2.5, §5.2, §6(a) items 4 and 7). Private to its author unless the
-- author shares one fragment at a time; see docs/story.md.
--
-- A story has numbered versions; each saved version is a read-only snapshot of title,
-- form and the ordered fragment texts. A fragment keeps its identity (story_fragment.id)
-- from version to version, and its sharing (scope, feedback wish) belongs to that
-- identity, not to a version: viewers always see the fragment's text in the story's
-- current version, and a fragment left out of the current version is shared with nobody.
-- wont_share is the author's note of what they will not share: never shown to anyone else.
CREATE TABLE story (
    id         TEXT NOT NULL PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES org (id),
    author_id  TEXT NOT NULL REFERENCES worker (id),
    title      TEXT NOT NULL,
    form       TEXT NOT NULL
               CHECK (form IN ('story', 'poem', 'diary', 'comic', 'essay', 'other')),
    wont_share TEXT,
    current_n  INTEGER NOT NULL DEFAULT 1 CHECK (current_n >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX story_author ON story (org_id, author_id, id);

-- One row per saved version: n = 1, 2, 3, ...
CREATE TABLE story_version (
    org_id   TEXT NOT NULL REFERENCES org (id),
    story_id TEXT NOT NULL REFERENCES story (id) ON DELETE CASCADE,
    n        INTEGER NOT NULL CHECK (n >= 1),
    title    TEXT NOT NULL,
    form     TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (story_id, n)
) STRICT, WITHOUT ROWID;

-- A fragment's identity and its sharing. shared_at: when scope last left 'self'.
CREATE TABLE story_fragment (
    id         TEXT NOT NULL PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES org (id),
    story_id   TEXT NOT NULL REFERENCES story (id) ON DELETE CASCADE,
    scope      TEXT NOT NULL DEFAULT 'self' CHECK (scope IN ('self', 'trainer', 'group')),
    feedback   TEXT NOT NULL DEFAULT 'no' CHECK (feedback IN ('yes', 'no', 'only_evokes')),
    shared_at  TEXT,
    created_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX story_fragment_story ON story_fragment (story_id);
CREATE INDEX story_fragment_shared ON story_fragment (org_id, scope) WHERE scope <> 'self';

-- The text of a fragment in one version, at its place (0, 1, 2, ...).
CREATE TABLE story_version_fragment (
    org_id      TEXT NOT NULL REFERENCES org (id),
    story_id    TEXT NOT NULL,
    n           INTEGER NOT NULL,
    position    INTEGER NOT NULL CHECK (position >= 0),
    fragment_id TEXT NOT NULL REFERENCES story_fragment (id) ON DELETE CASCADE,
    body        TEXT NOT NULL,
    PRIMARY KEY (story_id, n, position),
    UNIQUE (story_id, n, fragment_id),
    FOREIGN KEY (story_id, n) REFERENCES story_version (story_id, n) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX story_version_fragment_fragment ON story_version_fragment (fragment_id, n);

-- A version prepared for an audience (a one-to-one contact, a group, a stage): chosen
-- fragments in the author's order, each with the author's own edits. Private.
CREATE TABLE story_audience (
    id         TEXT NOT NULL PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES org (id),
    story_id   TEXT NOT NULL REFERENCES story (id) ON DELETE CASCADE,
    audience   TEXT NOT NULL CHECK (audience IN ('one_to_one', 'group', 'stage')),
    title      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX story_audience_story ON story_audience (story_id, id);

-- fragment_id: the fragment an item was taken from; NULL for text the author added.
CREATE TABLE story_audience_item (
    org_id      TEXT NOT NULL REFERENCES org (id),
    audience_id TEXT NOT NULL REFERENCES story_audience (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL CHECK (position >= 0),
    fragment_id TEXT REFERENCES story_fragment (id) ON DELETE SET NULL,
    body        TEXT NOT NULL,
    PRIMARY KEY (audience_id, position)
) STRICT, WITHOUT ROWID;

-- A viewer's response to a shared fragment. kind 'evokes': the author asked only for
-- what the fragment evokes. Seen by the author and by the viewer who wrote it.
CREATE TABLE story_response (
    id           TEXT NOT NULL PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES org (id),
    fragment_id  TEXT NOT NULL REFERENCES story_fragment (id) ON DELETE CASCADE,
    responder_id TEXT NOT NULL REFERENCES worker (id),
    kind         TEXT NOT NULL CHECK (kind IN ('feedback', 'evokes')),
    body         TEXT NOT NULL,
    created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX story_response_fragment ON story_response (fragment_id, id);
