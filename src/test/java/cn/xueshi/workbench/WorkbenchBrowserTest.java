package cn.xueshi.workbench;

import static cn.xueshi.workbench.WorkbenchFixtures.RATE_CELL;
import static cn.xueshi.workbench.WorkbenchFixtures.YUXI;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.Browser;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * An analyst raises a rate, sees a regression case fail, updates the case with a reason and deploys;
 * an employee's claim preview then shows the new hours.
 */
@org.junit.jupiter.api.Tag("browser")
@IntegrationTest
class WorkbenchBrowserTest extends AnalystBrowserTest {

    @Test
    void analystRaisesARateUpdatesTheCaseDeploysAndTheEmployeePreviewFollows() throws Exception {
        WorkbenchFixtures.Saved saved = fixtures.save(YUXI);
        Unit unit = users.unit("玉溪市人民医院", UnitType.STATE_OWNED, "YUXI", YUXI);
        String employee = users.member(unit, "赵", "玉溪");
        try {
            try (Browser browser = signedInAnalyst("wbb")) {
                browser.go("/workbench").awaitText("规则维护", YUXI);
                browser.go("/workbench/rule-sets/" + YUXI).awaitText("版本历史", "统一学习项目（考试合格） → 每项（次）5 学时", "首条命中");
                browser.screenshot("workbench-rule-set");
                browser.click(By.id("open-draft"));
                browser.awaitText("的草稿", "按句阅读");
                browser.click(By.id("view-table"));
                browser.awaitText("保存草稿");
                WebElement rate = browser.driver().findElement(By.name(RATE_CELL));
                assertThat(rate.getAttribute("value")).isEqualTo("5");
                rate.clear();
                rate.sendKeys("7");
                browser.click(By.id("save-draft"));
                browser.awaitText("草稿已保存");
                browser.click(By.id("check-draft"));
                browser.awaitText("个回归用例未通过", "玉溪：公需课程 2 项");
                browser.screenshot("workbench-regression-failing");

                Draft draft = workbench.currentDraft(YUXI).orElseThrow();
                List<Long> failing = workbench.regression(draft).stream().filter(r -> !r.passed())
                        .map(r -> r.regressionCase().getId()).toList();
                for (Long id : failing) {
                    browser.driver().findElement(By.id("case-" + id + "-comment")).sendKeys("按新标准每项7学时");
                    browser.click(By.id("case-" + id + "-submit"));
                    browser.awaitText("用例预期已在草稿中更新");
                }
                browser.awaitText("全部", "个回归用例通过");
                browser.driver().findElement(By.id("deploy-comment")).sendKeys("统一学习项目每项提高到7学时");
                browser.click(By.id("deploy-submit"));
                browser.awaitText("已部署", "统一学习项目每项提高到7学时");
                browser.screenshot("workbench-deployed");
            }
            try (Browser browser = Browser.open(port)) {
                browser.login(employee, TestUsers.PASSWORD).awaitText("赵玉溪，您好");
                browser.go("/claims/new").awaitText("学时登记");
                new Select(browser.driver().findElement(By.id("items0.activityType"))).selectByValue("PUBLIC_COURSE");
                WebElement date = browser.driver().findElement(By.id("items0.activityDate"));
                ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value='2026-03-02';", date);
                browser.driver().findElement(By.id("items0.PUBLIC_COURSE.count")).sendKeys("2");
                browser.driver().findElement(By.id("items0.title")).sendKeys("专业技术人员公需科目");
                browser.awaitText("合计：14");
                browser.screenshot("workbench-employee-preview");
            }
        } finally {
            fixtures.restore(saved);
        }
    }
}
