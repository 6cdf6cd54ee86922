-- 监督看板: indexes for the dashboard's aggregates (year/state counts, weekly throughput, the
-- claim ↔ process-instance join for Camunda tasks and history, units of a jurisdiction).

CREATE INDEX ix_claim_year_status ON xs_claim (claim_year, status, unit_id);
CREATE INDEX ix_claim_submitted_at ON xs_claim (submitted_at);
CREATE INDEX ix_claim_registered_at ON xs_claim (registered_at);
CREATE INDEX ix_claim_process ON xs_claim (process_instance_id);
CREATE INDEX ix_unit_jurisdiction ON xs_unit (jurisdiction);
CREATE INDEX ix_makeup_request_year ON xs_makeup_request (request_year, status, remedy);
CREATE INDEX ix_unit_filing_year ON xs_unit_filing (filing_year, unit_id);
