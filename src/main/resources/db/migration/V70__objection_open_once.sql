-- 异议: one open objection per person and claim, enforced by the database (issue 12, finding 6).
-- open_by holds raised_by while the objection is OPEN and is cleared when it is handled; NULLs never
-- collide in a unique constraint, so closed objections do not count (a partial index would do the same
-- on PostgreSQL, but H2 has none).
ALTER TABLE xs_objection ADD COLUMN open_by VARCHAR(64);

-- existing data may hold several open objections of one person on one claim (the flood): only the
-- earliest of each takes the slot; the others stay open and are handled like any other
UPDATE xs_objection SET open_by = raised_by
WHERE status = 'OPEN'
  AND id = (SELECT MIN(o.id) FROM xs_objection o
            WHERE o.claim_id = xs_objection.claim_id AND o.raised_by = xs_objection.raised_by AND o.status = 'OPEN');

ALTER TABLE xs_objection ADD CONSTRAINT uq_objection_open UNIQUE (claim_id, open_by);

-- the per-person rate limit counts recent objections of one person
CREATE INDEX ix_objection_raised_by ON xs_objection (raised_by, raised_at);
