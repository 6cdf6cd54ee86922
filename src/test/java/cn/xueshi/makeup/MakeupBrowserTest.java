package cn.xueshi.makeup;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimRepository;
import cn.xueshi.support.Browser;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Issue #7's main path in Chromium: request → employer approval → make-up claim next year → fulfilled. */
@org.junit.jupiter.api.Tag("browser")
@IntegrationTest
class MakeupBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    MakeupRequestRepository requests;
    @Autowired
    MakeupObligationRepository obligations;
    @Autowired
    ClaimRepository claims;
    @Autowired
    ManagementService management;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private static void setDate(Browser b, String id, String value) {
        ((JavascriptExecutor) b.driver()).executeScript("arguments[0].value=arguments[1];",
                b.driver().findElement(By.id(id)), value);
    }

    @Test
    void requestApprovalMakeupClaimFulfilled() throws Exception {
        ClaimFixtures.Setup s = fixtures.unit("珲春市医院", cn.xueshi.identity.UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        try (Browser browser = Browser.open(port)) {
            browser.login(s.employee(), TestUsers.PASSWORD).awaitText("王小明，您好");
            browser.go("/makeup/new").awaitText("补学/减免申请");
            new Select(browser.driver().findElement(By.id("reason"))).selectByValue("ILLNESS");
            setDate(browser, "periodStart", "2026-03-01");
            setDate(browser, "periodEnd", "2026-10-31");
            browser.driver().findElement(By.id("description")).sendKeys("肺炎住院后休养八个月");
            browser.click(By.cssSelector("input[name=remedy][value=MAKEUP]"));
            // Jilin 通知 三（二）: the request carries proof, and the form says so
            assertThat(browser.driver().findElement(By.id("evidence-required")).getText()).contains("须上传证明材料");
            java.nio.file.Path proof = java.nio.file.Files.createTempFile("proof", ".pdf");
            java.nio.file.Files.write(proof, cn.xueshi.evidence.EvidenceSamples.pdf());
            browser.driver().findElement(By.id("files")).sendKeys(proof.toAbsolutePath().toString());
            browser.screenshot("makeup-1-request");
            browser.click(By.id("submit-makeup"));
            browser.awaitText("申请已提交", "审核中");
        }
        MakeupRequest request = requests.findByClaimantOrderByCreatedAtDesc(s.employee()).get(0);
        try (Browser browser = Browser.open(port)) {
            browser.login(s.reviewer(), TestUsers.PASSWORD).awaitText("李审核，您好");
            browser.go("/makeup/unit").awaitText("待审核的申请");
            browser.click(By.partialLinkText("王小明"));
            browser.awaitText("肺炎住院后休养八个月");
            browser.click(By.cssSelector("input[name=decision][value=APPROVE]"));
            browser.click(By.id("submit-decision"));
            browser.awaitText("已批准申请", "未完成的补学义务");
            browser.screenshot("makeup-2-approved");
        }
        assertThat(obligations.findByRequestId(request.getId()).orElseThrow().getStatus())
                .isEqualTo(MakeupObligation.Status.OPEN);

        // next year: the employee registers a full-year study and marks it as make-up for 2026
        ClockUtil.setCurrentTime(Date.from(LocalDate.of(2027, 3, 1).atTime(9, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant()));
        try (Browser browser = Browser.open(port)) {
            browser.login(s.employee(), TestUsers.PASSWORD).awaitText("王小明，您好");
            browser.go("/claims/new").awaitText("补学：计入 2026 年度");
            new Select(browser.driver().findElement(By.id("makeupForYear"))).selectByValue("2026");
            new Select(browser.driver().findElement(By.id("items0.activityType"))).selectByValue("FULL_TIME_STUDY");
            setDate(browser, "items0.activityDate", "2027-02-20");
            browser.click(By.id("pledge1"));
            browser.screenshot("makeup-3-makeup-claim");
            browser.click(By.id("submit-claim"));
            browser.awaitText("学时登记已提交");
        }
        Claim claim = claims.findByClaimantOrderBySubmittedAtDesc(s.employee()).get(0);
        assertThat(claim.getMakeupForYear()).isEqualTo(2026);
        fixtures.runJobs(claim);
        fixtures.endPublicity(fixtures.approve(claim, s.reviewer()));

        Job deadline = management.createJobQuery().processInstanceId(request.getProcessInstanceId())
                .activityId("makeupDeadlineReached").singleResult();
        management.executeJob(deadline.getId());
        try (Browser browser = Browser.open(port)) {
            browser.login(s.employee(), TestUsers.PASSWORD).awaitText("王小明，您好");
            String page = browser.go("/makeup").awaitText("已补足");
            assertThat(page).contains("2027-12-31");
            browser.screenshot("makeup-4-fulfilled");
        }
    }
}
