-- Issue 13: the supporting document of a rule filing (备案文件: the department's or unit's 文件, PDF or scan) is
-- kept like claim evidence, in xs_evidence, against the version it supports. One per version (a resubmission
-- after 退回 replaces it).
ALTER TABLE xs_evidence ADD COLUMN rule_set_version_id BIGINT REFERENCES xs_rule_set_version (id);
CREATE UNIQUE INDEX ux_evidence_rule_set_version ON xs_evidence (rule_set_version_id);
