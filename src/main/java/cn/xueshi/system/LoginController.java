package cn.xueshi.system;

import cn.xueshi.identity.LoginProperties;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class LoginController {

    private final LoginProperties login;

    LoginController(LoginProperties login) {
        this.login = login;
    }

    @GetMapping("/login")
    String login(@RequestParam(name = "locked", required = false) String locked,
            @RequestParam(name = "by", required = false) String by, Model model) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)) {
            return "redirect:/";
        }
        model.addAttribute("maxFailures", login.maxFailures());
        model.addAttribute("lockMinutes", login.lockDuration().toMinutes());
        // the failure handler's redirect; anything else in the URL is ignored
        long longest = Math.max(login.lockDuration().toMinutes(), login.addressLockDuration().toMinutes()) + 1;
        if (locked != null && locked.matches("[0-9]{1,6}")) {
            long minutes = Long.parseLong(locked);
            if (minutes >= 1 && minutes <= longest) {
                model.addAttribute("lockedMinutes", minutes);
                model.addAttribute("lockedByAddress", "address".equals(by));
            }
        }
        return "login";
    }
}
