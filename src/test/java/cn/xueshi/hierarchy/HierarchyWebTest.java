package cn.xueshi.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.hierarchy.DerivedRuleSet.OwnerKind;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The pages and the API of the hierarchy: scoping (404 for someone else's set), bad input beside the field, chain. */
@IntegrationTest
class HierarchyWebTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    HierarchyFixtures fixtures;
    @Autowired
    Derivations derivations;
    @Autowired
    TestUsers users;
    @Autowired
    Directory directory;

    String page(String path, String userId, String... roles) throws Exception {
        return HierarchyFixtures.page(mvc, path, userId, roles);
    }

    @Test
    void aDepartmentsMaintainerSeesAndChangesOnlyItsOwnSet() throws Exception {
        Department mine = fixtures.department("JILIN", Department.Level.PROVINCIAL);
        Department theirs = fixtures.department("JILIN", Department.Level.PROVINCIAL);
        String me = fixtures.maintainerOf(OwnerKind.DEPARTMENT, mine.getCode());
        String myKey = fixtures.drafted(OwnerKind.DEPARTMENT, mine.getCode(), "jilin-2026", DerivedRuleSetTest.healthRules("w1"));
        String theirKey = fixtures.drafted(OwnerKind.DEPARTMENT, theirs.getCode(), "jilin-2026", Delta.empty());
        String html = page("/rule-sets/" + myKey, me, Groups.RULE_MAINTAINER);
        assertThat(html).contains("发表论文").contains("26 学时 → 30 学时").contains("新增活动类型：医学继续教育");
        mvc.perform(get("/rule-sets/" + theirKey).with(user(me).roles(Groups.RULE_MAINTAINER))).andExpect(status().isNotFound());
        mvc.perform(post("/rule-sets/" + theirKey + "/cells").param("cell", "items|jl-paper-3|base").param("value", "40")
                .with(user(me).roles(Groups.RULE_MAINTAINER)).with(csrf())).andExpect(status().isNotFound());
        // the reference is the provincial analyst's: not a derived set anyone maintains here
        mvc.perform(post("/rule-sets/jilin-2026/cells").param("cell", "items|jl-paper-3|base").param("value", "40")
                .with(user(me).roles(Groups.RULE_MAINTAINER)).with(csrf())).andExpect(status().isNotFound());
        assertThat(derivations.delta(derivations.latest(theirKey)).isEmpty()).isTrue();
        assertThat(page("/rule-sets", me, Groups.RULE_MAINTAINER)).contains(myKey).doesNotContain(theirKey);
        // a change through the page lands in the draft and reads as words
        mvc.perform(post("/rule-sets/" + myKey + "/cells").param("cell", "items|jl-paper-3|base").param("value", "32")
                .with(user(me).roles(Groups.RULE_MAINTAINER)).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(page("/rule-sets/" + myKey, me, Groups.RULE_MAINTAINER)).contains("26 学时 → 32 学时");
    }

    @Test
    void badInputIsShownBesideTheFieldWithWhatWasTyped() throws Exception {
        Department dept = fixtures.department("JILIN", Department.Level.PROVINCIAL);
        String me = fixtures.maintainerOf(OwnerKind.DEPARTMENT, dept.getCode());
        String key = fixtures.drafted(OwnerKind.DEPARTMENT, dept.getCode(), "jilin-2026", Delta.empty());
        String html = mvc.perform(post("/rule-sets/" + key + "/cells").param("cell", "items|jl-paper-3|base")
                .param("value", "abc").with(user(me).roles(Groups.RULE_MAINTAINER)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("请输入 0 到 1000 之间的数").contains("value=\"abc\"");
        html = mvc.perform(post("/rule-sets/" + key + "/cells").param("cell", "items|jl-paper-3|base")
                .param("value", "5000").with(user(me).roles(Groups.RULE_MAINTAINER)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("请输入 0 到 1000 之间的数");
        html = mvc.perform(post("/rule-sets/" + key + "/cells").param("cell", "facts|jl-facts|requiredTotal")
                .param("value", "80").with(user(me).roles(Groups.RULE_MAINTAINER)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getContentAsString();
        html = mvc.perform(post("/rule-sets/" + key + "/submit").param("reason", "").param("documentRef", "吉卫〔2026〕1号")
                .param("effectiveFrom", "2026-01-01").with(user(me).roles(Groups.RULE_MAINTAINER)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("请填写制定或修改的理由").contains("吉卫〔2026〕1号");
        html = mvc.perform(post("/rule-sets/" + key + "/submit").param("reason", "理由").param("documentRef", "文号")
                .param("effectiveFrom", "2026-13-01").with(user(me).roles(Groups.RULE_MAINTAINER)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("日期格式应为").contains("2026-13-01");
        html = mvc.perform(post("/rule-sets/" + key + "/submit").param("reason", "理由").param("documentRef", "文号")
                .param("effectiveFrom", "2026-01-01").with(user(me).roles(Groups.RULE_MAINTAINER)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        // the requirement was lowered to 80: no filing authority staff is needed to see the guardrail refuse it
        assertThat(html).containsAnyOf("年度总学时要求不得低于上级规则集", "备案机关尚无审核人员");
        assertThat(derivations.latest(key).getStatus()).isEqualTo(RuleSetVersion.Status.DRAFT);
        html = mvc.perform(post("/rule-sets").param("key", "BAD KEY").param("nameZh", "办法")
                .param("owner", "DEPARTMENT:" + dept.getCode()).param("parentKey", "jilin-2026")
                .with(user(me).roles(Groups.RULE_MAINTAINER)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("不合规").contains("BAD KEY");
        html = mvc.perform(post("/rule-sets").param("key", HierarchyFixtures.unique("w")).param("nameZh", "办法")
                .param("owner", "DEPARTMENT:" + dept.getCode()).param("parentKey", "nope")
                .with(user(me).roles(Groups.RULE_MAINTAINER)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("上级规则集“nope”不存在");
        // someone else's owner is refused as if it were a bad choice
        html = mvc.perform(post("/rule-sets").param("key", HierarchyFixtures.unique("w")).param("nameZh", "办法")
                .param("owner", "DEPARTMENT:OTHER").param("parentKey", "jilin-2026")
                .with(user(me).roles(Groups.RULE_MAINTAINER)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("您不能维护该规则集");
    }

    @Test
    void theEmployeesStandardsPageApiAndEvaluateFollowTheirEffectiveSet() throws Exception {
        Department dept = fixtures.department("JILIN", Department.Level.PROVINCIAL);
        Unit hospital = fixtures.unit("JILIN", "jilin-2026", dept);
        String employee = users.user("emp", "张", "医", Groups.EMPLOYEE);
        directory.assignToUnit(employee, hospital.getId());
        String health = fixtures.filed(OwnerKind.DEPARTMENT, dept.getCode(), "jilin-2026",
                DerivedRuleSetTest.healthRules("w3"), LocalDate.of(2026, 1, 1));
        String detailed = fixtures.filed(OwnerKind.UNIT, String.valueOf(hospital.getId()), health,
                Delta.empty().withChange(new Delta.Change("items", "jl-paper-1", "base", "40")), LocalDate.of(2026, 1, 1));
        String html = page("/rules/standards", employee, Groups.EMPLOYEE);
        assertThat(html).contains("测试规则集" + detailed + " v1，基于 测试规则集" + health + " v1，基于 吉林省（2026年起）")
                .contains("36 学时 → 40 学时").contains("26 学时 → 30 学时");
        mvc.perform(post("/api/v1/recognition/evaluate").param("person", employee).with(user(employee).roles(Groups.EMPLOYEE))
                .with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"year\":2026,\"items\":[{\"activityType\":\"PAPER\",\"role\":\"FIRST_AUTHOR\",\"journal\":\"PROVINCIAL\"},"
                        + "{\"activityType\":\"PAPER\",\"role\":\"FIRST_AUTHOR\",\"journal\":\"SCI\"}]}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.ruleSet").value(detailed))
                .andExpect(jsonPath("$.items[0].hours").value(30.0)).andExpect(jsonPath("$.items[1].hours").value(40.0));
        // someone who may not see the person learns nothing about them
        String stranger = users.user("emp", "李", "外", Groups.EMPLOYEE);
        mvc.perform(post("/api/v1/recognition/evaluate").param("person", employee).with(user(stranger).roles(Groups.EMPLOYEE))
                .with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{\"year\":2026,\"items\":[]}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("person"));
        String json = mvc.perform(get("/api/v1/rule-sets").with(user(stranger).roles(Groups.EMPLOYEE)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(json).contains("\"key\":\"jilin-2026\"").contains("\"key\":\"" + detailed + "\"")
                .contains("\"parent\":\"" + health + "\"").contains("\"status\":\"FILED\"").contains("\"kind\":\"UNIT\"")
                .contains("\"effectiveFrom\":\"2026-01-01\"");
        String draft = fixtures.drafted(OwnerKind.DEPARTMENT, dept.getCode(), "jilin-2026", Delta.empty());
        assertThat(mvc.perform(get("/api/v1/rule-sets").with(user(stranger).roles(Groups.EMPLOYEE)))
                .andReturn().getResponse().getContentAsString()).doesNotContain(draft);
        String maintainer = fixtures.maintainerOf(OwnerKind.DEPARTMENT, dept.getCode());
        assertThat(mvc.perform(get("/api/v1/rule-sets").with(user(maintainer).roles(Groups.RULE_MAINTAINER)))
                .andReturn().getResponse().getContentAsString()).contains("\"key\":\"" + draft + "\",")
                .contains("\"status\":\"DRAFT\"");
        assertThat(List.of(health, detailed)).doesNotContain(draft);
    }
}
