package cn.xueshi.collective;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimRepository;
import cn.xueshi.claim.ClaimStatus;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitType;
import cn.xueshi.importing.ImportFilesForBrowser;
import cn.xueshi.support.Browser;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 14's main path in Chromium: the organiser creates a fire-safety training, uploads the roster (.xlsx), checks
 * it, imports it, approves the batch; after publicity each attendee's 我的学时 progress bar counts the hours.
 */
@org.junit.jupiter.api.Tag("browser")
@IntegrationTest
class RosterBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    TestUsers users;
    @Autowired
    Directory directory;
    @Autowired
    ClaimRepository claims;
    @Autowired
    ClaimFixtures fixtures;

    @Test
    void rosterUploadToTheAttendeesProgressBars() throws Exception {
        Unit unit = users.unit("延边浏览器医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        String organiser = users.reviewerOf(unit, "金", "组织");
        String a = users.member(unit, "朴", "一");
        String b = users.member(unit, "崔", "二");
        Path sheet = Files.createTempFile("roster", ".xlsx");
        Files.write(sheet, ImportFilesForBrowser.roster(List.of(List.of(a, "朴一", "minutes=120"),
                List.of(b, "崔二", "minutes=60"))));
        try (Browser browser = Browser.open(port)) {
            browser.login(organiser, TestUsers.PASSWORD).awaitText("您好");
            browser.go("/activities").awaitText("新建活动");
            new Select(browser.driver().findElement(By.id("activityType"))).selectByValue("UNIT_ACTIVITY");
            browser.driver().findElement(By.id("title")).sendKeys("消防安全培训");
            // the chosen type's labelled field, shown by js/activity-form.js
            browser.driver().findElement(By.id("param-UNIT_ACTIVITY-minutes")).sendKeys("120");
            ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value=arguments[1];",
                    browser.driver().findElement(By.id("date")), "2026-11-09");
            browser.driver().findElement(By.id("organiser")).sendKeys("保卫科");
            browser.click(By.id("create"));
            browser.awaitText("参加人员", "上传名单");
            browser.click(By.id("upload-roster"));
            browser.awaitText("批量导入");
            browser.driver().findElement(By.id("file")).sendKeys(sheet.toString());
            browser.screenshot("roster-1-upload");
            browser.click(By.id("dry-run"));
            browser.awaitText("尚未写入任何记录", "确认导入 2 行");
            browser.click(By.id("commit"));
            browser.awaitText("已导入 2 条记录");
            browser.screenshot("roster-2-imported");
        }
        Claim ca = claims.findByClaimantOrderBySubmittedAtDesc(a).get(0);
        Claim cb = claims.findByClaimantOrderBySubmittedAtDesc(b).get(0);
        fixtures.runJobs(ca);
        fixtures.runJobs(cb);
        // priced per person: 120 minutes and 60 minutes of the same activity
        assertThat(fixtures.reload(ca).getProposedHours()).isGreaterThan(fixtures.reload(cb).getProposedHours());
        Claim anyOf = fixtures.reload(ca);
        long activityId = directoryActivity(anyOf);
        try (Browser browser = Browser.open(port)) {
            browser.login(organiser, TestUsers.PASSWORD).awaitText("您好");
            browser.go("/activities/" + activityId).awaitText("朴一", "崔二");
            browser.click(By.id("approve-all"));
            browser.awaitText("通过 2 条");
        }
        fixtures.endPublicity(ca);
        fixtures.endPublicity(cb);
        assertThat(fixtures.reload(ca).getStatus()).isEqualTo(ClaimStatus.REGISTERED);
        try (Browser browser = Browser.open(port)) {
            browser.login(a, TestUsers.PASSWORD).awaitText("您好");
            browser.go("/claims?year=2026").awaitText("年度学时进度");
            String total = browser.driver().findElement(By.id("progress-total")).getAttribute("value");
            assertThat(Double.parseDouble(total)).isGreaterThan(0);
            assertThat(browser.text()).contains(fixtures.reload(ca).getApprovedHours().stripTrailingZeros()
                    .toPlainString() + " / ");
            browser.screenshot("roster-3-progress");
        }
    }

    @Autowired
    AttendanceRepository attendances;

    private long directoryActivity(Claim claim) {
        return attendances.findByClaimId(claim.getId()).orElseThrow().getActivityId();
    }
}
