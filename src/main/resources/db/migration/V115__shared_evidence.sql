-- Shared evidence of a unit activity (issue 14): the notice and the sign-in sheet are stored once, against the
-- activity (xs_evidence.activity_id), and referenced by each attendee's claim (xs_claim_evidence), so the claim's
-- evidence page shows them to the attendee and the reviewer as it shows the claim's own files.

ALTER TABLE xs_evidence ADD COLUMN activity_id BIGINT REFERENCES xs_unit_activity (id);
CREATE INDEX ix_evidence_activity ON xs_evidence (activity_id);

CREATE TABLE xs_claim_evidence (
    claim_id     BIGINT NOT NULL REFERENCES xs_claim (id),
    evidence_id  BIGINT NOT NULL REFERENCES xs_evidence (id),
    CONSTRAINT pk_claim_evidence PRIMARY KEY (claim_id, evidence_id)
);
CREATE INDEX ix_claim_evidence_evidence ON xs_claim_evidence (evidence_id);
