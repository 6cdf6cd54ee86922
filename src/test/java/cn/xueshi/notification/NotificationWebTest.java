package cn.xueshi.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.identity.Groups;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@IntegrationTest
class NotificationWebTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    Notifications notifications;
    @Autowired
    NotificationRepository repository;

    static RequestPostProcessor reviewer(String id) {
        return user(id).roles(Groups.REVIEWER);
    }

    static RequestPostProcessor employee(String id) {
        return user(id).roles(Groups.EMPLOYEE);
    }

    private Notification latest(String recipient, String kind) {
        return repository.findTop20ByRecipientOrderByCreatedAtDesc(recipient).stream()
                .filter(n -> n.getKind().equals(kind)).findFirst().orElseThrow();
    }

    @Test
    void noticesWithoutAClaimSayWhatHappenedAndLinkToTheirPage() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        notifications.send(List.of(s.reviewer()), "FILING_DUE", null, "长春市第一医院 2026 年度，截止 2027-01-31");
        notifications.send(List.of(s.employee()), "MAKEUP_APPROVED", null, "2026");

        mvc.perform(get("/").with(reviewer(s.reviewer())))
                .andExpect(content().string(containsString("年度备案即将截止：长春市第一医院 2026 年度，截止 2027-01-31")))
                .andExpect(content().string(containsString("href=\"/filing\"")))
                .andExpect(content().string(containsString("标为已读")))
                .andExpect(content().string(containsString("全部标为已读")));
        mvc.perform(get("/").with(employee(s.employee())))
                .andExpect(content().string(containsString("2026 年度的补学/减免申请已批准。")))
                .andExpect(content().string(containsString("href=\"/makeup\"")));
    }

    @Test
    void aPersonMarksTheirOwnNoticeReadButNotSomeoneElses() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        notifications.send(List.of(s.reviewer()), "FILING_RETURNED", null, "请补充汇总表");
        Notification mine = latest(s.reviewer(), "FILING_RETURNED");

        // without the CSRF token: refused
        mvc.perform(post("/notifications/{id}/read", mine.getId()).with(reviewer(s.reviewer())))
                .andExpect(status().isForbidden());
        // someone else's id: not found, and it stays unread
        mvc.perform(post("/notifications/{id}/read", mine.getId()).with(employee(s.employee())).with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(repository.findById(mine.getId()).orElseThrow().getReadAt()).isNull();

        mvc.perform(post("/notifications/{id}/read", mine.getId()).with(reviewer(s.reviewer())).with(csrf()))
                .andExpect(redirectedUrl("/#notifications"));
        assertThat(repository.findById(mine.getId()).orElseThrow().getReadAt()).isNotNull();
        mvc.perform(get("/").with(reviewer(s.reviewer())))
                .andExpect(content().string(not(containsString("请补充汇总表"))));
    }

    @Test
    void markAllReadClearsOnlyTheReadersNotices() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        notifications.send(List.of(s.employee()), "MAKEUP_RETURNED", null, "请补充病历");
        notifications.send(List.of(s.employee()), "MAKEUP_REMINDER", null, "2026|10|20");
        notifications.send(List.of(s.reviewer()), "FILING_DUE", null, "长春市第一医院 2026 年度");

        mvc.perform(post("/notifications/read").with(employee(s.employee())).with(csrf()))
                .andExpect(redirectedUrl("/"));
        assertThat(repository.findTop20ByRecipientAndReadAtIsNullOrderByCreatedAtDesc(s.employee())).isEmpty();
        assertThat(repository.findTop20ByRecipientAndReadAtIsNullOrderByCreatedAtDesc(s.reviewer())).hasSize(1);
        mvc.perform(get("/").with(employee(s.employee())))
                .andExpect(content().string(not(containsString("id=\"notifications\""))));
    }
}
