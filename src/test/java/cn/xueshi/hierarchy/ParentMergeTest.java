package cn.xueshi.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xueshi.hierarchy.DerivedRuleSet.OwnerKind;
import cn.xueshi.identity.Unit;
import cn.xueshi.rules.RecognitionRequest;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.i18n.LocaleContextHolder;

/** A newer parent version offered to a child as a merge: untouched rows follow, conflicts must be resolved. */
@IntegrationTest
class ParentMergeTest {

    @Autowired
    HierarchyFixtures fixtures;
    @Autowired
    Derivations derivations;
    @Autowired
    RecognitionService recognition;

    @BeforeEach
    void chinese() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
    }

    @AfterEach
    void reset() {
        LocaleContextHolder.resetLocaleContext();
    }

    BigDecimal hours(String ruleSet, Map<String, Object> item) {
        return recognition.evaluate(new RecognitionRequest(ruleSet, 2026, List.of(item))).items().get(0).hours();
    }

    /** A department set (parent) and a unit set on it; then the parent files v2 changing two rows. */
    String[] parentMovesOn(Delta childDelta) {
        Department dept = fixtures.department("JILIN", Department.Level.PROVINCIAL);
        String parent = fixtures.filed(OwnerKind.DEPARTMENT, dept.getCode(), "jilin-2026",
                Delta.empty().withChange(new Delta.Change("items", "jl-paper-3", "base", "30")), LocalDate.of(2026, 1, 1));
        // the child's owner is a unit of its own: a made-up owner code ("9" + …) was a real unit id in the shared test
        // database whenever the sequence reached it, and that unit's claims were then priced by this test's set
        // (RegistrationFormTest found its rule set named 测试规则集… instead of 吉林)
        Unit owner = fixtures.unit("JILIN", "jilin-2026", dept);
        String child = fixtures.filed(OwnerKind.UNIT, String.valueOf(owner.getId()), parent, childDelta,
                LocalDate.of(2026, 1, 1));
        derivations.edit(parent, d -> d.withChange(new Delta.Change("items", "jl-paper-3", "base", "28"))
                .withChange(new Delta.Change("items", "jl-paper-1", "base", "38")), "tester", "v2");
        RuleSetVersion v2 = derivations.submit(parent, "修订", "文号", LocalDate.of(2026, 1, 1), "tester");
        derivations.file(v2.getId(), null, null, "tester");
        return new String[] {parent, child};
    }

    @Test
    void withoutConflictsUntouchedRowsFollowTheParentAfterTheMerge() {
        String[] keys = parentMovesOn(Delta.empty().withChange(new Delta.Change("items", "jl-paper-2", "base", "22")));
        String child = keys[1];
        // nothing changes silently: until merged and filed, the child keeps the parent version it was filed on
        assertThat(hours(child, DerivedRuleSetTest.SCI_FIRST)).isEqualByComparingTo("36");
        assertThat(derivations.mergeConflicts(child)).isEmpty();
        derivations.edit(child, d -> d, "tester", "新草稿");
        assertThatThrownBy(() -> derivations.submit(child, "理由", "文号", LocalDate.of(2026, 1, 1), "tester"))
                .isInstanceOf(HierarchyRefusal.class).hasMessageContaining("请先合并");
        derivations.merge(child, Map.of(), "tester");
        RuleSetVersion v = derivations.submit(child, "合并上级", "文号", LocalDate.of(2026, 1, 1), "tester");
        derivations.file(v.getId(), null, null, "tester");
        assertThat(hours(child, DerivedRuleSetTest.SCI_FIRST)).isEqualByComparingTo("38");
        assertThat(hours(child, DerivedRuleSetTest.PROVINCIAL_FIRST)).isEqualByComparingTo("28");
        assertThat(hours(child, Map.of("activityType", "PAPER", "role", "CO_AUTHOR", "journal", "SCI")))
                .isEqualByComparingTo("22");
    }

    @Test
    void aRowBothChangedIsAConflictToResolveAndNothingIsHalfSaved() {
        String[] keys = parentMovesOn(Delta.empty().withChange(new Delta.Change("items", "jl-paper-3", "base", "32")));
        String child = keys[1];
        List<Derivations.MergeConflict> conflicts = derivations.mergeConflicts(child);
        assertThat(conflicts).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("items/jl-paper-3/base");
            assertThat(c.parentBefore()).isEqualTo("30");
            assertThat(c.parentAfter()).isEqualTo("28");
            assertThat(c.mine()).isEqualTo("32");
        });
        int before = derivations.latest(child).getParentVersion();
        assertThatThrownBy(() -> derivations.merge(child, Map.of(), "tester")).isInstanceOf(HierarchyRefusal.class)
                .hasMessageContaining("1 处冲突尚未处理").hasMessageContaining("items/jl-paper-3/base");
        assertThat(derivations.latest(child).getParentVersion()).isEqualTo(before);
        assertThat(derivations.latest(child).getStatus()).isEqualTo(RuleSetVersion.Status.FILED);
        derivations.merge(child, Map.of("items/jl-paper-3/base", "MINE"), "tester");
        assertThat(derivations.latest(child).getParentVersion()).isEqualTo(before + 1);
        RuleSetVersion v = derivations.submit(child, "合并上级", "文号", LocalDate.of(2026, 1, 1), "tester");
        derivations.file(v.getId(), null, null, "tester");
        assertThat(hours(child, DerivedRuleSetTest.PROVINCIAL_FIRST)).isEqualByComparingTo("32");
        assertThat(hours(child, DerivedRuleSetTest.SCI_FIRST)).isEqualByComparingTo("38");
    }

    @Test
    void takingTheParentsRowDropsTheChildsChange() {
        String[] keys = parentMovesOn(Delta.empty().withChange(new Delta.Change("items", "jl-paper-3", "base", "32")));
        String child = keys[1];
        derivations.merge(child, Map.of("items/jl-paper-3/base", "PARENT"), "tester");
        assertThat(derivations.delta(derivations.latest(child)).changes()).isEmpty();
        RuleSetVersion v = derivations.submit(child, "合并上级", "文号", LocalDate.of(2026, 1, 1), "tester");
        derivations.file(v.getId(), null, null, "tester");
        assertThat(hours(child, DerivedRuleSetTest.PROVINCIAL_FIRST)).isEqualByComparingTo("28");
        assertThat(derivations.auditOf(child)).extracting(HierarchyAudit.Entry::action).contains("MERGED");
    }
}
