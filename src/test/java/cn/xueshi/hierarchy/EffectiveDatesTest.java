package cn.xueshi.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimForm;
import cn.xueshi.claim.ClaimValidation;
import cn.xueshi.claim.ItemForm;
import cn.xueshi.claim.ProgressService;
import cn.xueshi.hierarchy.DerivedRuleSet.OwnerKind;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitRepository;
import cn.xueshi.identity.UnitType;
import cn.xueshi.rules.RecognitionException;
import cn.xueshi.rules.RecognitionRequest;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.support.ClaimFixtures;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.validation.BeanPropertyBindingResult;

/**
 * A filed version applies from its effective date, in every year: dates before it are priced by the version it
 * follows (or, before a set's first filing, by the parent chain), on and after it by the new one; claims keep the
 * version that priced them, also in the year view.
 */
@IntegrationTest
class EffectiveDatesTest {

    static final Map<String, Object> PROVINCIAL_FIRST = Map.of("activityType", "PAPER", "role", "FIRST_AUTHOR",
            "journal", "PROVINCIAL");
    static final Map<String, String> PAPER = Map.of("role", "FIRST_AUTHOR", "journal", "PROVINCIAL");

    @Autowired
    HierarchyFixtures fixtures;
    @Autowired
    Derivations derivations;
    @Autowired
    RecognitionService recognition;
    @Autowired
    ClaimFixtures claims;
    @Autowired
    ClaimValidation validation;
    @Autowired
    ProgressService progress;
    @Autowired
    UnitRepository units;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void chinese() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
    }

    @AfterEach
    void reset() {
        LocaleContextHolder.resetLocaleContext();
    }

    /** A department with a set filed from 1 January 2026 (paper 30) and its v2 filed from 1 July 2026 (paper 28). */
    record TwoVersions(Department department, String key) {
    }

    TwoVersions twoVersionsIn2026() {
        Department dept = fixtures.department("JILIN", Department.Level.PROVINCIAL);
        String key = fixtures.filed(OwnerKind.DEPARTMENT, dept.getCode(), "jilin-2026",
                Delta.empty().withChange(new Delta.Change("items", "jl-paper-3", "base", "30")), LocalDate.of(2026, 1, 1));
        fileNewVersion(key, "28", LocalDate.of(2026, 7, 1));
        return new TwoVersions(dept, key);
    }

    void fileNewVersion(String key, String paperBase, LocalDate from) {
        derivations.edit(key, d -> d.withChange(new Delta.Change("items", "jl-paper-3", "base", paperBase)), "tester",
                "修订论文学时");
        RuleSetVersion v = derivations.submit(key, "修订", "测试〔2026〕2号", from, "tester");
        derivations.file(v.getId(), null, "同意备案", "tester");
    }

    BigDecimal paperOn(String ruleSet, LocalDate date) {
        return recognition.evaluate(new RecognitionRequest(ruleSet, date.getYear(), List.of(PROVINCIAL_FIRST)), null,
                date).items().get(0).hours();
    }

    @Test
    void twoFiledVersionsInOneYearSplitAtTheEffectiveDate() {
        TwoVersions t = twoVersionsIn2026();
        Unit member = fixtures.unit("JILIN", "jilin-2026", t.department());

        assertThat(recognition.ruleSetFor(member, LocalDate.of(2026, 3, 1))).contains(t.key());
        assertThat(paperOn(t.key(), LocalDate.of(2026, 1, 1))).isEqualByComparingTo("30");
        assertThat(paperOn(t.key(), LocalDate.of(2026, 6, 30))).isEqualByComparingTo("30");
        // the boundary: the effective date itself belongs to the new version
        assertThat(paperOn(t.key(), LocalDate.of(2026, 7, 1))).isEqualByComparingTo("28");
        assertThat(paperOn(t.key(), LocalDate.of(2026, 12, 31))).isEqualByComparingTo("28");
        // without a date: the version that stands on 31 December
        assertThat(recognition.evaluate(new RecognitionRequest(t.key(), 2026, List.of(PROVINCIAL_FIRST))).items()
                .get(0).hours()).isEqualByComparingTo("28");

        RecognitionService.Applicable before = recognition.applicable(member, LocalDate.of(2026, 6, 30)).orElseThrow();
        RecognitionService.Applicable after = recognition.applicable(member, LocalDate.of(2026, 7, 1)).orElseThrow();
        assertThat(before.version()).isEqualTo(1);
        assertThat(after.version()).isEqualTo(2);
        assertThat(after.effectiveFrom()).isEqualTo(LocalDate.of(2026, 7, 1));
    }

    @Test
    void claimsArePricedByTheVersionOfTheirDateAndKeepIt() {
        TwoVersions t = twoVersionsIn2026();
        ClaimFixtures.Setup s = claims.unit("生效日期测试医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        Unit unit = s.unit();
        unit.assignDepartment(t.department().getCode(), "HEALTH");
        units.save(unit);

        Claim june = claims.endPublicity(claims.approve(claims.submit(s.employee(),
                ClaimFixtures.form(2026, "PAPER", LocalDate.of(2026, 6, 30), PAPER)), s.reviewer()));
        Claim july = claims.endPublicity(claims.approve(claims.submit(s.employee(),
                ClaimFixtures.form(2026, "PAPER", LocalDate.of(2026, 7, 1), PAPER)), s.reviewer()));
        assertThat(june.getRuleSet()).isEqualTo(t.key());
        assertThat(june.getApprovedHours()).isEqualByComparingTo("30");
        assertThat(july.getApprovedHours()).isEqualByComparingTo("28");
        int juneVersion = decisionVersion(june);
        assertThat(decisionVersion(july)).isEqualTo(juneVersion + 1);

        // the year view prices each claim again by its own version (30 + 28), not both by the newer one (56)
        assertThat(progress.of(s.employee(), 2026, t.key()).orElseThrow().totalHours()).isEqualByComparingTo("58");
    }

    @Test
    void oneClaimAcrossAnEffectiveDateIsRefusedBesideTheLaterDate() {
        TwoVersions t = twoVersionsIn2026();
        Unit member = fixtures.unit("JILIN", "jilin-2026", t.department());
        ClaimForm form = ClaimFixtures.form(2026, "PAPER", LocalDate.of(2026, 6, 30), PAPER);
        ItemForm second = new ItemForm();
        second.setActivityType("PAPER");
        second.setActivityDate(LocalDate.of(2026, 7, 1));
        second.getParams().putAll(PAPER);
        form.getItems().add(second);
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(form, "claimForm");

        validation.validate(form, member, errors);

        assertThat(errors.getFieldError("items[1].activityDate")).isNotNull();
        assertThat(errors.getFieldError("items[1].activityDate").getCode()).isEqualTo("claim.error.date.acrossEffective");
        assertThat(errors.getFieldError("items[1].activityDate").getArguments()).containsExactly("2026-07-01");
    }

    @Test
    void beforeAUnitsFirstFilingMidYearTheParentChainPrices() {
        TwoVersions t = twoVersionsIn2026();
        Unit hospital = fixtures.unit("JILIN", "jilin-2026", t.department());
        String own = fixtures.filed(OwnerKind.UNIT, String.valueOf(hospital.getId()), t.key(),
                Delta.empty().withChange(new Delta.Change("items", "jl-paper-3", "base", "35")), LocalDate.of(2026, 9, 1));

        assertThat(recognition.ruleSetFor(hospital, LocalDate.of(2026, 3, 1))).contains(t.key());
        assertThat(recognition.ruleSetFor(hospital, LocalDate.of(2026, 8, 31))).contains(t.key());
        assertThat(recognition.ruleSetFor(hospital, LocalDate.of(2026, 9, 1))).contains(own);
        assertThat(recognition.ruleSetFor(hospital, 2026)).contains(own);
        assertThat(paperOn(t.key(), LocalDate.of(2026, 3, 1))).isEqualByComparingTo("30");
        assertThat(paperOn(t.key(), LocalDate.of(2026, 8, 31))).isEqualByComparingTo("28");
        assertThat(paperOn(own, LocalDate.of(2026, 9, 1))).isEqualByComparingTo("35");
        // before its first effective date the unit's own set does not price at all
        assertThatThrownBy(() -> paperOn(own, LocalDate.of(2026, 8, 31))).isInstanceOf(RecognitionException.class)
                .hasMessageContaining("2026-09-01");
        // and before the department's first filing, the reference prices
        Unit early = fixtures.unit("JILIN", "jilin-2026", fixtures.department("JILIN", Department.Level.PROVINCIAL));
        assertThat(recognition.ruleSetFor(early, LocalDate.of(2026, 5, 1))).contains("jilin-2026");
    }

    @Test
    void aLaterYearSplitsAtItsOwnEffectiveDate() {
        TwoVersions t = twoVersionsIn2026();
        fileNewVersion(t.key(), "32", LocalDate.of(2027, 3, 1));
        Unit member = fixtures.unit("JILIN", "jilin-2026", t.department());

        assertThat(paperOn(t.key(), LocalDate.of(2026, 12, 31))).isEqualByComparingTo("28");
        assertThat(paperOn(t.key(), LocalDate.of(2027, 2, 28))).isEqualByComparingTo("28");
        assertThat(paperOn(t.key(), LocalDate.of(2027, 3, 1))).isEqualByComparingTo("32");
        assertThat(recognition.applicable(member, LocalDate.of(2027, 2, 28)).orElseThrow().version()).isEqualTo(2);
        assertThat(recognition.applicable(member, LocalDate.of(2027, 3, 1)).orElseThrow().version()).isEqualTo(3);
        // the 2026 year still ends on v2, the 2027 year on v3
        assertThat(recognition.evaluate(new RecognitionRequest(t.key(), 2026, List.of(PROVINCIAL_FIRST))).items()
                .get(0).hours()).isEqualByComparingTo("28");
        assertThat(recognition.evaluate(new RecognitionRequest(t.key(), 2027, List.of(PROVINCIAL_FIRST))).items()
                .get(0).hours()).isEqualByComparingTo("32");
    }

    @Test
    void aNewVersionCannotTakeEffectBeforeTheVersionItFollows() {
        TwoVersions t = twoVersionsIn2026();
        derivations.edit(t.key(), d -> d.withChange(new Delta.Change("items", "jl-paper-3", "base", "29")), "tester",
                "再修订");
        assertThatThrownBy(() -> derivations.submit(t.key(), "修订", "测试〔2026〕3号", LocalDate.of(2026, 6, 30), "tester"))
                .isInstanceOf(HierarchyRefusal.class).hasMessageContaining("2026-07-01");
        assertThat(derivations.latest(t.key()).getStatus()).isEqualTo(RuleSetVersion.Status.DRAFT);
        // the day itself is allowed: the newer version then replaces it outright
        RuleSetVersion v = derivations.submit(t.key(), "修订", "测试〔2026〕3号", LocalDate.of(2026, 7, 1), "tester");
        derivations.file(v.getId(), null, null, "tester");
        assertThat(paperOn(t.key(), LocalDate.of(2026, 7, 1))).isEqualByComparingTo("29");
        assertThat(paperOn(t.key(), LocalDate.of(2026, 6, 30))).isEqualByComparingTo("30");
    }

    int decisionVersion(Claim claim) {
        return jdbc.queryForObject("SELECT decision_version FROM xs_claim_item WHERE claim_id = ?", Integer.class,
                claim.getId());
    }
}
