-- 集体登记与批量导入 (issue 14): every import (history, provider report, activity roster) is one xs_import row
-- with its counts and progress (read by any node), and one xs_import_row per input row with its outcome, so the
-- dry-run report and the error report are the database's, not one node's memory.

CREATE TABLE xs_import (
    id              VARCHAR(40)   PRIMARY KEY,
    kind            VARCHAR(20)   NOT NULL,
    created_by      VARCHAR(64)   NOT NULL,
    created_at      TIMESTAMP     NOT NULL,
    file_name       VARCHAR(300),
    status          VARCHAR(20)   NOT NULL,
    total_rows      INT           NOT NULL,
    processed_rows  INT           NOT NULL DEFAULT 0,
    valid_rows      INT           NOT NULL DEFAULT 0,
    duplicate_rows  INT           NOT NULL DEFAULT 0,
    error_rows      INT           NOT NULL DEFAULT 0,
    warning_rows    INT           NOT NULL DEFAULT 0,
    created_records INT           NOT NULL DEFAULT 0,
    options_json    VARCHAR(2000),
    message         VARCHAR(1000),
    finished_at     TIMESTAMP,
    version         BIGINT        NOT NULL DEFAULT 0
);
CREATE INDEX ix_import_creator ON xs_import (created_by, created_at);

CREATE TABLE xs_import_row (
    import_id   VARCHAR(40)   NOT NULL REFERENCES xs_import (id),
    row_no      INT           NOT NULL,
    outcome     VARCHAR(20)   NOT NULL,
    field       VARCHAR(100),
    message     VARCHAR(1000),
    data_json   VARCHAR(8000) NOT NULL,
    PRIMARY KEY (import_id, row_no)
);

-- where a claim came from when nobody filled in the form: 历史导入 (source named), 机构报送, 单位组织
ALTER TABLE xs_claim ADD COLUMN origin VARCHAR(20);
ALTER TABLE xs_claim ADD COLUMN source VARCHAR(300);
ALTER TABLE xs_claim ADD COLUMN import_id VARCHAR(40);
