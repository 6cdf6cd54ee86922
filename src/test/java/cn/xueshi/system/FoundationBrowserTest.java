package cn.xueshi.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.Browser;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@org.junit.jupiter.api.Tag("browser")
@IntegrationTest
class FoundationBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    TestUsers users;

    @Test
    void employeeSignsInSeesTheirUnitSwitchesToEnglishAndSignsOut() throws Exception {
        Unit unit = users.unit("吉林大学第一医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        String employee = users.member(unit, "白", "居易");
        try (Browser browser = Browser.open(port)) {
            browser.login(employee, TestUsers.PASSWORD);
            assertThat(browser.awaitText("白居易，您好")).contains("吉林大学第一医院").contains("吉林省（2026年起）");
            browser.screenshot("foundation-employee-home");

            browser.driver().findElement(By.linkText("English")).click();
            assertThat(browser.awaitText("Hello, 白居易")).contains("Jilin (from 2026)");
            browser.driver().findElement(By.linkText("中文")).click();
            browser.awaitText("白居易，您好");

            browser.click(By.id("nav-account-menu"));
            browser.click(By.cssSelector("form[action='/logout'] button"));
            browser.awaitText("您已安全退出");
            browser.go("/");
            assertThat(browser.driver().getCurrentUrl()).endsWith("/login");
        }
    }

    @Test
    void adminSeesFieldErrorsInChineseAndKeepsWhatWasTyped() throws Exception {
        String admin = users.user("adm", "杜", "甫", Groups.ADMIN);
        try (Browser browser = Browser.open(port)) {
            browser.login(admin, TestUsers.PASSWORD).awaitText("杜甫，您好");
            browser.go("/admin/units/new");
            browser.driver().findElement(By.id("code")).sendKeys("bad code");
            browser.driver().findElement(By.id("name")).sendKeys("长白山旅游股份有限公司");
            browser.driver().findElement(By.cssSelector("main form button[type=submit]")).click();
            assertThat(browser.awaitText("单位编码须为 2–32 位大写字母、数字或短横线")).contains("请选择单位类型");
            assertThat(browser.driver().findElement(By.id("name")).getAttribute("value"))
                    .isEqualTo("长白山旅游股份有限公司");
            browser.screenshot("foundation-unit-form-errors");
        }
    }
}
