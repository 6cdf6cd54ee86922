package cn.xueshi.system;

import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.JurisdictionRepository;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitRepository;
import cn.xueshi.notification.Notifications;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: one panel per role the signed-in person holds, each scoped to what they may see. */
@Controller
class HomeController {

    static final String VIEW = "home";

    private final CurrentUserService currentUsers;
    private final Directory directory;
    private final UnitRepository units;
    private final JurisdictionRepository jurisdictions;
    private final Notifications notifications;

    HomeController(CurrentUserService currentUsers, Directory directory, UnitRepository units,
            JurisdictionRepository jurisdictions, Notifications notifications) {
        this.notifications = notifications;
        this.currentUsers = currentUsers;
        this.directory = directory;
        this.units = units;
        this.jurisdictions = jurisdictions;
    }

    @GetMapping("/")
    String home(Model model) {
        CurrentUser me = currentUsers.current();
        Map<Long, Long> memberCounts = new LinkedHashMap<>();
        for (Unit u : me.reviewedUnits()) {
            memberCounts.put(u.getId(), directory.memberCount(u.getId()));
        }
        List<Unit> overseenUnits = me.jurisdictions().isEmpty() ? List.of()
                : units.findByJurisdictionInOrderByCode(me.jurisdictions());
        model.addAttribute("memberCounts", memberCounts);
        model.addAttribute("overseenUnits", overseenUnits);
        model.addAttribute("jurisdictionNames", jurisdictionNames());
        model.addAttribute("notifications", notifications.unreadFor(me));
        return VIEW;
    }

    private Map<String, String> jurisdictionNames() {
        Map<String, String> names = new LinkedHashMap<>();
        jurisdictions.findAllByOrderByCode().forEach(j -> names.put(j.getCode(), j.getNameZh()));
        return names;
    }
}
