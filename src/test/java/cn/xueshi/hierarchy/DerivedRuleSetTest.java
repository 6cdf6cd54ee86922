package cn.xueshi.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xueshi.hierarchy.DerivedRuleSet.OwnerKind;
import cn.xueshi.identity.Unit;
import cn.xueshi.rules.RecognitionException;
import cn.xueshi.rules.RecognitionRequest;
import cn.xueshi.rules.RecognitionResult;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Inheritance, guardrails, bad parents and selection precedence of derived rule sets, on the real engine. */
@IntegrationTest
class DerivedRuleSetTest {

    static final Map<String, Object> PROVINCIAL_FIRST = Map.of("activityType", "PAPER", "role", "FIRST_AUTHOR",
            "journal", "PROVINCIAL");
    static final Map<String, Object> PROVINCIAL_CO = Map.of("activityType", "PAPER", "role", "CO_AUTHOR",
            "journal", "PROVINCIAL");
    static final Map<String, Object> SCI_FIRST = Map.of("activityType", "PAPER", "role", "FIRST_AUTHOR", "journal", "SCI");

    @Autowired
    HierarchyFixtures fixtures;
    @Autowired
    Derivations derivations;
    @Autowired
    RecognitionService recognition;
    @Autowired
    JdbcTemplate jdbc;

    static Delta healthRules(String prefix) {
        Delta own = HierarchyFixtures.medicalEducation(prefix);
        return new Delta(List.of(new Delta.Change("items", "jl-paper-3", "base", "30")),
                List.of(new Delta.Removal("items", "jl-paper-4")), own.additions());
    }

    @org.junit.jupiter.api.BeforeEach
    void chinese() {
        org.springframework.context.i18n.LocaleContextHolder.setLocale(java.util.Locale.SIMPLIFIED_CHINESE);
    }

    @org.junit.jupiter.api.AfterEach
    void reset() {
        org.springframework.context.i18n.LocaleContextHolder.resetLocaleContext();
    }

    BigDecimal hours(String ruleSet, Map<String, Object> item) {
        return recognition.evaluate(new RecognitionRequest(ruleSet, 2026, List.of(item))).items().get(0).hours();
    }

    @Test
    void untouchedRowsFollowTheParentOverriddenRowsWinRemovedRowsAreGoneAddedTypesWork() {
        Department dept = fixtures.department("JILIN", Department.Level.PROVINCIAL);
        String key = fixtures.filed(OwnerKind.DEPARTMENT, dept.getCode(), "jilin-2026", healthRules("t1"),
                LocalDate.of(2026, 1, 1));
        assertThat(hours("jilin-2026", PROVINCIAL_FIRST)).isEqualByComparingTo("26");
        assertThat(hours(key, PROVINCIAL_FIRST)).isEqualByComparingTo("30");
        assertThat(hours(key, SCI_FIRST)).isEqualByComparingTo(hours("jilin-2026", SCI_FIRST));
        assertThat(hours("jilin-2026", PROVINCIAL_CO)).isEqualByComparingTo("10");
        assertThatThrownBy(() -> hours(key, PROVINCIAL_CO)).isInstanceOf(RecognitionException.class);
        assertThat(hours(key, Map.of("activityType", "MEDICAL_CE", "count", 2))).isEqualByComparingTo("12");
        assertThatThrownBy(() -> hours("jilin-2026", Map.of("activityType", "MEDICAL_CE", "count", 2)))
                .isInstanceOf(RecognitionException.class);
        RecognitionResult result = recognition.evaluate(new RecognitionRequest(key, 2026, List.of(PROVINCIAL_FIRST)));
        assertThat(result.items().get(0).decisionKey()).isEqualTo(key + "-items");
        assertThat(result.requirement().total()).isEqualByComparingTo("90");
        assertThat(recognition.standards(key).orElseThrow().nameZh()).isEqualTo("测试规则集" + key);
    }

    @Test
    void aGrandchildInheritsThroughItsParent() {
        Department dept = fixtures.department("JILIN", Department.Level.PROVINCIAL);
        String health = fixtures.filed(OwnerKind.DEPARTMENT, dept.getCode(), "jilin-2026", healthRules("t2"),
                LocalDate.of(2026, 1, 1));
        Unit hospital = fixtures.unit("JILIN", "jilin-2026", dept);
        String unitKey = fixtures.filed(OwnerKind.UNIT, String.valueOf(hospital.getId()), health,
                new Delta(List.of(new Delta.Change("items", "t2-medical-ce-1", "perCount", "8")), null, null),
                LocalDate.of(2026, 3, 1));
        assertThat(hours(unitKey, PROVINCIAL_FIRST)).isEqualByComparingTo("30");
        assertThat(hours(unitKey, Map.of("activityType", "MEDICAL_CE", "count", 2))).isEqualByComparingTo("16");
        assertThat(recognition.chain(unitKey)).extracting(l -> l.key()).containsExactly(unitKey, health, "jilin-2026");
    }

    @Test
    void selectionIsUnitThenDepartmentThenReferenceByYear() {
        Department dept = fixtures.department("JILIN", Department.Level.PROVINCIAL);
        Unit plain = fixtures.unit("JILIN", "jilin-2026", null);
        Unit member = fixtures.unit("JILIN", "jilin-2026", dept);
        Unit own = fixtures.unit("JILIN", "jilin-2026", dept);
        assertThat(recognition.ruleSetFor("JILIN", dept.getCode(), member.getId(), 2026)).contains("jilin-2026");
        String health = fixtures.filed(OwnerKind.DEPARTMENT, dept.getCode(), "jilin-2026", healthRules("t3"),
                LocalDate.of(2027, 1, 1));
        String detailed = fixtures.filed(OwnerKind.UNIT, String.valueOf(own.getId()), health, Delta.empty()
                .withChange(new Delta.Change("items", "jl-paper-3", "base", "32")), LocalDate.of(2028, 1, 1));
        // by year: before its effective date a set does not apply
        assertThat(recognition.ruleSetFor("JILIN", dept.getCode(), member.getId(), 2026)).contains("jilin-2026");
        assertThat(recognition.ruleSetFor("JILIN", dept.getCode(), member.getId(), 2027)).contains(health);
        assertThat(recognition.ruleSetFor("JILIN", null, plain.getId(), 2027)).contains("jilin-2026");
        assertThat(recognition.ruleSetFor("JILIN", dept.getCode(), own.getId(), 2027)).contains(health);
        assertThat(recognition.ruleSetFor("JILIN", dept.getCode(), own.getId(), 2028)).contains(detailed);
        assertThat(recognition.ruleSetFor("JILIN", dept.getCode(), own.getId(), 2025)).isEmpty();
        assertThatThrownBy(() -> recognition.evaluate(new RecognitionRequest(health, 2026, List.of(PROVINCIAL_FIRST))))
                .isInstanceOf(RecognitionException.class).hasMessageContaining("2027");
    }

    @Test
    void aDraftOrASetInFilingNeverPrices() {
        Department dept = fixtures.department("JILIN", Department.Level.PROVINCIAL);
        Unit member = fixtures.unit("JILIN", "jilin-2026", dept);
        String key = fixtures.drafted(OwnerKind.DEPARTMENT, dept.getCode(), "jilin-2026", healthRules("t4"));
        assertThat(recognition.ruleSetFor("JILIN", dept.getCode(), member.getId(), 2026)).contains("jilin-2026");
        derivations.submit(key, "理由", "测试〔2026〕2号", LocalDate.of(2026, 1, 1), "tester");
        assertThat(recognition.ruleSetFor("JILIN", dept.getCode(), member.getId(), 2026)).contains("jilin-2026");
        assertThat(recognition.standards(key)).isEmpty();
        // the draft previews as if filed, without deploying anything
        RuleSetVersion v = derivations.latest(key);
        assertThat(derivations.preview(v).evaluate(new RecognitionRequest(key, 2026, List.of(PROVINCIAL_FIRST)))
                .items().get(0).hours()).isEqualByComparingTo("30");
    }

    @Test
    void guardrailsRefuseALowerRequirementAndALiftedStatutoryCap() {
        Department dept = fixtures.department("JILIN", Department.Level.PROVINCIAL);
        String lower = fixtures.drafted(OwnerKind.DEPARTMENT, dept.getCode(), "jilin-2026",
                Delta.empty().withChange(new Delta.Change("facts", "jl-facts", "requiredTotal", "80")));
        assertThatThrownBy(() -> derivations.submit(lower, "理由", "文号", LocalDate.of(2026, 1, 1), "tester"))
                .isInstanceOf(HierarchyRefusal.class).hasMessageContaining("年度总学时要求不得低于上级规则集")
                .hasMessageContaining("上级 90，本规则集 80");
        assertThat(derivations.latest(lower).getStatus()).isEqualTo(RuleSetVersion.Status.DRAFT);
        String lifted = fixtures.drafted(OwnerKind.DEPARTMENT, dept.getCode(), "jilin-2026",
                Delta.empty().withChange(new Delta.Change("caps", "jl-cap-advanced-seminar", "cap", "50")));
        assertThatThrownBy(() -> derivations.submit(lifted, "理由", "文号", LocalDate.of(2026, 1, 1), "tester"))
                .isInstanceOf(HierarchyRefusal.class).hasMessageContaining("法定限额");
        String removed = fixtures.drafted(OwnerKind.DEPARTMENT, dept.getCode(), "jilin-2026",
                Delta.empty().withRemoval(new Delta.Removal("caps", "jl-cap-advanced-seminar")));
        assertThatThrownBy(() -> derivations.submit(removed, "理由", "文号", LocalDate.of(2026, 1, 1), "tester"))
                .isInstanceOf(HierarchyRefusal.class).hasMessageContaining("不得删除");
        // raising the requirement, lowering a statutory cap and raising a non-statutory one are allowed
        String fine = fixtures.drafted(OwnerKind.DEPARTMENT, dept.getCode(), "jilin-2026", Delta.empty()
                .withChange(new Delta.Change("facts", "jl-facts", "requiredTotal", "96"))
                .withChange(new Delta.Change("caps", "jl-cap-advanced-seminar", "cap", "30"))
                .withChange(new Delta.Change("caps", "jl-cap-self-study", "cap", "36")));
        assertThat(derivations.guardrails(derivations.latest(fine))).allMatch(Guardrails.Result::allowed);
        derivations.submit(fine, "理由", "文号", LocalDate.of(2026, 1, 1), "tester");
        assertThat(derivations.latest(fine).getStatus()).isEqualTo(RuleSetVersion.Status.FILING);
    }

    @Test
    void badParentsAreRefusedBesideTheField() {
        Department dept = fixtures.department("JILIN", Department.Level.PROVINCIAL);
        assertThatThrownBy(() -> derivations.create(HierarchyFixtures.unique("t"), "名称", OwnerKind.DEPARTMENT,
                dept.getCode(), "no-such-set", "tester")).isInstanceOf(HierarchyRefusal.class)
                .hasMessageContaining("不存在").extracting(e -> ((HierarchyRefusal) e).getField()).isEqualTo("parentKey");
        String draft = fixtures.drafted(OwnerKind.DEPARTMENT, dept.getCode(), "jilin-2026", Delta.empty());
        assertThatThrownBy(() -> derivations.create(HierarchyFixtures.unique("t"), "名称", OwnerKind.UNIT, "1", draft,
                "tester")).isInstanceOf(HierarchyRefusal.class).hasMessageContaining("尚未备案");
        assertThatThrownBy(() -> derivations.create("Bad Key", "名称", OwnerKind.UNIT, "1", "jilin-2026", "tester"))
                .isInstanceOf(HierarchyRefusal.class).extracting(e -> ((HierarchyRefusal) e).getField()).isEqualTo("key");
        // a cycle already in the data (two sets naming each other) is refused, not followed for ever
        String a = HierarchyFixtures.unique("ca");
        String b = HierarchyFixtures.unique("cb");
        jdbc.update("INSERT INTO xs_rule_set (rule_set_key, name_zh, owner_kind, owner_code, jurisdiction, parent_key,"
                + " created_by, created_at) VALUES (?, 'A', 'UNIT', '1', 'JILIN', ?, 't', CURRENT_TIMESTAMP)", a, b);
        jdbc.update("INSERT INTO xs_rule_set (rule_set_key, name_zh, owner_kind, owner_code, jurisdiction, parent_key,"
                + " created_by, created_at) VALUES (?, 'B', 'UNIT', '1', 'JILIN', ?, 't', CURRENT_TIMESTAMP)", b, a);
        assertThatThrownBy(() -> derivations.checkParent(a, b)).isInstanceOf(HierarchyRefusal.class)
                .hasMessageContaining("成环");
        long before = jdbc.queryForObject("SELECT COUNT(*) FROM xs_rule_set", Long.class);
        assertThatThrownBy(() -> derivations.create(HierarchyFixtures.unique("t"), "", OwnerKind.UNIT, "1",
                "jilin-2026", "tester")).isInstanceOf(HierarchyRefusal.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xs_rule_set", Long.class)).isEqualTo(before);
    }

    @Test
    void aNewFiledVersionReplacesTheOldOneButPricedItemsKeepTheirVersion() {
        Department dept = fixtures.department("JILIN", Department.Level.PROVINCIAL);
        String key = fixtures.filed(OwnerKind.DEPARTMENT, dept.getCode(), "jilin-2026", healthRules("t5"),
                LocalDate.of(2026, 1, 1));
        RecognitionResult first = recognition.evaluate(new RecognitionRequest(key, 2026, List.of(PROVINCIAL_FIRST)));
        derivations.edit(key, d -> d.withChange(new Delta.Change("items", "jl-paper-3", "base", "28")), "tester", "再改");
        RuleSetVersion v2 = derivations.submit(key, "再调整", "测试〔2026〕3号", LocalDate.of(2026, 1, 1), "tester");
        assertThat(v2.getVersion()).isEqualTo(2);
        derivations.file(v2.getId(), null, null, "tester");
        RecognitionResult second = recognition.evaluate(new RecognitionRequest(key, 2026, List.of(PROVINCIAL_FIRST)));
        assertThat(first.items().get(0).hours()).isEqualByComparingTo("30");
        assertThat(second.items().get(0).hours()).isEqualByComparingTo("28");
        assertThat(second.items().get(0).decisionVersion()).isEqualTo(first.items().get(0).decisionVersion() + 1);
        assertThat(derivations.auditOf(key)).extracting(HierarchyAudit.Entry::action)
                .containsSubsequence("CREATED", "EDITED", "SUBMITTED", "FILED", "EDITED", "SUBMITTED", "FILED");
    }
}
