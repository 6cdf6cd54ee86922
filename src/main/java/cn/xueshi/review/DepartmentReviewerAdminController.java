package cn.xueshi.review;

import cn.xueshi.identity.CurrentUserService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * /admin/departments: the industry departments and their reviewers (行业部门审核人); /admin/departments/{code}: add
 * or remove one (camunda-admin only, as all of /admin/**). A change moves the department's open tasks at once.
 */
@Controller
@RequestMapping("/admin/departments")
class DepartmentReviewerAdminController {

    static final String LIST = "review/departments";
    static final String DETAIL = "review/department";
    /** Membership changes shown on a department's page. */
    static final int HISTORY = 20;

    private final DepartmentReviewers reviewers;
    private final CurrentUserService users;

    DepartmentReviewerAdminController(DepartmentReviewers reviewers, CurrentUserService users) {
        this.reviewers = reviewers;
        this.users = users;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("departments", reviewers.departments());
        return LIST;
    }

    @GetMapping("/{code}")
    String department(@PathVariable String code, Model model) {
        DepartmentReviewers.DepartmentRow d = reviewers.department(code);
        model.addAttribute("department", d);
        model.addAttribute("members", reviewers.members(d.code()));
        model.addAttribute("history", reviewers.history(d.code(), HISTORY));
        return DETAIL;
    }

    @PostMapping("/{code}/reviewers")
    String add(@PathVariable String code, @RequestParam(name = "userId", required = false) String userId, Model model,
            RedirectAttributes redirect) {
        DepartmentReviewers.DepartmentRow d = reviewers.department(code);
        try {
            reviewers.add(users.current(), d.code(), userId);
        } catch (DepartmentRefused e) {
            model.addAttribute("userId", userId != null && userId.length() > 64 ? userId.substring(0, 64) : userId);
            return refused(code, model, e.messageKey(), e.args(), e.field());
        }
        redirect.addFlashAttribute("message", "department.admin.added");
        redirect.addFlashAttribute("messageArgs", new Object[] {users.load(userId.trim()).displayName()});
        return "redirect:/admin/departments/" + d.code();
    }

    @PostMapping("/{code}/reviewers/{userId}/remove")
    String remove(@PathVariable String code, @PathVariable String userId, Model model, RedirectAttributes redirect) {
        DepartmentReviewers.DepartmentRow d = reviewers.department(code);
        try {
            reviewers.remove(users.current(), d.code(), userId);
        } catch (DepartmentRefused e) {
            return refused(code, model, e.messageKey(), e.args(), e.field());
        } catch (cn.xueshi.system.Conflict e) {
            // refused by a capability that follows the membership (hierarchy: the last decider of an open filing)
            return refused(code, model, e.messageKey(), e.args(), "remove");
        }
        redirect.addFlashAttribute("message", "department.admin.removed");
        redirect.addFlashAttribute("messageArgs", new Object[] {users.load(userId).displayName()});
        return "redirect:/admin/departments/" + d.code();
    }

    /** The department's page again with the refusal beside {@code field}. */
    private String refused(String code, Model model, String messageKey, Object[] args, String field) {
        model.addAttribute("error", messageKey);
        model.addAttribute("errorArgs", args);
        model.addAttribute("errorField", field);
        return department(code, model);
    }
}
