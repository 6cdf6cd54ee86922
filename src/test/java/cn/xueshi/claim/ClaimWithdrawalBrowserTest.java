package cn.xueshi.claim;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.support.Browser;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * 撤回 in Chromium: the browser's confirmation comes first (dismissed, nothing happens and the button stays usable:
 * app.js's one-submit guard once disabled it even then), then the claimant confirms and the claim page says 已撤回
 * with the reason in its history.
 */
@org.junit.jupiter.api.Tag("browser")
@IntegrationTest
class ClaimWithdrawalBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    ClaimFixtures fixtures;

    @Test
    void theClaimantConfirmsTheWithdrawalAndSeesItOnTheClaimPage() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.exchange(s.employee(), 2);
        try (Browser browser = Browser.open(port)) {
            browser.login(s.employee(), TestUsers.PASSWORD).awaitText("王小明，您好");
            browser.go("/claims/" + claim.getId()).awaitText("撤回本次登记", "审核中");
            browser.driver().findElement(By.id("reason")).sendKeys("重复登记，改为下月统一登记");
            WebDriverWait wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(10));

            browser.click(By.id("withdraw-submit"));
            wait.until(ExpectedConditions.alertIsPresent());
            assertThat(browser.driver().switchTo().alert().getText()).contains("确定撤回本次学时登记吗");
            browser.driver().switchTo().alert().dismiss();
            assertThat(fixtures.reload(claim).getStatus()).as("dismissed: nothing sent").isEqualTo(ClaimStatus.IN_REVIEW);
            assertThat(browser.driver().findElement(By.id("withdraw-submit")).isEnabled()).as("still usable").isTrue();

            browser.click(By.id("withdraw-submit"));
            wait.until(ExpectedConditions.alertIsPresent());
            browser.driver().switchTo().alert().accept();
            String page = browser.awaitText("已撤回本次学时登记", "重复登记，改为下月统一登记");
            assertThat(page).contains("已撤回").doesNotContain("撤回本次登记");
            browser.screenshot("claim-withdrawn");
        }
        assertThat(fixtures.reload(claim).getStatus()).isEqualTo(ClaimStatus.WITHDRAWN);
    }
}
