package cn.xueshi.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.calendar.WorkingDayCalendar;
import cn.xueshi.clock.BusinessClock;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.MailCatcher;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The shortfall reminder also goes by mail, received by an embedded SMTP server (GreenMail), in Chinese. */
@IntegrationTest
class ShortfallMailTest {

    @RegisterExtension
    static MailCatcher smtp = new MailCatcher();

    @Autowired
    ShortfallReminders reminders;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    IdentityService identity;
    @Autowired
    WorkingDayCalendar calendar;
    @Autowired
    BusinessClock clock;
    @Autowired
    ForecastProperties properties;
    /** Set at GreenMail for each test by {@link MailCatcher}, and back afterwards. */
    @Autowired
    JavaMailSenderImpl sender;

    @Test
    void theShortGetTheReminderByMailTooAndThoseWithoutAnAddressOnlyInApp() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        User employee = identity.createUserQuery().userId(s.employee()).singleResult();
        employee.setEmail(s.employee() + "@hospital.example");
        identity.saveUser(employee);
        LocalDate reminderDay = calendar.workingDaysBefore(LocalDate.of(clock.year(), 12, 31),
                properties.reminderWorkingDays().get(0));

        assertThat(reminders.remind(reminderDay, List.of(s.unit()))).isEqualTo(1);

        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo(s.employee() + "@hospital.example");
        assertThat(received[0].getSubject()).isEqualTo("学时通提醒：本年度继续教育学时尚未达标");
        assertThat(GreenMailUtil.getBody(received[0])).isNotBlank();
        assertThat(received[0].getContent().toString()).contains("尚差 90 学时", clock.year() + "年度");

        // no mail on a day that is no reminder day
        smtp.reset();
        assertThat(reminders.remind(LocalDate.of(clock.year(), 1, 2), List.of(s.unit()))).isZero();
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void aMailServerThatIsDownCostsOnlyTheMailNotTheInAppReminder() {
        ClaimFixtures.Setup s = fixtures.jilin();
        User employee = identity.createUserQuery().userId(s.employee()).singleResult();
        employee.setEmail(s.employee() + "@hospital.example");
        identity.saveUser(employee);
        sender.setPort(1); // nothing listens there
        LocalDate reminderDay = calendar.workingDaysBefore(LocalDate.of(clock.year(), 12, 31),
                properties.reminderWorkingDays().get(0));

        assertThat(reminders.remind(reminderDay, List.of(s.unit()))).isEqualTo(1);
    }
}
