-- 职称申报学时核验: the year a person obtained their current professional title (取得现职称年份), entered by the
-- person. A Qingdao window is shorter when the years since that title are fewer than five (青人社字〔2023〕14号 四).
-- Kept apart from xs_person, which is rewritten when a person changes unit.
CREATE TABLE xs_title_profile (
    user_id     VARCHAR(64) PRIMARY KEY,
    title_year  INT         NOT NULL,
    updated_at  TIMESTAMP   NOT NULL
);
