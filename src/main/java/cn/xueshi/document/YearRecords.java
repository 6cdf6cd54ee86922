package cn.xueshi.document;

import cn.xueshi.clock.BusinessClock;
import cn.xueshi.claim.AuditEntry;
import cn.xueshi.claim.AuditLog;
import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimItem;
import cn.xueshi.claim.ClaimRepository;
import cn.xueshi.claim.ClaimAccess;
import cn.xueshi.claim.ClaimStatus;
import cn.xueshi.claim.ProgressService;
import cn.xueshi.claim.YearProgress;
import cn.xueshi.evidence.EvidenceFile;
import cn.xueshi.evidence.EvidenceStore;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Unit;
import cn.xueshi.rules.ActivityType;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.rules.RuleSetStandards;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Service;

/**
 * Gathers what the forms and the certificate state about a person's year. Only claims whose hours
 * count (登记完成 or 已备案) are listed and totalled; claims still in review, returned or in publicity
 * are only counted in a note, so a printed form never shows hours that may still change.
 */
@Service
class YearRecords {

    private static final List<ClaimStatus> COUNTED =
            Arrays.stream(ClaimStatus.values()).filter(ClaimStatus::counts).toList();

    private final ClaimRepository claims;
    private final ClaimAccess access;
    private final ProgressService progress;
    private final RecognitionService recognition;
    private final EvidenceStore evidence;
    private final AuditLog audit;
    private final Directory directory;
    private final IdentityService identity;
    private final BusinessClock clock;
    private final ZoneId zone;

    YearRecords(ClaimRepository claims, ClaimAccess access, ProgressService progress,
            RecognitionService recognition, EvidenceStore evidence, AuditLog audit, Directory directory,
            IdentityService identity, BusinessClock clock) {
        this.claims = claims;
        this.access = access;
        this.progress = progress;
        this.recognition = recognition;
        this.evidence = evidence;
        this.audit = audit;
        this.directory = directory;
        this.identity = identity;
        this.clock = clock;
        this.zone = clock.zone();
    }

    /** The person's year as {@code reader} may see it (evidence names only for claims whose evidence they may see). */
    YearRecord of(String userId, Unit unit, int year, CurrentUser reader) {
        List<Claim> counted = claims.findByClaimantAndYearAndStatusIn(userId, year, COUNTED).stream()
                .sorted(Comparator.comparing(Claim::getId)).toList();
        String ruleSet = counted.isEmpty() ? ruleSetOf(unit, year) : counted.get(0).getRuleSet();
        // no rule set in force for that year: there is no form to fill for it
        YearProgress p = progress.of(userId, year, ruleSet).orElseThrow(DocumentNotFound::new);
        Map<String, String> typeNames = recognition.activityTypes(ruleSet).stream()
                .collect(Collectors.toMap(ActivityType::code, ActivityType::nameZh, (a, b) -> a));
        List<YearRecord.Line> lines = new ArrayList<>();
        List<YearRecord.Opinion> opinions = new ArrayList<>();
        for (Claim c : counted) {
            List<String> files = access.canSeeEvidence(c, reader)
                    ? evidence.forClaim(c.getId()).stream().map(EvidenceFile::fileName).toList()
                    : List.of();
            if (c.isAdjusted()) {
                lines.add(adjustedLine(c, typeNames, files));
            } else {
                for (ClaimItem item : c.getItems()) {
                    lines.add(new YearRecord.Line(item.getActivityDate(), item.getActivityEnd(),
                            typeNames.getOrDefault(item.getActivityType(), item.getActivityType()),
                            content(item, c), item.getPublicHours(), item.getProfessionalHours(), files, c.getId()));
                }
            }
            opinions.add(opinion(c));
        }
        lines.sort(Comparator.comparing(YearRecord.Line::date).thenComparing(YearRecord.Line::claimId));
        int pending = (int) claims.findByClaimantOrderBySubmittedAtDesc(userId).stream()
                .filter(c -> c.getYear() == year && !c.getStatus().counts() && !c.getStatus().dropped())
                .count();
        boolean allFiled = !counted.isEmpty() && counted.stream().allMatch(c -> c.getStatus() == ClaimStatus.FILED);
        User user = identity.createUserQuery().userId(userId).singleResult();
        String family = user == null || user.getLastName() == null || user.getLastName().isBlank()
                ? null : user.getLastName().trim();
        return new YearRecord(userId, directory.displayName(userId), family, unit.getId(), unit.getName(), year,
                ruleSet, ruleSetName(ruleSet), lines, p, opinions, pending, allFiled);
    }

    /**
     * One row per person who belonged to the unit during the year: who left shows the hours registered here and the
     * move date; who came shows their year with the hours carried over from the earlier unit marked (人员流动).
     */
    UnitSummary summary(Unit unit, int year) {
        String ruleSet = ruleSetOf(unit, year);
        List<UnitSummary.Row> rows = new ArrayList<>();
        for (String member : directory.membersDuring(unit.getId(), year)) {
            ProgressService.UnitYear y = progress.forUnit(member, year, unit.getId()).orElse(null);
            if (y == null) {
                List<Claim> counted = claims.findByClaimantAndYearAndStatusIn(member, year, COUNTED);
                String rs = counted.isEmpty() ? ruleSet : counted.get(0).getRuleSet();
                y = new ProgressService.UnitYear(progress.of(member, year, rs).orElseThrow(DocumentNotFound::new),
                        null, null);
            }
            YearProgress p = y.progress();
            String note = y.movedOut() ? y.leftOn() + " 调出，仅含在本单位期间登记的学时"
                    : y.joinedOn() != null ? y.joinedOn() + " 调入" + (p.hasCarried()
                            ? "，其中 " + Hours.text(p.carriedTotal()) + " 学时为原单位登记后转入" : "")
                    : null;
            rows.add(new UnitSummary.Row(member, directory.displayName(member), p.publicHours(),
                    p.professionalHours(), p.totalHours(), p.requirement().total(), p.requirement().publicMin(),
                    p.requirement().professionalMin(), p.compliant(), note == null
                            ? claims.findByClaimantAndYearAndStatusIn(member, year, COUNTED).size() : p.claimsCounted(),
                    note, y.movedOut()));
        }
        rows.sort(Comparator.comparing(UnitSummary.Row::name).thenComparing(UnitSummary.Row::userId));
        return new UnitSummary(unit.getId(), unit.getName(), year, ruleSetName(ruleSet), rows);
    }

    /**
     * A claim whose hours the reviewer adjusted counts with the adjusted total of the whole claim (the
     * adjustment is not split over items), so it is one line carrying the approved hours.
     */
    private static YearRecord.Line adjustedLine(Claim c, Map<String, String> typeNames, List<String> files) {
        List<ClaimItem> items = c.getItems();
        LocalDate from = items.stream().map(ClaimItem::getActivityDate).min(Comparator.naturalOrder()).orElseThrow();
        LocalDate to = items.stream().map(i -> i.getActivityEnd() == null ? i.getActivityDate() : i.getActivityEnd())
                .max(Comparator.naturalOrder()).orElse(from);
        String types = items.stream().map(i -> typeNames.getOrDefault(i.getActivityType(), i.getActivityType()))
                .distinct().collect(Collectors.joining("、"));
        String content = items.stream().map(i -> content(i, c)).filter(t -> t != null && !t.isBlank()).distinct()
                .collect(Collectors.joining("；"));
        return new YearRecord.Line(from, to, types, content.isEmpty() ? null : content, c.getApprovedPublic(),
                c.getApprovedProfessional(), files, c.getId());
    }

    private static String content(ClaimItem item, Claim c) {
        return item.getTitle() == null ? c.getDescription() : item.getTitle();
    }

    private String ruleSetOf(Unit unit, int year) {
        return recognition.ruleSetFor(unit, year).orElse(unit.getRuleSet());
    }

    private String ruleSetName(String ruleSet) {
        return recognition.standards(ruleSet).map(RuleSetStandards::nameZh).orElse(ruleSet);
    }

    /** The last review decision on the claim from its audit trail (the one that let it count). */
    private YearRecord.Opinion opinion(Claim c) {
        AuditEntry last = null;
        for (AuditEntry e : audit.of(c.getId())) {
            if (e.getAction().startsWith("REVIEW_")) {
                last = e;
            }
        }
        String reviewer = last != null ? last.getActor() : c.getDecidedBy();
        Instant at = last != null ? last.getCreatedAt() : c.getDecidedAt();
        String decision = c.isAdjusted() ? "调整后认定" : "同意认定";
        String comment = c.isAdjusted() ? c.getAdjustmentReason() : last == null ? null : last.getComment();
        return new YearRecord.Opinion(c.getId(), decision, reviewer == null ? "" : directory.displayName(reviewer),
                at == null ? null : LocalDate.ofInstant(at, zone), comment);
    }

    LocalDate today() {
        return clock.today();
    }
}
