package cn.xueshi.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.dashboard.ComplianceQueries.UnitRow;
import cn.xueshi.task.TaskListProperties;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The overview's 各单位 table: one page of a province's units, searched, sorted, bad input answered beside the field. */
@org.junit.jupiter.api.Tag("no-database")
class UnitTableTest {

    static final TaskListProperties LIMITS = new TaskListProperties(50, 200, 10);

    /** 120 units: unit i has 10 persons judged, i % 11 of them compliant, i % 7 open make-ups; unit 0 has no rules. */
    static List<UnitRow> units() {
        List<UnitRow> rows = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            long judged = i == 0 ? 0 : 10;
            rows.add(new UnitRow(i + 1, String.format("U%03d", i), "单位" + String.format("%03d", i), "JILIN", 10 + i,
                    judged, judged == 0 ? 0 : i % 11, null, LocalDate.of(2027, 1 + i % 12, 1), i % 7, 0));
        }
        return rows;
    }

    @Test
    void firstPageByLowestShareWithUnitsWithoutRulesLast() {
        UnitTable t = UnitTable.of(units(), null, null, null, null, LIMITS, 100);
        assertThat(t.errors()).isEmpty();
        assertThat(t.sort()).isEqualTo(UnitTable.Sort.SHARE);
        assertThat(t.page().total()).isEqualTo(120);
        assertThat(t.page().rows()).hasSize(50);
        assertThat(t.page().totalPages()).isEqualTo(3);
        // share 0 % first (i = 11, 22, …), in code order among equals
        assertThat(t.page().rows().get(0).code()).isEqualTo("U011");
        assertThat(t.page().rows().get(1).code()).isEqualTo("U022");
        UnitTable last = UnitTable.of(units(), null, "share", "3", null, LIMITS, 100);
        assertThat(last.page().rows()).hasSize(20);
        assertThat(last.page().rows().get(19).code()).isEqualTo("U000"); // no rule set: nothing to judge, last
        assertThat(last.page().hasNext()).isFalse();
    }

    @Test
    void pagesDoNotOverlapAndCoverEveryUnit() {
        List<Long> seen = new ArrayList<>();
        for (int p = 1; p <= 3; p++) {
            UnitTable.of(units(), null, "persons", String.valueOf(p), null, LIMITS, 100).page().rows()
                    .forEach(u -> seen.add(u.unitId()));
        }
        assertThat(seen).hasSize(120).doesNotHaveDuplicates();
        assertThat(seen.get(0)).isEqualTo(120L); // most persons first
    }

    @Test
    void searchByNameOrCodeAndOtherOrders() {
        assertThat(UnitTable.of(units(), " 单位01 ", "name", null, null, LIMITS, 100).page().rows())
                .extracting(UnitRow::code).containsExactly("U010", "U011", "U012", "U013", "U014", "U015", "U016",
                        "U017", "U018", "U019");
        assertThat(UnitTable.of(units(), "u11", null, null, null, LIMITS, 100).page().rows()).extracting(UnitRow::code)
                .containsExactly("U110", "U111", "U112", "U113", "U114", "U115", "U116", "U117", "U118", "U119");
        assertThat(UnitTable.of(units(), "没有这个单位", null, null, null, LIMITS, 100).page().isEmpty()).isTrue();
        assertThat(UnitTable.of(units(), null, "obligations", null, "5", LIMITS, 100).page().rows())
                .allMatch(u -> u.openObligations() == 6);
        assertThat(UnitTable.of(units(), null, "FILING", null, "3", LIMITS, 100).page().rows())
                .allMatch(u -> u.filingDeadline().equals(LocalDate.of(2027, 1, 1)));
    }

    @Test
    void badSortPageSizeOrQueryUseTheDefaultsAndSaySo() {
        UnitTable t = UnitTable.of(units(), "x".repeat(101), "drop table", "abc", "100000",
                LIMITS, 100);
        assertThat(t.errors()).contains("dashboard.units.error.sort", "dashboard.units.error.query",
                "task.page.error.page", "task.page.error.size");
        assertThat(t.sort()).isEqualTo(UnitTable.Sort.SHARE);
        assertThat(t.query()).isEmpty();
        assertThat(t.page().rows()).hasSize(50);
        assertThat(t.request().typedPage()).isEqualTo("abc"); // what was typed is kept for the field
        UnitTable beyond = UnitTable.of(units(), null, null, "99", null, LIMITS, 100);
        assertThat(beyond.beyondLastPage()).isTrue();
        assertThat(beyond.page().request().page()).isEqualTo(1);
    }
}
