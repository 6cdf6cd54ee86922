package cn.xueshi.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.calendar.WorkingDayCalendar;
import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimRepository;
import cn.xueshi.clock.BusinessClock;
import cn.xueshi.notification.NotificationRepository;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** In-app shortfall reminders on the configured working days before the year end, to those still short only. */
@IntegrationTest
class ShortfallRemindersTest {

    @Autowired
    ShortfallReminders reminders;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    TestUsers users;
    @Autowired
    ClaimRepository claims;
    @Autowired
    NotificationRepository notifications;
    @Autowired
    WorkingDayCalendar calendar;
    @Autowired
    BusinessClock clock;
    @Autowired
    ForecastProperties properties;

    @Test
    void theShortAreRemindedOnTheConfiguredWorkingDaysOnly() {
        ClaimFixtures.Setup s = fixtures.jilin();
        String done = users.member(s.unit(), "冯", "满");
        Claim c = new Claim(done, s.unit().getId(), "jilin-2026", clock.year(), "学时", UUID.randomUUID().toString());
        c.approve(s.reviewer(), new BigDecimal("30"), new BigDecimal("60"), "按登记学时认定");
        c.register();
        claims.save(c);
        LocalDate end = LocalDate.of(clock.year(), 12, 31);
        int first = properties.reminderWorkingDays().get(0);
        LocalDate reminderDay = calendar.workingDaysBefore(end, first);

        // 2 January is no reminder day (every configured offset is within the last weeks of the year)
        assertThat(reminders.remind(LocalDate.of(clock.year(), 1, 2), java.util.List.of(s.unit()))).isZero();
        assertThat(notifications.findTop20ByRecipientOrderByCreatedAtDesc(s.employee())).isEmpty();

        assertThat(reminders.remind(reminderDay, java.util.List.of(s.unit()))).isEqualTo(1);
        assertThat(notifications.findTop20ByRecipientOrderByCreatedAtDesc(s.employee()))
                .singleElement().satisfies(n -> {
                    assertThat(n.getKind()).isEqualTo(ShortfallReminders.KIND);
                    assertThat(n.getMessage()).isEqualTo("90");
                });
        assertThat(notifications.findTop20ByRecipientOrderByCreatedAtDesc(done)).isEmpty();
    }
}
