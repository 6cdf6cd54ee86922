-- The claims a department reviews that are still open (in review or in publicity): read when a department's reviewers
-- change (/admin/departments), to move the open tasks to the new reviewers and to refuse removing the last one.
CREATE INDEX ix_claim_reviewer_department ON xs_claim (reviewer_department, status);
