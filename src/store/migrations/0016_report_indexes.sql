-- 0016_report_indexes: what the manager's dashboard (docs/reports.md, PERFORMANCE.md P5)
-- reads a year of, found by range instead of by scanning five years: covering indexes on
-- the dates the reports filter on; the expert minutes of notes and consultations summed per
-- day and per month (expert_minutes) and a request's time to match, kept current by the
-- writes in the same transaction (store_reports_upkeep.c).

-- Indexes lead with the date they find a period by, not with org_id: an index on (org_id,
-- ...) would look to SQLite (without statistics) as good as dossier_client or
-- consultation_expert for the other queries that name org_id, and scan the organisation.

-- a dossier's expert assignments: the assigned expert's (time to match), the open ones on
-- a closed dossier (caseload); the latest (a dossier's expert)
CREATE INDEX assignment_dossier_expert ON assignment (dossier_id, worker_id, role, start_on,
                                                      created_at, org_id, end_on);
CREATE INDEX assignment_dossier_latest ON assignment (dossier_id, start_on, created_at, id, role,
                                                      worker_id);
-- an expert's assignments by start (caseload)
CREATE INDEX assignment_caseload ON assignment (worker_id, role, start_on, end_on, org_id);
-- the assignments, and the intensity history, by assignment (intensity)
CREATE INDEX assignment_org ON assignment (id, org_id, worker_id, end_on);
CREATE INDEX intensity_phases ON intensity (assignment_id, agreed_on, created_at, id, org_id,
                                            pattern);

-- A request's time to match, worked out ahead (store_report_match): the start of the assigned
-- expert's assignment on the dossier made at or after the request, and the day of the
-- expert's first contact (a note, not an attempt) on or after it; NULL when none or not
-- assigned. Kept by the writes of notes, assignments and requests (store_reports_upkeep.c).
ALTER TABLE request ADD COLUMN report_assignment_on TEXT;
ALTER TABLE request ADD COLUMN report_first_contact_on TEXT;
UPDATE request SET
    report_assignment_on = (SELECT MIN(s.start_on) FROM assignment s
        WHERE s.dossier_id = request.dossier_id AND s.worker_id = request.assigned_expert_id
        AND s.role IN ('expert', 'bridging_expert') AND s.org_id = request.org_id
        AND s.created_at >= request.created_at),
    report_first_contact_on = (SELECT MIN(t.contact_on) FROM note t
        WHERE t.dossier_id = request.dossier_id AND t.contact_on >= substr(request.created_at, 1, 10)
        AND t.author_id = request.assigned_expert_id AND t.attempt = 0
        AND t.org_id = request.org_id)
    WHERE assigned_expert_id IS NOT NULL;
-- requests by creation time, with what the reports group and join them by
-- (org_id first like request_status, which it must outdo for a period)
CREATE INDEX request_period ON request (org_id, created_at, status, assigned_expert_id,
                                        requester_id, dossier_id, id, report_assignment_on,
                                        report_first_contact_on);
-- an organisation's codes of a vocabulary by request (themes)
CREATE INDEX request_code_vocab ON request_code (vocab, request_id, org_id, code);
-- who holds a code (unmet themes)
CREATE INDEX expert_profile_item_code ON expert_profile_item (vocab, code, org_id);

-- consultations (with dossier_id: a client's export scans this index rather than the table),
-- bridging, referrals and evaluations by day
CREATE INDEX consultation_period ON consultation (held_on, org_id, expert_id, asker_id,
                                                  dossier_id);
CREATE INDEX bridging_period ON bridging (waiting_since, org_id, keeper_id);
CREATE INDEX referral_period ON referral (referred_on, org_id, service, accompanied, dossier_id);
CREATE INDEX evaluation_planned ON evaluation (planned_on, org_id, held_on, dossier_id);
-- (partial, so that "the dossier's first evaluation not held" stays with evaluation_dossier)
CREATE INDEX evaluation_held ON evaluation (held_on, planned_on, org_id, dossier_id)
    WHERE held_on IS NOT NULL;
CREATE INDEX evaluation_open ON evaluation (planned_on, org_id, held_on, dossier_id)
    WHERE held_on IS NULL;

-- A dossier's expert, worked out ahead: the worker of its expert or bridging_expert
-- assignment that started last (evaluations, closures, referrals); kept when an assignment
-- is made (store_reports_upkeep.c).
ALTER TABLE dossier ADD COLUMN report_expert_id TEXT;
UPDATE dossier SET report_expert_id = (SELECT s.worker_id FROM assignment s
    WHERE s.dossier_id = dossier.id AND s.role IN ('expert', 'bridging_expert')
    ORDER BY s.start_on DESC, s.created_at DESC, s.id DESC LIMIT 1);
-- the dossiers by id with what evaluations group by
CREATE INDEX dossier_report ON dossier (id, org_id, responsible_id, status, report_expert_id);
-- dossiers closed, or opened, before or in a period (closures; caseload as of a day)
CREATE INDEX dossier_closed ON dossier (closed_on, org_id, status, id, closure_reason, opened_on,
                                        report_expert_id);
CREATE INDEX dossier_opened ON dossier (opened_on, org_id);
CREATE INDEX dossier_outcome_org ON dossier_outcome (org_id, dossier_id, vocab, code);

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
