-- 吉林 学时认定参考 二（九）个人自学：“用人单位需建立专业技术人员自学档案……用人单位未建立自学档案的不予认定。”
-- One row per unit: the archive as it stands (established from a date; closed from a date once the unit stops keeping
-- it). self-study-archive-policy says which rule sets and activity types need it; ClaimValidation reads this row.
-- version is the optimistic lock of two reviewers acting on the same archive; the primary key decides two
-- simultaneous establishments.
CREATE TABLE xs_self_study_archive (
    unit_id          BIGINT        NOT NULL PRIMARY KEY REFERENCES xs_unit (id),
    unit_code        VARCHAR(32)   NOT NULL,
    established_from DATE          NOT NULL,
    established_by   VARCHAR(64)   NOT NULL,
    established_at   TIMESTAMP     NOT NULL,
    note             VARCHAR(1000),
    closed_from      DATE,
    closed_by        VARCHAR(64),
    closed_at        TIMESTAMP,
    version          INT           NOT NULL
);
