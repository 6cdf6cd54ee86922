package cn.xueshi.identity;

import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** 登录锁定记录 for administrators (/admin/** is camunda-admin only): the locks in force and the audit. */
@Controller
@RequestMapping("/admin/login-locks")
class LoginLockAdminController {

    private final LoginThrottle throttle;
    /**
     * Audit rows per page: the page size of every list (xueshi.task-list.page-size, range-checked at start by the
     * task package's properties), read as a value so that identity does not depend on task (task depends on identity).
     */
    private final int pageSize;

    LoginLockAdminController(LoginThrottle throttle,
            @org.springframework.beans.factory.annotation.Value("${xueshi.task-list.page-size}") int pageSize) {
        this.throttle = throttle;
        this.pageSize = pageSize;
    }

    @GetMapping
    String list(@RequestParam(name = "page", defaultValue = "0") int page, Model model) {
        long total = throttle.eventCount();
        int pages = (int) Math.max(1, (total + pageSize - 1) / pageSize);
        if (page < 0 || page >= pages) {
            throw new ResponseStatusException(page < 0 ? HttpStatus.BAD_REQUEST : HttpStatus.NOT_FOUND);
        }
        LoginProperties p = throttle.properties();
        model.addAttribute("policy", new Object[] {p.lockDuration().toMinutes(), p.maxFailures(),
                p.addressLockDuration().toMinutes(), p.addressMaxFailures()});
        model.addAttribute("locks", throttle.currentLocks());
        model.addAttribute("events", throttle.events(page, pageSize));
        model.addAttribute("page", page);
        model.addAttribute("pages", pages);
        return "account/login-locks";
    }

    @PostMapping("/unlock")
    String unlock(@RequestParam("kind") LoginThrottle.Kind kind, @RequestParam("subject") String subject,
            Principal me, RedirectAttributes redirect) {
        if (subject.isBlank() || subject.length() > LoginThrottle.MAX_SUBJECT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        throttle.unlock(kind, subject, me.getName());
        redirect.addFlashAttribute("message", "admin.locks.unlocked");
        return "redirect:/admin/login-locks";
    }
}
