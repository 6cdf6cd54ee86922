-- 证明材料: a file arrives once per form submission (issue 12, finding 9). submission_key is the key of
-- the form the file came with and stays after the file is attached to its claim (pending_key is cleared
-- then), so a double submit of the same form with the same file stores it once: the unique constraint
-- makes a parallel duplicate fail instead of adding a copy.
ALTER TABLE xs_evidence ADD COLUMN submission_key VARCHAR(64);

-- files still pending: the earliest copy of each content per form takes the key; copies stay as they are
UPDATE xs_evidence SET submission_key = pending_key
WHERE pending_key IS NOT NULL
  AND id = (SELECT MIN(e.id) FROM xs_evidence e
            WHERE e.pending_key = xs_evidence.pending_key AND e.sha256 = xs_evidence.sha256);

ALTER TABLE xs_evidence ADD CONSTRAINT uq_evidence_submission_file UNIQUE (submission_key, sha256);
