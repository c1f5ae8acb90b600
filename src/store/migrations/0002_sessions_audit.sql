-- 0002_sessions_audit: login sessions, login throttling and the NEN 7513 audit log.

-- Tokens are stored as hashes only (SECURITY.md 15); times are Unix milliseconds
-- because they are compared on every request.
CREATE TABLE session (
    token_hash   BLOB NOT NULL PRIMARY KEY CHECK (length(token_hash) = 32),
    csrf_hash    BLOB NOT NULL CHECK (length(csrf_hash) = 32),
    org_id       TEXT NOT NULL REFERENCES org (id),
    worker_id    TEXT NOT NULL REFERENCES worker (id) ON DELETE CASCADE,
    level        INTEGER NOT NULL CHECK (level IN (1, 2, 3)),
    created_ms   INTEGER NOT NULL,
    last_seen_ms INTEGER NOT NULL,
    ended_ms     INTEGER,
    ip           TEXT
) STRICT, WITHOUT ROWID;
CREATE INDEX session_worker ON session (worker_id);

-- Failed logins per account key (a keyed hash of the normalised email), so unknown and
-- known accounts are throttled alike and no email is stored here.
CREATE TABLE login_throttle (
    key_hash        BLOB NOT NULL PRIMARY KEY,
    failures        INTEGER NOT NULL DEFAULT 0,
    last_failure_ms INTEGER NOT NULL DEFAULT 0
) STRICT, WITHOUT ROWID;

-- The audit log (SECURITY.md 1-4). Append-only: the triggers below refuse UPDATE and
-- DELETE. Each entry's hash covers its fields and the previous entry's hash; the format
-- is in docs/internals/store.md so an auditor can re-implement the check.
CREATE TABLE audit_log (
    seq               INTEGER PRIMARY KEY,
    id                TEXT NOT NULL UNIQUE,
    at                TEXT NOT NULL,
    event             TEXT NOT NULL,
    action            TEXT NOT NULL CHECK (action IN ('C', 'R', 'U', 'D', 'E')),
    outcome           TEXT NOT NULL CHECK (outcome IN ('success', 'denied', 'failure')),
    org_id            TEXT,
    actor_user_id     TEXT,
    actor_role        TEXT,
    on_behalf_user_id TEXT,
    client_id         TEXT,
    record_type       TEXT NOT NULL,
    record_id         TEXT,
    access_basis      TEXT NOT NULL,
    client_ip         TEXT NOT NULL,
    trace_id          TEXT NOT NULL,
    prev_hash         TEXT NOT NULL,
    hash              TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_client ON audit_log (client_id, seq);
CREATE INDEX audit_log_org ON audit_log (org_id, seq);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- The newest entry's seq and hash, moved by every append in the same transaction, so
-- that deleting the newest entries (which leaves the rest of the chain intact) shows.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
) STRICT;
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
BEGIN
    SELECT RAISE(ABORT, 'audit_head cannot be deleted');
END;
-- The head only moves forward, one entry at a time.
CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head
WHEN NEW.seq <> OLD.seq + 1 OR NEW.id <> OLD.id
BEGIN
    SELECT RAISE(ABORT, 'audit_head only moves forward');
END;
-- An entry must be the one after the head (no gaps, no back-dating by seq).
CREATE TRIGGER audit_log_next BEFORE INSERT ON audit_log
WHEN NEW.seq IS NOT (SELECT seq + 1 FROM audit_head WHERE id = 1)
BEGIN
    SELECT RAISE(ABORT, 'audit_log entries are appended after the head');
END;
