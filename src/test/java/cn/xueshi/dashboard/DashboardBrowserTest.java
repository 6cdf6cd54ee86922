package cn.xueshi.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.Browser;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@org.junit.jupiter.api.Tag("browser")
@IntegrationTest
class DashboardBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    TestUsers users;
    @Autowired
    Directory directory;

    @Test
    void supervisorSeesChartsAndFindsAUnitInTheTable() throws Exception {
        ClaimFixtures.Setup s = fixtures.unit("看板浏览器医院" + TestUsers.uniqueId("-"), UnitType.STATE_OWNED, "JILIN",
                "jilin-2026");
        fixtures.registeredExchange(s, 3);
        fixtures.exchange(s.employee(), 2);
        String supervisor = users.user("sup", "白", "监督", Groups.SUPERVISOR);
        directory.assignOversight(supervisor, "JILIN");
        try (Browser browser = Browser.open(port)) {
            browser.login(supervisor, TestUsers.PASSWORD);
            browser.go("/dashboard?year=2026&jurisdiction=JILIN");
            browser.awaitText("监督看板", s.unit().getName());
            new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d ->
                    d.findElements(By.cssSelector("canvas[data-rendered='true']")).size() == 3);
            browser.screenshot("dashboard-overview");
            // a province has thousands of units: the table is searched, sorted and paged by the server
            browser.driver().findElement(By.id("q")).sendKeys(s.unit().getName());
            new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("sort")))
                    .selectByValue("persons");
            browser.click(By.cssSelector("#dashboard-filter button[type=submit]"));
            browser.awaitText("第 1 页");
            assertThat(browser.driver().findElements(By.cssSelector("#units tbody tr"))).hasSize(1);
            assertThat(browser.driver().findElement(By.id("q")).getAttribute("value")).isEqualTo(s.unit().getName());
            browser.screenshot("dashboard-overview-units");
            browser.click(By.linkText(s.unit().getName()));
            browser.awaitText("王小明");
            browser.screenshot("dashboard-unit");
        }
    }
}
