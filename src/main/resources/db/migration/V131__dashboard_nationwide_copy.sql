-- The nationwide overview (an admin without filters), one copy per year shared by every node of the cluster:
-- built by one node at a time under a ShedLock lock (dashboard.NationwideCopies), read by all. body is the
-- overview as JSON.
CREATE TABLE xs_dashboard_copy (
    yr       INT       PRIMARY KEY,
    built_at TIMESTAMP NOT NULL,
    body     TEXT      NOT NULL
);
