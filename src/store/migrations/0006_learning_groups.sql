-- 0006_learning_groups: learning groups (leergroepen): a class or course group of students
-- with its trainer(s). The group is what "shared with my trainer" and "shared with my
-- group" mean for a student's portfolio and recovery story (curriculum.md §5.1-§5.3).
-- level is the programme's qualification level (MBO 3, MBO 4, HBO), NULL when not set.
CREATE TABLE learning_group (
    id         TEXT NOT NULL PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES org (id),
    name       TEXT NOT NULL,
    level      TEXT CHECK (level IN ('mbo3', 'mbo4', 'hbo')),
    starts_on  TEXT,
    created_by TEXT NOT NULL REFERENCES worker (id),
    created_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    UNIQUE (org_id, name)
) STRICT;

-- A worker is in a group as its trainer or as a student (one role per group).
CREATE TABLE learning_group_member (
    org_id    TEXT NOT NULL REFERENCES org (id),
    group_id  TEXT NOT NULL REFERENCES learning_group (id) ON DELETE CASCADE,
    worker_id TEXT NOT NULL REFERENCES worker (id),
    role      TEXT NOT NULL CHECK (role IN ('trainer', 'student')),
    added_at  TEXT NOT NULL,
    PRIMARY KEY (group_id, worker_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX learning_group_member_worker ON learning_group_member (worker_id, group_id);
