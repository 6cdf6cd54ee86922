-- 监督看板 benchmark data (PostgreSQL only, for a benchmark database): at scale s (DashboardBenchmark,
-- -Dbench.scale, default 1) 2,000·s units, 100,000·s persons, 1,000,000·s claims over 2022–2026 with 1.5·s million items, objections, reductions, make-up obligations,
-- filings, Camunda task history for every reviewed claim and open review tasks. Deterministic (no random()).

INSERT INTO xs_unit (code, name, unit_type, jurisdiction, rule_set, created_at)
SELECT 'BENCH' || g, '基准单位' || g, 'STATE_OWNED',
       (ARRAY['JILIN', 'QINGDAO', 'YUXI', 'ANHUI'])[1 + g % 4],
       (ARRAY['jilin-2026', 'qingdao-2023', 'yuxi-2024', 'anhui-2025'])[1 + g % 4], now()
FROM generate_series(0, ${units} - 1) g;

CREATE TEMPORARY TABLE bench_base AS SELECT MIN(id) AS base FROM xs_unit WHERE code LIKE 'BENCH%';

INSERT INTO xs_person (user_id, unit_id)
SELECT 'bp' || g, b.base + g % ${units} FROM generate_series(0, ${persons} - 1) g, bench_base b;

INSERT INTO xs_claim (claimant, unit_id, rule_set, claim_year, status, submission_key, process_instance_id,
                      approved_public, approved_professional, approved_hours, submitted_at, updated_at,
                      registered_at, filed_at, makeup_for_year)
SELECT 'bp' || p, b.base + p % ${units},
       (ARRAY['jilin-2026', 'qingdao-2023', 'yuxi-2024', 'anhui-2025'])[1 + (p % ${units}) % 4],
       y, st, 'bk' || g, 'bpi' || g,
       CASE WHEN st IN ('APPROVED', 'IN_PUBLICITY', 'REGISTERED', 'FILED') THEN 6 + g % 10 END,
       CASE WHEN st IN ('APPROVED', 'IN_PUBLICITY', 'REGISTERED', 'FILED') THEN 12 + g % 25 END,
       CASE WHEN st IN ('APPROVED', 'IN_PUBLICITY', 'REGISTERED', 'FILED') THEN 18 + g % 10 + g % 25 END,
       sub, sub,
       CASE WHEN st IN ('REGISTERED', 'FILED') THEN sub + interval '20 days' END,
       CASE WHEN st = 'FILED' THEN sub + interval '60 days' END,
       CASE WHEN g % 100 = 0 THEN y - 1 END
FROM (SELECT g, g % ${persons} AS p, 2022 + g % 5 AS y,
             (ARRAY['SUBMITTED', 'IN_REVIEW', 'RETURNED', 'APPROVED', 'IN_PUBLICITY', 'REJECTED',
                    'REGISTERED', 'REGISTERED', 'REGISTERED', 'REGISTERED', 'REGISTERED', 'REGISTERED', 'REGISTERED',
                    'FILED', 'FILED', 'FILED', 'FILED', 'FILED', 'FILED', 'FILED'])[1 + (g / 7) % 20] AS st,
             make_timestamp(2022 + g % 5, 1, 1, 8, 0, 0) + ((g / 5) % 330) * interval '1 day' + (g % 9) * interval '1 hour' AS sub
      FROM generate_series(0, ${claims} - 1) g) x, bench_base b;

INSERT INTO xs_claim_item (claim_id, position, activity_type, params_json, activity_date, hours, public_hours, professional_hours)
SELECT id, 0, (ARRAY['TRAINING', 'PROFESSIONAL_EXCHANGE', 'PAPER', 'UNIT_ACTIVITY', 'DEGREE_EDUCATION'])[1 + id % 5], '{}',
       CAST(submitted_at AS DATE), COALESCE(approved_hours, 18), COALESCE(approved_public, 6), COALESCE(approved_professional, 12)
FROM xs_claim WHERE submission_key LIKE 'bk%';
INSERT INTO xs_claim_item (claim_id, position, activity_type, params_json, activity_date, hours, public_hours, professional_hours)
SELECT id, 1, 'SKILL_COMPETITION', '{}', CAST(submitted_at AS DATE), 4, 0, 4
FROM xs_claim WHERE submission_key LIKE 'bk%' AND id % 2 = 0;

INSERT INTO xs_objection (claim_id, raised_by, reason, raised_at, status)
SELECT id, claimant, '基准异议', submitted_at + interval '10 days', (ARRAY['OPEN', 'DISMISSED', 'UPHELD'])[1 + id % 3]
FROM xs_claim WHERE submission_key LIKE 'bk%' AND id % 97 = 0 AND status IN ('IN_PUBLICITY', 'REGISTERED', 'FILED');

INSERT INTO xs_makeup_request (claimant, unit_id, rule_set, request_year, reason, period_start, period_end, description,
                               remedy, approved_public, approved_professional, status, submission_key, created_at)
SELECT p.user_id, p.unit_id, 'jilin-2026', 2022 + n % 5, 'ILLNESS', DATE '2024-01-01', DATE '2024-03-01', '基准',
       CASE WHEN n % 3 = 0 THEN 'MAKEUP' ELSE 'REDUCTION' END, 10, 20,
       CASE WHEN n % 4 = 0 THEN 'SUBMITTED' ELSE 'APPROVED' END, 'bm' || n, now()
FROM (SELECT user_id, unit_id, CAST(substr(user_id, 3) AS INT) AS n FROM xs_person WHERE user_id LIKE 'bp%') p
WHERE p.n % 50 = 0;

INSERT INTO xs_makeup_obligation (request_id, claimant, unit_id, obligation_year, due_date, status)
SELECT id, claimant, unit_id, request_year, make_date(request_year + 1, 6, 30),
       (ARRAY['OPEN', 'FULFILLED', 'MISSED'])[1 + id % 3]
FROM xs_makeup_request WHERE submission_key LIKE 'bm%' AND remedy = 'MAKEUP';

INSERT INTO xs_unit_filing (unit_id, filing_year, status, deadline, started_by, started_at)
SELECT u.id, y.y, (ARRAY['COMPILING', 'SUBMITTED', 'RETURNED', 'FILED', 'FILED'])[1 + (u.id + y.y) % 5],
       make_date(y.y + 1, 3, 31), 'bench', make_timestamp(y.y + 1, 1, 10, 9, 0, 0)
FROM xs_unit u, (SELECT generate_series(2022, 2025) AS y) y
WHERE u.code LIKE 'BENCH%' AND (u.id + y.y) % 7 <> 0;

-- Camunda history: one finished review per reviewed claim, one objection handling per objection
INSERT INTO ACT_HI_TASKINST (ID_, TASK_DEF_KEY_, PROC_DEF_KEY_, PROC_INST_ID_, START_TIME_, END_TIME_, DURATION_)
SELECT 'bht' || id, 'reviewClaim', 'claim-lifecycle', process_instance_id, submitted_at,
       submitted_at + (1 + (id * 7919) % 200) * interval '1 hour', (1 + (id * 7919) % 200) * 3600000
FROM xs_claim WHERE submission_key LIKE 'bk%' AND status NOT IN ('SUBMITTED', 'IN_REVIEW');
INSERT INTO ACT_HI_TASKINST (ID_, TASK_DEF_KEY_, PROC_DEF_KEY_, PROC_INST_ID_, START_TIME_, END_TIME_, DURATION_)
SELECT 'bho' || o.id, 'handleObjection', 'claim-lifecycle', c.process_instance_id, o.raised_at,
       o.raised_at + (1 + o.id % 48) * interval '1 hour', (1 + o.id % 48) * 3600000
FROM xs_objection o JOIN xs_claim c ON c.id = o.claim_id WHERE c.submission_key LIKE 'bk%' AND o.status <> 'OPEN';

-- open reviews: an execution and a task each, offered to one of 500 reviewers, a third of them overdue
INSERT INTO ACT_RU_EXECUTION (ID_, REV_, PROC_INST_ID_, IS_ACTIVE_, IS_CONCURRENT_, IS_SCOPE_, IS_EVENT_SCOPE_, SUSPENSION_STATE_)
SELECT process_instance_id, 1, process_instance_id, TRUE, FALSE, TRUE, FALSE, 1
FROM xs_claim WHERE submission_key LIKE 'bk%' AND status = 'IN_REVIEW';
INSERT INTO ACT_RU_TASK (ID_, REV_, EXECUTION_ID_, PROC_INST_ID_, NAME_, TASK_DEF_KEY_, ASSIGNEE_, PRIORITY_, CREATE_TIME_, DUE_DATE_, SUSPENSION_STATE_)
SELECT 'brt' || id, 1, process_instance_id, process_instance_id, '审核学时登记', 'reviewClaim',
       CASE WHEN id % 2 = 0 THEN 'brev' || unit_id % 500 END, 50, submitted_at,
       CASE WHEN id % 3 = 0 THEN now() - interval '3 days' ELSE now() + interval '5 days' END, 1
FROM xs_claim WHERE submission_key LIKE 'bk%' AND status = 'IN_REVIEW';
INSERT INTO ACT_RU_IDENTITYLINK (ID_, REV_, USER_ID_, TYPE_, TASK_ID_)
SELECT 'bil' || id, 1, 'brev' || unit_id % 500, 'candidate', 'brt' || id
FROM xs_claim WHERE submission_key LIKE 'bk%' AND status = 'IN_REVIEW' AND id % 2 = 1;

ANALYZE;
