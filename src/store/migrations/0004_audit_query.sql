-- 0004_audit_query: the privacy officer's view of the audit log (GET /api/v1/audit).
--
-- "What did this worker look at?" is where an access investigation starts. The entries of
-- one organisation (audit_log_org) and of one client (audit_log_client) have their index
-- since 0002; this one makes the worker question a range scan too, instead of a walk
-- through the organisation's whole log (store_audit_query.c picks the index by filter).
CREATE INDEX audit_log_actor ON audit_log (actor_user_id, seq);
