package cn.xueshi.dashboard;

import cn.xueshi.dashboard.ClaimFlowQueries.Holder;
import cn.xueshi.dashboard.ClaimFlowQueries.ProcessHealth;
import cn.xueshi.dashboard.ClaimFlowQueries.StepBacklog;
import cn.xueshi.dashboard.ClaimFlowQueries.StepTime;
import cn.xueshi.dashboard.ClaimFlowQueries.Week;
import cn.xueshi.dashboard.ComplianceQueries.HoursByType;
import cn.xueshi.dashboard.ComplianceQueries.UnitRow;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Everything the dashboard shows for one scope (year, jurisdictions, unit). */
public record Overview(DashboardScope scope, LocalDate today, Map<String, Long> claimsByState, List<Week> throughput,
        List<StepBacklog> backlog, List<Holder> holders, Map<String, String> holderNames, List<StepTime> stepTimes, Map<String, Long> objections,
        List<UnitRow> units, List<HoursByType> hoursByType, ProcessHealth health) {

    public long totalClaims() {
        return claimsByState.values().stream().mapToLong(Long::longValue).sum();
    }

    public long objectionsRaised() {
        return objections.values().stream().mapToLong(Long::longValue).sum();
    }

    public long persons() {
        return units.stream().mapToLong(UnitRow::persons).sum();
    }

    public long judged() {
        return units.stream().mapToLong(UnitRow::judged).sum();
    }

    public long compliant() {
        return units.stream().mapToLong(UnitRow::compliant).sum();
    }

    public long openObligations() {
        return units.stream().mapToLong(UnitRow::openObligations).sum();
    }

    public long overdueFilings() {
        return units.stream().filter(u -> u.filingOverdue(today)).count();
    }
}
