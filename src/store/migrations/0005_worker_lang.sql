-- 0005_worker_lang: the language a worker reads the web UI in. Dutch first, English second;
-- chosen by the worker (PATCH /api/v1/me) and remembered across logins. Existing workers
-- get Dutch. A preference, not part of the record an administrator edits, so changing it
-- does not bump worker.version.
ALTER TABLE worker ADD COLUMN lang TEXT NOT NULL DEFAULT 'nl' CHECK (lang IN ('nl', 'en'));
