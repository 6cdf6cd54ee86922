package cn.xueshi.selfstudy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.clock.BusinessClock;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * /units/{unitId}/self-study-archive (吉林 附件 二（九）): the unit's reviewers and admins see, establish and close the
 * archive; another unit's reviewer, an employee, a bureau user and an unknown id get 404. Bad input is told beside the
 * field with what was typed; a page acted on after someone else changed the archive gets a message, never a 500.
 */
@IntegrationTest
class SelfStudyArchivePageTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    TestUsers users;
    @Autowired
    SelfStudyArchives archives;
    @Autowired
    BusinessClock clock;

    static RequestPostProcessor reviewer(String id) {
        return user(id).roles(Groups.REVIEWER);
    }

    static String page(ClaimFixtures.Setup s) {
        return "/units/" + s.unit().getId() + "/self-study-archive";
    }

    @Test
    void theUnitsReviewerSeesThatNoArchiveExistsAndWhichTypesNeedIt() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        mvc.perform(get(page(s)).with(reviewer(s.reviewer())))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("自学档案"), containsString("本单位尚未建立自学档案"),
                        containsString("个人自学"), containsString("建立自学档案"))));
    }

    @Test
    void everyoneButTheUnitsReviewersAndAdminsGets404() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        ClaimFixtures.Setup other = fixtures.jilin();
        mvc.perform(get(page(s)).with(reviewer(other.reviewer()))).andExpect(status().isNotFound());
        mvc.perform(get(page(s)).with(user(s.employee()).roles(Groups.EMPLOYEE))).andExpect(status().isNotFound());
        String bureau = users.user("bur", "局", "人", Groups.BUREAU);
        mvc.perform(get(page(s)).with(user(bureau).roles(Groups.BUREAU))).andExpect(status().isNotFound());
        // another unit's reviewer cannot establish either, and nothing is written
        mvc.perform(post(page(s) + "/establish").param("establishedFrom", "2026-01-01")
                        .with(reviewer(other.reviewer())).with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(archives.of(s.unit().getId())).isEmpty();
        mvc.perform(get("/units/999999999/self-study-archive").with(reviewer(s.reviewer()))).andExpect(status().isNotFound());
        String admin = users.user("adm", "管", "理", Groups.ADMIN);
        mvc.perform(get(page(s)).with(user(admin).roles(Groups.ADMIN))).andExpect(status().isOk());
        mvc.perform(get("/admin/units").with(user(admin).roles(Groups.ADMIN)))
                .andExpect(content().string(containsString("href=\"" + page(s) + "\"")));
        mvc.perform(get("/units/999999999/self-study-archive").with(user(admin).roles(Groups.ADMIN)))
                .andExpect(status().isNotFound());
    }

    @Test
    void establishThenCloseWritesTheStateAndTheAuditTrail() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        mvc.perform(post(page(s) + "/establish").param("establishedFrom", "2026-02-01").param("note", "人事科保管")
                        .with(reviewer(s.reviewer())).with(csrf()))
                .andExpect(redirectedUrl(page(s)));
        SelfStudyArchive a = archives.of(s.unit().getId()).orElseThrow();
        assertThat(a.establishedFrom()).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(a.establishedBy()).isEqualTo(s.reviewer());
        assertThat(a.note()).isEqualTo("人事科保管");
        assertThat(a.open()).isTrue();
        mvc.perform(get(page(s)).with(reviewer(s.reviewer())))
                .andExpect(content().string(allOf(containsString("已建立"), containsString("2026-02-01"),
                        containsString("人事科保管"), containsString("停止自学档案"), not(containsString("id=\"establish-form\"")))));

        mvc.perform(post(page(s) + "/close").param("closedFrom", "2026-06-01").param("version", String.valueOf(a.version()))
                        .with(reviewer(s.reviewer())).with(csrf()))
                .andExpect(redirectedUrl(page(s)));
        SelfStudyArchive closed = archives.of(s.unit().getId()).orElseThrow();
        assertThat(closed.closedFrom()).isEqualTo(LocalDate.of(2026, 6, 1));
        ArchivePeriods kept = archives.periods(s.unit().getId());
        assertThat(kept.keptOn(LocalDate.of(2026, 5, 31))).isTrue();
        assertThat(kept.keptOn(LocalDate.of(2026, 6, 1))).isFalse();
        assertThat(kept.keptOn(LocalDate.of(2026, 1, 31))).isFalse();
        mvc.perform(get(page(s)).with(reviewer(s.reviewer())))
                .andExpect(content().string(allOf(containsString("id=\"reestablish-help\""),
                        containsString("重新建立的日期早于上次停止日期的，视为更正上次的记录"),
                        not(containsString("id=\"archive-periods\"")))));

        // established again: a new period, and the trail keeps all three steps
        mvc.perform(post(page(s) + "/establish").param("establishedFrom", "2026-09-01")
                        .param("version", String.valueOf(closed.version())).with(reviewer(s.reviewer())).with(csrf()))
                .andExpect(redirectedUrl(page(s)));
        assertThat(archives.of(s.unit().getId()).orElseThrow().open()).isTrue();
        assertThat(archives.events(s.unit().getId())).extracting(ArchiveEvent::kind).containsExactly(
                ArchiveEvent.Kind.ESTABLISHED, ArchiveEvent.Kind.CLOSED, ArchiveEvent.Kind.ESTABLISHED);
        mvc.perform(get(page(s)).with(reviewer(s.reviewer())))
                .andExpect(content().string(allOf(containsString("id=\"archive-events\""), containsString("停止"),
                        containsString("李审核"), containsString("id=\"archive-periods\""),
                        containsString("2026-02-01 至 2026-06-01（不含）"), containsString("2026-09-01 起"))));
        assertThat(archives.periods(s.unit().getId()).keptOn(LocalDate.of(2026, 3, 1))).isTrue();
    }

    @Test
    void aDateAfterTodayIsRefusedBesideTheFieldKeepingTheNote() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        String tomorrow = clock.today().plusDays(1).toString();
        mvc.perform(post(page(s) + "/establish").param("establishedFrom", tomorrow).param("note", "明年再说")
                        .with(reviewer(s.reviewer())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("establishForm", "establishedFrom", "selfstudy.error.from.future"))
                .andExpect(content().string(allOf(containsString("建立日期不能晚于今天"), containsString("明年再说"),
                        containsString(tomorrow))));
        assertThat(archives.of(s.unit().getId())).isEmpty();
    }

    @Test
    void aMissingMalformedOrTooEarlyDateAndALongNoteAreToldInChinese() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        mvc.perform(post(page(s) + "/establish").param("establishedFrom", "").with(reviewer(s.reviewer())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("请填写建立日期")));
        mvc.perform(post(page(s) + "/establish").param("establishedFrom", "2026-13-45").with(reviewer(s.reviewer())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("establishForm", "establishedFrom"))
                .andExpect(content().string(containsString("请填写正确的日期（年-月-日）")));
        mvc.perform(post(page(s) + "/establish").param("establishedFrom", "1900-01-01").with(reviewer(s.reviewer())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("establishForm", "establishedFrom", "selfstudy.error.from.tooEarly"));
        mvc.perform(post(page(s) + "/establish").param("establishedFrom", "2026-01-01").param("note", "档".repeat(501))
                        .with(reviewer(s.reviewer())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("establishForm", "note", "selfstudy.error.note.tooLong"))
                .andExpect(content().string(containsString("说明不能超过 500 个字")));
        assertThat(archives.of(s.unit().getId())).isEmpty();
    }

    @Test
    void aClosingDateNotAfterTheEstablishedDateOrInTheFutureIsRefused() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        SelfStudyArchive a = archives.establish(s.unit().getId(), s.unit().getCode(), LocalDate.of(2026, 3, 1), null,
                s.reviewer(), null);
        mvc.perform(post(page(s) + "/close").param("closedFrom", "2026-03-01").param("version", String.valueOf(a.version()))
                        .with(reviewer(s.reviewer())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("closeForm", "closedFrom", "selfstudy.error.closed.beforeEstablished"))
                .andExpect(content().string(containsString("停止日期须晚于建立日期 2026-03-01")));
        mvc.perform(post(page(s) + "/close").param("closedFrom", clock.today().plusDays(1).toString())
                        .param("version", String.valueOf(a.version())).with(reviewer(s.reviewer())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("closeForm", "closedFrom", "selfstudy.error.closed.future"));
        assertThat(archives.of(s.unit().getId()).orElseThrow().open()).isTrue();
    }

    @Test
    void establishingAnOpenArchiveOrClosingNoneIsToldNotDone() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        mvc.perform(post(page(s) + "/close").param("closedFrom", "2026-03-01").with(reviewer(s.reviewer())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("本单位没有正在使用的自学档案")));
        archives.establish(s.unit().getId(), s.unit().getCode(), LocalDate.of(2026, 1, 1), null, s.reviewer(), null);
        mvc.perform(post(page(s) + "/establish").param("establishedFrom", "2026-02-01").with(reviewer(s.reviewer())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("本单位的自学档案已建立（自 2026-01-01 起）")));
        assertThat(archives.of(s.unit().getId()).orElseThrow().establishedFrom()).isEqualTo(LocalDate.of(2026, 1, 1));
    }

    @Test
    void twoReviewersActingOnTheSamePageGetAMessageNotA500() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        String second = users.reviewerOf(s.unit(), "赵", "审核");
        // both opened the page with no archive; the first establishes it
        SelfStudyArchive first = archives.establish(s.unit().getId(), s.unit().getCode(), LocalDate.of(2026, 1, 1), null,
                s.reviewer(), null);
        // the second closes it from a page that showed an older version (the first closed and re-established meanwhile)
        archives.close(s.unit().getId(), LocalDate.of(2026, 4, 1), s.reviewer(), first.version());
        SelfStudyArchive again = archives.establish(s.unit().getId(), s.unit().getCode(), LocalDate.of(2026, 5, 1), null,
                s.reviewer(), first.version() + 1);
        mvc.perform(post(page(s) + "/close").param("closedFrom", "2026-06-01").param("version", String.valueOf(first.version()))
                        .with(reviewer(second)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("自学档案刚刚已被他人修改")));
        assertThat(archives.of(s.unit().getId()).orElseThrow().version()).isEqualTo(again.version());
        // an establishment from a page that showed no archive, when one exists now (the primary key decides)
        archives.close(s.unit().getId(), LocalDate.of(2026, 6, 1), s.reviewer(), again.version());
        mvc.perform(post(page(s) + "/establish").param("establishedFrom", "2026-07-01").with(reviewer(second)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("自学档案刚刚已被他人修改")));
        assertThat(archives.of(s.unit().getId()).orElseThrow().open()).isFalse();
    }

    @Test
    void theReviewersHomePageLinksEachUnitsArchive() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        mvc.perform(get("/").with(reviewer(s.reviewer())))
                .andExpect(content().string(allOf(containsString("href=\"" + page(s) + "\""), containsString("未建立"))));
    }

    @Test
    void aUnitWhoseRulesNeedNoArchiveIsToldSo() throws Exception {
        ClaimFixtures.Setup s = fixtures.unit("青岛市第八人民医院", UnitType.STATE_OWNED, "QINGDAO", "qingdao-2023");
        mvc.perform(get(page(s)).with(reviewer(s.reviewer())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("本单位适用的规则不要求自学档案")));
    }
}
