package cn.xueshi.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.claim.Claim;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import cn.xueshi.task.HumanTasks;
import cn.xueshi.task.InboxEntry;
import cn.xueshi.task.InboxSection;
import cn.xueshi.paging.PageRequest;
import cn.xueshi.paging.ListPage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The reviewer's inbox paged, filtered and sorted in the database: the same tasks as the engine's own
 * candidate/assignee query (permissions unchanged), one SQL statement per page whatever the number of tasks,
 * page controls and range-checked page and size parameters.
 */
@IntegrationTest
class InboxPagingTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    TestUsers users;
    @Autowired
    TaskService tasks;
    @Autowired
    HumanTasks humanTasks;
    @Autowired
    CurrentUserService currentUsers;
    @Autowired
    ReviewService reviews;
    @Autowired
    DataSource dataSource;
    @Autowired
    List<InboxSection> sections;
    @Autowired
    org.springframework.context.ApplicationContext context;

    private List<Claim> claims(ClaimFixtures.Setup s, int n) {
        List<Claim> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(fixtures.exchange(s.employee(), 1 + i % 3));
        }
        return list;
    }

    private String taskOf(Claim claim) {
        return tasks.createTaskQuery().processInstanceId(claim.getProcessInstanceId())
                .taskDefinitionKey(ReviewService.REVIEW_TASK).singleResult().getId();
    }

    private List<ReviewRow> allPages(CurrentUser me, InboxFilter filter, int size) {
        List<ReviewRow> all = new ArrayList<>();
        for (int p = 1; ; p++) {
            ListPage<ReviewRow> page = reviews.inbox(me, filter, new PageRequest(p, size, null, null, List.of()));
            if (page.request().page() != p) {
                return all;
            }
            all.addAll(page.rows());
            if (!page.hasNext()) {
                return all;
            }
        }
    }

    @Test
    void pagesHoldExactlyTheTasksTheEngineLetsTheReviewerActOnInDueOrder() {
        ClaimFixtures.Setup a = fixtures.jilin();
        ClaimFixtures.Setup b = fixtures.unit("四平市中心医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        String colleague = users.reviewerOf(a.unit(), "赵", "同事");
        List<Claim> ofA = claims(a, 7);
        claims(b, 2);
        // a colleague claimed one: it leaves the first reviewer's list, as in the engine's query
        tasks.claim(taskOf(ofA.get(0)), colleague);
        // the reviewer claimed another: still listed
        tasks.claim(taskOf(ofA.get(1)), a.reviewer());

        CurrentUser me = currentUsers.load(a.reviewer());
        List<ReviewRow> paged = allPages(me, InboxFilter.none(), 3);
        List<String> engine = humanTasks.open(ReviewService.REVIEW_TASK, a.reviewer()).stream().map(Task::getId).toList();
        assertThat(paged).extracting(ReviewRow::taskId).containsExactlyInAnyOrderElementsOf(engine).hasSize(6);
        assertThat(paged).extracting(ReviewRow::due).isSortedAccordingTo(java.util.Comparator.naturalOrder());
        assertThat(paged).allSatisfy(r -> {
            assertThat(r.unitName()).isEqualTo("长春市第一医院");
            assertThat(r.claimantName()).isEqualTo("王小明");
            assertThat(r.activityTypes()).containsExactly("PROFESSIONAL_EXCHANGE");
        });
        ListPage<ReviewRow> first = reviews.inbox(me, InboxFilter.none(), new PageRequest(1, 3, null, null, List.of()));
        assertThat(first.total()).isEqualTo(6);
        assertThat(first.totalPages()).isEqualTo(2);
        assertThat(first.rows()).hasSize(3);

        assertThat(allPages(me, new InboxFilter("mine", null, null), 50)).extracting(ReviewRow::claimId)
                .containsExactly(ofA.get(1).getId());
        assertThat(allPages(me, new InboxFilter("unclaimed", null, null), 50)).hasSize(5);
        assertThat(allPages(me, new InboxFilter(null, "PROFESSIONAL_EXCHANGE", null), 50)).hasSize(6);
        assertThat(allPages(me, new InboxFilter(null, "TRAINING_COURSE", null), 50)).isEmpty();
        assertThat(allPages(me, new InboxFilter(null, null, "小明"), 50)).hasSize(6);
        assertThat(allPages(me, new InboxFilter(null, null, a.employee().toUpperCase()), 50)).hasSize(6);
        // LIKE wildcards typed by the person are text, not patterns
        assertThat(allPages(me, new InboxFilter(null, null, "%"), 50)).isEmpty();
        assertThat(allPages(me, new InboxFilter(null, null, "_"), 50)).isEmpty();
        // nothing of unit B, whatever the filter
        assertThat(allPages(currentUsers.load(b.reviewer()), InboxFilter.none(), 50)).hasSize(2)
                .extracting(ReviewRow::unitName).containsOnly("四平市中心医院");
    }

    @Test
    void onePageIsOneSqlStatementWhateverTheNumberOfTasks() {
        ClaimFixtures.Setup s = fixtures.jilin();
        AtomicInteger statements = new AtomicInteger();
        InboxQuery counted = new InboxQuery(counting(dataSource, statements));
        CurrentUser me = currentUsers.load(s.reviewer());
        claims(s, 2);
        counted.page(ReviewService.REVIEW_TASK, me.userId(), InboxFilter.none(), PageRequest.first(50), Instant.now());
        assertThat(statements.get()).isEqualTo(1);
        claims(s, 10);
        statements.set(0);
        ListPage<ReviewRow> page = counted.page(ReviewService.REVIEW_TASK, me.userId(),
                new InboxFilter("unclaimed", "PROFESSIONAL_EXCHANGE", "王"), PageRequest.first(50), Instant.now());
        assertThat(page.rows()).hasSize(12);
        assertThat(statements.get()).isEqualTo(1);
    }

    @Test
    void thePageShowsPageControlsAndRefusesBadPageNumbersBesideTheField() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        List<Claim> list = claims(s, 5);
        var reviewer = user(s.reviewer()).roles(Groups.REVIEWER);
        mvc.perform(get("/review").param("size", "2").with(reviewer))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("第 1 页，共 3 页（5 项）")))
                .andExpect(content().string(containsString("id=\"page-next\"")))
                .andExpect(content().string(not(containsString("id=\"page-previous\""))));
        mvc.perform(get("/review").param("size", "2").param("page", "3").with(reviewer))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("第 3 页，共 3 页（5 项）")))
                .andExpect(content().string(containsString("id=\"page-previous\"")));
        for (String bad : List.of("0", "-1", "abc", "201", "99999999999")) {
            mvc.perform(get("/review").param("size", bad).with(reviewer))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("每页条数须为 1 至 200 之间的整数")))
                    .andExpect(content().string(containsString("value=\"" + bad + "\"")))
                    .andExpect(content().string(containsString("/review/tasks/" + taskOf(list.get(0)))));
            mvc.perform(get("/review").param("page", bad.equals("201") ? "1000001" : bad).with(reviewer))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("页码须为 1 至 1000000 之间的整数")));
        }
        mvc.perform(get("/review").param("size", "2").param("page", "9").with(reviewer))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("没有这一页：共 3 页。")))
                .andExpect(content().string(containsString("第 1 页，共 3 页（5 项）")));
    }

    @Test
    void everyOtherTaskListIsOneStatementPerPageAndHasItsOwnPagedPage() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        CurrentUser me = currentUsers.load(s.reviewer());
        AtomicInteger statements = new AtomicInteger();
        DataSource counted = counting(dataSource, statements);
        assertThat(sections).extracting(InboxSection::id)
                .contains("objection-tasks", "filing-tasks", "makeup-tasks");
        for (InboxSection section : sections) {
            InboxSection fresh = rebuiltOn(section, counted);
            statements.set(0);
            ListPage<InboxEntry> page = fresh.openFor(me, PageRequest.first(10));
            assertThat(page.total()).as(section.id()).isZero();
            assertThat(statements.get()).as(section.id() + ": statements per page").isEqualTo(1);
        }
        var reviewer = user(s.reviewer()).roles(Groups.REVIEWER);
        mvc.perform(get("/review/sections/{id}", "filing-tasks").param("size", "abc").with(reviewer))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("每页条数须为 1 至 200 之间的整数")))
                .andExpect(content().string(containsString("value=\"abc\"")))
                .andExpect(content().string(containsString("目前没有此类待处理的任务。")));
        mvc.perform(get("/review/sections/{id}", "no-such-section").with(reviewer)).andExpect(status().isNotFound());
        mvc.perform(get("/review/sections/{id}", "filing-tasks").with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(status().isForbidden());
    }

    /** The same section bean built again on the given data source (its other constructor arguments from the context). */
    private InboxSection rebuiltOn(InboxSection section, DataSource counted) throws Exception {
        var constructor = section.getClass().getDeclaredConstructors()[0];
        constructor.setAccessible(true);
        Object[] args = new Object[constructor.getParameterCount()];
        for (int i = 0; i < args.length; i++) {
            Class<?> type = constructor.getParameterTypes()[i];
            args[i] = type == DataSource.class ? counted : context.getBean(type);
        }
        return (InboxSection) constructor.newInstance(args);
    }

    /** The data source with every statement prepared or created on its connections counted. */
    static DataSource counting(DataSource real, AtomicInteger statements) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    if (result instanceof Connection c) {
                        return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                                (p, m, a) -> {
                                    if (m.getName().startsWith("prepare") || m.getName().equals("createStatement")) {
                                        statements.incrementAndGet();
                                    }
                                    return invoke(c, m, a);
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
