package cn.xueshi.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.support.Browser;
import cn.xueshi.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * In Chromium: an analyst opens 审核分流 from the workbench, lengthens Anhui's bureau review period in a draft,
 * sees the regression case fail and the note instead of an impact preview, updates the case and deploys.
 */
@org.junit.jupiter.api.Tag("browser")
@IntegrationTest
class PolicyTableBrowserTest extends AnalystBrowserTest {

    static final String KEY = "review-routing";
    static final String DAYS_CELL = "out:route-anhui-non-state:1";

    @Test
    void analystChangesTheBureauReviewPeriodUpdatesTheCaseAndDeploys() throws Exception {
        WorkbenchFixtures.Saved saved = fixtures.save(KEY);
        int before = versions.activeVersion(KEY);
        try (Browser browser = signedInAnalyst("wbpb")) {
            browser.go("/workbench").awaitText("政策表", "审核分流", "登记政策", "公示政策", "困难补学/减免政策", "规则集选择");
            browser.click(By.linkText("审核分流"));
            browser.awaitText("政策表：审核分流", "审核时限（工作日）", "安徽：非公企业由属地人社部门核验（办法第十四条）");
            browser.screenshot("workbench-policy-table");
            browser.click(By.id("open-draft"));
            browser.awaitText("的草稿", "保存草稿");
            WebElement days = browser.driver().findElement(By.name(DAYS_CELL));
            assertThat(days.getAttribute("value")).isEqualTo("10");
            days.clear();
            days.sendKeys("15");
            browser.click(By.id("save-draft"));
            browser.awaitText("草稿已保存");
            browser.click(By.id("check-draft"));
            browser.awaitText("未发现问题", "个回归用例未通过", "安徽：非公企业由属地人社部门核验（办法第十四条）", "不做影响预览");
            browser.screenshot("workbench-policy-regression-failing");

            Draft draft = workbench.currentDraft(KEY).orElseThrow();
            List<Long> failing = workbench.regression(draft).stream().filter(r -> !r.passed())
                    .map(r -> r.regressionCase().getId()).toList();
            assertThat(failing).hasSize(2); // non-public units and freelancers
            for (Long id : failing) {
                browser.driver().findElement(By.id("case-" + id + "-comment")).sendKeys("属地人社部门核验改为15个工作日");
                browser.click(By.id("case-" + id + "-submit"));
                browser.awaitText("用例预期已在草稿中更新");
            }
            browser.awaitText("全部", "个回归用例通过");
            browser.driver().findElement(By.id("deploy-comment")).sendKeys("安徽属地核验时限调整");
            browser.click(By.id("deploy-submit"));
            browser.awaitText("已部署", "政策表：审核分流", "安徽属地核验时限调整");
            browser.screenshot("workbench-policy-deployed");
            assertThat(versions.activeVersion(KEY)).isEqualTo(before + 1);
            assertThat(workbench.activeTables(KEY).get(0).rows().get(0).outputs().get(1)).isEqualTo("15");
        } finally {
            fixtures.restore(saved);
        }
    }
}
