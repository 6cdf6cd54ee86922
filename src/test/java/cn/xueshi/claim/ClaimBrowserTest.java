package cn.xueshi.claim;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.support.Browser;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An employee registers an activity with a live preview, the reviewer approves it, it goes on the publicity board. */
@org.junit.jupiter.api.Tag("browser")
@IntegrationTest
class ClaimBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    ClaimRepository claims;

    @Test
    void employeeRegistersWithPreviewReviewerApprovesItGoesToPublicity() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        Long claimId;
        try (Browser browser = Browser.open(port)) {
            browser.login(s.employee(), TestUsers.PASSWORD).awaitText("王小明，您好");
            browser.go("/claims/new").awaitText("学时登记");
            new Select(browser.driver().findElement(By.id("items0.activityType")))
                    .selectByValue("PROFESSIONAL_EXCHANGE");
            WebElement days = browser.driver().findElement(By.id("items0.PROFESSIONAL_EXCHANGE.days"));
            days.sendKeys("3");
            WebElement date = browser.driver().findElement(By.id("items0.activityDate"));
            ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value='2026-03-02';", date);
            browser.driver().findElement(By.id("items0.title")).sendKeys("东北亚心血管论坛");
            browser.awaitText("合计：24");
            browser.screenshot("claim-form-preview");
            browser.click(By.id("pledge1"));
            browser.click(By.id("submit-claim"));
            browser.awaitText("学时登记已提交");
            String url = browser.driver().getCurrentUrl();
            claimId = Long.valueOf(url.substring(url.lastIndexOf('/') + 1));
        }
        fixtures.runJobs(claims.findById(claimId).orElseThrow());

        try (Browser browser = Browser.open(port)) {
            browser.login(s.reviewer(), TestUsers.PASSWORD).awaitText("李审核，您好");
            browser.go("/review").awaitText("待审核学时登记", "王小明");
            browser.screenshot("review-inbox");
            browser.click(By.linkText(String.valueOf(claimId)));
            browser.awaitText("审核学时登记 #" + claimId, "24 学时");
            browser.click(By.cssSelector("input[name=decision][value=APPROVE]"));
            browser.screenshot("review-form");
            browser.click(By.id("submit-review"));
            browser.awaitText("已审核通过");
        }

        try (Browser browser = Browser.open(port)) {
            browser.login(s.employee(), TestUsers.PASSWORD).awaitText("王小明，您好");
            browser.go("/claims?year=2026");
            // approved hours are publicized first; they count once registered
            String page = browser.awaitText("公示中");
            assertThat(page).contains("0 / 90 学时");
            browser.screenshot("my-claims-approved");
        }
    }
}
