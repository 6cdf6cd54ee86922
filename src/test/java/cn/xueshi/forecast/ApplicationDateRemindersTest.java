package cn.xueshi.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.calendar.WorkingDayCalendar;
import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimRepository;
import cn.xueshi.clock.BusinessClock;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Groups;
import cn.xueshi.notification.Notifications;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.MailCatcher;
import cn.xueshi.support.TestUsers;
import cn.xueshi.title.TitleProof;
import cn.xueshi.title.TitleProofs;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Reminders before a filed title-application date: in-app and by mail (GreenMail) on the configured working-day
 * offsets while the check is not met, once (a second run sends nothing), none for a person who meets it; the date
 * on the request form is range-checked with Chinese messages beside the field.
 */
@IntegrationTest
class ApplicationDateRemindersTest {

    @RegisterExtension
    static MailCatcher smtp = new MailCatcher();

    @Autowired
    ApplicationDateReminders reminders;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    TestUsers users;
    @Autowired
    TitleProofs proofs;
    @Autowired
    CurrentUserService currentUsers;
    @Autowired
    IdentityService identity;
    @Autowired
    WorkingDayCalendar calendar;
    @Autowired
    BusinessClock clock;
    @Autowired
    ForecastProperties properties;
    @Autowired
    Notifications notifications;
    @Autowired
    ClaimRepository claims;
    @Autowired
    MockMvc mvc;

    private void withAddress(String userId) {
        User u = identity.createUserQuery().userId(userId).singleResult();
        u.setEmail(userId + "@hospital.example");
        identity.saveUser(u);
    }

    @Test
    void theShortAreRemindedBeforeTheirApplicationDateOnceAndThoseWhoMeetItAreNot() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        String done = users.member(s.unit(), "周", "达标");
        withAddress(s.employee());
        withAddress(done);
        int offset = properties.applicationReminderWorkingDays().get(properties.applicationReminderWorkingDays().size() - 1);
        LocalDate date = calendar.addWorkingDays(clock.today(), offset);
        int year = date.getYear();
        Claim full = new Claim(done, s.unit().getId(), "jilin-2026", year, "全年学时", UUID.randomUUID().toString());
        full.approve(s.reviewer(), new BigDecimal("30"), new BigDecimal("60"), "按登记学时认定");
        full.register();
        claims.save(full);
        TitleProof p = proofs.request(currentUsers.load(s.employee()), year, date, UUID.randomUUID().toString());
        assertThat(p.getApplicationDate()).isEqualTo(date);
        proofs.request(currentUsers.load(done), year, date, UUID.randomUUID().toString());
        LocalDate reminderDay = calendar.workingDaysBefore(date, offset);

        assertThat(reminders.remind(reminderDay)).isGreaterThanOrEqualTo(1);
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage[] mine = java.util.Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().startsWith(s.employee() + "@");
            } catch (Exception e) {
                return false;
            }
        }).toArray(MimeMessage[]::new);
        assertThat(mine).hasSize(1);
        assertThat(mine[0].getSubject()).isEqualTo("学时通提醒：职称申报日期临近，继续教育学时尚未达标");
        assertThat(mine[0].getContent().toString()).contains(date.toString(), "尚差 90 学时");
        assertThat(notifications.latestFor(s.employee())).anySatisfy(n -> {
            assertThat(n.getKind()).isEqualTo("SHORTFALL_APPLICATION");
            assertThat(n.getMessage()).isEqualTo(date.toString());
        });
        // who meets the check is not told
        assertThat(notifications.latestFor(done)).noneSatisfy(n -> assertThat(n.getKind()).isEqualTo("SHORTFALL_APPLICATION"));
        assertThat(smtp.getReceivedMessages()).noneSatisfy(m -> assertThat(m.getAllRecipients()[0].toString()).startsWith(done + "@"));

        // a second run of the same day (a restart, another node) sends nothing twice
        smtp.reset();
        reminders.remind(reminderDay);
        assertThat(smtp.getReceivedMessages()).noneSatisfy(m -> assertThat(m.getAllRecipients()[0].toString()).startsWith(s.employee() + "@"));
        assertThat(notifications.latestFor(s.employee()).stream().filter(n -> n.getKind().equals("SHORTFALL_APPLICATION")))
                .hasSize(1);
        // a day that is no reminder day for the date: nothing
        assertThat(calendar.workingDaysBefore(date, offset + 1)).isNotEqualTo(reminderDay);
        smtp.reset();
        reminders.remind(calendar.workingDaysBefore(date, offset + 1));
        assertThat(smtp.getReceivedMessages()).noneSatisfy(m -> assertThat(m.getAllRecipients()[0].toString()).startsWith(s.employee() + "@"));
    }

    @Test
    void theApplicationDateIsRangeCheckedBesideTheFieldAndKeepsWhatWasTyped() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        int year = clock.year();
        mvc.perform(post("/title/proofs").param("year", String.valueOf(year)).param("applicationDate", "2026-13-40")
                        .param("submissionKey", UUID.randomUUID().toString()).with(csrf())
                        .with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("请按 年-月-日 填写日期")))
                .andExpect(content().string(containsString("value=\"2026-13-40\"")));
        mvc.perform(post("/title/proofs").param("year", String.valueOf(year)).param("applicationDate", (year + 1) + "-03-01")
                        .param("submissionKey", UUID.randomUUID().toString()).with(csrf())
                        .with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("申报日期须在申报年度 " + year + " 年内")))
                .andExpect(content().string(containsString("id=\"proof-application-date-error\"")));
        mvc.perform(post("/title/proofs").param("year", String.valueOf(year)).param("applicationDate", clock.today().minusDays(1).toString())
                        .param("submissionKey", UUID.randomUUID().toString()).with(csrf())
                        .with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("不早于今天")));
    }
}
