package cn.xueshi.workbench;

import cn.xueshi.identity.Groups;
import cn.xueshi.support.Browser;
import cn.xueshi.support.TestUsers;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The workbench's Chromium tests: a browser signed in as a new analyst (规则). */
@org.junit.jupiter.api.Tag("browser")
abstract class AnalystBrowserTest extends WorkbenchTestBase {

    @LocalServerPort
    int port;

    /** A browser at the home page of a new analyst; the caller closes it. */
    Browser signedInAnalyst(String prefix) throws Exception {
        String analyst = users.user(prefix, "规", "则", Groups.ANALYST);
        Browser browser = Browser.open(port);
        try {
            browser.login(analyst, TestUsers.PASSWORD).awaitText("您好");
            return browser;
        } catch (RuntimeException | Error e) {
            browser.close();
            throw e;
        }
    }
}
