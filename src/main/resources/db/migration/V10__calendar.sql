-- 工作日历: a year's holiday file uploaded by an administrator (JSON text as uploaded, checked before saving).
-- It overrides the file shipped under calendar/holidays-YYYY.json; deleting the row restores the shipped year.

CREATE TABLE xs_calendar_year (
    calendar_year INT             PRIMARY KEY,
    content       VARCHAR(200000) NOT NULL,
    uploaded_by   VARCHAR(64)     NOT NULL,
    uploaded_at   TIMESTAMP       NOT NULL
);
