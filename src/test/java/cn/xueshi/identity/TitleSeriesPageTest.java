package cn.xueshi.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.claim.Claim;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * /people/title-series (职称系列): a unit's reviewers set and clear their members' series with an audit row per
 * change, administrators anyone's; ids changed in the URL or form answer 404, people without the right 403; a stale
 * form is refused with a message; bad input is shown beside its field; the list pages and filters; the person sees
 * their series on 我的信息 and a department-routed claim names its 审核部门.
 */
@IntegrationTest
class TitleSeriesPageTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestUsers users;
    @Autowired
    Directory directory;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ClaimFixtures fixtures;

    Unit hospital;
    Unit school;
    String reviewer;
    String nurse;
    String otherReviewer;
    String teacher;

    @BeforeEach
    void people() {
        hospital = users.unit("青岛测试医院", UnitType.STATE_OWNED, "QINGDAO", "qingdao-2023");
        school = users.unit("青岛测试中学", UnitType.STATE_OWNED, "QINGDAO", "qingdao-2023");
        reviewer = users.reviewerOf(hospital, "李", "审");
        nurse = users.member(hospital, "王", "芳");
        otherReviewer = users.reviewerOf(school, "孙", "审");
        teacher = users.member(school, "林", "老师");
    }

    static RequestPostProcessor as(String id, String... roles) {
        return user(id).roles(roles);
    }

    static RequestPostProcessor reviewerAs(String id) {
        return as(id, Groups.REVIEWER);
    }

    List<Map<String, Object>> audit(String subject) {
        return jdbc.queryForList("SELECT actor, old_value, new_value, source FROM xs_directory_audit "
                + "WHERE subject = ? AND field = 'TITLE_SERIES' ORDER BY id", subject);
    }

    @Test
    void aReviewerSetsAndClearsTheSeriesOfTheirUnitsMemberWithAnAuditRowEach() throws Exception {
        mvc.perform(get("/people/title-series").param("unit", String.valueOf(hospital.getId())).with(reviewerAs(reviewer)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("王芳"), containsString("未登记"),
                        containsString("中小学教师"), not(containsString("林老师")))));

        mvc.perform(post("/people/title-series/{u}", nurse).param("series", "HEALTH").param("expected", "")
                .with(reviewerAs(reviewer)).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("message", "directory.series.saved"));
        assertThat(directory.titleSeriesOf(nurse)).isEqualTo("HEALTH");
        mvc.perform(get("/people/title-series").with(reviewerAs(reviewer)))
                .andExpect(content().string(containsString("<td>卫生</td>")));

        mvc.perform(post("/people/title-series/{u}", nurse).param("series", "").param("expected", "HEALTH")
                .with(reviewerAs(reviewer)).with(csrf()))
                .andExpect(flash().attribute("message", "directory.series.cleared"));
        assertThat(directory.titleSeriesOf(nurse)).isEmpty();

        assertThat(audit(nurse)).extracting(r -> List.copyOf(r.values())).containsExactly(
                List.of(reviewer, "", "HEALTH", "PAGE"), List.of(reviewer, "HEALTH", "", "PAGE"));
        // the same choice again changes nothing and writes no row
        mvc.perform(post("/people/title-series/{u}", nurse).param("series", "").param("expected", "")
                .with(reviewerAs(reviewer)).with(csrf()))
                .andExpect(flash().attribute("message", "directory.series.unchanged"));
        assertThat(audit(nurse)).hasSize(2);
    }

    @Test
    void changedIdsAnswerNotFoundAndPeopleWithoutTheRightForbidden() throws Exception {
        // another unit's reviewer: the hospital and its nurse are not found, nothing changes
        mvc.perform(get("/people/title-series").param("unit", String.valueOf(hospital.getId()))
                .with(reviewerAs(otherReviewer))).andExpect(status().isNotFound());
        mvc.perform(post("/people/title-series/{u}", nurse).param("series", "HEALTH").param("expected", "")
                .with(reviewerAs(otherReviewer)).with(csrf())).andExpect(status().isNotFound());
        for (String unit : new String[] {"987654321", "abc", "-1", "99999999999999999999"}) {
            mvc.perform(get("/people/title-series").param("unit", unit).with(reviewerAs(reviewer)))
                    .andExpect(status().isNotFound());
        }
        mvc.perform(post("/people/title-series/{u}", "nobody-here").param("series", "HEALTH")
                .with(reviewerAs(reviewer)).with(csrf())).andExpect(status().isNotFound());
        // an employee, and a reviewer group member who reviews no unit (a department's reviewer): 403
        mvc.perform(get("/people/title-series").with(as(nurse, Groups.EMPLOYEE))).andExpect(status().isForbidden());
        mvc.perform(post("/people/title-series/{u}", nurse).param("series", "HEALTH").with(as(nurse, Groups.EMPLOYEE))
                .with(csrf())).andExpect(status().isForbidden());
        String departmentReviewer = users.user("wjw", "卫", "审", Groups.REVIEWER);
        mvc.perform(get("/people/title-series").with(reviewerAs(departmentReviewer))).andExpect(status().isForbidden());
        assertThat(directory.titleSeriesOf(nurse)).isEmpty();
        assertThat(audit(nurse)).isEmpty();

        // an administrator: any unit's people
        String admin = users.user("adm", "管", "理", Groups.ADMIN);
        mvc.perform(get("/people/title-series").param("unit", String.valueOf(school.getId())).with(as(admin, Groups.ADMIN)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("林老师")));
        mvc.perform(post("/people/title-series/{u}", teacher).param("series", "EDUCATION").param("expected", "")
                .with(as(admin, Groups.ADMIN)).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(directory.titleSeriesOf(teacher)).isEqualTo("EDUCATION");
        assertThat(audit(teacher)).singleElement().satisfies(r -> assertThat(r.values()).first().isEqualTo(admin));
    }

    @Test
    void aStaleFormIsRefusedWithAMessageAndAnUnknownSeriesBesideTheField() throws Exception {
        directory.setTitleSeries(nurse, "HEALTH");
        // the form was shown while the nurse had no series; someone set HEALTH since
        // the flash message travels in the (database) session: the redirect's GET sends the cookie back
        var refused = mvc.perform(post("/people/title-series/{u}", nurse).param("series", "ACCOUNTING")
                .param("expected", "").with(reviewerAs(reviewer)).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("conflict", "directory.series.changedMeanwhile"))
                .andReturn().getResponse();
        assertThat(directory.titleSeriesOf(nurse)).isEqualTo("HEALTH");
        assertThat(audit(nurse)).isEmpty();
        mvc.perform(get(refused.getRedirectedUrl()).cookie(refused.getCookies()).with(reviewerAs(reviewer)))
                .andExpect(content().string(containsString("王芳的职称系列刚被他人修改，现为“卫生”")));

        mvc.perform(post("/people/title-series/{u}", nurse).param("series", "NURSING").param("expected", "HEALTH")
                .with(reviewerAs(reviewer)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("不在可选的职称系列中"), containsString("NURSING"),
                        containsString("is-invalid"))));
        assertThat(directory.titleSeriesOf(nurse)).isEqualTo("HEALTH");
    }

    @Autowired
    PersonTitleSeries titleSeries;
    @Autowired
    CurrentUserService currentUsers;

    @Test
    void twoReviewersSettingTheSameFormAtOnceOneWinsTheOtherIsTold() throws Exception {
        String second = users.reviewerOf(hospital, "钱", "审");
        List<String> outcomes = cn.xueshi.support.Parallel.run(2, i -> {
            try {
                titleSeries.set(currentUsers.load(i == 0 ? reviewer : second), nurse, "", i == 0 ? "HEALTH" : "ACCOUNTING",
                        PersonTitleSeries.PAGE);
                return "saved";
            } catch (PersonTitleSeries.ChangedMeanwhile | org.springframework.dao.ConcurrencyFailureException
                    | org.springframework.dao.DataIntegrityViolationException e) {
                // ChangedMeanwhile on the page's message; a lock conflict the database reports: a 409, never a 500
                return "refused";
            }
        });
        assertThat(outcomes).containsExactlyInAnyOrder("saved", "refused");
        assertThat(directory.titleSeriesOf(nurse)).isIn("HEALTH", "ACCOUNTING");
        assertThat(audit(nurse)).singleElement()
                .satisfies(r -> assertThat(r.get("new_value")).isEqualTo(directory.titleSeriesOf(nurse)));
    }

    @Test
    void theListPagesAndFiltersAndSaysWhatIsWrongBesideTheField() throws Exception {
        String second = users.member(hospital, "张", "敏");
        String third = users.member(hospital, "周", "静");
        directory.setTitleSeries(second, "ACCOUNTING");
        String unit = String.valueOf(hospital.getId());
        mvc.perform(get("/people/title-series").param("unit", unit).param("size", "2").with(reviewerAs(reviewer)))
                .andExpect(content().string(allOf(containsString("第 1 页"), containsString("page-next"))));
        mvc.perform(get("/people/title-series").param("unit", unit).param("series", "ACCOUNTING").with(reviewerAs(reviewer)))
                .andExpect(content().string(allOf(containsString("张敏"), not(containsString("周静")),
                        not(containsString("王芳")))));
        mvc.perform(get("/people/title-series").param("unit", unit).param("series", "NONE").with(reviewerAs(reviewer)))
                .andExpect(content().string(allOf(containsString("周静"), not(containsString("张敏")))));
        mvc.perform(get("/people/title-series").param("unit", unit).param("q", "周").with(reviewerAs(reviewer)))
                .andExpect(content().string(allOf(containsString(third), not(containsString(second)))));
        // wrong values: the default is used, the message is beside the field, what was typed is kept
        mvc.perform(get("/people/title-series").param("unit", unit).param("size", "abc").param("series", "FOO")
                .param("q", "长".repeat(300)).with(reviewerAs(reviewer)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("size-error"), containsString("value=\"abc\""),
                        containsString("series-error"), containsString("q-error"), containsString("王芳"))));
        mvc.perform(get("/people/title-series").param("unit", unit).param("page", "99").with(reviewerAs(reviewer)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("page-error")));
    }

    @Test
    void thePersonSeesTheirSeriesAndTheClaimItsReviewingDepartment() throws Exception {
        mvc.perform(get("/account/password").with(as(nurse, Groups.EMPLOYEE)))
                .andExpect(content().string(allOf(containsString("我的信息"), containsString("未登记"))));
        directory.setTitleSeries(nurse, "HEALTH");
        mvc.perform(get("/account/password").with(as(nurse, Groups.EMPLOYEE)))
                .andExpect(content().string(allOf(containsString("青岛测试医院"), containsString(">卫生<"))));

        String commission = users.user("wjw", "卫", "审", Groups.REVIEWER);
        directory.addToDepartment(commission, "QD-WJW");
        Claim claim = fixtures.submit(nurse, ClaimFixtures.form(2026, "TRAINING", LocalDate.of(2026, 3, 2),
                Map.of("hours", "8", "days", "1", "subject", "PROFESSIONAL")));
        assertThat(claim.getReviewerDepartment()).isEqualTo("QD-WJW");
        mvc.perform(get("/claims/{id}", claim.getId()).with(as(nurse, Groups.EMPLOYEE)))
                .andExpect(content().string(allOf(containsString("审核部门"), containsString("青岛市卫生健康委员会"))));
        // a claim the unit reviews names no department
        Claim plain = fixtures.submit(users.member(hospital, "吴", "工"), ClaimFixtures.form(2026, "TRAINING",
                LocalDate.of(2026, 3, 2), Map.of("hours", "8", "days", "1", "subject", "PROFESSIONAL")));
        mvc.perform(get("/claims/{id}", plain.getId()).with(as(plain.getClaimant(), Groups.EMPLOYEE)))
                .andExpect(content().string(not(containsString("reviewer-department"))));
    }
}
