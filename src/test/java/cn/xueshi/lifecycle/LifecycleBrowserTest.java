package cn.xueshi.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimStatus;
import cn.xueshi.filing.UnitFilingRepository;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.support.Browser;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue #6 end to end in Chromium: publicity board, an objection dismissed, the period ends (clock
 * moved), the unit's filing submitted and verified, the certificate downloaded and verified.
 */
@org.junit.jupiter.api.Tag("browser")
@IntegrationTest
class LifecycleBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    TestUsers users;
    @Autowired
    Directory directory;
    @Autowired
    ManagementService management;
    @Autowired
    UnitFilingRepository filings;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void fromPublicityThroughFilingToAVerifiedCertificate() throws Exception {
        ClaimFixtures.Setup s = fixtures.unit("敦化市医院", cn.xueshi.identity.UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        String colleague = users.member(s.unit(), "乔", "峰");
        String bureau = users.user("bur", "包", "拯", Groups.BUREAU);
        directory.assignOversight(bureau, "JILIN");
        Claim claim = fixtures.approve(fixtures.exchange(s.employee(), 3), s.reviewer());
        assertThat(claim.getStatus()).isEqualTo(ClaimStatus.IN_PUBLICITY);

        try (Browser browser = Browser.open(port)) {
            browser.login(colleague, TestUsers.PASSWORD).awaitText("乔峰，您好");
            browser.go("/publicity").awaitText("学时公示栏", "王小明", "24（公需 0，专业 24）");
            browser.screenshot("lifecycle-1-publicity-board");
            browser.click(By.cssSelector("a[href='/publicity/" + claim.getId() + "/objection']"));
            browser.driver().findElement(By.id("reason")).sendKeys("该交流实际只有两天");
            browser.click(By.id("submit-objection"));
            browser.awaitText("异议已提交");
        }
        try (Browser browser = Browser.open(port)) {
            browser.login(s.reviewer(), TestUsers.PASSWORD).awaitText("李审核，您好");
            browser.go("/review").awaitText("待处理的公示异议");
            browser.click(By.partialLinkText("处理学时登记 #" + claim.getId()));
            browser.awaitText("该交流实际只有两天", "乔峰");
            browser.click(By.id("decision1"));
            browser.driver().findElement(By.id("comment")).sendKeys("会议日程显示为三天，异议不成立");
            browser.screenshot("lifecycle-2-objection");
            browser.click(By.id("submit-handle"));
            browser.awaitText("异议不成立，公示继续");
        }

        // the publicity period ends: move the engine clock past it and run what is due
        ClockUtil.setCurrentTime(Date.from(fixtures.reload(claim).getPublicityEnd().plusSeconds(60)));
        for (Job job : management.createJobQuery().processInstanceId(claim.getProcessInstanceId()).executable().list()) {
            management.executeJob(job.getId());
        }
        assertThat(fixtures.reload(claim).getStatus()).isEqualTo(ClaimStatus.REGISTERED);

        try (Browser browser = Browser.open(port)) {
            browser.login(s.reviewer(), TestUsers.PASSWORD).awaitText("李审核，您好");
            browser.go("/filing").awaitText("敦化市医院：2026 年度");
            browser.click(By.xpath("//li[contains(., '敦化市医院：2026 年度')]//button"));
            browser.awaitText("提交人社局验证", "王小明");
            browser.screenshot("lifecycle-3-compile-filing");
            browser.click(By.id("submit-filing"));
            browser.driver().switchTo().alert().accept();
            browser.awaitText("备案已提交");
        }
        long filingId = filings.findByUnitIdAndYear(s.unit().getId(), 2026).orElseThrow().getId();
        try (Browser browser = Browser.open(port)) {
            browser.login(bureau, TestUsers.PASSWORD).awaitText("包拯，您好");
            browser.go("/filing/" + filingId).awaitText("验证结论");
            browser.click(By.id("decision-APPROVE"));
            browser.screenshot("lifecycle-4-verify-filing");
            browser.click(By.id("submit-verify"));
            browser.awaitText("备案已验证通过");
        }
        assertThat(fixtures.reload(claim).getStatus()).isEqualTo(ClaimStatus.FILED);

        String code;
        try (Browser browser = Browser.open(port)) {
            browser.login(s.employee(), TestUsers.PASSWORD).awaitText("王小明，您好");
            browser.go("/claims?year=2026").awaitText("已备案", "24 / 90 学时");
            browser.screenshot("lifecycle-5-my-claims-filed");
            code = certificateCode(browser.driver().manage().getCookieNamed("JSESSIONID"));
        }
        try (Browser browser = Browser.open(port)) {
            browser.go("/verify/" + code);
            String page = browser.text();
            assertThat(page).as("code %s", code).contains("王**").contains("敦化市医院").contains("24")
                    .doesNotContain("王小明");
            browser.screenshot("lifecycle-6-verify");
        }
    }

    /** Downloads the certificate with the browser's session and reads its verification code. */
    private String certificateCode(Cookie session) throws Exception {
        HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/documents/certificate?year=2026"))
                .header("Cookie", "JSESSIONID=" + session.getValue()).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("王小明").contains("24");
            Matcher m = Pattern.compile("验证码：\\s*(\\S+)").matcher(text);
            assertThat(m.find()).as(text).isTrue();
            return m.group(1);
        }
    }
}
