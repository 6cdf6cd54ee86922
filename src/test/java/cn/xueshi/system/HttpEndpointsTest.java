package cn.xueshi.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimStatus;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.ClaimFixtures;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Over real HTTP: the Camunda REST API and webapps are servlets outside Spring MVC, and session
 * handling is the container's, so MockMvc cannot show these.
 */
@IntegrationTest
class HttpEndpointsTest {

    @LocalServerPort
    int port;
    @Autowired
    TestUsers users;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    Directory directory;
    @Autowired
    TaskService taskService;
    @Autowired
    AuthorizationService authorizations;

    private final HttpClient anonymous = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private HttpResponse<String> get(HttpClient client, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + TestUsers.PASSWORD).getBytes());
    }

    @Test
    void engineRestApiIsClosedWithoutCredentials() throws Exception {
        assertThat(get(anonymous, "/engine-rest/engine").statusCode()).isEqualTo(401);
        assertThat(get(anonymous, "/engine-rest/process-definition").statusCode()).isEqualTo(401);
    }

    @Test
    void engineRestApiIsForAdministratorsAndReadOnlyIntegrationAccounts() throws Exception {
        String employee = users.user("emp", "韩", "梅", Groups.EMPLOYEE);
        String reviewer = users.user("rev", "韩", "审", Groups.REVIEWER);
        String integration = users.user("int", "对", "接", Groups.INTEGRATION);
        String admin = users.user("adm", "李", "雷", Groups.ADMIN);
        for (String person : new String[] {employee, reviewer}) {
            assertThat(get(anonymous, "/engine-rest/engine", "Authorization", basic(person)).statusCode())
                    .as(person).isEqualTo(403);
        }
        assertThat(get(anonymous, "/engine-rest/engine", "Authorization", basic(integration)).statusCode())
                .isEqualTo(200);
        assertThat(send("PUT", "/engine-rest/user/" + integration + "/profile", integration,
                "{\"id\":\"" + integration + "\",\"firstName\":\"x\",\"lastName\":\"y\"}").statusCode())
                .isEqualTo(403);
        HttpResponse<String> asAdmin = get(anonymous, "/engine-rest/user/" + employee + "/profile",
                "Authorization", basic(admin));
        assertThat(asAdmin.statusCode()).isEqualTo(200);
        assertThat(asAdmin.body()).contains("韩");
    }

    @Test
    void engineRest403TextsDoNotNameOtherPeoplesInstances() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.exchange(s.employee(), 2);
        String integration = users.user("int", "对", "接", Groups.INTEGRATION);
        HttpResponse<String> refused = get(anonymous,
                "/engine-rest/process-instance/" + claim.getProcessInstanceId() + "/variables",
                "Authorization", basic(integration));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("无权执行此操作")
                .doesNotContain(claim.getProcessInstanceId()).doesNotContain("claim-lifecycle")
                .doesNotContain(integration);
    }

    @Test
    void aReviewerCannotRewriteTheClaimOfTheirOwnTaskThroughEngineRest() throws Exception {
        ClaimFixtures.Setup own = fixtures.jilin();
        ClaimFixtures.Setup other = fixtures.unit("延边州医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        Claim mine = fixtures.exchange(own.employee(), 2);
        Claim foreign = fixtures.registeredExchange(other, 3);
        String task = taskOf(mine);
        // assignees and candidates may work on a task, not rewrite it (defaultUserPermissionNameForTask)
        var grant = authorizations.createAuthorizationQuery().userIdIn(own.reviewer())
                .resourceType(Resources.TASK).resourceId(task).singleResult();
        assertThat(grant.isPermissionGranted(Permissions.UPDATE)).isFalse();
        assertThat(grant.isPermissionGranted(TaskPermissions.TASK_WORK)).isTrue();

        assertThat(send("PUT", "/engine-rest/task/" + task + "/variables/claimId", own.reviewer(),
                "{\"value\":" + foreign.getId() + ",\"type\":\"Long\"}").statusCode()).isEqualTo(403);
        assertThat(send("POST", "/engine-rest/task/" + task + "/complete", own.reviewer(),
                "{\"variables\":{\"claimId\":{\"value\":" + foreign.getId() + ",\"type\":\"Long\"},"
                        + "\"decision\":{\"value\":\"RETURN\"}}}").statusCode()).isEqualTo(403);

        assertThat(taskService.getVariable(task, "claimId")).isEqualTo(mine.getId());
        assertThat(fixtures.reload(foreign).getStatus()).isEqualTo(ClaimStatus.REGISTERED);
        assertThat(fixtures.reload(mine).getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);
    }

    @Test
    void aBureauOnlyAnhuiClaimCannotBeRejectedInTheBureausNameThroughEngineRest() throws Exception {
        ClaimFixtures.Setup jilin = fixtures.jilin();
        ClaimFixtures.Setup anhui = fixtures.unit("合肥自由职业者", UnitType.FREELANCE, "ANHUI", "anhui-2025");
        String bureau = users.user("bur", "周", "人社", Groups.BUREAU);
        directory.assignOversight(bureau, "ANHUI");
        Claim anhuiClaim = fixtures.submit(anhui.employee(), ClaimFixtures.form(2025, "TEACHING",
                java.time.LocalDate.of(2025, 5, 5), java.util.Map.of("count", "3")));
        Claim mine = fixtures.exchange(jilin.employee(), 2);
        String body = "{\"variables\":{\"claimId\":{\"value\":" + anhuiClaim.getId() + ",\"type\":\"Long\"},"
                + "\"reviewer\":{\"value\":\"" + bureau + "\"},\"decision\":{\"value\":\"REJECT\"}}}";
        assertThat(send("POST", "/engine-rest/task/" + taskOf(mine) + "/complete", jilin.reviewer(), body)
                .statusCode()).isEqualTo(403);
        // the bureau itself decides through the product's review page, not the engine API
        assertThat(send("POST", "/engine-rest/task/" + taskOf(anhuiClaim) + "/complete", bureau,
                "{\"variables\":{\"decision\":{\"value\":\"REJECT\"},\"reviewer\":{\"value\":\"" + bureau
                        + "\"}}}").statusCode()).isEqualTo(403);
        assertThat(fixtures.reload(anhuiClaim).getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);
        assertThat(fixtures.reload(mine).getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);
    }

    @Test
    void anEmployeeCannotRenameThemselvesOntoDocuments() throws Exception {
        String employee = users.user("emp", "张", "三", Groups.EMPLOYEE);
        String admin = users.user("adm", "人", "事", Groups.ADMIN);
        String rename = "{\"id\":\"" + employee + "\",\"firstName\":\"冒名\",\"lastName\":\"李\"}";
        assertThat(send("PUT", "/engine-rest/user/" + employee + "/profile", employee, rename).statusCode())
                .isEqualTo(403);
        assertThat(directory.displayName(employee)).isEqualTo("张三");
        // the Tasklist profile page talks to the webapp's engine API, which is camunda-admin only
        HttpClient employeeBrowser = signedIn(employee);
        assertThat(get(employeeBrowser, "/camunda/api/engine/engine/default/user/" + employee + "/profile")
                .statusCode()).isEqualTo(403);
        // names on documents are the administrators' (HR's) to change
        assertThat(send("PUT", "/engine-rest/user/" + employee + "/profile", admin,
                rename.replace("冒名", "四")).statusCode()).isEqualTo(204);
        assertThat(directory.displayName(employee)).isEqualTo("李四");
    }

    private HttpResponse<String> send(String method, String path, String user, String json) throws Exception {
        return anonymous.send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", basic(user)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private String taskOf(Claim claim) {
        return taskService.createTaskQuery().processInstanceId(fixtures.reload(claim).getProcessInstanceId())
                .taskDefinitionKey("reviewClaim").singleResult().getId();
    }

    @Test
    void camundaWebappsAreForAdministratorsOnlyAndShareTheProductLogin() throws Exception {
        String employee = users.user("emp", "林", "黛玉", Groups.EMPLOYEE);
        String admin = users.user("adm", "薛", "宝钗", Groups.ADMIN);

        assertThat(get(anonymous, "/camunda/app/cockpit/default/").statusCode()).isEqualTo(302);

        HttpClient employeeBrowser = signedIn(employee);
        assertThat(get(employeeBrowser, "/camunda/app/cockpit/default/").statusCode()).isEqualTo(403);

        HttpClient adminBrowser = signedIn(admin);
        HttpResponse<String> cockpit = get(adminBrowser, "/camunda/app/cockpit/default/");
        assertThat(cockpit.statusCode()).as(cockpit.body()).isEqualTo(200);
        // single sign-on: the webapp's own API knows who is signed in without a second login
        HttpResponse<String> auth = get(adminBrowser, "/camunda/api/admin/auth/user/default");
        assertThat(auth.statusCode()).isEqualTo(200);
        assertThat(auth.body()).contains("\"userId\":\"" + admin + "\"").contains("cockpit");
    }

    @Test
    void signingInIssuesANewSessionId() throws Exception {
        String employee = users.user("emp", "贾", "宝玉", Groups.EMPLOYEE);
        java.net.CookieManager cookies = new java.net.CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        // a protected page remembers where the visitor wanted to go: that starts a session before the login
        get(browser, "/claims");
        String token = csrfToken(get(browser, "/login").body());
        String before = sessionId(cookies);
        HttpResponse<String> login = postLogin(browser, employee, token);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).endsWith("/");
        String after = sessionId(cookies);
        assertThat(before).isNotNull();
        assertThat(after).isNotNull().isNotEqualTo(before);
        assertThat(get(browser, "/").body()).contains("贾宝玉");
    }

    private HttpClient signedIn(String user) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String token = csrfToken(get(browser, "/login").body());
        assertThat(postLogin(browser, user, token).headers().firstValue("Location").orElse("")).doesNotContain("error");
        return browser;
    }

    private HttpResponse<String> postLogin(HttpClient browser, String user, String token) throws Exception {
        String form = "username=" + user + "&password=" + TestUsers.PASSWORD + "&_csrf=" + token;
        return browser.send(HttpRequest.newBuilder(URI.create(url("/login")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrfToken(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("login form carries a CSRF token").isTrue();
        return m.group(1);
    }

    private static String sessionId(java.net.CookieManager cookies) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }
}
