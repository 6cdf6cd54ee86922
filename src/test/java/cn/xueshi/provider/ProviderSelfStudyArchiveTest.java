package cn.xueshi.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.xueshi.claim.ClaimRepository;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitType;
import cn.xueshi.selfstudy.SelfStudyArchives;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The bulk paths share the form's check (claim/ClaimValidation): a provider's report of 个人自学 for a Jilin unit
 * without a self-study archive is refused on its row beside the activity type (吉林 附件 二（九）) and creates nothing;
 * once the unit keeps one, the same row is valid.
 */
@IntegrationTest
class ProviderSelfStudyArchiveTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    MockMvc mvc;
    @Autowired
    TestUsers users;
    @Autowired
    Providers providers;
    @Autowired
    ClaimRepository claims;
    @Autowired
    SelfStudyArchives archives;

    JsonNode dryRun(String account, String userId) throws Exception {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("userId", userId);
        row.put("date", "2026-05-20");
        row.put("title", "专业技术人员自学辅导（第一期）");
        row.put("item", Map.of("activityType", "SELF_STUDY", "hours", 10));
        MvcResult r = mvc.perform(post("/api/v1/imports").param("kind", "PROVIDER_REPORT").param("dryRun", "true")
                .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(Map.of("rows", List.of(row))))
                .with(httpBasic(account, TestUsers.PASSWORD))).andReturn();
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(200);
        return JSON.readTree(r.getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    @Test
    void aReportedSelfStudyRowForAUnitWithoutAnArchiveIsRefusedThenValidOnceItKeepsOne() throws Exception {
        Unit jl = users.unit("吉林市中心医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        users.reviewerOf(jl, "审", "核");
        String student = users.member(jl, "学", "员");
        String account = users.user("prv", "基", "地");
        String code = TestUsers.uniqueId("P");
        Provider p = providers.register(code, "吉林测试继续教育基地" + code, List.of("SELF_STUDY"), List.of("JILIN"), "test");
        providers.addAccount(p.id(), account);

        JsonNode refused = dryRun(account, student);
        assertThat(refused.get("valid").asInt()).as(refused.toString()).isZero();
        JsonNode error = refused.get("errors").get(0);
        assertThat(error.get("row").asInt()).isEqualTo(1);
        assertThat(error.get("field").asText()).isEqualTo("item.activityType");
        assertThat(error.get("message").asText()).contains("所在单位未建立自学档案，自学学时不予认定（吉林 附件 二（九））");
        assertThat(claims.findByClaimantOrderBySubmittedAtDesc(student)).isEmpty();

        archives.establish(jl.getId(), jl.getCode(), LocalDate.of(2026, 1, 1), null, "test", null);
        JsonNode valid = dryRun(account, student);
        assertThat(valid.get("valid").asInt()).as(valid.toString()).isEqualTo(1);
    }
}
