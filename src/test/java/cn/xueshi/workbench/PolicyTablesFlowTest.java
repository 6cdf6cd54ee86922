package cn.xueshi.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.claim.Claim;
import cn.xueshi.claim.RegistrationPolicy;
import cn.xueshi.makeup.HardshipPolicy;
import cn.xueshi.makeup.MakeupRequest;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each policy table goes through the workbench's whole cycle: a cell edited in a draft, the regression gate
 * failing on the case whose result changes, passing once the case is updated, the deploy, and the
 * application's own reader of the table answering by the new version; then the roll-back gate refusing
 * the older version, and the way back through a draft of it.
 */
@IntegrationTest
class PolicyTablesFlowTest extends AnalystMvcTest {

    PolicyTablesFlowTest() {
        super("wbp", "政", "策");
    }

    @Autowired
    ClaimFixtures claims;
    @Autowired
    RegistrationPolicy registration;
    @Autowired
    HardshipPolicy hardship;
    @Autowired
    RecognitionService recognition;

    // ---------------------------------------------------------------- one round trip per table

    @Test
    void reviewRoutingGivesTheNewReviewPeriodToTheNextClaim() throws Exception {
        ClaimFixtures.Setup jilin = claims.jilin();
        long shipped = reviewDays(jilin);
        // 10 more working days are at least two more calendar weeks, whatever the holidays
        roundTrip("review-routing", "out:route-default-unit:1", "20",
                () -> assertThat(reviewDays(jilin)).isBetween(shipped - 1, shipped + 1),
                () -> assertThat(reviewDays(jilin)).isGreaterThanOrEqualTo(shipped + 13));
    }

    /** Calendar days from submission to the review's due date. */
    long reviewDays(ClaimFixtures.Setup s) {
        Claim c = claims.reload(claims.exchange(s.employee(), 1));
        assertThat(c.getReviewerKind()).isEqualTo("UNIT");
        return Duration.between(c.getSubmittedAt(), c.getReviewDue()).toDays();
    }

    @Test
    void registrationPolicyIsReadByTheNewVersionOnTheNextSubmission() throws Exception {
        roundTrip("registration-policy", "out:policy-anhui-2025:1", "true",
                () -> assertThat(registration.of("anhui-2025").correctable()).isFalse(),
                () -> assertThat(registration.of("anhui-2025").correctable()).isTrue());
    }

    @Test
    void publicityPolicyGivesTheNewPeriodToTheNextApprovedClaim() throws Exception {
        ClaimFixtures.Setup jilin = claims.jilin();
        long shipped = publicityDays(jilin);
        // 5 more working days are at least one more calendar week
        roundTrip("publicity-policy", "out:publicity-default:0", "10",
                () -> assertThat(publicityDays(jilin)).isBetween(shipped - 1, shipped + 1),
                () -> assertThat(publicityDays(jilin)).isGreaterThanOrEqualTo(shipped + 6));
    }

    long publicityDays(ClaimFixtures.Setup s) {
        Claim c = claims.approve(claims.exchange(s.employee(), 1), s.reviewer());
        return Duration.between(c.getPublicityStart(), c.getPublicityEnd()).toDays();
    }

    @Test
    void hardshipPolicyIsReadByTheNewVersionForTheNextRequest() throws Exception {
        roundTrip("hardship-policy", "out:hardship-qingdao-maternity:0", "false",
                () -> assertThat(hardship.of("qingdao-2023", MakeupRequest.Reason.PREGNANCY, MakeupRequest.Remedy.REDUCTION)
                        .allowed()).isTrue(),
                () -> assertThat(hardship.of("qingdao-2023", MakeupRequest.Reason.PREGNANCY, MakeupRequest.Remedy.REDUCTION)
                        .allowed()).isFalse());
    }

    @Test
    void ruleSetSelectionIsReadByTheNewVersionByTheRecognitionService() throws Exception {
        roundTrip("rule-set-selection", "in:select-anhui-2025:1", ">= 2024",
                () -> assertThat(recognition.ruleSetFor("ANHUI", 2024)).isEmpty(),
                () -> assertThat(recognition.ruleSetFor("ANHUI", 2024)).contains("anhui-2025"));
    }

    /**
     * Edit one cell of the table's decision, meet the regression gate, update the failing cases, deploy, see the
     * application follow; then a roll-back to the older version is refused by the updated cases, and a draft of
     * the older version with the cases put back restores the old behaviour.
     */
    void roundTrip(String key, String cell, String value, ThrowingRunnable old, ThrowingRunnable changed) throws Exception {
        WorkbenchFixtures.Saved saved = fixtures.save(key);
        int before = versions.activeVersion(key);
        try {
            old.run();
            assertThat(workbench.regression(key)).isNotEmpty().allMatch(CaseResult::passed);
            long draft = openDraft(key);
            mvc.perform(post("/workbench/drafts/{id}/edit", draft).with(asAnalyst()).with(csrf())
                            .param("decision", key).param(cell, value).param("op", "save"))
                    .andExpect(redirectedUrl("/workbench/drafts/" + draft + "?decision=" + key))
                    .andExpect(flash().attribute("message", containsString("已保存")));
            old.run();

            String check = mvc.perform(get("/workbench/drafts/{id}/check", draft).with(asAnalyst()))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(check).contains("未发现问题").contains("个回归用例未通过").contains("不做影响预览")
                    .doesNotContain("impact-summary");
            mvc.perform(post("/workbench/drafts/{id}/deploy", draft).with(asAnalyst()).with(csrf()).param("comment", "调整"))
                    .andExpect(redirectedUrl("/workbench/drafts/" + draft + "/check"))
                    .andExpect(flash().attribute("error", containsString("回归用例未通过，不能部署")));
            assertThat(versions.activeVersion(key)).isEqualTo(before);
            old.run();

            updateFailingCases(draft, "按新规则更新预期");
            mvc.perform(post("/workbench/drafts/{id}/deploy", draft).with(asAnalyst()).with(csrf()).param("comment", "政策调整"))
                    .andExpect(redirectedUrl("/workbench/tables/" + key))
                    .andExpect(flash().attribute("message", containsString("已部署")));
            assertThat(versions.activeVersion(key)).isEqualTo(before + 1);
            changed.run();
            String page = mvc.perform(get("/workbench/tables/" + key).with(asAnalyst())).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();
            assertThat(page).contains("v" + (before + 1)).contains("政策调整");
            assertThat(workbench.regression(key)).allMatch(CaseResult::passed);
            String csv = mvc.perform(get("/workbench/audit.csv").param("ruleSet", key).with(asAnalyst()))
                    .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(csv).contains("DEPLOYED").contains("CASE_CHANGED").contains("CASE_UPDATED").contains("按新规则更新预期");

            // the older version fails the cases as updated: a plain roll-back is refused, with a Chinese reason
            mvc.perform(post("/workbench/tables/{k}/rollback", key).with(asAnalyst()).with(csrf())
                            .param("version", String.valueOf(before)).param("comment", "撤回调整"))
                    .andExpect(redirectedUrl("/workbench/tables/" + key + "#versions"))
                    .andExpect(flash().attribute("error", containsString("不能回滚到 v" + before)));
            assertThat(versions.activeVersion(key)).isEqualTo(before + 1);
            changed.run();

            // the way back: a draft of the older version, its cases put back with a reason, deployed
            String url = mvc.perform(post("/workbench/tables/{k}/versions/{v}/draft", key, before).with(asAnalyst()).with(csrf()))
                    .andExpect(flash().attribute("message", containsString("已按 v" + before + " 新建草稿")))
                    .andReturn().getResponse().getRedirectedUrl();
            long back = Long.parseLong(url.replaceAll("^/workbench/drafts/(\\d+)/check$", "$1"));
            updateFailingCases(back, "撤回调整，恢复原预期");
            mvc.perform(post("/workbench/drafts/{id}/deploy", back).with(asAnalyst()).with(csrf()).param("comment", "撤回调整"))
                    .andExpect(flash().attribute("message", containsString("已部署")));
            assertThat(versions.activeVersion(key)).isEqualTo(before + 2);
            old.run();
        } finally {
            fixtures.restore(saved);
        }
        old.run();
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    long openDraft(String key) throws Exception {
        String url = mvc.perform(post("/workbench/tables/{k}/drafts", key).with(asAnalyst()).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        return Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
    }

    void updateFailingCases(long draft, String comment) throws Exception {
        List<CaseResult> failing = workbench.regression(workbench.draft(draft)).stream().filter(r -> !r.passed()).toList();
        assertThat(failing).isNotEmpty();
        for (CaseResult r : failing) {
            mvc.perform(post("/workbench/drafts/{id}/cases/{c}", draft, r.regressionCase().getId())
                            .with(asAnalyst()).with(csrf()).param("expectJson", r.suggestedExpect()).param("comment", comment))
                    .andExpect(flash().attribute("message", containsString("部署时生效")));
        }
        assertThat(workbench.regression(workbench.draft(draft))).allMatch(CaseResult::passed);
    }

    // ---------------------------------------------------------------- roll-back that the cases allow

    @Test
    void aRollBackTheCasesAllowGoesThrough() throws Exception {
        String key = "publicity-policy";
        WorkbenchFixtures.Saved saved = fixtures.save(key);
        int before = versions.activeVersion(key);
        try {
            long draft = openDraft(key);
            workbench.edit(draft, key, Map.of("out:publicity-default:1", "\"默认公示5个工作日（规则维护人员可调整）\""), "save", analyst);
            assertThat(workbench.regression(workbench.draft(draft))).allMatch(CaseResult::passed);
            workbench.deploy(draft, "依据措辞", analyst);
            mvc.perform(post("/workbench/tables/{k}/rollback", key).with(asAnalyst()).with(csrf())
                            .param("version", String.valueOf(before)).param("comment", ""))
                    .andExpect(flash().attribute("error", containsString("请填写变更理由")));
            mvc.perform(post("/workbench/tables/{k}/rollback", key).with(asAnalyst()).with(csrf())
                            .param("version", String.valueOf(before)).param("comment", "恢复原措辞"))
                    .andExpect(flash().attribute("message", containsString("重新部署为生效版本")));
            assertThat(versions.activeVersion(key)).isEqualTo(before + 2);
            assertThat(workbench.activeTables(key).get(0).rows().get(1).outputs().get(1)).isEqualTo("\"默认公示5个工作日（可调整）\"");
        } finally {
            fixtures.restore(saved);
        }
    }

    // ---------------------------------------------------------------- shipped cases

    @ParameterizedTest
    @EnumSource(PolicyTable.class)
    void everyTableIsListedAndItsShippedCasesPassOnTheShippedVersion(PolicyTable table) throws Exception {
        List<CaseResult> results = workbench.regression(table.key);
        assertThat(results).hasSizeGreaterThanOrEqualTo(3).allMatch(CaseResult::passed);
        assertThat(results).allSatisfy(r -> assertThat(r.regressionCase().getName()).containsPattern("\\p{IsHan}"));
        String index = mvc.perform(get("/workbench").with(asAnalyst())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(index).contains("/workbench/tables/" + table.key).contains("审核分流").contains("登记政策")
                .contains("公示政策").contains("困难补学/减免政策").contains("规则集选择");
        mvc.perform(get("/workbench/rule-sets/" + table.key).with(asAnalyst()))
                .andExpect(redirectedUrl("/workbench/tables/" + table.key));
    }
}
