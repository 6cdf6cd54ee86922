package cn.xueshi.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The names in a claim's history (and the other lists that show a person per row) come from one identity query for
 * the whole list ({@link Directory#displayNames}), not one per row: the same names as the per-person lookup, unknown
 * ids shown as themselves.
 */
@IntegrationTest
class ClaimHistoryNamesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    TestUsers users;
    @Autowired
    Directory directory;

    @Test
    void namesOfSeveralPeopleAreTheNamesOfEachAndUnknownIdsStayIds() {
        String first = users.user("nm", "欧阳", "明");
        String second = users.user("nm", "李", "");
        String nameless = users.user("nm", "", "");

        Map<String, String> names = directory.displayNames(Arrays.asList(first, second, null, nameless, "no-such-user", first));

        assertThat(names).containsOnlyKeys(first, second, nameless, "no-such-user");
        for (String id : List.of(first, second, nameless, "no-such-user")) {
            assertThat(names.get(id)).isEqualTo(directory.displayName(id));
        }
        assertThat(names).containsEntry(first, "欧阳明").containsEntry(second, "李").containsEntry(nameless, nameless)
                .containsEntry("no-such-user", "no-such-user");
        assertThat(directory.displayNames(List.of())).isEmpty();
    }

    @Test
    void theClaimPageNamesEachActorOfItsHistory() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.approve(fixtures.exchange(s.employee(), 2), s.reviewer());

        mvc.perform(get("/claims/{id}", claim.getId()).with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(">王小明</span>")))
                .andExpect(content().string(containsString(">李审核</span>")));
    }
}
