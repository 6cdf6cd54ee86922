package cn.xueshi.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.PasswordPolicyResult;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 修改密码: the one place people change their own password, now that the engine API and Tasklist's profile
 * are for administrators only. Names are not changed here: what documents print is the administrators'.
 * A wrong current password counts as a failed sign-in ({@link LoginThrottle}), so a left-open session
 * cannot be used to guess it.
 */
@Controller
@RequestMapping("/account/password")
class AccountController {

    static final String VIEW = "account/password";

    private final IdentityService identityService;
    private final PasswordRules rules;
    private final LoginThrottle throttle;
    private final CurrentUserService users;
    private final PersonTitleSeries titleSeries;

    AccountController(IdentityService identityService, PasswordRules rules, LoginThrottle throttle,
            CurrentUserService users, PersonTitleSeries titleSeries) {
        this.identityService = identityService;
        this.rules = rules;
        this.throttle = throttle;
        this.users = users;
        this.titleSeries = titleSeries;
    }

    /** 我的信息: what the directory records of the person (read-only here), above the password form. */
    public record Info(String name, String unit, String titleSeries) {
    }

    @ModelAttribute
    void policy(Model model) {
        model.addAttribute("minLength", rules.minLength());
        CurrentUser me = users.current();
        model.addAttribute("info", new Info(me.displayName(), me.unit().map(Unit::getName).orElse(null),
                titleSeries.label(titleSeries.of(me.userId()))));
    }

    @GetMapping
    String form(Model model) {
        model.addAttribute("passwordForm", new PasswordForm());
        return VIEW;
    }

    @PostMapping
    String change(@ModelAttribute PasswordForm form, BindingResult errors, Principal me, HttpServletRequest request,
            RedirectAttributes redirect) {
        String userId = me.getName();
        String address = request.getRemoteAddr();
        Object[] max = {rules.maxLength()};
        for (String field : new String[] {"current", "password", "confirm"}) {
            String value = (String) errors.getFieldValue(field);
            if (value == null || value.isEmpty()) {
                errors.rejectValue(field, "account.password.error.required");
            } else if (value.length() > rules.maxLength()) {
                errors.rejectValue(field, "account.password.error.tooLong", max, null);
            }
        }
        if (errors.hasErrors()) {
            return VIEW;
        }
        LoginThrottle.Refusal locked = throttle.refusal(userId, address).orElse(null);
        if (locked != null || !identityService.checkPassword(userId, form.getCurrent())) {
            if (locked == null) {
                throttle.failed(userId, address);
            }
            errors.rejectValue("current", "account.password.error.current");
            return VIEW;
        }
        User user = identityService.createUserQuery().userId(userId).singleResult();
        PasswordPolicyResult result = identityService.checkPasswordAgainstPolicy(rules, form.getPassword(), user);
        if (!result.isValid()) {
            result.getViolatedRules().forEach(rule -> errors.rejectValue("password", PasswordRules.messageKey(rule),
                    new Object[] {rules.minLength()}, null));
        } else if (form.getPassword().equals(form.getCurrent())) {
            errors.rejectValue("password", "account.password.error.same");
        }
        if (!form.getPassword().equals(form.getConfirm())) {
            errors.rejectValue("confirm", "account.password.error.mismatch");
        }
        if (errors.hasErrors()) {
            return VIEW;
        }
        user.setPassword(form.getPassword());
        identityService.saveUser(user);
        redirect.addFlashAttribute("message", "account.password.changed");
        return "redirect:/account/password";
    }
}
