package cn.xueshi.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.claim.Claim;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.notification.Notifications;
import cn.xueshi.support.Axe;
import cn.xueshi.support.Browser;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * axe-core on the main page of each role: no serious or critical violation (colour contrast, names of
 * controls, landmarks …). And the grouped navigation: one line at 1280 px, a collapsed menu on a phone.
 */
@org.junit.jupiter.api.Tag("browser")
@IntegrationTest
class AccessibilityBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    TestUsers users;
    @Autowired
    ClaimFixtures claims;
    @Autowired
    Directory directory;
    @Autowired
    Notifications notifications;

    @Test
    void mainPageOfEveryRoleHasNoSeriousOrCriticalViolation() throws Exception {
        ClaimFixtures.Setup s = claims.jilin();
        Claim inReview = claims.exchange(s.employee(), 3);
        claims.registeredExchange(s, 2);
        notifications.send(List.of(s.employee()), "MAKEUP_APPROVED", null, "2026");
        notifications.send(List.of(s.reviewer()), "FILING_DUE", null, "长春市第一医院 2026 年度");
        String bureau = users.user("bur", "赵", "局", Groups.BUREAU);
        directory.assignOversight(bureau, "JILIN");
        String supervisor = users.user("sup", "钱", "监", Groups.SUPERVISOR);
        directory.assignOversight(supervisor, "JILIN");
        String analyst = users.user("ana", "孙", "规", Groups.ANALYST);
        String admin = users.user("adm", "周", "管", Groups.ADMIN);

        Map<String, List<String>> pages = new LinkedHashMap<>();
        pages.put(s.employee(), List.of("/", "/claims", "/claims/" + inReview.getId()));
        pages.put(s.reviewer(), List.of("/", "/review"));
        pages.put(bureau, List.of("/filing"));
        pages.put(analyst, List.of("/workbench"));
        pages.put(supervisor, List.of("/dashboard"));
        pages.put(admin, List.of("/admin/units"));

        List<String> found = new ArrayList<>();
        try (Browser browser = Browser.open(port)) {
            for (Map.Entry<String, List<String>> e : pages.entrySet()) {
                browser.driver().manage().deleteAllCookies();
                browser.login(e.getKey(), TestUsers.PASSWORD).awaitText("您好");
                for (String path : e.getValue()) {
                    browser.go(path);
                    browser.awaitText("学时通");
                    for (Axe.Violation v : Axe.seriousOrCritical(browser.driver())) {
                        found.add(path + ": " + v);
                    }
                    if (path.equals("/claims")) {
                        badgesAreColouredAndDistinct(browser);
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }

    /** 我的学时 shows 审核中 and 登记完成: each badge has a background of its own (not white on nothing). */
    private static void badgesAreColouredAndDistinct(Browser browser) {
        List<WebElement> badges = browser.driver().findElements(By.cssSelector("#my-claims .status-badge"));
        assertThat(badges).extracting(WebElement::getText).contains("审核中", "登记完成");
        assertThat(badges).allSatisfy(b -> assertThat(b.getCssValue("background-color"))
                .isNotIn("rgba(0, 0, 0, 0)", "transparent", "rgba(255, 255, 255, 1)"));
        assertThat(badges.stream().map(b -> b.getCssValue("background-color")).distinct()).hasSize(2);
    }

    @Test
    void navigationOfAReviewerWithAUnitFitsOneLineAt1280AndCollapsesOnAPhone() throws Exception {
        ClaimFixtures.Setup s = claims.jilin();
        // a reviewer who is also a member of a unit: the most entries any one person gets
        directory.assignToUnit(s.reviewer(), s.unit().getId());
        try (Browser browser = Browser.open(port)) {
            browser.login(s.reviewer(), TestUsers.PASSWORD).awaitText("您好");
            List<WebElement> top = browser.driver().findElements(By.cssSelector("#mainNav > ul.navbar-nav > li.nav-item"));
            assertThat(top).hasSizeLessThanOrEqualTo(7);
            WebElement nav = browser.driver().findElement(By.cssSelector("nav.navbar"));
            // one row: the bar is no taller than a single line of links
            assertThat(nav.getSize().getHeight()).isLessThan(70);
            assertThat(top).allSatisfy(li -> assertThat(li.getLocation().getY()).isEqualTo(top.get(0).getLocation().getY()));

            // the area menus open by Bootstrap's dropdown (no inline script) and lead to the pages
            browser.click(By.id("nav-review-menu"));
            browser.screenshot("navigation-1280-review-menu");
            browser.click(By.cssSelector("a.dropdown-item[href='/review']"));
            browser.awaitText("待审核");

            browser.driver().manage().window().setSize(new Dimension(390, 844));
            browser.go("/");
            WebElement toggler = browser.driver().findElement(By.cssSelector(".navbar-toggler"));
            assertThat(toggler.isDisplayed()).isTrue();
            assertThat(browser.driver().findElement(By.id("mainNav")).isDisplayed()).isFalse();
            toggler.click();
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(5))
                    .until(d -> d.findElement(By.id("mainNav")).isDisplayed());
            browser.screenshot("navigation-phone-open");
        }
    }
}
