-- ShedLock: one row per scheduled task; the node that holds the row (lock_until in the future, by the
-- database's clock) runs the task, the others skip that run. Columns as ShedLock's JdbcTemplateLockProvider expects.
CREATE TABLE shedlock (
    name       VARCHAR(64)  NOT NULL PRIMARY KEY,
    lock_until TIMESTAMP    NOT NULL,
    locked_at  TIMESTAMP    NOT NULL,
    locked_by  VARCHAR(255) NOT NULL
);
