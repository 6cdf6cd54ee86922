-- 审核待办: PostgreSQL gets an index on lower(title) (V90 there); H2 has no expression indexes and the
-- demo and test databases are small, so nothing is needed here. The version is kept in step with PostgreSQL.
SELECT 1;
