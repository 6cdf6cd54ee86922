-- Objections (异议) per claim unit, claim year and outcome (OPEN, DISMISSED, UPHELD), folded like the
-- rollups of V95: a change of an objection marks its claim's claimant and claim year.
CREATE TABLE xs_rollup_objection (
    unit_id BIGINT      NOT NULL,
    yr      INT         NOT NULL,
    status  VARCHAR(20) NOT NULL,
    n       BIGINT      NOT NULL,
    PRIMARY KEY (unit_id, yr, status)
);
CREATE INDEX ix_rollup_objection_year ON xs_rollup_objection (yr, unit_id);
