package cn.xueshi.selfstudy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimRepository;
import cn.xueshi.claim.ClaimStatus;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * 吉林 附件 二（九）“用人单位未建立自学档案的不予认定” on the claim form and the correction: a 个人自学 item of a unit
 * without an archive kept on the item's date is refused beside its activity type (what was typed kept); the boundary
 * days of establishment and closure; other types and other provinces unaffected; the note on the form; the reviewer's line.
 */
@IntegrationTest
class SelfStudyClaimTest {

    static final String REFUSED_NONE = "所在单位未建立自学档案，自学学时不予认定（吉林 附件 二（九））";

    @Autowired
    MockMvc mvc;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    ClaimRepository claims;
    @Autowired
    SelfStudyArchives archives;
    @Autowired
    SelfStudyRule rule;
    @Autowired
    TaskService tasks;

    static RequestPostProcessor as(String id) {
        return user(id).roles(Groups.EMPLOYEE);
    }

    static MockMultipartHttpServletRequestBuilder selfStudy(String url, String key, String date) {
        MockMultipartHttpServletRequestBuilder b = multipart(url);
        b.param("submissionKey", key).param("year", "2026").param("pledge", "true")
                .param("items[0].activityType", "SELF_STUDY").param("items[0].activityDate", date)
                .param("items[0].title", "《内科学》第九版自学笔记").param("items[0].params[hours]", "10");
        return b;
    }

    void establish(ClaimFixtures.Setup s, LocalDate from) {
        archives.establish(s.unit().getId(), s.unit().getCode(), from, null, s.reviewer(), null);
    }

    /** Submits a self-study claim of that date; true when stored, false when refused beside the item's type. */
    boolean submitted(ClaimFixtures.Setup s, String date, String refusalCode) throws Exception {
        String key = UUID.randomUUID().toString();
        if (refusalCode == null) {
            mvc.perform(selfStudy("/claims", key, date).with(as(s.employee())).with(csrf()))
                    .andExpect(status().is3xxRedirection());
        } else {
            mvc.perform(selfStudy("/claims", key, date).with(as(s.employee())).with(csrf()))
                    .andExpect(status().isOk())
                    .andExpect(model().attributeHasFieldErrorCode("claimForm", "items[0].activityType", refusalCode));
        }
        return claims.findBySubmissionKey(key).isPresent();
    }

    @Test
    void aSelfStudyClaimOfAUnitWithoutAnArchiveIsRefusedBesideTheTypeKeepingWhatWasTyped() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        mvc.perform(selfStudy("/claims", UUID.randomUUID().toString(), "2026-05-20").with(as(s.employee())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("claimForm", "items[0].activityType", "selfstudy.refused.none"))
                .andExpect(content().string(allOf(containsString(REFUSED_NONE), containsString("《内科学》第九版自学笔记"),
                        containsString("value=\"2026-05-20\""))));
        assertThat(claims.findByClaimantOrderBySubmittedAtDesc(s.employee())).isEmpty();
    }

    @Test
    void withAnArchiveTheClaimIsAcceptedFromTheEstablishedDayOnNotTheDayBefore() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        establish(s, LocalDate.of(2026, 3, 1));
        assertThat(submitted(s, "2026-02-28", "selfstudy.refused.notYet")).isFalse();
        mvc.perform(selfStudy("/claims", UUID.randomUUID().toString(), "2026-02-28").with(as(s.employee())).with(csrf()))
                .andExpect(content().string(containsString(
                        "所在单位的自学档案自 2026-03-01 起建立，2026-02-28 的自学学时不予认定（吉林 附件 二（九））")));
        assertThat(submitted(s, "2026-03-01", null)).isTrue();
        assertThat(submitted(s, "2026-07-15", null)).isTrue();
    }

    @Test
    void afterClosureTheDayBeforeStillCountsTheClosingDayNot() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        establish(s, LocalDate.of(2026, 1, 1));
        archives.close(s.unit().getId(), LocalDate.of(2026, 6, 1), s.reviewer(), 0);
        assertThat(submitted(s, "2026-05-31", null)).isTrue();
        assertThat(submitted(s, "2026-06-01", "selfstudy.refused.closed")).isFalse();
    }

    @Test
    void aPeriodBeforeAStopStillCountsOnceTheArchiveIsEstablishedAgainAndTheGapIsNamed() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        establish(s, LocalDate.of(2026, 1, 1));
        archives.close(s.unit().getId(), LocalDate.of(2026, 3, 1), s.reviewer(), 0);
        archives.establish(s.unit().getId(), s.unit().getCode(), LocalDate.of(2026, 5, 1), null, s.reviewer(), 1);
        assertThat(submitted(s, "2026-02-10", null)).isTrue();
        assertThat(submitted(s, "2026-03-01", "selfstudy.refused.gap")).isFalse();
        mvc.perform(selfStudy("/claims", UUID.randomUUID().toString(), "2026-04-30").with(as(s.employee())).with(csrf()))
                .andExpect(content().string(containsString(
                        "所在单位的自学档案自 2026-03-01 起停止、自 2026-05-01 起重新建立，2026-04-30 的自学学时不予认定")));
        assertThat(submitted(s, "2026-05-01", null)).isTrue();
    }

    @Test
    void otherTypesOfTheSameUnitAndOtherProvincesAreUnaffected() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        assertThat(fixtures.exchange(s.employee(), 2).getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);
        ClaimFixtures.Setup qd = fixtures.unit("青岛市第八人民医院", UnitType.STATE_OWNED, "QINGDAO", "qingdao-2023");
        for (String rs : new String[] {"qingdao-2023", "yuxi-2024", "anhui-2025"}) {
            assertThat(rule.refusal(qd.unit().getId(), rs, "SELF_STUDY", LocalDate.of(2026, 5, 20))).as(rs).isEmpty();
        }
        Claim training = fixtures.submit(qd.employee(), ClaimFixtures.form(2026, "TRAINING", LocalDate.of(2026, 5, 20),
                Map.of("hours", "20", "days", "2")));
        assertThat(training.getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);
        mvc.perform(get("/claims/new").with(as(qd.employee())))
                .andExpect(content().string(not(containsString("self-study-note"))));
    }

    @Test
    void theClaimFormTellsBeforehandWhetherTheUnitKeepsAnArchive() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        mvc.perform(get("/claims/new").with(as(s.employee())))
                .andExpect(content().string(allOf(containsString("self-study-note"),
                        containsString("须所在单位已建立自学档案方予认定（吉林 附件 二（九））；本单位尚未建立自学档案"))));
        establish(s, LocalDate.of(2026, 1, 1));
        mvc.perform(get("/claims/new").with(as(s.employee())))
                .andExpect(content().string(containsString("本单位自学档案自 2026-01-01 起建立")));
        mvc.perform(get("/claims/new").param("lang", "en").with(as(s.employee())))
                .andExpect(content().string(containsString("the unit keeps one from 2026-01-01")));
    }

    @Test
    void aCorrectionToSelfStudyWithoutAnArchiveIsRefusedToo() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.exchange(s.employee(), 2);
        assertThat(fixtures.returnForCorrection(claim, s.reviewer()).getStatus()).isEqualTo(ClaimStatus.RETURNED);
        mvc.perform(selfStudy("/claims/" + claim.getId() + "/correct", UUID.randomUUID().toString(), "2026-03-02")
                        .with(as(s.employee())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("claimForm", "items[0].activityType", "selfstudy.refused.none"))
                .andExpect(content().string(containsString(REFUSED_NONE)));
        assertThat(fixtures.reload(claim).getItems().get(0).getActivityType()).isEqualTo("PROFESSIONAL_EXCHANGE");
        establish(s, LocalDate.of(2026, 1, 1));
        mvc.perform(selfStudy("/claims/" + claim.getId() + "/correct", UUID.randomUUID().toString(), "2026-03-02")
                        .with(as(s.employee())).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(fixtures.reload(claim).getItems().get(0).getActivityType()).isEqualTo("SELF_STUDY");
    }

    @Test
    void theReviewerSeesWhetherTheUnitKeepsItsArchive() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        establish(s, LocalDate.of(2026, 1, 1));
        Claim claim = fixtures.submit(s.employee(), ClaimFixtures.form(2026, "SELF_STUDY", LocalDate.of(2026, 4, 1),
                Map.of("hours", "10")));
        String task = tasks.createTaskQuery().processInstanceId(claim.getProcessInstanceId())
                .taskDefinitionKey("reviewClaim").singleResult().getId();
        mvc.perform(get("/review/tasks/{t}", task).with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(content().string(allOf(containsString("单位自学档案"), containsString("id=\"self-study-archive\""),
                        containsString("本单位自学档案自 2026-01-01 起建立"), not(containsString("self-study-refusals")))));
        // stopped from a day after the item: the item still counts
        archives.close(s.unit().getId(), LocalDate.of(2026, 5, 1), s.reviewer(), 0);
        mvc.perform(get("/review/tasks/{t}", task).with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(content().string(allOf(containsString("自 2026-05-01 起已停止"),
                        not(containsString("self-study-refusals")))));
        // corrected to start after the item (stopped, established again from an earlier day than the stop): the
        // reviewer is told the item no longer counts, by number
        archives.establish(s.unit().getId(), s.unit().getCode(), LocalDate.of(2026, 4, 15), null, s.reviewer(), 1);
        mvc.perform(get("/review/tasks/{t}", task).with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(content().string(allOf(containsString("id=\"self-study-refusals\""), containsString(
                        "第 1 条：所在单位的自学档案自 2026-04-15 起建立，2026-04-01 的自学学时不予认定（吉林 附件 二（九））。请核减该条学时或退回申请人。"))));
        // a claim without a self-study item shows no such line
        Claim exchange = fixtures.exchange(s.employee(), 1);
        String other = tasks.createTaskQuery().processInstanceId(exchange.getProcessInstanceId())
                .taskDefinitionKey("reviewClaim").singleResult().getId();
        mvc.perform(get("/review/tasks/{t}", other).with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(content().string(not(containsString("id=\"self-study-archive\""))));
    }
}
