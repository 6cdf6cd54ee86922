package cn.xueshi.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.identity.Groups;
import cn.xueshi.support.Browser;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * In real Chromium, an analyst reads Jilin's rules as sentences, filters them to 发表论文, raises a rate through
 * the typed form, watches the before → after sentence and the sample hours follow as they type, saves, and sees
 * the change in words on the check page; the expert table keeps its header in view and its rows short.
 */
@org.junit.jupiter.api.Tag("browser")
@IntegrationTest
class TypedRuleEditBrowserTest {

    static final String JILIN = "jilin-2026";
    static final String PROVINCIAL_PAPER = "发表论文 · 独立作者或第一作者或通讯作者 · 省级刊物 → 26 学时（专业科目）";

    @LocalServerPort
    int port;
    @Autowired
    TestUsers users;
    @Autowired
    Workbench workbench;

    @Test
    void analystRaisesARateThroughTheTypedForm() throws Exception {
        String analyst = users.user("wbtb", "规", "则", Groups.ANALYST);
        try (Browser browser = Browser.open(port)) {
            browser.login(analyst, TestUsers.PASSWORD).awaitText("您好");
            browser.go("/workbench/rule-sets/" + JILIN).awaitText("按句阅读", PROVINCIAL_PAPER, "依据");
            browser.click(By.id("open-draft"));
            browser.awaitText("的草稿", PROVINCIAL_PAPER);

            new Select(browser.driver().findElement(By.id("filter-type"))).selectByVisibleText("发表论文");
            browser.click(By.id("filter-submit"));
            String filtered = browser.awaitText(PROVINCIAL_PAPER);
            assertThat(filtered).doesNotContain("课题研究 · 国家级");
            browser.screenshot("sentences-filtered");

            browser.click(By.id("edit-jl-paper-3"));
            browser.awaitText("编辑规则 #29", "修改前", "示例活动的学时");
            assertThat(new Select(browser.driver().findElement(By.id("t-in-4"))).getAllSelectedOptions())
                    .extracting(WebElement::getText).containsExactly("省级刊物");
            WebElement base = browser.driver().findElement(By.id("t-out-0"));
            assertThat(base.getAttribute("value")).isEqualTo("26");
            base.clear();
            base.sendKeys("30");
            // the live preview: the after sentence and the sample items follow the typed value
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d ->
                    d.findElement(By.id("sentence-after")).getText().endsWith("省级刊物 → 30 学时（专业科目）")
                            && d.findElement(By.id("samples")).getText().contains("30 学时"));
            assertThat(browser.driver().findElement(By.id("sentence-before")).getText()).isEqualTo(PROVINCIAL_PAPER);
            browser.screenshot("typed-edit-preview");

            // a bad value is answered next to the field while typing, and on saving
            base.clear();
            base.sendKeys("3000");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d ->
                    d.findElement(By.id("t-out-0-error")).getText().equals("不能大于 1000。"));
            browser.click(By.id("save-rule"));
            browser.awaitText("请改正标出的字段", "不能大于 1000。");
            base = browser.driver().findElement(By.id("t-out-0"));
            assertThat(base.getAttribute("value")).isEqualTo("3000");
            base.clear();
            base.sendKeys("30");
            browser.click(By.id("save-rule"));
            browser.awaitText("已保存", "省级刊物 → 30 学时（专业科目）");

            browser.click(By.id("check-draft"));
            browser.awaitText("与生效版本相比的变化", "发表论文 · 独立作者或第一作者或通讯作者 · 省级刊物：26 学时（专业科目） → 30 学时（专业科目）");
            browser.screenshot("typed-edit-diff");

            Draft draft = workbench.currentDraft(JILIN).orElseThrow();
            browser.go("/workbench/drafts/" + draft.getId());
            browser.click(By.id("view-table"));
            browser.awaitText("保存草稿");
            JavascriptExecutor js = (JavascriptExecutor) browser.driver();
            assertThat(js.executeScript("return getComputedStyle(document.querySelector('#draft-table thead th')).position"))
                    .isEqualTo("sticky");
            Number tallest = (Number) js.executeScript("return Math.max(...Array.from(document.querySelectorAll('#draft-table tbody tr'))"
                    + ".map(r => r.getBoundingClientRect().height))");
            assertThat(tallest.doubleValue()).isLessThan(120);
            browser.screenshot("expert-table");
        } finally {
            workbench.currentDraft(JILIN).ifPresent(d -> workbench.discard(d.getId(), analyst));
        }
    }
}
