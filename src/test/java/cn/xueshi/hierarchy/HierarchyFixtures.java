package cn.xueshi.hierarchy;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.hierarchy.DerivedRuleSet.OwnerKind;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitRepository;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.TestUsers;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.test.web.servlet.MockMvc;

/** Departments, units and derived sets with unique codes, so tests share the one database. */
@Component
class HierarchyFixtures {

    private static final AtomicInteger SEQ = new AtomicInteger();
    static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);

    final DepartmentRepository departments;
    final UnitRepository units;
    final Derivations derivations;
    final TestUsers users;
    final JdbcTemplate jdbc;

    HierarchyFixtures(DepartmentRepository departments, UnitRepository units, Derivations derivations,
            TestUsers users, JdbcTemplate jdbc) {
        this.departments = departments;
        this.units = units;
        this.derivations = derivations;
        this.users = users;
        this.jdbc = jdbc;
    }

    static String unique(String prefix) {
        return prefix + "-" + RUN + "-" + SEQ.incrementAndGet();
    }

    Department department(String jurisdiction, Department.Level level) {
        String code = unique("DEPT").toUpperCase();
        return departments.save(new Department(code, "测试卫生健康委员会" + code, jurisdiction, "HEALTH", level));
    }

    /** A new rule maintainer (规则维护员) of the given department's or unit's sets. */
    String maintainerOf(OwnerKind kind, String code) {
        String id = users.user("rm", "赵", "维护", Groups.RULE_MAINTAINER);
        jdbc.update("INSERT INTO xs_rule_maintainer (user_id, owner_kind, owner_code) VALUES (?, ?, ?)", id, kind.name(),
                code);
        return id;
    }

    /** A page as {@code userId} with {@code roles}, in Chinese; it must answer 200. */
    static String page(MockMvc mvc, String path, String userId, String... roles) throws Exception {
        return mvc.perform(get(path).with(user(userId).roles(roles)).header("Accept-Language", "zh-CN"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    Unit unit(String jurisdiction, String ruleSet, Department department) {
        String code = unique("U").toUpperCase();
        Unit u = new Unit(code, "测试医院" + code, UnitType.STATE_OWNED, jurisdiction, ruleSet, null);
        if (department != null) {
            u.assignDepartment(department.getCode(), department.getIndustry());
        }
        return units.save(u);
    }

    /** A derived set owned by {@code owner}, with the given delta, submitted and filed from {@code from}. */
    String filed(OwnerKind kind, String ownerCode, String parent, Delta delta, LocalDate from) {
        String key = drafted(kind, ownerCode, parent, delta);
        RuleSetVersion v = derivations.submit(key, "结合本行业特点调整", "测试〔2026〕1号", from, "tester");
        derivations.file(v.getId(), from, "同意备案", "tester");
        return key;
    }

    String drafted(OwnerKind kind, String ownerCode, String parent, Delta delta) {
        String key = unique("t").toLowerCase();
        derivations.create(key, "测试规则集" + key, kind, ownerCode, parent, "tester");
        derivations.edit(key, d -> merge(d, delta), "tester", "测试修改");
        return key;
    }

    private static Delta merge(Delta base, Delta more) {
        Delta d = base;
        for (Delta.Change c : more.changes()) {
            d = d.withChange(c);
        }
        for (Delta.Removal r : more.removals()) {
            d = d.withRemoval(r);
        }
        for (Delta.Addition a : more.additions()) {
            d = d.withAddition(a);
        }
        return d;
    }

    /** A real one-page PDF, as the supporting document of a filing (备案文件). */
    static SupportingDocument pdf() {
        return pdf("测试〔2026〕1号.pdf", "Rules on continuing education hours");
    }

    static SupportingDocument pdf(String fileName, String line) {
        try (org.apache.pdfbox.pdmodel.PDDocument doc = new org.apache.pdfbox.pdmodel.PDDocument();
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            org.apache.pdfbox.pdmodel.PDPage page = new org.apache.pdfbox.pdmodel.PDPage();
            doc.addPage(page);
            try (org.apache.pdfbox.pdmodel.PDPageContentStream text =
                    new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
                text.beginText();
                text.setFont(new org.apache.pdfbox.pdmodel.font.PDType1Font(
                        org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA), 12);
                text.newLineAtOffset(72, 700);
                text.showText(line);
                text.endText();
            }
            doc.save(out);
            return new SupportingDocument(fileName, out.toByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The health industry's own activity type: 医学继续教育, 0.5 学时 per hour... here simply per count. */
    static Delta medicalEducation(String rulePrefix) {
        Map<String, String> type = new LinkedHashMap<>();
        type.put("code", "\"MEDICAL_CE\"");
        type.put("nameZh", "\"医学继续教育\"");
        type.put("nameEn", "\"Medical continuing education\"");
        type.put("parameters", "\"count\"");
        type.put("basis", "\"测试办法第三条\"");
        Map<String, String> row = new LinkedHashMap<>();
        row.put("activityType", "\"MEDICAL_CE\"");
        row.put("perCount", "6");
        row.put("subject", "\"PROFESSIONAL\"");
        row.put("basis", "\"测试办法第三条：每项 6 学时\"");
        return new Delta(null, null, java.util.List.of(
                new Delta.Addition("activity-types", rulePrefix + "-type-medical-ce", "测试办法第三条", type),
                new Delta.Addition("items", rulePrefix + "-medical-ce-1", "测试办法第三条", row)));
    }
}
