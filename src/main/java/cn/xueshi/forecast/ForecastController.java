package cn.xueshi.forecast;

import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitRepository;
import cn.xueshi.system.NotFound;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** 差额预估 pages: mine ({@code /forecast}) and a unit's members by shortfall ({@code /forecast/units/{unitId}}). */
@Controller
class ForecastController {

    private final Forecasts forecasts;
    private final CurrentUserService currentUsers;
    private final UnitRepository units;

    ForecastController(Forecasts forecasts, CurrentUserService currentUsers, UnitRepository units) {
        this.forecasts = forecasts;
        this.currentUsers = currentUsers;
        this.units = units;
    }

    @GetMapping("/forecast")
    String mine(Model model) {
        CurrentUser me = currentUsers.current();
        model.addAttribute("forecast", forecasts.mine(me).orElseThrow(NotFound::new));
        return "forecast/mine";
    }

    /** The unit's reviewers and the bureau overseeing its jurisdiction; anyone else: not found. */
    @GetMapping("/forecast/units/{unitId}")
    String unit(@PathVariable long unitId, Model model) {
        CurrentUser me = currentUsers.current();
        Unit unit = units.findById(unitId).orElseThrow(NotFound::new);
        boolean allowed = (me.isIn(Groups.REVIEWER) && me.reviews(unitId))
                || (me.isIn(Groups.BUREAU) && me.oversees(unit.getJurisdiction()));
        if (!allowed) {
            throw new NotFound();
        }
        model.addAttribute("unit", unit);
        model.addAttribute("rows", forecasts.unit(unit));
        return "forecast/unit";
    }
}
