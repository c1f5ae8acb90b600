-- 0001_people: organisations, the workers who log in, their roles, areas and teams.
--
-- Conventions (docs/internals/store.md): STRICT tables; ids are UUIDv7 text; times are
-- ISO 8601 UTC text with milliseconds; every row carries org_id; records that can be
-- edited carry a version for optimistic concurrency.

-- One row per applied migration; store_migrate() inserts it in the migration's own
-- transaction, so the schema and its version change together.
CREATE TABLE schema_version (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
) STRICT;

CREATE TABLE org (
    id         TEXT NOT NULL PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    totp_roles INTEGER NOT NULL DEFAULT 0 CHECK (totp_roles BETWEEN 0 AND 1023),
    created_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
) STRICT;

-- email is unique across the installation (it is the login name) and stored lowercased.
CREATE TABLE worker (
    id             TEXT NOT NULL PRIMARY KEY,
    org_id         TEXT NOT NULL REFERENCES org (id),
    email          TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    pw_hash        TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    totp_secret    BLOB,
    totp_pending   BLOB,
    totp_last_step INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX worker_org_email ON worker (org_id, email);

-- One row per role a worker holds, by code (readable, and stable if enum bits move).
CREATE TABLE worker_role (
    org_id    TEXT NOT NULL REFERENCES org (id),
    worker_id TEXT NOT NULL REFERENCES worker (id) ON DELETE CASCADE,
    role      TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'generalist', 'expert',
                                            'coach', 'trainer', 'student', 'manager',
                                            'researcher', 'privacy_officer')),
    PRIMARY KEY (worker_id, role)
) STRICT, WITHOUT ROWID;

-- Regions: a cluster holds wijken, a wijk holds buurten.
CREATE TABLE area (
    id         TEXT NOT NULL PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES org (id),
    kind       TEXT NOT NULL CHECK (kind IN ('cluster', 'wijk', 'buurt')),
    name       TEXT NOT NULL,
    parent_id  TEXT REFERENCES area (id),
    created_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    UNIQUE (org_id, kind, name)
) STRICT;
CREATE INDEX area_parent ON area (parent_id);

CREATE TABLE team (
    id         TEXT NOT NULL PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES org (id),
    kind       TEXT NOT NULL CHECK (kind IN ('expert_team', 'neighbourhood_team', 'other')),
    name       TEXT NOT NULL,
    area_id    TEXT REFERENCES area (id),
    created_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    UNIQUE (org_id, name)
) STRICT;
CREATE INDEX team_area ON team (area_id);

CREATE TABLE team_member (
    org_id    TEXT NOT NULL REFERENCES org (id),
    team_id   TEXT NOT NULL REFERENCES team (id) ON DELETE CASCADE,
    worker_id TEXT NOT NULL REFERENCES worker (id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, worker_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX team_member_worker ON team_member (worker_id);
