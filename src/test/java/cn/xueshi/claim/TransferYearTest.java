package cn.xueshi.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.filing.FilingService;
import cn.xueshi.filing.FilingSummary;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitType;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * 人员流动 across a year: the transfer-year-policy rows (YEAR_END by default, Anhui art. 14 ¶3 PERIOD), past years by
 * membership history, the title check's per-year rule set, and both units' summaries with their scope. Hand-computed:
 * two registered Jilin exchanges of 3 days are 24 + 24 = 48 professional hours, Jilin's annual cap for 专业学习与交流 is 40.
 */
@IntegrationTest
class TransferYearTest {

    private static final LocalDate MOVE = LocalDate.of(2026, 7, 1);

    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    TestUsers users;
    @Autowired
    Directory directory;
    @Autowired
    ProgressService progress;
    @Autowired
    ClaimRepository claims;
    @Autowired
    RecognitionService recognition;
    @Autowired
    FilingService filings;
    @Autowired
    MockMvc mvc;

    /** A Jilin member with 48 registered exchange hours in 2026, then moved to {@code to} on 1 July 2026. */
    private ClaimFixtures.Setup jilinYearThenMoveTo(Unit to) {
        ClaimFixtures.Setup s = fixtures.jilin();
        assertThat(fixtures.registeredExchange(s, 3).getApprovedProfessional()).isEqualByComparingTo("24");
        fixtures.registeredExchange(s, 3);
        assertThat(directory.moveToUnit(s.employee(), to.getId(), MOVE, "admin")).isTrue();
        return s;
    }

    /** A registered claim the new unit's reviewer approved with these hours (adjusted: counted as they stand). */
    private void registeredAt(Unit unit, String ruleSet, String employee, String pub, String prof) {
        Claim c = new Claim(employee, unit.getId(), ruleSet, 2026, "调入后学时", UUID.randomUUID().toString());
        c.approve("reviewer", new BigDecimal(pub), new BigDecimal(prof), "按登记学时认定");
        c.register();
        claims.save(c);
    }

    @Test
    void theTableSaysHowASplitYearIsComputed() {
        assertThat(recognition.firstRow("transfer-year-policy", Map.of("ruleSet", "anhui-2025")))
                .hasValueSatisfying(r -> assertThat(r).containsEntry("splitBasis", "PERIOD"));
        assertThat(recognition.firstRow("transfer-year-policy", Map.of("ruleSet", "jilin-2026")))
                .hasValueSatisfying(r -> assertThat(r).containsEntry("splitBasis", "YEAR_END"));
        assertThat(recognition.firstRow("transfer-year-policy", Map.of("ruleSet", "qingdao-2023")))
                .hasValueSatisfying(r -> assertThat(r.get("basis").toString()).contains("12月31日"));
    }

    @Test
    void aMoveToAnhuiPricesEachPeriodByTheRulesOfItsUnit() {
        Unit anhui = users.unit("合肥市第一人民医院", UnitType.STATE_OWNED, "ANHUI", "anhui-2025");
        ClaimFixtures.Setup s = jilinYearThenMoveTo(anhui);
        registeredAt(anhui, "anhui-2025", s.employee(), "20", "30");

        YearProgress y = progress.ofPerson(s.employee(), 2026).orElseThrow();
        assertThat(y.ruleSet()).isEqualTo("anhui-2025");
        assertThat(y.split()).isEqualTo(YearMemberships.Split.PERIOD);
        // Jilin period under Jilin's cap: 48 → 40; Anhui period 20 + 30; Anhui's requirement 90 (professional 60)
        assertThat(y.publicHours()).isEqualByComparingTo("20");
        assertThat(y.professionalHours()).isEqualByComparingTo("70");
        assertThat(y.totalHours()).isEqualByComparingTo("90");
        assertThat(y.requirement().total()).isEqualByComparingTo("90");
        assertThat(y.requirement().professionalMin()).isEqualByComparingTo("60");
        assertThat(y.compliant()).isTrue();
        assertThat(y.carriedProfessional()).isEqualByComparingTo("48");
        // 2025 is judged by the membership of 2025 (the Jilin unit, which had no rule set then), not by Anhui's
        assertThat(progress.ruleSetOf(s.employee(), 2025)).isEmpty();
    }

    @Test
    void aMoveToQingdaoCarriesTheEarlierUnitsRegisteredHoursOver() throws Exception {
        Unit qingdao = users.unit("青岛市中心医院", UnitType.STATE_OWNED, "QINGDAO", "qingdao-2023");
        ClaimFixtures.Setup s = jilinYearThenMoveTo(qingdao);

        YearProgress y = progress.ofPerson(s.employee(), 2026).orElseThrow();
        assertThat(y.ruleSet()).isEqualTo("qingdao-2023");
        assertThat(y.split()).isEqualTo(YearMemberships.Split.YEAR_END);
        // carried over as registered (48, not re-priced or capped), against Qingdao's 90
        assertThat(y.professionalHours()).isEqualByComparingTo("48");
        assertThat(y.carriedTotal()).isEqualByComparingTo("48");
        assertThat(y.requirement().total()).isEqualByComparingTo("90");
        assertThat(y.compliant()).isFalse();

        // the title check's years each by their own membership: 2026 Qingdao's, 2022–2025 the Jilin unit's (none)
        mvc.perform(get("/api/v1/people/{id}/title-application", s.employee()).param("year", "2026")
                        .with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.window.length()").value(5))
                .andExpect(jsonPath("$.years[4].ruleSet").value("qingdao-2023"))
                .andExpect(jsonPath("$.years[4].professionalHours").value(48))
                .andExpect(jsonPath("$.years[3].ruleSet").doesNotExist())
                .andExpect(jsonPath("$.verdict").value("NOT_COVERED"));
    }

    @Test
    void bothUnitsSeeTheirOwnPeriodOfTheMover() throws Exception {
        Unit anhui = users.unit("合肥市第二人民医院", UnitType.STATE_OWNED, "ANHUI", "anhui-2025");
        String anhuiReviewer = users.reviewerOf(anhui, "吴", "审");
        ClaimFixtures.Setup s = jilinYearThenMoveTo(anhui);
        registeredAt(anhui, "anhui-2025", s.employee(), "20", "30");

        FilingSummary old = filings.summary(s.unit().getId(), 2026);
        FilingSummary.PersonRow left = old.people().stream().filter(r -> r.userId().equals(s.employee())).findFirst()
                .orElseThrow();
        assertThat(left.leftOn()).isEqualTo(MOVE);
        // the old unit: only what it registered, by its own rules (Jilin's cap: 40)
        assertThat(left.progress().professionalHours()).isEqualByComparingTo("40");
        assertThat(left.progress().publicHours()).isEqualByComparingTo("0");

        FilingSummary now = filings.summary(anhui.getId(), 2026);
        FilingSummary.PersonRow joined = now.people().stream().filter(r -> r.userId().equals(s.employee())).findFirst()
                .orElseThrow();
        assertThat(joined.joinedOn()).isEqualTo(MOVE);
        assertThat(joined.leftOn()).isNull();
        assertThat(joined.progress().totalHours()).isEqualByComparingTo("90");
        assertThat(joined.progress().carriedTotal()).isEqualByComparingTo("48");

        // the old unit's 汇总表 (xlsx read back): the mover with the move date and the hours registered there
        byte[] xlsx = mvc.perform(get("/documents/units/{id}/summary", s.unit().getId()).param("year", "2026")
                        .with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        String mover = directory.displayName(s.employee());
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Row row = rowOf(wb.getSheetAt(0), mover);
            DataFormatter f = new DataFormatter();
            assertThat(f.formatCellValue(row.getCell(1))).contains("2026-07-01 调出");
            assertThat(f.formatCellValue(row.getCell(3))).isEqualTo("40");
            assertThat(f.formatCellValue(row.getCell(6))).isEqualTo("已调出");
        }
        byte[] newXlsx = mvc.perform(get("/documents/units/{id}/summary", anhui.getId()).param("year", "2026")
                        .with(user(anhuiReviewer).roles(Groups.REVIEWER)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(newXlsx))) {
            Row row = rowOf(wb.getSheetAt(0), mover);
            assertThat(new DataFormatter().formatCellValue(row.getCell(1))).contains("2026-07-01 调入", "48 学时为原单位登记后转入");
        }
        // each unit sees only its own: the old unit's reviewer cannot open the new unit's summary, nor the reverse
        mvc.perform(get("/documents/units/{id}/summary", anhui.getId()).param("year", "2026")
                        .with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/documents/units/{id}/summary", s.unit().getId()).param("year", "2026")
                        .with(user(anhuiReviewer).roles(Groups.REVIEWER)))
                .andExpect(status().isNotFound());
    }

    private static Row rowOf(Sheet sheet, String name) {
        DataFormatter f = new DataFormatter();
        for (Row r : sheet) {
            if (r.getCell(1) != null && f.formatCellValue(r.getCell(1)).startsWith(name)) {
                return r;
            }
        }
        throw new AssertionError("no row for " + name);
    }
}
