-- 审核待办 at a unit's size: the inbox's batch check looks for possible duplicates by lower(title) in the unit;
-- without this index each check scans every item.
CREATE INDEX ix_item_title_lower ON xs_claim_item (lower(title));
