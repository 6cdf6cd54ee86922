-- 职称申报日期: the date a person files their title application (optional, stated with the proof request), so the
-- reminders before it (forecast/ApplicationDateReminders) can run while the window's hours are short.
ALTER TABLE xs_title_proof ADD COLUMN application_date DATE;

-- One row per reminder sent before an application date, so a second run (another node, a restart) sends none twice.
CREATE TABLE xs_application_reminder (
    claimant          VARCHAR(64) NOT NULL,
    application_year  INT         NOT NULL,
    application_date  DATE        NOT NULL,
    working_days      INT         NOT NULL,
    sent_at           TIMESTAMP   NOT NULL,
    CONSTRAINT pk_application_reminder PRIMARY KEY (claimant, application_year, application_date, working_days)
);
