package cn.xueshi.selfstudy;

import cn.xueshi.clock.BusinessClock;
import cn.xueshi.identity.Unit;
import cn.xueshi.rules.ActivityType;
import cn.xueshi.rules.RecognitionService;
import java.time.LocalDate;
import java.util.List;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * 吉林 附件 二（九）“用人单位未建立自学档案的不予认定” as one check every path of a claim asks (the form, the correction,
 * rosters and provider reports through claim/ClaimValidation): an item whose type the policy table marks needs the
 * claimant's unit to have kept its archive on the item's date. Also what the claim form and the reviewer are shown.
 */
@Component("selfStudyRule")
public class SelfStudyRule {

    /**
     * A refusal or a note as a message key and its arguments: {0} the clause, {1} the archive's established-from
     * date (for a refusal in a gap: the day it was established again), {2} its closed-from date, {3} the item's date
     * (each "" when there is none).
     */
    public record Message(String key, String basis, String establishedFrom, String closedFrom, String itemDate) {

        public Object[] args() {
            return new Object[] {basis, establishedFrom, closedFrom, itemDate};
        }
    }

    private final SelfStudyArchivePolicy policy;
    private final SelfStudyArchives archives;
    private final RecognitionService recognition;
    private final BusinessClock clock;

    SelfStudyRule(SelfStudyArchivePolicy policy, SelfStudyArchives archives, RecognitionService recognition,
            BusinessClock clock) {
        this.policy = policy;
        this.archives = archives;
        this.recognition = recognition;
        this.clock = clock;
    }

    /** The activity types of the rules in force at the unit this year that count only with the unit's archive. */
    public List<ActivityType> typesNeedingArchive(Unit unit) {
        return recognition.ruleSetFor(unit, clock.year())
                .map(rs -> recognition.activityTypes(rs).stream().filter(t -> archiveRequired(rs, t.code())).toList())
                .orElse(List.of());
    }

    /** For the reviewers' home page: whether the rules in force at the unit need its archive for some type. */
    public boolean archiveNeeded(Unit unit) {
        return !typesNeedingArchive(unit).isEmpty();
    }

    /** Whether an item of this type and rule set needs the unit's archive at all. */
    public boolean archiveRequired(String ruleSet, String activityType) {
        return policy.of(ruleSet, activityType).archiveRequired();
    }

    /**
     * Why an item of the unit's claim does not count, if it does not: the unit has no archive, established it after
     * the item's date, had stopped it by then, or had stopped it and established it again only later. Read from the
     * archive's history (ArchivePeriods), so an earlier period counts after a stop and a new start.
     */
    public Optional<Message> refusal(long unitId, String ruleSet, String activityType, LocalDate itemDate) {
        SelfStudyArchivePolicy.Policy p = policy.of(ruleSet, activityType);
        if (!p.archiveRequired() || itemDate == null) {
            return Optional.empty();
        }
        return refusal(p, archives.periods(unitId), itemDate);
    }

    /** An item of a claim (numbered from 1, as the claim page shows them) that the unit's archive no longer covers. */
    public record ItemRefusal(int number, Message message) {
    }

    /**
     * For the reviewer: the items of a claim in review that the archive does not cover now — the unit may have
     * stopped it from a day before them since the claim was submitted (the refusal at submission saw the archive
     * as it was then). One read of the archive's history for the whole claim.
     */
    public List<ItemRefusal> itemRefusals(long unitId, String ruleSet, List<String> activityTypes,
            List<LocalDate> itemDates) {
        List<ItemRefusal> refused = new java.util.ArrayList<>();
        ArchivePeriods periods = null;
        for (int i = 0; i < activityTypes.size(); i++) {
            SelfStudyArchivePolicy.Policy p = policy.of(ruleSet, activityTypes.get(i));
            if (!p.archiveRequired() || itemDates.get(i) == null) {
                continue;
            }
            if (periods == null) {
                periods = archives.periods(unitId);
            }
            int number = i + 1;
            refusal(p, periods, itemDates.get(i)).ifPresent(m -> refused.add(new ItemRefusal(number, m)));
        }
        return refused;
    }

    private static Optional<Message> refusal(SelfStudyArchivePolicy.Policy p, ArchivePeriods periods, LocalDate itemDate) {
        if (periods.periods().isEmpty()) {
            return Optional.of(message("selfstudy.refused.none", p, null, null, itemDate));
        }
        return periods.gapOf(itemDate).map(g -> g.stopped() == null
                ? message("selfstudy.refused.notYet", p, g.firstFrom(), null, itemDate)
                : g.resumed() == null ? message("selfstudy.refused.closed", p, null, g.stopped(), itemDate)
                : message("selfstudy.refused.gap", p, g.resumed(), g.stopped(), itemDate));
    }

    /**
     * For the claim form: per activity type of the list that needs an archive, what the person is told before they
     * choose it (the rule and the unit's archive as it stands).
     */
    public Map<String, Message> notes(long unitId, String ruleSet, Collection<String> activityTypes) {
        Map<String, Message> notes = new LinkedHashMap<>();
        Optional<SelfStudyArchive> archive = null;
        for (String type : activityTypes) {
            SelfStudyArchivePolicy.Policy p = policy.of(ruleSet, type);
            if (!p.archiveRequired()) {
                continue;
            }
            if (archive == null) {
                archive = archives.of(unitId);
            }
            notes.put(type, status(p, archive));
        }
        return notes;
    }

    /** For the reviewer: the unit's archive as it stands, when one of the claim's item types needs it. */
    public Optional<Message> statusFor(long unitId, String ruleSet, Collection<String> activityTypes) {
        return activityTypes.stream().map(t -> policy.of(ruleSet, t)).filter(SelfStudyArchivePolicy.Policy::archiveRequired)
                .findFirst().map(p -> status(p, archives.of(unitId)));
    }

    private static Message status(SelfStudyArchivePolicy.Policy p, Optional<SelfStudyArchive> archive) {
        if (archive.isEmpty()) {
            return message("selfstudy.status.none", p, null, null);
        }
        return message(archive.get().open() ? "selfstudy.status.open" : "selfstudy.status.closed", p, archive.get(), null);
    }

    private static Message message(String key, SelfStudyArchivePolicy.Policy p, SelfStudyArchive a, LocalDate itemDate) {
        return message(key, p, a == null ? null : a.establishedFrom(), a == null ? null : a.closedFrom(), itemDate);
    }

    private static Message message(String key, SelfStudyArchivePolicy.Policy p, LocalDate from, LocalDate closed,
            LocalDate itemDate) {
        return new Message(key, p.basis() == null ? "" : p.basis(), from == null ? "" : String.valueOf(from),
                closed == null ? "" : String.valueOf(closed), itemDate == null ? "" : String.valueOf(itemDate));
    }
}
