package cn.xueshi.demo;

import cn.xueshi.hierarchy.Delta;
import cn.xueshi.hierarchy.Department;
import cn.xueshi.hierarchy.DepartmentRepository;
import cn.xueshi.hierarchy.DerivedRuleSet.OwnerKind;
import cn.xueshi.hierarchy.Derivations;
import cn.xueshi.hierarchy.RuleFiling;
import cn.xueshi.hierarchy.RuleSetVersion;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitRepository;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Demo of the rule-set hierarchy (规则层级与备案), through the real filing process: in Jilin, 吉林省卫生健康委员会 with a
 * filed health-industry set (provincial-journal papers 26 → 30 学时 and its own 医学继续教育), 吉林省人民医院 with a filed
 * 实施细则 on it (self-study by the hospital's self-study archive, at most 24 a year) and a second version of it waiting
 * in filing; in Qingdao, the 卫生 series under 青岛市卫生健康委员会. Accounts (password {@code demo}): {@code maintjl}
 * (卫健委规则维护), {@code mainthosp} (医院规则维护), {@code deptjl} (卫健委备案审核), {@code maintqd}; the provincial
 * bureau {@code bureau} files the department's set. Idempotent: nothing happens once the department exists.
 */
@Component
@Order(40)
@ConditionalOnProperty(name = "xueshi.demo-data.enabled", havingValue = "true")
class DemoHierarchySeeder implements ApplicationRunner {

    static final String JL_HEALTH = "JL-WJW";
    static final String QD_HEALTH = "QD-WJW";
    static final String JL_SET = "jilin-health-2026";
    static final String HOSPITAL_SET = "jilin-jlph-2026";
    static final String QD_SET = "qingdao-health-2023";

    private final DepartmentRepository departments;
    private final UnitRepository units;
    private final Derivations derivations;
    private final RuleFiling filing;
    private final CurrentUserService currentUsers;
    private final IdentityService identity;
    private final TaskService tasks;
    private final JdbcTemplate jdbc;

    DemoHierarchySeeder(DepartmentRepository departments, UnitRepository units, Derivations derivations,
            RuleFiling filing, CurrentUserService currentUsers, IdentityService identity, TaskService tasks,
            JdbcTemplate jdbc) {
        this.departments = departments;
        this.units = units;
        this.derivations = derivations;
        this.filing = filing;
        this.currentUsers = currentUsers;
        this.identity = identity;
        this.tasks = tasks;
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        seed();
    }

    void seed() {
        if (departments.existsById(JL_HEALTH) || units.findByCode("JL01").isEmpty()) {
            return;
        }
        departments.save(new Department(JL_HEALTH, "吉林省卫生健康委员会", "JILIN", "HEALTH", Department.Level.PROVINCIAL));
        departments.save(new Department(QD_HEALTH, "青岛市卫生健康委员会", "QINGDAO", "HEALTH", Department.Level.CITY));
        Unit hospital = link("JL01", JL_HEALTH);
        link("QD01", QD_HEALTH);
        user("maintjl", "周", "卫健", Groups.RULE_MAINTAINER);
        maintainer("maintjl", OwnerKind.DEPARTMENT, JL_HEALTH);
        user("mainthosp", "吴", "人事", Groups.RULE_MAINTAINER);
        maintainer("mainthosp", OwnerKind.UNIT, String.valueOf(hospital.getId()));
        user("deptjl", "郑", "备案", Groups.DEPARTMENT);
        jdbc.update("INSERT INTO xs_department_member (user_id, department_code) VALUES (?, ?)", "deptjl", JL_HEALTH);
        user("maintqd", "冯", "卫健", Groups.RULE_MAINTAINER);
        maintainer("maintqd", OwnerKind.DEPARTMENT, QD_HEALTH);

        LocalDate from = LocalDate.of(2026, 1, 1);
        derivations.create(JL_SET, "吉林省卫生健康委员会办法", OwnerKind.DEPARTMENT, JL_HEALTH, "jilin-2026", "maintjl");
        derivations.edit(JL_SET, d -> healthIndustry(d), "maintjl", "省级刊物论文第一作者 30 学时；新增医学继续教育");
        file(JL_SET, "maintjl", "bureau", "参照省学时认定参考，结合卫生健康行业特点", "吉卫人发〔2026〕3号", from);

        derivations.create(HOSPITAL_SET, "吉林省人民医院实施细则", OwnerKind.UNIT, String.valueOf(hospital.getId()),
                JL_SET, "mainthosp");
        derivations.edit(HOSPITAL_SET, d -> d
                .withChange(new Delta.Change("caps", "jl-cap-self-study", "cap", "24"))
                .withChange(new Delta.Change("items", "jl-self-study-1", "basis",
                        "\"吉林省人民医院实施细则第五条：按本院个人自学档案登记的学时认定，全年不超过24学时；无自学档案不予认定\"")),
                "mainthosp", "个人自学按本院自学档案认定，全年不超过 24 学时");
        file(HOSPITAL_SET, "mainthosp", "deptjl", "本院建立个人自学档案，制定自学认定标准", "吉医人〔2026〕12号", from);
        // a second version waits for the department's review
        derivations.edit(HOSPITAL_SET, d -> d.withChange(new Delta.Change("items", "jl-paper-3", "base", "32")),
                "mainthosp", "省级刊物论文第一作者 32 学时");
        filing.submit(currentUsers.load("mainthosp"), HOSPITAL_SET, "鼓励临床科研论文", "吉医人〔2026〕20号",
                LocalDate.of(2026, 7, 1), DemoDocuments.pdf("吉医人〔2026〕20号", "Jilin Provincial People's Hospital, "
                        + "detailed rules on continuing education hours, revision 2 (2026, No. 20)"));

        derivations.create(QD_SET, "青岛市卫生健康委员会卫生系列认定办法", OwnerKind.DEPARTMENT, QD_HEALTH, "qingdao-2023",
                "maintqd");
        derivations.edit(QD_SET, d -> d.withChange(new Delta.Change("items", "qd-paper-1", "perCount", "12")),
                "maintqd", "卫生系列论文每篇 12 学时");
        file(QD_SET, "maintqd", "bureauqd", "青人社字〔2023〕14号 五：卫生系列由市卫健委按其规定认定", "青卫〔2023〕8号",
                LocalDate.of(2023, 1, 1));
    }

    private static Delta healthIndustry(Delta d) {
        Map<String, String> type = new LinkedHashMap<>();
        type.put("code", "\"MEDICAL_CE\"");
        type.put("nameZh", "\"医学继续教育（学分项目）\"");
        type.put("nameEn", "\"Medical continuing education\"");
        type.put("parameters", "\"count\"");
        type.put("basis", "\"吉林省卫生健康委员会办法第六条：国家级、省级医学继续教育项目\"");
        Map<String, String> row = new LinkedHashMap<>();
        row.put("activityType", "\"MEDICAL_CE\"");
        row.put("perCount", "8");
        row.put("subject", "\"PROFESSIONAL\"");
        row.put("basis", "\"吉林省卫生健康委员会办法第六条：每个项目计8学时\"");
        return d.withChange(new Delta.Change("items", "jl-paper-3", "base", "30"))
                .withChange(new Delta.Change("items", "jl-paper-3", "basis",
                        "\"吉林省卫生健康委员会办法第五条：省级刊物第一作者和通讯作者30学时\""))
                .withAddition(new Delta.Addition("activity-types", "jlwjw-type-medical-ce", "办法第六条", type))
                .withAddition(new Delta.Addition("items", "jlwjw-medical-ce-1", "办法第六条", row));
    }

    private void file(String key, String maintainer, String authority, String reason, String document, LocalDate from) {
        RuleSetVersion v = filing.submit(currentUsers.load(maintainer), key, reason, document, from,
                DemoDocuments.pdf(document, "Rules on continuing education hours: " + key + ", in force from " + from));
        String task = tasks.createTaskQuery().processInstanceId(v.getProcessInstanceId()).singleResult().getId();
        filing.decide(currentUsers.load(authority), task, true, from, "同意备案");
    }

    private Unit link(String code, String department) {
        Unit u = units.findByCode(code).orElseThrow();
        u.assignDepartment(department, "HEALTH");
        return units.save(u);
    }

    private void maintainer(String user, OwnerKind kind, String code) {
        jdbc.update("INSERT INTO xs_rule_maintainer (user_id, owner_kind, owner_code) VALUES (?, ?, ?)", user,
                kind.name(), code);
    }

    private void user(String id, String lastName, String firstName, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User u = identity.newUser(id);
            u.setLastName(lastName);
            u.setFirstName(firstName);
            u.setEmail(id + "@demo.xueshi.example");
            u.setPassword(DemoDirectorySeeder.PASSWORD);
            identity.saveUser(u);
        }
        if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
            identity.createMembership(id, group);
        }
    }
}
