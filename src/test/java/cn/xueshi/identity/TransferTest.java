package cn.xueshi.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** 人员流动 on /admin/units/moves: the membership history with dates, the current unit, messages beside the fields. */
@IntegrationTest
class TransferTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestUsers users;
    @Autowired
    Directory directory;

    @Test
    void anAdminMovesAPersonFromAJilinUnitToAnAnhuiUnitAndTheHistoryShowsIt() throws Exception {
        Unit jilin = users.unit("长春市某研究所", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        Unit anhui = users.unit("合肥某科技有限公司", UnitType.NON_PUBLIC, "ANHUI", "anhui-2025");
        String person = users.member(jilin, "韩", "梅");
        mvc.perform(post("/admin/units/moves").param("userId", person).param("unitId", String.valueOf(anhui.getId()))
                        .param("from", "2025-07-01").with(csrf()).with(user("admin").roles(Groups.ADMIN)))
                .andExpect(redirectedUrl("/admin/units/moves"));
        assertThat(directory.unitOf(person)).map(Unit::getId).contains(anhui.getId());
        List<Directory.Membership> history = directory.memberships(person);
        assertThat(history).hasSize(2);
        assertThat(history.get(0).unitId()).isEqualTo(jilin.getId());
        assertThat(history.get(0).to()).isEqualTo(LocalDate.of(2025, 6, 30));
        assertThat(history.get(1).unitId()).isEqualTo(anhui.getId());
        assertThat(history.get(1).from()).isEqualTo(LocalDate.of(2025, 7, 1));
        assertThat(history.get(1).to()).isNull();
        assertThat(directory.membersOf(jilin.getId())).doesNotContain(person);
        mvc.perform(get("/admin/units/moves").with(user("admin").roles(Groups.ADMIN)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("韩梅")))
                .andExpect(content().string(containsString("合肥某科技有限公司")));
        // a second move must start after the current membership's start
        mvc.perform(post("/admin/units/moves").param("userId", person).param("unitId", String.valueOf(jilin.getId()))
                        .param("from", "2025-07-01").with(csrf()).with(user("admin").roles(Groups.ADMIN)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("调动日期须晚于")));
    }

    @Test
    void badInputIsAMessageBesideTheFieldAndOthersMayNotMovePeople() throws Exception {
        Unit unit = users.unit("长春某医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        String person = users.member(unit, "雷", "雨");
        mvc.perform(post("/admin/units/moves").param("userId", "nobody-" + person).param("unitId", "")
                        .param("from", "2025-13-45").with(csrf()).with(user("admin").roles(Groups.ADMIN)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("没有该人员")))
                .andExpect(content().string(containsString("请选择调入单位")))
                .andExpect(content().string(containsString("value=\"2025-13-45\"")));
        mvc.perform(post("/admin/units/moves").param("userId", person).param("unitId", String.valueOf(unit.getId()))
                        .param("from", "2025-01-01").with(csrf()).with(user("admin").roles(Groups.ADMIN)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("该人员已在此单位")));
        mvc.perform(post("/admin/units/moves").param("userId", person).param("unitId", "99999999999")
                        .param("from", "2025-01-01").with(csrf()).with(user("admin").roles(Groups.ADMIN)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("请选择调入单位")));
        mvc.perform(get("/admin/units/moves").with(user(person).roles(Groups.EMPLOYEE)))
                .andExpect(status().isForbidden());
    }
}
