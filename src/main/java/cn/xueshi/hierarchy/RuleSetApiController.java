package cn.xueshi.hierarchy;

import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Directory;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.rules.RuleSetHierarchy;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /api/v1/rule-sets: the reference rule sets (owner: jurisdiction) and the derived sets (owner: department or
 * unit) with parent, parent version, status, version and effective date. Filed sets are public rules; a set still in
 * draft, filing or returned is listed only for those who may see it (its maintainers, its authority, analysts, the
 * jurisdiction's bureau and supervisors).
 */
@RestController
class RuleSetApiController {

    /** One rule set as the API shows it. */
    record RuleSetInfo(String key, String name, String parent, Integer parentVersion, Map<String, String> owner,
            String status, int version, LocalDate effectiveFrom) {
    }

    private final RecognitionService recognition;
    private final Derivations derivations;
    private final MaintainerScope scope;
    private final CurrentUserService currentUsers;
    private final RuleSetHierarchy hierarchy;
    private final DepartmentRepository departments;
    private final Directory directory;
    private final cn.xueshi.identity.JurisdictionRepository jurisdictions;

    RuleSetApiController(RecognitionService recognition, Derivations derivations, MaintainerScope scope,
            CurrentUserService currentUsers, RuleSetHierarchy hierarchy, DepartmentRepository departments,
            Directory directory, cn.xueshi.identity.JurisdictionRepository jurisdictions) {
        this.jurisdictions = jurisdictions;
        this.recognition = recognition;
        this.derivations = derivations;
        this.scope = scope;
        this.currentUsers = currentUsers;
        this.hierarchy = hierarchy;
        this.departments = departments;
        this.directory = directory;
    }

    @GetMapping(path = "/api/v1/rule-sets", produces = MediaType.APPLICATION_JSON_VALUE)
    List<RuleSetInfo> list() {
        CurrentUser me = currentUsers.current();
        List<RuleSetInfo> out = new ArrayList<>();
        for (String key : recognition.ruleSets()) {
            recognition.standards(key).ifPresent(s -> out.add(new RuleSetInfo(key, s.nameZh(), null, null,
                    owner("JURISDICTION", s.jurisdiction(), jurisdictionName(s.jurisdiction())), "FILED",
                    derivations.parentDecisionVersion(key), LocalDate.of(s.firstYear(), 1, 1))));
        }
        for (DerivedRuleSet set : derivations.all()) {
            RuleSetVersion latest = derivations.latest(set.getKey());
            var filed = hierarchy.filed(set.getKey());
            boolean visible = scope.mayView(me, set);
            if (filed.isEmpty() && !visible) {
                continue;
            }
            // others see the filed version only; those who may see the set see where its newest version stands
            if (visible || filed.isEmpty()) {
                out.add(new RuleSetInfo(set.getKey(), set.getNameZh(), set.getParentKey(), latest.getParentVersion(),
                        ownerOf(set), latest.getStatus().name(), latest.getVersion(), latest.getEffectiveFrom()));
            } else {
                var f = filed.get();
                out.add(new RuleSetInfo(set.getKey(), set.getNameZh(), set.getParentKey(), f.parentVersion(),
                        ownerOf(set), "FILED", f.version(), f.effectiveFrom()));
            }
        }
        return out;
    }

    private String jurisdictionName(String code) {
        return jurisdictions.findById(code).map(cn.xueshi.identity.Jurisdiction::getNameZh).orElse(code);
    }

    private Map<String, String> ownerOf(DerivedRuleSet set) {
        String name = set.getOwnerKind() == DerivedRuleSet.OwnerKind.DEPARTMENT
                ? departments.findById(set.getOwnerCode()).map(Department::getNameZh).orElse(set.getOwnerCode())
                : ownerUnitName(set.getOwnerCode());
        return owner(set.getOwnerKind().name(), set.getOwnerCode(), name);
    }

    private String ownerUnitName(String unitId) {
        try {
            return directory.unitName(Long.parseLong(unitId)).orElse(unitId);
        } catch (NumberFormatException e) {
            return unitId;
        }
    }

    private static Map<String, String> owner(String kind, String code, String name) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("code", code);
        m.put("name", name);
        return m;
    }
}
