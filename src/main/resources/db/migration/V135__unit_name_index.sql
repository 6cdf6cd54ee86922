-- 监督看板: the unit filter's choices are the first units of the scope by name (DashboardService.unitChoices, at most
-- xueshi.dashboard.unit-choices-max + 1). An administrator's scope is every unit: without this index each dashboard
-- page, one unit's too, read and sorted the whole unit table for them (20,000 units in a province, issue 16).
CREATE INDEX ix_unit_name ON xs_unit (name, id);
