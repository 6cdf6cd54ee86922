-- The three departments 青岛 2023 五 names (review-routing's reviewerDepartment codes). Their reviewers are
-- xs_department_member rows of people in the reviewer group; each city edits them through the directory.
INSERT INTO xs_department (code, name_zh, jurisdiction, industry, level)
    SELECT 'QD-WJW', '青岛市卫生健康委员会', 'QINGDAO', 'HEALTH', 'CITY'
    WHERE NOT EXISTS (SELECT 1 FROM xs_department WHERE code = 'QD-WJW');
INSERT INTO xs_department (code, name_zh, jurisdiction, industry, level)
    SELECT 'QD-JYJ', '青岛市教育局', 'QINGDAO', 'EDUCATION', 'CITY'
    WHERE NOT EXISTS (SELECT 1 FROM xs_department WHERE code = 'QD-JYJ');
INSERT INTO xs_department (code, name_zh, jurisdiction, industry, level)
    SELECT 'QD-CZJ', '青岛市财政局', 'QINGDAO', 'ACCOUNTING', 'CITY'
    WHERE NOT EXISTS (SELECT 1 FROM xs_department WHERE code = 'QD-CZJ');
