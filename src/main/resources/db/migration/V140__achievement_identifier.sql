-- 成果编号 (DOI/刊号, ISBN, 专利号, 证书编号, 课题编号) of an achievement item, as typed (青岛 四（三）, 安徽 第十二条（四）)
ALTER TABLE xs_claim_item ADD COLUMN achievement_id VARCHAR(200);
