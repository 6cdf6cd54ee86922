package cn.xueshi.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitRepository;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.IntegrationTest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

/** The standards page and the API follow the deployed tables: a changed table changes both, no code change. */
@IntegrationTest
class RuleChangesTest {

    static final String RESOURCE = "dmn/yuxi-2024.dmn";
    static final String BODY = "{\"ruleSet\":\"yuxi-2024\",\"year\":2024,\"items\":[{\"activityType\":\"PUBLIC_COURSE\",\"count\":2}]}";

    @Autowired
    MockMvc mvc;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    UnitRepository units;
    @Autowired
    Directory directory;

    static String original() throws Exception {
        try (InputStream in = RuleChangesTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    void deploy(String xml, String name) {
        repositoryService.createDeployment().name(name).addString(RESOURCE, xml).deploy();
    }

    @Test
    @WithMockUser("rulesChanger")
    void aRedeployedRateChangesTheApiAndThePage() throws Exception {
        String original = original();
        String rate = "<outputEntry id=\"yx-public-course-1-o-perCount\"><text>5</text></outputEntry>";
        assertThat(original).contains(rate);
        mvc.perform(post("/api/v1/recognition/evaluate").with(csrf()).contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(jsonPath("$.items[0].hours").value(10.0));
        try {
            deploy(original.replace(rate, rate.replace("<text>5</text>", "<text>7</text>")), "rules-test-changed");
            mvc.perform(post("/api/v1/recognition/evaluate").with(csrf()).contentType(MediaType.APPLICATION_JSON).content(BODY))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.items[0].hours").value(14.0));
            String page = mvc.perform(get("/rules/standards").param("ruleSet", "yuxi-2024"))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(page).contains("每项（次）7 学时");
        } finally {
            deploy(original, "rules-test-restored");
        }
        mvc.perform(post("/api/v1/recognition/evaluate").with(csrf()).contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(jsonPath("$.items[0].hours").value(10.0));
    }

    @Test
    @WithMockUser("rulesPageReader")
    void standardsPageShowsTheUsersRuleSetInChinese() throws Exception {
        Unit unit = units.findByCode("RULESPAGE").orElseGet(() -> units.save(new Unit("RULESPAGE", "规则页面测试单位",
                UnitType.STATE_OWNED, "ANHUI", "anhui-2025", null)));
        directory.assignToUnit("rulesPageReader", unit.getId());
        String page = mvc.perform(get("/rules/standards")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("学时认定标准").contains("安徽省").contains("网络课件").contains("发明专利")
                .contains("50 学时，排名每靠后一位减少 3 学时").contains("就高原则").contains("第十二条");
    }

    @Test
    @WithMockUser("rulesPageOther")
    void standardsPageShowsAChosenRuleSetWithItsCaps() throws Exception {
        String page = mvc.perform(get("/rules/standards").param("ruleSet", "jilin-2026")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("课题研究").contains("专业学习与交流").contains("每天 8 学时")
                .contains("年度累计限额").contains("个人自学").contains("每年不少于 90 学时");
    }

    @Test
    @WithMockUser("rulesPageOther")
    void unknownRuleSetOnThePageIsAFriendlyMessage() throws Exception {
        String page = mvc.perform(get("/rules/standards").param("ruleSet", "<script>x</script>"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("未找到规则集").doesNotContain("<script>x</script>");
    }
}
