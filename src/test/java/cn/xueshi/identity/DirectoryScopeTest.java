package cn.xueshi.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@link Directory#scopeOf}: the one read of a person's unit, reviewed units and oversight that every signed-in
 * request makes, against the three reads it replaces, for each combination of the links.
 */
@IntegrationTest
class DirectoryScopeTest {

    @Autowired
    TestUsers users;
    @Autowired
    Directory directory;

    @Test
    void aMemberWhoReviewsTwoUnitsAndOverseesTwoJurisdictionsHasThemAll() {
        Unit own = users.unit("吉林某医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        Unit second = users.unit("吉林某研究所", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        String person = users.member(own, "林", "一");
        directory.assignReviewer(person, second.getId());
        directory.assignReviewer(person, own.getId());
        directory.assignOversight(person, "JILIN");
        directory.assignOversight(person, "ANHUI");

        Directory.Scope scope = directory.scopeOf(person);

        assertThat(scope.unit()).map(Unit::getId).contains(own.getId());
        assertThat(scope.reviewedUnits()).extracting(Unit::getId)
                .containsExactlyElementsOf(directory.unitsReviewedBy(person).stream().map(Unit::getId).toList())
                .containsExactlyInAnyOrder(own.getId(), second.getId());
        assertThat(scope.jurisdictions()).containsExactly("ANHUI", "JILIN")
                .isEqualTo(directory.jurisdictionsOverseenBy(person));
    }

    @Test
    void eachLinkAloneAndNoneAtAll() {
        Unit unit = users.unit("合肥某公司", UnitType.NON_PUBLIC, "ANHUI", "anhui-2025");
        String member = users.member(unit, "王", "二");
        String reviewerOnly = users.user("rv", "赵", "三");
        directory.assignReviewer(reviewerOnly, unit.getId());
        String overseerOnly = users.user("ov", "钱", "四");
        directory.assignOversight(overseerOnly, "ANHUI");
        String nobody = users.user("nb", "孙", "五");

        assertThat(directory.scopeOf(member)).satisfies(s -> {
            assertThat(s.unit()).map(Unit::getId).contains(unit.getId());
            assertThat(s.reviewedUnits()).isEmpty();
            assertThat(s.jurisdictions()).isEmpty();
        });
        assertThat(directory.scopeOf(reviewerOnly)).satisfies(s -> {
            assertThat(s.unit()).isEmpty();
            assertThat(s.reviewedUnits()).extracting(Unit::getId).isEqualTo(List.of(unit.getId()));
            assertThat(s.jurisdictions()).isEmpty();
        });
        assertThat(directory.scopeOf(overseerOnly)).satisfies(s -> {
            assertThat(s.unit()).isEmpty();
            assertThat(s.reviewedUnits()).isEmpty();
            assertThat(s.jurisdictions()).containsExactly("ANHUI");
        });
        assertThat(directory.scopeOf(nobody)).satisfies(s -> {
            assertThat(s.unit()).isEmpty();
            assertThat(s.reviewedUnits()).isEmpty();
            assertThat(s.jurisdictions()).isEmpty();
        });
        assertThat(directory.scopeOf("no-such-user").unit()).isEmpty();
    }
}
