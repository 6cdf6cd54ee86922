-- Dashboard rollups, the fold's cost (issue 16): each person-year's part of the unit rollups (xs_rollup_state, _type,
-- _objection, _day, _step_time, _open_task, _holder, _unit), so that a fold recounts the marked persons' claims and
-- tasks and moves the unit rows by the difference instead of recounting their whole unit-year
-- (dashboard.RollupParts). kind: S state, T activity type, O objection, D day, H finished tasks per step and duration
-- bucket, Q open tasks, W their holders, P the headcount (yr 0). k is the kind's key (state, activity type, day kind,
-- step, holder; '' for P); unused key columns are 0 or NULL, unused amounts 0. Only the fold (under the rollup lock)
-- and the rebuild write it; a unit row is always the sum of its parts.
CREATE TABLE xs_rollup_part (
    kind    CHAR(1)        NOT NULL,
    user_id VARCHAR(64)    NOT NULL,
    yr      INT            NOT NULL,
    unit_id BIGINT         NOT NULL,
    k       VARCHAR(255)   NOT NULL,
    bucket  INT            NOT NULL,
    due     TIMESTAMP,
    on_day  DATE,
    n       BIGINT         NOT NULL,
    pub     DECIMAL(14, 1) NOT NULL,
    prof    DECIMAL(14, 1) NOT NULL,
    sum_ms  BIGINT         NOT NULL,
    max_ms  BIGINT         NOT NULL
);
CREATE INDEX ix_rollup_part_person ON xs_rollup_part (user_id, yr);

-- the parts are built from the existing data by the next start's backfill (once per cluster), with the unit rows.
-- A node of the previous version still folding after that would recount unit-years past the parts: upgrade all
-- nodes together, or delete the 'built' mark again once the last old node is gone (the next start rebuilds).
DELETE FROM xs_rollup_meta WHERE name = 'built';
