package cn.xueshi.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.claim.Claim;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Groups;
import cn.xueshi.review.ReviewForm;
import cn.xueshi.review.ReviewService;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import cn.xueshi.task.TaskForm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Camunda Tasklist's "open form" link for our tasks: Tasklist reads the task's form key (engine REST
 * {@code /task/{id}/form}) and, for a key that is neither {@code embedded:} nor {@code app:}, links to
 * {@code <key>?taskId=<id>&callbackUrl=<tasklist>}. That link must reach the product's page for the task,
 * through the product's login, and only for people who may work on the task.
 */
@IntegrationTest
class TaskFormLinkTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    TaskService tasks;
    @Autowired
    FormService forms;
    @Autowired
    org.camunda.bpm.engine.RepositoryService repository;
    @Autowired
    TestUsers users;
    @Autowired
    ReviewService reviews;
    @Autowired
    CurrentUserService currentUsers;
    @LocalServerPort
    int port;
    @Value("${xueshi.admin.username}")
    String admin;
    @Value("${xueshi.admin.password}")
    String adminPassword;

    private Task task(Claim claim, String step) {
        return tasks.createTaskQuery().processInstanceId(claim.getProcessInstanceId()).taskDefinitionKey(step)
                .singleResult();
    }

    /** The link Tasklist builds for an external form (its cam-tasklist-form-external: key, taskId, callbackUrl). */
    private static String tasklistLink(String key, String taskId, String base) {
        return key + "?taskId=" + taskId + "&callbackUrl="
                + URLEncoder.encode(base + "/camunda/app/tasklist/default/", StandardCharsets.UTF_8);
    }

    @Test
    void tasklistLinkOfAReviewTaskOpensTheReviewPageThroughTheProductLogin() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.exchange(s.employee(), 2);
        Task review = task(claim, "reviewClaim");
        String base = "http://localhost:" + port;
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        // what Tasklist asks the engine (as the signed-in administrator)
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(base + "/engine-rest/task/"
                + review.getId() + "/form")).header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((admin + ":" + adminPassword).getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(200);
        JsonNode json = new ObjectMapper().readTree(form.body());
        String key = json.get("key").asText();
        assertThat(key).isEqualTo(TaskForm.REVIEW_CLAIM.key()).doesNotStartWith("embedded:").doesNotStartWith("app:");
        String link = tasklistLink(key, review.getId(), base);

        // the reviewer follows it without a session: the product's login, then back to the link
        HttpResponse<String> first = http.send(HttpRequest.newBuilder(URI.create(base + link)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(first.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        HttpResponse<String> loginPage = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage.body());
        assertThat(csrf.find()).isTrue();
        String body = "username=" + s.reviewer() + "&password=" + TestUsers.PASSWORD + "&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        String back = login.headers().firstValue("Location").orElseThrow();
        assertThat(back).contains(TaskForm.REVIEW_CLAIM.key()).contains("taskId=" + review.getId());

        HttpResponse<String> toPage = http.send(HttpRequest.newBuilder(URI.create(back)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(toPage.statusCode()).isEqualTo(302);
        String page = toPage.headers().firstValue("Location").orElseThrow();
        assertThat(URI.create(base).resolve(page).getPath()).isEqualTo("/review/tasks/" + review.getId());
        HttpResponse<String> reviewPage = http.send(HttpRequest.newBuilder(URI.create(base).resolve(page)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reviewPage.statusCode()).isEqualTo(200);
        assertThat(reviewPage.body()).contains("审核学时登记 #" + claim.getId());

        // a link to a task that is not (or no longer) there: the product's Chinese 404 page
        HttpResponse<String> gone = http.send(HttpRequest.newBuilder(URI.create(base
                + tasklistLink(key, "no-such-task", base))).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).contains("您要找的页面或记录不存在，或您无权查看。");
    }

    @Test
    void signingInWithoutATaskLinkStillLandsOnTheHomePage() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        String base = "http://localhost:" + port;
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        http.send(HttpRequest.newBuilder(URI.create(base + "/claims")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> loginPage = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage.body());
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + s.employee() + "&password="
                        + TestUsers.PASSWORD + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(URI.create(base).resolve(login.headers().firstValue("Location").orElseThrow()).getPath())
                .isEqualTo("/");
    }

    @Test
    void theLinkOfACorrectionTaskOpensTheClaimsCorrectionForItsClaimant() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.exchange(s.employee(), 2);
        ReviewForm back = new ReviewForm();
        back.setDecision(ReviewForm.Decision.RETURN);
        back.setComment("请补充证明材料");
        reviews.decide(task(claim, "reviewClaim").getId(), currentUsers.load(s.reviewer()), back);
        Task correct = task(claim, "correctClaim");
        String key = forms.getTaskFormKey(correct.getProcessDefinitionId(), correct.getTaskDefinitionKey());
        assertThat(key).isEqualTo(TaskForm.CORRECT_CLAIM.key());

        mvc.perform(get(tasklistLink(key, correct.getId(), "http://localhost")).with(user(s.employee())))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/claims/" + claim.getId() + "/correct"));
        mvc.perform(get("/claims/{id}/correct", claim.getId()).with(user(s.employee())))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("修改学时登记 #" + claim.getId())));
        // the reviewer is not the claimant: the employee's task is not theirs
        mvc.perform(get(tasklistLink(key, correct.getId(), "http://localhost"))
                        .with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(status().isNotFound());
    }

    @Test
    void aTaskOfSomeoneElseAnUnknownTaskOrNoTaskIsAChinese404() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        ClaimFixtures.Setup other = fixtures.unit("长春市第二医院", cn.xueshi.identity.UnitType.STATE_OWNED, "JILIN",
                "jilin-2026");
        Claim claim = fixtures.exchange(s.employee(), 1);
        String link = tasklistLink(TaskForm.REVIEW_CLAIM.key(), task(claim, "reviewClaim").getId(), "http://localhost");

        mvc.perform(get(link).with(user(other.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(status().isNotFound());
        mvc.perform(get(link).with(user(s.employee())))
                .andExpect(status().isNotFound());
        mvc.perform(get(TaskForm.REVIEW_CLAIM.key()).param("taskId", "no-such-task")
                        .with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(status().isNotFound());
        mvc.perform(get(TaskForm.REVIEW_CLAIM.key()).with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(status().isNotFound());
        // the path of the link does not choose the page: the task's own form key does
        mvc.perform(get(TaskForm.HANDLE_OBJECTION.key()).param("taskId", task(claim, "reviewClaim").getId())
                        .with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/review/tasks/" + task(claim, "reviewClaim").getId()));
    }

    @Test
    void everyUserTaskOfTheDeployedModelsHasOneOfOurFormsWithItsTemplate() {
        java.util.Set<TaskForm> seen = java.util.EnumSet.noneOf(TaskForm.class);
        for (String process : java.util.List.of("claim-lifecycle", "annual-filing", "makeup-request", "rule-filing", "title-proof")) {
            org.camunda.bpm.engine.repository.ProcessDefinition d = repository.createProcessDefinitionQuery()
                    .processDefinitionKey(process).latestVersion().singleResult();
            for (org.camunda.bpm.model.bpmn.instance.UserTask t : repository.getBpmnModelInstance(d.getId())
                    .getModelElementsByType(org.camunda.bpm.model.bpmn.instance.UserTask.class)) {
                TaskForm f = TaskForm.byKey(t.getCamundaFormKey()).orElseThrow();
                assertThat(t.getCamundaFormKey()).as(t.getId()).isEqualTo(f.key());
                assertThat(new org.springframework.core.io.ClassPathResource("forms/" + f.view() + ".html").exists())
                        .as(f.view()).isTrue();
                seen.add(f);
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(TaskForm.values());
    }

    @Test
    void keysOfEarlierProcessVersionsStillNameTheirForm() {
        for (TaskForm f : TaskForm.values()) {
            assertThat(TaskForm.byKey(f.key())).contains(f);
            assertThat(TaskForm.byKey(f.view())).contains(f);
        }
        assertThat(TaskForm.byKey("claim/unknown")).isEmpty();
        assertThat(TaskForm.byKey(null)).isEmpty();
        assertThat(TaskForm.byKey("embedded:app:forms/review-claim.html")).isEmpty();
    }
}
