-- removes what inbox-bench-data.sql inserted
DELETE FROM ACT_RU_IDENTITYLINK WHERE ID_ LIKE 'ibl%';
DELETE FROM ACT_RU_TASK WHERE ID_ LIKE 'ibt%';
DELETE FROM ACT_RU_EXECUTION WHERE ID_ LIKE 'ibpi%';
DELETE FROM xs_claim_item WHERE claim_id IN (SELECT id FROM xs_claim WHERE submission_key LIKE 'ibk%');
DELETE FROM xs_claim WHERE submission_key LIKE 'ibk%';
DELETE FROM ACT_ID_USER WHERE ID_ LIKE 'ibp%';
DELETE FROM xs_unit WHERE code LIKE 'IBENCH%';
