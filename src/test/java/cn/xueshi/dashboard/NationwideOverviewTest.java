package cn.xueshi.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.support.IntegrationTest;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class NationwideOverviewTest {

    @Autowired
    DashboardService dashboards;

    @Test
    void theWholeCountryIsServedFromACopyWhileNarrowerViewsAreAlwaysComputed() {
        DashboardScope all = new DashboardScope(2031, null, null);
        Overview first = dashboards.overview(all);
        assertThat(dashboards.overview(all)).isSameAs(first);
        DashboardScope jilin = new DashboardScope(2031, Set.of("JILIN"), null);
        assertThat(dashboards.overview(jilin)).isNotSameAs(dashboards.overview(jilin));
        assertThat(DashboardService.NATIONWIDE_MAX_AGE).isLessThanOrEqualTo(java.time.Duration.ofMinutes(1));
    }
}
