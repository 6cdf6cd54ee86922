package cn.xueshi.title;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.support.Browser;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Issue 15's proof in Chromium: the employee requests → the unit issues → the employee downloads → anyone verifies. */
@org.junit.jupiter.api.Tag("browser")
@IntegrationTest
class TitleProofBrowserTest {

    private static final Pattern CODE = Pattern.compile("验证码：(ZC[0-9A-Z]{18})");

    @LocalServerPort
    int port;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    TitleFixtures hours;

    @Test
    void requestIssueDownloadVerify() throws Exception {
        ClaimFixtures.Setup s = fixtures.unit("延边大学附属医院", cn.xueshi.identity.UnitType.STATE_OWNED, "JILIN",
                "jilin-2026");
        hours.registered(s.employee(), s.unit(), "jilin-2026", 2026, "30", "62");
        try (Browser browser = Browser.open(port)) {
            browser.login(s.employee(), TestUsers.PASSWORD).awaitText("王小明，您好");
            browser.go("/title?year=2026").awaitText("职称申报学时核验", "达标");
            browser.go("/title/proofs").awaitText("继续教育学习证明");
            browser.driver().findElement(By.id("proof-year")).clear();
            browser.driver().findElement(By.id("proof-year")).sendKeys("2026");
            browser.click(By.id("request-proof"));
            browser.awaitText("已提交申请", "待出具");
            browser.screenshot("title-proof-1-requested");
        }
        try (Browser browser = Browser.open(port)) {
            browser.login(s.reviewer(), TestUsers.PASSWORD).awaitText("李审核，您好");
            browser.go("/title/proofs").awaitText("待出具的证明", "王小明");
            browser.click(By.cssSelector("#pending-proofs a"));
            browser.awaitText("核验学时并出具证明", "92");
            browser.click(By.cssSelector("input[name=decision][value=ISSUE]"));
            browser.click(By.id("submit-proof-decision"));
            browser.awaitText("已出具学习证明");
            browser.screenshot("title-proof-2-issued");
        }
        String code;
        try (Browser browser = Browser.open(port)) {
            browser.login(s.employee(), TestUsers.PASSWORD).awaitText("王小明，您好");
            browser.go("/title/proofs").awaitText("已出具", "下载 PDF");
            String href = browser.driver().findElement(By.cssSelector("a.proof-download")).getAttribute("href");
            // the PDF itself with the browser's session (Chromium's download manager is not needed for that)
            String cookies = browser.driver().manage().getCookies().stream()
                    .map(Cookie::toString).map(c -> c.split(";")[0]).collect(Collectors.joining("; "));
            HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
                    .header("Cookie", cookies).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(pdf.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("pdf"));
            String text;
            try (PDDocument doc = Loader.loadPDF(pdf.body())) {
                text = new PDFTextStripper().getText(doc);
            }
            assertThat(text).contains("继续教育学习证明").contains("王小明").contains("延边大学附属医院").contains("92");
            Matcher m = CODE.matcher(text);
            assertThat(m.find()).isTrue();
            code = m.group(1);
        }
        try (Browser browser = Browser.open(port)) {
            browser.go("/verify/" + code).awaitText("继续教育学习证明核验", "真实有效", "王*", "达标");
            browser.screenshot("title-proof-3-verified");
        }
    }
}
