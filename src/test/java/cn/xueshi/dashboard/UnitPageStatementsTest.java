package cn.xueshi.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A unit's two dashboard pages as served (issue 16: one unit's page under 50 ms, most of which was the request's
 * fixed cost): the viewer's groups, unit and oversight are read once per request (the layout and the controller share
 * the lookup), the unit once (the scope check's read is the page's), and the pages' statement counts stay bounded —
 * before, 17 for the people page and 38 for the overview on PostgreSQL. The checks that now hand the unit on still
 * refuse a unit outside the viewer's jurisdictions. Isolated: the statement recorder wraps the data source, which
 * makes a context of its own, and a JVM holds one Camunda engine.
 */
@org.junit.jupiter.api.Tag("isolated")
@IntegrationTest
@Import(PageStatements.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnitPageStatementsTest {

    /** The people page: viewer 5 (user, groups, unit, reviewed units, oversight), unit 1, pending marks 1, the filed
     * rule sets 1 (only this unit's and its department's are read further: none here), the people 1 — and a little
     * room for a database whose drivers send one more. */
    static final int PEOPLE_PAGE_MAX = 10;
    /** The overview of one unit: viewer 5, unit 1, the views (each first asks for pending marks) ~22, the unit's
     * filed sets 2, jurisdictions 1, unit choices 1. */
    static final int OVERVIEW_PAGE_MAX = 32;

    @Autowired DashboardFixture fx;
    @Autowired TestUsers users;
    @Autowired Directory directory;
    @Autowired MockMvc mvc;
    @Autowired Rollups rollups;

    Unit unit;
    String member;
    String jilinSupervisor;
    String qingdaoSupervisor;

    @BeforeAll
    void fixture() {
        unit = fx.unit("语句医院");
        member = fx.member(unit, "语", "一");
        fx.member(unit, "语", "二");
        jilinSupervisor = users.user("sup", "吉", "督察", Groups.SUPERVISOR);
        directory.assignOversight(jilinSupervisor, "JILIN");
        qingdaoSupervisor = users.user("sup", "青", "督察", Groups.SUPERVISOR);
        directory.assignOversight(qingdaoSupervisor, "QINGDAO");
    }

    @Test
    void thePeoplePageReadsTheViewerAndTheUnitOnce() throws Exception {
        // the fixture's changes folded first: a page that folds them writes the rollups (the steady state is counted)
        rollups.catchUp();
        List<String> sql = PageStatements.record(() -> mvc.perform(get("/dashboard/units/{id}", unit.getId())
                        .with(user(jilinSupervisor).roles(Groups.SUPERVISOR)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("语一")))
                // the layout's account menu still names the viewer
                .andExpect(content().string(containsString("吉督察"))));
        assertThat(PageStatements.count(sql, "from ACT_ID_USER RES")).as(String.join("\n", sql)).isEqualTo(1);
        assertThat(PageStatements.count(sql, "from ACT_ID_GROUP RES")).as(String.join("\n", sql)).isEqualTo(1);
        assertThat(PageStatements.count(sql, "from xs_oversight")).as(String.join("\n", sql)).isEqualTo(1);
        assertThat(PageStatements.count(sql, "from xs_unit u1_0")).as(String.join("\n", sql)).isEqualTo(1);
        assertThat(sql).as(String.join("\n", sql)).hasSizeLessThanOrEqualTo(PEOPLE_PAGE_MAX);
    }

    @Test
    void theOverviewOfOneUnitReadsTheViewerAndTheJurisdictionsOnce() throws Exception {
        rollups.catchUp();
        List<String> sql = PageStatements.record(() -> mvc.perform(get("/dashboard").param("unit", String.valueOf(unit.getId()))
                        .with(user(jilinSupervisor).roles(Groups.SUPERVISOR)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(unit.getName())))
                .andExpect(content().string(containsString("吉督察"))));
        assertThat(PageStatements.count(sql, "from ACT_ID_USER RES")).as(String.join("\n", sql)).isEqualTo(1);
        assertThat(PageStatements.count(sql, "from xs_oversight")).as(String.join("\n", sql)).isEqualTo(1);
        assertThat(PageStatements.count(sql, "from xs_jurisdiction j1_0")).as(String.join("\n", sql)).isEqualTo(1);
        // whatever else is filed in the database: only this unit's and its department's rule sets are read
        assertThat(sql).as(String.join("\n", sql)).hasSizeLessThanOrEqualTo(OVERVIEW_PAGE_MAX);
    }

    @Test
    void theUnitsPagesAreStillRefusedOutsideTheViewersJurisdictions() throws Exception {
        for (String url : List.of("/dashboard/units/" + unit.getId(), "/dashboard/units/" + unit.getId() + "/export.xlsx",
                "/dashboard/units/" + unit.getId() + "/people/" + member, "/dashboard?unit=" + unit.getId())) {
            mvc.perform(get(url).with(user(qingdaoSupervisor).roles(Groups.SUPERVISOR))).andExpect(status().isNotFound());
            mvc.perform(get(url).with(user(member).roles(Groups.EMPLOYEE))).andExpect(status().isForbidden());
        }
        mvc.perform(get("/dashboard/units/{id}", Long.MAX_VALUE).with(user(jilinSupervisor).roles(Groups.SUPERVISOR)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/dashboard/units/{id}/export.xlsx", unit.getId()).with(user(jilinSupervisor).roles(Groups.SUPERVISOR)))
                .andExpect(status().isOk());
        mvc.perform(get("/dashboard/units/{id}/people/{p}", unit.getId(), member)
                        .with(user(jilinSupervisor).roles(Groups.SUPERVISOR)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("语一")));
    }
}
