-- 青岛 2023 五: the hours of the health, school-teacher and accounting title series are reviewed by the city's
-- industry departments. A person's title series (职称系列) is its own table, not a column of xs_person: the unit
-- link row there is deleted and re-inserted on every move (Directory.setUnit).
CREATE TABLE xs_person_title_series (
    user_id  VARCHAR(64) PRIMARY KEY,
    series   VARCHAR(40) NOT NULL
);

-- the department a DEPARTMENT-routed claim went to (review-routing's reviewerDepartment), for access checks
ALTER TABLE xs_claim ADD COLUMN reviewer_department VARCHAR(40);
