package cn.xueshi.rules;

import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Unit;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** 学时认定标准: the rates of the signed-in user's rule set (or a chosen one), read from the deployed DMN. */
@Controller
class StandardsController {

    static final String VIEW = "rules/standards";

    private final RecognitionService recognition;
    private final CurrentUserService currentUsers;
    private final RuleSetChanges changes;
    private final cn.xueshi.clock.BusinessClock clock;

    StandardsController(RecognitionService recognition, CurrentUserService currentUsers, RuleSetChanges changes,
            cn.xueshi.clock.BusinessClock clock) {
        this.recognition = recognition;
        this.currentUsers = currentUsers;
        this.changes = changes;
        this.clock = clock;
    }

    @GetMapping("/rules/standards")
    String standards(@RequestParam(name = "ruleSet", required = false) String ruleSet, Model model) {
        // the person's effective set this year: the unit's filed rules, else its department's, else the reference
        Optional<String> mine = currentUsers.current().unit().map(u -> recognition.ruleSetFor(u, clock.year()).orElse(u.getRuleSet()));
        String chosen = ruleSet != null && !ruleSet.isBlank() ? ruleSet.trim() : mine.orElse(null);
        model.addAttribute("ruleSets", recognition.ruleSets());
        model.addAttribute("myRuleSet", mine.orElse(null));
        model.addAttribute("myRuleSetName", mine.flatMap(recognition::standards).map(RuleSetStandards::nameZh).orElse(""));
        model.addAttribute("chosen", chosen);
        model.addAttribute("standards", chosen == null ? null : recognition.standards(chosen).orElse(null));
        // the chain (实施细则 → 行业办法 → 参考) with what each level changed against the one below it
        java.util.List<RuleSetLevel> chain = chosen == null ? java.util.List.of() : recognition.chain(chosen);
        model.addAttribute("chain", chain);
        model.addAttribute("levelChanges", chain.stream().collect(java.util.stream.Collectors.toMap(RuleSetLevel::key,
                l -> changes.changesOf(l.key()))));
        return VIEW;
    }
}
