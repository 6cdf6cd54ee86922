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

    StandardsController(RecognitionService recognition, CurrentUserService currentUsers) {
        this.recognition = recognition;
        this.currentUsers = currentUsers;
    }

    @GetMapping("/rules/standards")
    String standards(@RequestParam(name = "ruleSet", required = false) String ruleSet, Model model) {
        Optional<String> mine = currentUsers.current().unit().map(Unit::getRuleSet);
        String chosen = ruleSet != null && !ruleSet.isBlank() ? ruleSet.trim() : mine.orElse(null);
        model.addAttribute("ruleSets", recognition.ruleSets());
        model.addAttribute("myRuleSet", mine.orElse(null));
        model.addAttribute("chosen", chosen);
        model.addAttribute("standards", chosen == null ? null : recognition.standards(chosen).orElse(null));
        return VIEW;
    }
}
