-- The policy-table regression case "吉林：伤、病、孕以外的原因不能申请" was shipped in
-- workbench/policy-regression-seed.json and encoded a misreading of the Jilin 2026 notice 三（二）
-- ("如伤、病、孕等" lists examples, any hardship the employer approves qualifies). The seed file now ships the
-- turned-round case under a new name, but PolicyCaseSeeds only adds missing names, so a database seeded before
-- kept the old case, which the corrected table fails and which blocks every deployment of hardship-policy.
-- Only the shipped copy (source SEED) goes: a case an analyst wrote under that name is the analyst's.
-- The removal is written to the table's workbench history like an analyst's deletion (CASE_DELETED).
INSERT INTO xs_wb_audit (rule_set, actor, action, detail, comment, created_at)
SELECT rule_set, 'system', 'CASE_DELETED', name,
       'V139：该回归用例按旧读法（伤、病、孕以外不能申请）编写，与吉林通知 三（二）“如伤、病、孕等”不符，已由新用例“吉林：伤、病、孕以外确有特殊困难的也可申请”替代',
       CURRENT_TIMESTAMP
FROM xs_wb_case
WHERE rule_set = 'hardship-policy' AND name = '吉林：伤、病、孕以外的原因不能申请' AND source = 'SEED';

-- xs_wb_case_change rows of the case (a pending draft's new expectation for it) go with it: ON DELETE CASCADE
DELETE FROM xs_wb_case
WHERE rule_set = 'hardship-policy' AND name = '吉林：伤、病、孕以外的原因不能申请' AND source = 'SEED';
