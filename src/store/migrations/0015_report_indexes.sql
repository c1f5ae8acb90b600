-- 0015_report_indexes: what the manager's dashboard (docs/reports.md, PERFORMANCE.md P5)
-- reads a year of, found by range instead of by scanning five years: covering indexes on
-- the dates the reports filter on, and the expert minutes of notes and consultations
-- summed per day and per month (expert_minutes), kept current by the writes of notes and
-- consultations in the same transaction (store_reports_minutes.c).

-- requests by creation time, with what the reports group and join them by
CREATE INDEX request_period ON request (org_id, created_at, status, assigned_expert_id,
                                        requester_id, dossier_id, id);
-- consultations by day (mix, reach)
CREATE INDEX consultation_period ON consultation (org_id, held_on, expert_id, asker_id);
CREATE INDEX bridging_period ON bridging (org_id, waiting_since, keeper_id);
CREATE INDEX referral_period ON referral (org_id, referred_on);
CREATE INDEX evaluation_planned ON evaluation (org_id, planned_on, held_on, dossier_id);
CREATE INDEX evaluation_held ON evaluation (org_id, held_on, planned_on, dossier_id);
-- dossiers closed, or opened, before or in a period (closures; caseload as of a day)
CREATE INDEX dossier_closed ON dossier (org_id, closed_on);
CREATE INDEX dossier_opened ON dossier (org_id, opened_on);
-- a dossier's expert assignments: the assigned expert's (time to match), the open ones on
-- a closed dossier (caseload); the latest (a dossier's expert)
CREATE INDEX assignment_dossier_expert ON assignment (dossier_id, worker_id, role, start_on,
                                                      created_at, org_id, end_on);
CREATE INDEX assignment_dossier_latest ON assignment (dossier_id, start_on, created_at, id, role,
                                                      worker_id);
-- an expert's assignments by start (caseload)
CREATE INDEX assignment_caseload ON assignment (worker_id, role, start_on, end_on, org_id);
-- an organisation's intensity history in the order its phases are read, and its
-- assignments in the same order (intensity)
CREATE INDEX intensity_phases ON intensity (org_id, assignment_id, agreed_on, created_at, id,
                                            pattern);
CREATE INDEX assignment_org ON assignment (org_id, id, worker_id, end_on);
-- who holds a code (unmet themes)
CREATE INDEX expert_profile_item_code ON expert_profile_item (org_id, vocab, code);

-- Minutes of an expert as role type `role_type` (supporter: notes written in an expert or
-- bridging_expert role, by contact_on; expertise_promoter: consultations, by held_on), per
-- day (grain 'day', period YYYY-MM-DD) and per month (grain 'month', period YYYY-MM). A
-- sum may fall to 0 when notes change; readers skip those.
CREATE TABLE expert_minutes (
    org_id    TEXT NOT NULL REFERENCES org (id),
    grain     TEXT NOT NULL CHECK (grain IN ('day', 'month')),
    period    TEXT NOT NULL,
    worker_id TEXT NOT NULL REFERENCES worker (id),
    role_type TEXT NOT NULL,
    minutes   INTEGER NOT NULL,
    PRIMARY KEY (org_id, grain, period, worker_id, role_type)
) STRICT, WITHOUT ROWID;

INSERT INTO expert_minutes (org_id, grain, period, worker_id, role_type, minutes)
SELECT org_id, 'day', contact_on, author_id, 'supporter', SUM(minutes) FROM note
 WHERE author_role IN ('expert', 'bridging_expert') AND minutes > 0
 GROUP BY org_id, contact_on, author_id;
INSERT INTO expert_minutes (org_id, grain, period, worker_id, role_type, minutes)
SELECT org_id, 'month', substr(contact_on, 1, 7), author_id, 'supporter', SUM(minutes) FROM note
 WHERE author_role IN ('expert', 'bridging_expert') AND minutes > 0
 GROUP BY org_id, substr(contact_on, 1, 7), author_id;
INSERT INTO expert_minutes (org_id, grain, period, worker_id, role_type, minutes)
SELECT org_id, 'day', held_on, expert_id, 'expertise_promoter', SUM(minutes) FROM consultation
 WHERE minutes > 0
 GROUP BY org_id, held_on, expert_id;
INSERT INTO expert_minutes (org_id, grain, period, worker_id, role_type, minutes)
SELECT org_id, 'month', substr(held_on, 1, 7), expert_id, 'expertise_promoter', SUM(minutes)
  FROM consultation WHERE minutes > 0
 GROUP BY org_id, substr(held_on, 1, 7), expert_id;
