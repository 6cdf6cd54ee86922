package cn.xueshi.hierarchy;

import cn.xueshi.rules.ActivityType;
import cn.xueshi.rules.RuleSetStandards;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * A derived set's changes against its parent in the standards page's words ("发表论文 · 第一作者、省级刊物：26 学时 →
 * 30 学时"), from the parent's and the child's standards (both read from DRDs, so the words are the page's own).
 */
@Component
class ParentDiff {

    private final MessageSource messages;

    ParentDiff(MessageSource messages) {
        this.messages = messages;
    }

    List<String> sentences(RuleSetStandards parent, RuleSetStandards child, Delta delta) {
        List<String> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Delta.Change c : delta.changes()) {
            switch (c.table()) {
                case "facts" -> out.add(msg("hierarchy.diff.fact", msg("hierarchy.fact." + c.column()),
                        factOf(parent, c.column()), factOf(child, c.column())));
                case "caps" -> cap(parent, c.rule(), c.column(), child).ifPresent(out::add);
                case "items" -> {
                    if (seen.add(c.rule())) {
                        out.add(msg("hierarchy.diff.rate", rateName(parent, c.rule()), formula(parent, c.rule()),
                                formula(child, c.rule())));
                    }
                }
                default -> out.add(msg("hierarchy.diff.cell", c.table(), c.rule(), c.column(), c.value()));
            }
        }
        for (Delta.Removal r : delta.removals()) {
            out.add(msg("hierarchy.diff.removed", "items".equals(r.table())
                    ? rateName(parent, r.rule()) + "（" + formula(parent, r.rule()) + "）" : r.table() + "：" + r.rule()));
        }
        for (Delta.Addition a : delta.additions()) {
            if ("activity-types".equals(a.table())) {
                out.add(msg("hierarchy.diff.addedType", unquote(a.cells().get("nameZh"))));
            } else if ("items".equals(a.table())) {
                out.add(msg("hierarchy.diff.addedRate", rateName(child, a.rule()), formula(child, a.rule())));
            } else {
                out.add(msg("hierarchy.diff.added", a.table(), a.rule()));
            }
        }
        return out;
    }

    private Optional<String> cap(RuleSetStandards parent, String rule, String column, RuleSetStandards child) {
        // caps are named by group; the rule id names the row: find the group by the child's cap that differs
        for (RuleSetStandards.Cap p : parent.caps()) {
            for (RuleSetStandards.Cap c : child.caps()) {
                if (p.group().equals(c.group()) && p.cap().compareTo(c.cap()) != 0) {
                    return Optional.of(msg("hierarchy.diff.cap", p.nameZh(), plain(p.cap()), plain(c.cap())));
                }
            }
        }
        return Optional.of(msg("hierarchy.diff.cell", "caps", rule, column, ""));
    }

    private static String factOf(RuleSetStandards s, String column) {
        return switch (column) {
            case "requiredTotal" -> plain(s.requirement().total());
            case "requiredPublic" -> plain(s.requirement().publicMin());
            case "requiredProfessional" -> plain(s.requirement().professionalMin());
            case "aggregation" -> s.aggregation();
            default -> "";
        };
    }

    private static Optional<ActivityType.Rate> rate(RuleSetStandards s, String rule) {
        return s.activityTypes().stream().flatMap(t -> t.rates().stream()).filter(r -> r.ruleId().equals(rule))
                .findFirst();
    }

    private static String rateName(RuleSetStandards s, String rule) {
        for (ActivityType t : s.activityTypes()) {
            for (ActivityType.Rate r : t.rates()) {
                if (r.ruleId().equals(rule)) {
                    return r.conditionZh().isEmpty() ? t.nameZh() : t.nameZh() + " · " + r.conditionZh();
                }
            }
        }
        return rule;
    }

    private static String formula(RuleSetStandards s, String rule) {
        return rate(s, rule).map(ActivityType.Rate::formulaZh).orElse("—");
    }

    private static String plain(BigDecimal n) {
        return n == null ? "—" : n.stripTrailingZeros().toPlainString();
    }

    private static String unquote(String s) {
        return s == null ? "" : s.replace("\"", "");
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
