package cn.xueshi.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.hierarchy.DerivedRuleSet.OwnerKind;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.support.Browser;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** In Chromium: a unit's maintainer changes a rate in the typed editor and files it, the department files it, the employee's page follows. */
@org.junit.jupiter.api.Tag("browser")
@IntegrationTest
class RuleFilingBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    HierarchyFixtures fixtures;
    @Autowired
    Derivations derivations;
    @Autowired
    TestUsers users;
    @Autowired
    Directory directory;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void maintainerChangesARateDepartmentFilesItEmployeeSeesIt() throws Exception {
        Department dept = fixtures.department("JILIN", Department.Level.PROVINCIAL);
        Unit hospital = fixtures.unit("JILIN", "jilin-2026", dept);
        String employee = users.user("emp", "张", "医生", Groups.EMPLOYEE);
        directory.assignToUnit(employee, hospital.getId());
        String maintainer = users.user("rm", "吴", "人事", Groups.RULE_MAINTAINER);
        jdbc.update("INSERT INTO xs_rule_maintainer (user_id, owner_kind, owner_code) VALUES (?, 'UNIT', ?)", maintainer,
                String.valueOf(hospital.getId()));
        String staff = users.user("dp", "郑", "备案", Groups.DEPARTMENT);
        jdbc.update("INSERT INTO xs_department_member (user_id, department_code) VALUES (?, ?)", staff, dept.getCode());
        String key = HierarchyFixtures.unique("b");
        derivations.create(key, "浏览器测试医院实施细则", OwnerKind.UNIT, String.valueOf(hospital.getId()), "jilin-2026",
                maintainer);

        try (Browser b = Browser.open(port)) {
            b.login(employee, TestUsers.PASSWORD).awaitText("张医生，您好");
            String before = b.go("/rules/standards").awaitText("学时认定标准");
            assertThat(before).doesNotContain("浏览器测试医院实施细则");
        }
        try (Browser b = Browser.open(port)) {
            b.login(maintainer, TestUsers.PASSWORD).awaitText("吴人事，您好");
            b.go("/rule-sets/" + key).awaitText("浏览器测试医院实施细则", "尚无调整");
            // the typed editor of the analysts' workbench, on the unit's own draft: live before → after sentence
            b.click(By.id("open-draft"));
            b.awaitText("本级规则草稿", "新增本级活动类型");
            b.click(By.id("edit-jl-paper-3"));
            b.awaitText("修改前");
            var base = b.driver().findElement(By.id("t-out-0"));
            base.clear();
            base.sendKeys("33");
            new org.openqa.selenium.support.ui.WebDriverWait(b.driver(), java.time.Duration.ofSeconds(10)).until(d ->
                    d.findElement(By.id("sentence-after")).getText().contains("33 学时"));
            b.screenshot("hierarchy-0-typed-editor");
            b.click(By.id("save-rule"));
            b.awaitText("已保存", "省级刊物：26 学时（专业科目） → 33 学时（专业科目）", "本级修改");
            b.go("/rule-sets/" + key).awaitText("26 学时 → 33 学时");
            b.driver().findElement(By.id("reason")).sendKeys("鼓励临床医生在省级刊物发表论文");
            b.driver().findElement(By.id("documentRef")).sendKeys("吉医人〔2026〕21号");
            java.nio.file.Path scan = java.nio.file.Files.createTempFile("filing-document", ".pdf");
            java.nio.file.Files.write(scan, HierarchyFixtures.pdf("x.pdf", "Detailed rules, No. 21").content());
            scan.toFile().deleteOnExit();
            b.driver().findElement(By.id("document")).sendKeys(scan.toAbsolutePath().toString());
            ((JavascriptExecutor) b.driver()).executeScript("arguments[0].value=arguments[1];",
                    b.driver().findElement(By.id("effectiveFrom")), "2026-01-01");
            b.screenshot("hierarchy-1-submit");
            b.click(By.id("submit-filing"));
            b.awaitText("备案审核中");
        }
        try (Browser b = Browser.open(port)) {
            b.login(staff, TestUsers.PASSWORD).awaitText("郑备案，您好");
            b.go("/rule-sets/" + key).awaitText("办理此规则集的备案任务");
            b.click(By.id("open-task"));
            b.awaitText("规则备案审核", "26 学时 → 33 学时", "吉医人〔2026〕21号", "备案文件");
            assertThat(b.driver().findElement(By.id("filing-document")).getText()).startsWith("filing-document");
            new Select(b.driver().findElement(By.id("decision"))).selectByValue("FILE");
            b.driver().findElement(By.id("comments")).sendKeys("同意备案");
            b.screenshot("hierarchy-2-review");
            b.click(By.id("decide"));
            b.awaitText("已备案");
        }
        try (Browser b = Browser.open(port)) {
            b.login(employee, TestUsers.PASSWORD).awaitText("张医生，您好");
            String after = b.go("/rules/standards").awaitText("浏览器测试医院实施细则 v1，基于");
            assertThat(after).contains("33 学时").contains("26 学时 → 33 学时");
            b.screenshot("hierarchy-3-employee");
        }
    }
}
