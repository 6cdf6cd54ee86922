package cn.xueshi.demo;

import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.IdentityBootstrap;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitRepository;
import cn.xueshi.identity.UnitType;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demo units and people for the default profile, so a newcomer meets a living system.
 * Every account's password is {@code demo}. Idempotent: creates only what is missing.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "xueshi.demo-data.enabled", havingValue = "true")
public class DemoDirectorySeeder implements ApplicationRunner {

    static final String PASSWORD = "demo";

    record DemoUnit(String code, String name, UnitType type, String jurisdiction, String ruleSet, String department) {
    }

    record DemoPerson(String id, String lastName, String firstName, String unitCode) {
    }

    static final List<DemoUnit> UNITS = List.of(
            new DemoUnit("JL01", "吉林省人民医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026", "吉林省卫生健康委员会"),
            new DemoUnit("JL02", "长春新材料科技有限公司", UnitType.NON_PUBLIC, "JILIN", "jilin-2026", "长春市工业和信息化局"),
            new DemoUnit("QD01", "青岛市市立医院", UnitType.STATE_OWNED, "QINGDAO", "qingdao-2023", "青岛市卫生健康委员会"),
            new DemoUnit("QD02", "青岛市建筑业协会", UnitType.SOCIAL_ORG, "QINGDAO", "qingdao-2023", "青岛市住房和城乡建设局"),
            new DemoUnit("YX01", "玉溪市第一中学", UnitType.STATE_OWNED, "YUXI", "yuxi-2024", "玉溪市教育体育局"),
            new DemoUnit("YX02", "玉溪红塔工程设计有限公司", UnitType.NON_PUBLIC, "YUXI", "yuxi-2024", "玉溪市住房和城乡建设局"),
            new DemoUnit("AH01", "安徽省农业科学院", UnitType.STATE_OWNED, "ANHUI", "anhui-2025", "安徽省农业农村厅"),
            new DemoUnit("AH02", "合肥智造软件有限公司", UnitType.NON_PUBLIC, "ANHUI", "anhui-2025", "合肥市经济和信息化局"),
            new DemoUnit("AH03", "合肥市自由职业专业技术人员", UnitType.FREELANCE, "ANHUI", "anhui-2025", "合肥市人力资源和社会保障局"));

    static final List<DemoPerson> EMPLOYEES = List.of(
            new DemoPerson("employee", "张", "伟", "JL01"),
            new DemoPerson("liuyang", "刘", "洋", "JL01"),
            new DemoPerson("chenjing", "陈", "静", "JL01"),
            new DemoPerson("yangfan", "杨", "帆", "JL02"),
            new DemoPerson("zhaolei", "赵", "磊", "JL02"),
            new DemoPerson("huangmin", "黄", "敏", "QD01"),
            new DemoPerson("zhouqiang", "周", "强", "QD01"),
            new DemoPerson("wuxiuying", "吴", "秀英", "QD01"),
            new DemoPerson("xujun", "徐", "军", "QD02"),
            new DemoPerson("sunli", "孙", "丽", "QD02"),
            new DemoPerson("mayan", "马", "艳", "YX01"),
            new DemoPerson("zhuyong", "朱", "勇", "YX01"),
            new DemoPerson("hujie", "胡", "杰", "YX01"),
            new DemoPerson("guoxia", "郭", "霞", "YX02"),
            new DemoPerson("linhao", "林", "浩", "YX02"),
            new DemoPerson("heping", "何", "平", "AH01"),
            new DemoPerson("gaoyan", "高", "岩", "AH01"),
            new DemoPerson("luoqian", "罗", "倩", "AH01"),
            new DemoPerson("zhengkai", "郑", "凯", "AH02"),
            new DemoPerson("liangyu", "梁", "雨", "AH02"),
            new DemoPerson("songtao", "宋", "涛", "AH03"),
            new DemoPerson("tangning", "唐", "宁", "AH03"),
            // moved to 安徽省农业科学院 on 2025-07-01 (DemoTitleSeeder): 人员流动 across provinces
            new DemoPerson("hanxue", "韩", "雪", "JL01"));

    private final IdentityService identityService;
    private final UnitRepository units;
    private final Directory directory;

    public DemoDirectorySeeder(IdentityService identityService, UnitRepository units, Directory directory) {
        this.identityService = identityService;
        this.units = units;
        this.directory = directory;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        seed();
    }

    @Transactional
    public void seed() {
        for (DemoUnit u : UNITS) {
            if (!units.existsByCode(u.code())) {
                units.save(new Unit(u.code(), u.name(), u.type(), u.jurisdiction(), u.ruleSet(), u.department()));
            }
        }
        for (DemoPerson p : EMPLOYEES) {
            ensureUser(p.id(), p.lastName(), p.firstName(), Groups.EMPLOYEE);
            if (directory.unitOf(p.id()).isEmpty()) {
                directory.assignToUnit(p.id(), unit(p.unitCode()).getId());
            }
        }
        ensureUser("reviewer", "李", "娜", Groups.REVIEWER);
        directory.assignToUnit("reviewer", unit("JL01").getId());
        for (String code : List.of("JL01", "JL02", "QD01", "QD02", "YX01", "YX02", "AH01")) {
            directory.assignReviewer("reviewer", unit(code).getId());
        }
        ensureUser("bureau", "王", "建国", Groups.BUREAU);
        directory.assignOversight("bureau", "JILIN");
        ensureUser("bureauah", "钱", "卫东", Groups.BUREAU);
        directory.assignOversight("bureauah", "ANHUI");
        ensureUser("bureauqd", "孙", "海涛", Groups.BUREAU);
        directory.assignOversight("bureauqd", "QINGDAO");
        ensureUser("bureauyx", "段", "丽华", Groups.BUREAU);
        directory.assignOversight("bureauyx", "YUXI");
        // 青人社字〔2023〕14号 五: a health-series nurse of QD01 whose claims review-routing sends to 市卫生健康委
        // (QD-WJW, V144), and that department's reviewer
        ensureUser("wangfang", "王", "芳", Groups.EMPLOYEE);
        if (directory.unitOf("wangfang").isEmpty()) {
            directory.assignToUnit("wangfang", unit("QD01").getId());
        }
        directory.setTitleSeries("wangfang", "HEALTH");
        ensureUser("reviewerwjw", "于", "卫平", Groups.REVIEWER);
        if (directory.departmentExists("QD-WJW")) {
            directory.addToDepartment("reviewerwjw", "QD-WJW");
        }
        ensureUser("analyst", "许", "文", Groups.ANALYST);
        ensureUser("supervisor", "冯", "志远", Groups.SUPERVISOR);
        for (String j : List.of("JILIN", "QINGDAO", "YUXI", "ANHUI")) {
            directory.assignOversight("supervisor", j);
        }
        // the admin account itself comes from IdentityBootstrap (xueshi.admin.*)
    }

    private Unit unit(String code) {
        return units.findByCode(code).orElseThrow();
    }

    private void ensureUser(String id, String lastName, String firstName, String group) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User u = identityService.newUser(id);
            u.setLastName(lastName);
            u.setFirstName(firstName);
            u.setEmail(id + "@demo.xueshi.example");
            u.setPassword(PASSWORD);
            identityService.saveUser(u);
        }
        if (identityService.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
            identityService.createMembership(id, group);
        }
    }
}
