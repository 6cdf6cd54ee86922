-- 审核待办 benchmark data (PostgreSQL; run by InboxBenchmark, removed again by inbox-bench-clean.sql): one hospital
-- whose two reviewers share 6,000 open review tasks (a December), and 20 other units with 94,000 open tasks of
-- their own reviewers as noise the query must not read. Tasks, candidate links and users are inserted as the
-- engine stores them (the inbox is a read of ACT_RU_TASK / ACT_RU_IDENTITYLINK / ACT_ID_USER and xs_*);
-- deterministic, no random(). The hospital ${HOSPITAL} and its reviewers ${REV0}, ${REV1} are made by the benchmark
-- through the application (real accounts, so the page can be asked for as they see it).
INSERT INTO xs_unit (code, name, unit_type, jurisdiction, rule_set, created_at)
SELECT 'IBENCH' || g, '基准单位' || g, 'STATE_OWNED', 'JILIN', 'jilin-2026', now()
FROM generate_series(1, 20) g;

INSERT INTO ACT_ID_USER (ID_, REV_, FIRST_, LAST_)
SELECT 'ibp' || g, 1, '员工' || g, (ARRAY['王', '李', '张', '刘', '陈'])[1 + g % 5] FROM generate_series(0, 99999) g;

-- claims 0..5999 in the hospital (unit base), 6000..99999 in the other 20 units
INSERT INTO xs_claim (claimant, unit_id, rule_set, claim_year, status, submission_key, process_instance_id,
                      proposed_hours, proposed_public, proposed_professional, submitted_at, updated_at)
SELECT 'ibp' || g, CASE WHEN g < 6000 THEN ${HOSPITAL} ELSE b.base + 1 + g % 20 END, 'jilin-2026', 2026, 'IN_REVIEW',
       'ibk' || g, 'ibpi' || g, 8 * (1 + g % 3), 0, 8 * (1 + g % 3),
       timestamp '2026-11-01 08:00' + (g % 1000) * interval '1 hour',
       timestamp '2026-11-01 08:00' + (g % 1000) * interval '1 hour'
FROM generate_series(0, 99999) g, (SELECT MIN(id) - 1 AS base FROM xs_unit WHERE code LIKE 'IBENCH%') b;

-- one item each; every seventh claim a second item (not batch-approvable), every eleventh a repeated title
INSERT INTO xs_claim_item (claim_id, position, activity_type, params_json, title, activity_date, hours)
SELECT id, 0, (ARRAY['PROFESSIONAL_EXCHANGE', 'TRAINING', 'PAPER'])[1 + id % 3], '{}',
       CASE WHEN id % 11 = 0 THEN '重复的题目' ELSE '题目' || id END,
       DATE '2026-03-02' + CAST(id % 200 AS INT), 8
FROM xs_claim WHERE submission_key LIKE 'ibk%';
INSERT INTO xs_claim_item (claim_id, position, activity_type, params_json, title, activity_date, hours)
SELECT id, 1, 'TRAINING', '{}', '第二项' || id, DATE '2026-04-01' + CAST(id % 150 AS INT), 4
FROM xs_claim WHERE submission_key LIKE 'ibk%' AND id % 7 = 0;

-- the process instances the tasks belong to, as the engine stores one waiting in review
INSERT INTO ACT_RU_EXECUTION (ID_, REV_, ROOT_PROC_INST_ID_, PROC_INST_ID_, BUSINESS_KEY_, PROC_DEF_ID_, ACT_ID_,
                              IS_ACTIVE_, IS_CONCURRENT_, IS_SCOPE_, IS_EVENT_SCOPE_, SUSPENSION_STATE_,
                              CACHED_ENT_STATE_, SEQUENCE_COUNTER_, PROC_DEF_KEY_)
SELECT process_instance_id, 1, process_instance_id, process_instance_id, CAST(id AS VARCHAR), d.ID_, 'reviewClaim',
       true, false, true, false, 1, 0, 1, 'claim-lifecycle'
FROM xs_claim, (SELECT ID_ FROM ACT_RE_PROCDEF WHERE KEY_ = 'claim-lifecycle' ORDER BY VERSION_ DESC LIMIT 1) d
WHERE submission_key LIKE 'ibk%';

-- the open review tasks: a third overdue, a quarter claimed by one of the hospital's two reviewers
INSERT INTO ACT_RU_TASK (ID_, REV_, EXECUTION_ID_, PROC_INST_ID_, PROC_DEF_ID_, NAME_, TASK_DEF_KEY_, ASSIGNEE_,
                         PRIORITY_, CREATE_TIME_, DUE_DATE_, SUSPENSION_STATE_)
SELECT 'ibt' || substr(process_instance_id, 5), 1, process_instance_id, process_instance_id,
       (SELECT ID_ FROM ACT_RE_PROCDEF WHERE KEY_ = 'claim-lifecycle' ORDER BY VERSION_ DESC LIMIT 1), '审核学时登记',
       'reviewClaim',
       CASE WHEN id % 4 = 0 THEN (CASE WHEN unit_id = ${HOSPITAL} THEN (CASE WHEN id % 8 = 0 THEN '${REV0}' ELSE '${REV1}' END) ELSE 'ibrev-other' || unit_id END) END,
       50, submitted_at,
       CASE WHEN id % 3 = 0 THEN timestamp '2026-11-20 17:00' ELSE timestamp '2026-12-20 17:00' + (id % 50) * interval '1 hour' END, 1
FROM xs_claim WHERE submission_key LIKE 'ibk%';
INSERT INTO ACT_RU_IDENTITYLINK (ID_, REV_, USER_ID_, TYPE_, TASK_ID_)
SELECT 'ibl' || r || '-' || substr(c.process_instance_id, 5), 1,
       CASE WHEN c.unit_id = ${HOSPITAL} THEN (CASE WHEN r = 0 THEN '${REV0}' ELSE '${REV1}' END) ELSE 'ibrev-other' || c.unit_id END, 'candidate',
       'ibt' || substr(c.process_instance_id, 5)
FROM xs_claim c, generate_series(0, 1) r WHERE c.submission_key LIKE 'ibk%';

ANALYZE;
