-- 单位活动组织者 (issue 14): a person an admin lets organise unit activities (create them, keep their rosters) for one
-- unit, without the reviewer's right to review or approve. One unit per organiser (the primary key).

CREATE TABLE xs_unit_organiser (
    user_id     VARCHAR(64) PRIMARY KEY,
    unit_id     BIGINT      NOT NULL REFERENCES xs_unit (id),
    granted_by  VARCHAR(64) NOT NULL,
    granted_at  TIMESTAMP   NOT NULL
);

CREATE INDEX ix_unit_organiser_unit ON xs_unit_organiser (unit_id);
