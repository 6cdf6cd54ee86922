-- Dashboard rollups, second part (issue 16): the views that still scanned Camunda's tables and xs_person per
-- request. Folded like V95/V96 (dashboard.Rollups, dirty marks under ShedLock): a task of a claim's process
-- created, claimed, unclaimed, completed or deleted marks the claim's claimant and claim year
-- (dashboard.TaskRollupListener, in the engine's transaction); a person's move marks the person and both units.

-- a move between units: the unit the person left (the fold recounts its headcount too); NULL for other marks
ALTER TABLE xs_rollup_dirty ADD COLUMN unit_id BIGINT;

-- finished user tasks of the claims of a unit and claim year, per step and duration bucket (the bucket bounds are
-- xueshi.dashboard.step-time-buckets): how many, the sum and the longest duration in the bucket, in milliseconds
CREATE TABLE xs_rollup_step_time (
    unit_id  BIGINT       NOT NULL,
    yr       INT          NOT NULL,
    task_key VARCHAR(255) NOT NULL,
    bucket   INT          NOT NULL,
    n        BIGINT       NOT NULL,
    sum_ms   BIGINT       NOT NULL,
    max_ms   BIGINT       NOT NULL,
    PRIMARY KEY (unit_id, yr, task_key, bucket)
);
CREATE INDEX ix_rollup_step_time_year ON xs_rollup_step_time (yr, unit_id);
-- the same per jurisdiction (sums of the unit rows, kept by the fold as deltas), so a province or the whole country
-- reads a few dozen rows instead of 20,000 units × buckets; max_ms only grows (history is not changed, only cleaned)
CREATE TABLE xs_rollup_step_time_j (
    jurisdiction VARCHAR(20)  NOT NULL,
    yr           INT          NOT NULL,
    task_key     VARCHAR(255) NOT NULL,
    bucket       INT          NOT NULL,
    n            BIGINT       NOT NULL,
    sum_ms       BIGINT       NOT NULL,
    max_ms       BIGINT       NOT NULL,
    PRIMARY KEY (jurisdiction, yr, task_key, bucket)
);

-- open user tasks of the claims of a unit and claim year, per step and due instant (NULL: none). Due instants are
-- the end of a working day, so a unit has a row per step and due day, not per task; overdue is counted at read time
CREATE TABLE xs_rollup_open_task (
    unit_id  BIGINT       NOT NULL,
    yr       INT          NOT NULL,
    task_key VARCHAR(255) NOT NULL,
    due      TIMESTAMP,
    n        BIGINT       NOT NULL
);
CREATE INDEX ix_rollup_open_task_unit ON xs_rollup_open_task (unit_id, yr);
CREATE INDEX ix_rollup_open_task_year ON xs_rollup_open_task (yr, unit_id);

-- who holds those open tasks (the assignee, else each candidate user or group), per due instant
CREATE TABLE xs_rollup_holder (
    unit_id BIGINT       NOT NULL,
    yr      INT          NOT NULL,
    holder  VARCHAR(255) NOT NULL,
    due     TIMESTAMP,
    n       BIGINT       NOT NULL
);
CREATE INDEX ix_rollup_holder_unit ON xs_rollup_holder (unit_id, yr);
CREATE INDEX ix_rollup_holder_year ON xs_rollup_holder (yr, unit_id);

-- the headcount of a unit (xs_person), so the units view does not count 1,000,000 persons per request
CREATE TABLE xs_rollup_unit (
    unit_id BIGINT PRIMARY KEY,
    persons BIGINT NOT NULL
);

-- the new tables are built from the existing data by the next start's backfill (once per cluster)
DELETE FROM xs_rollup_meta WHERE name = 'built';
