package cn.xueshi.collective;

import cn.xueshi.claim.Claim;
import cn.xueshi.evidence.EvidenceFile;
import cn.xueshi.evidence.EvidenceRejected;
import cn.xueshi.evidence.EvidenceStore;
import cn.xueshi.evidence.InlineFile;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Unit;
import cn.xueshi.importing.People;
import cn.xueshi.rules.ActivityType;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.system.Conflict;
import cn.xueshi.system.NotFound;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * /activities: the organiser's unit activities (create, roster from the unit's members or an uploaded sheet via
 * /imports, remove, approve the batch); /activities/mine: an attendee's activities, with 声明未参加.
 */
@Controller
@RequestMapping("/activities")
class ActivityController {

    private final ActivityService activities;
    private final CurrentUserService users;
    private final People people;
    private final RecognitionService recognition;
    private final MessageSource messages;
    private final cn.xueshi.clock.BusinessClock clock;
    private final EvidenceStore evidenceStore;

    ActivityController(ActivityService activities, CurrentUserService users, People people,
            RecognitionService recognition, MessageSource messages, cn.xueshi.clock.BusinessClock clock,
            EvidenceStore evidenceStore) {
        this.evidenceStore = evidenceStore;
        this.clock = clock;
        this.activities = activities;
        this.users = users;
        this.people = people;
        this.recognition = recognition;
        this.messages = messages;
    }

    private CurrentUser organiser() {
        CurrentUser me = users.current();
        if (!activities.organisesAny(me)) {
            throw new AccessDeniedException("not an organiser");
        }
        return me;
    }

    @GetMapping
    String list(Model model) {
        CurrentUser me = organiser();
        model.addAttribute("activities", activities.activitiesOf(me));
        model.addAttribute("units", activities.organisedUnits(me));
        model.addAttribute("types", types(me));
        if (!model.containsAttribute("draft")) {
            model.addAttribute("draft", new LinkedHashMap<String, String>());
        }
        return "collective/activities";
    }

    @PostMapping
    String create(@RequestParam(name = "unitId", required = false) Long unitId,
            @RequestParam(name = "title", required = false) String title,
            @RequestParam(name = "activityType", required = false) String activityType,
            @RequestParam(name = "params", required = false) String typed,
            @RequestParam(name = "date", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam(name = "organiser", required = false) String organiserName,
            @RequestParam Map<String, String> fields, Model model) {
        CurrentUser me = organiser();
        // the form's labelled fields (params[minutes]) of the chosen type; "minutes=120" as one text still works
        Map<String, String> given = labelled(fields);
        String params = given.isEmpty() ? typed : format(given);
        try {
            UnitActivity a = activities.create(new ActivityService.ActivityDraft(unitId, title, activityType,
                    given.isEmpty() ? parse(typed) : given, date, organiserName), me);
            return "redirect:/activities/" + a.getId();
        } catch (ActivityRefused e) {
            Map<String, String> draft = new LinkedHashMap<>();
            draft.put("unitId", unitId == null ? "" : unitId.toString());
            draft.put("title", title);
            draft.put("activityType", activityType);
            draft.put("params", params);
            given.forEach((k, v) -> draft.put("params[" + k + "]", v));
            draft.put("date", date == null ? "" : date.toString());
            draft.put("organiser", organiserName);
            model.addAttribute("draft", draft);
            model.addAttribute("errorField", e.field());
            model.addAttribute("error", messages.getMessage(e.messageKey(), e.args(), LocaleContextHolder.getLocale()));
            return list(model);
        }
    }

    @GetMapping("/{id}")
    String activity(@PathVariable long id, Model model) {
        CurrentUser me = organiser();
        UnitActivity a = activities.activity(id, me);
        List<Attendance> roster = activities.roster(a);
        Map<Long, Claim> claims = activities.claimsOf(roster);
        Map<String, People.Person> persons = people.find(roster.stream().map(Attendance::getUserId).toList());
        Set<String> on = roster.stream().filter(x -> x.getStatus() != Attendance.Status.REMOVED)
                .map(Attendance::getUserId).collect(Collectors.toSet());
        List<People.Person> candidates = new ArrayList<>();
        for (Unit u : activities.organisedUnits(me)) {
            people.membersOf(u.getId()).stream().filter(p -> !on.contains(p.userId())).forEach(candidates::add);
        }
        model.addAttribute("activity", a);
        ActivityType type = types(me).get(a.getActivityType());
        model.addAttribute("type", type);
        boolean en = "en".equals(LocaleContextHolder.getLocale().getLanguage());
        Map<String, String> paramNames = new LinkedHashMap<>();
        if (type != null) {
            type.parameters().forEach(p -> paramNames.put(p.name(), en ? p.nameEn() : p.nameZh()));
        }
        model.addAttribute("paramNames", paramNames);
        model.addAttribute("params", activities.read(a.getParamsJson()));
        model.addAttribute("roster", roster);
        model.addAttribute("claims", claims);
        model.addAttribute("persons", persons);
        model.addAttribute("candidates", candidates);
        model.addAttribute("evidence", activities.evidenceOf(a));
        // an organiser who is not the unit's reviewer keeps the roster but makes no review decision
        model.addAttribute("reviewer", me.reviews(a.getUnitId()));
        return "collective/activity";
    }

    @PostMapping("/{id}/attendees")
    String add(@PathVariable long id, @RequestParam(name = "userIds", required = false) List<String> userIds,
            RedirectAttributes redirect) {
        CurrentUser me = organiser();
        UnitActivity a = activities.activity(id, me);
        List<String> problems = new ArrayList<>();
        int added = 0;
        Map<String, People.Person> found = people.find(userIds == null ? List.of() : userIds);
        for (String userId : userIds == null ? List.<String>of() : userIds) {
            People.Person p = found.get(userId);
            try {
                activities.enroll(a, userId, p == null ? null : p.unit(), Map.of(), me);
                added++;
            } catch (ActivityRefused e) {
                problems.add(messages.getMessage(e.messageKey(), e.args(), LocaleContextHolder.getLocale()));
            } catch (Conflict e) {
                problems.add(messages.getMessage(e.messageKey(), new Object[] {userId}, LocaleContextHolder.getLocale()));
            }
        }
        redirect.addFlashAttribute("added", added);
        redirect.addFlashAttribute("problems", problems);
        return "redirect:/activities/" + id;
    }

    @PostMapping("/{id}/attendees/{userId}/remove")
    String remove(@PathVariable long id, @PathVariable String userId, RedirectAttributes redirect) {
        CurrentUser me = organiser();
        try {
            activities.remove(activities.activity(id, me), userId, me);
            redirect.addFlashAttribute("removed", userId);
        } catch (ActivityRefused e) {
            redirect.addFlashAttribute("problems", List.of(messages.getMessage(e.messageKey(), e.args(),
                    LocaleContextHolder.getLocale())));
        }
        return "redirect:/activities/" + id;
    }

    /** Evidence of the activity (notice, sign-in sheet): stored once, part of every attendee's claim. */
    @PostMapping("/{id}/evidence")
    String addEvidence(@PathVariable long id, @RequestParam(name = "files", required = false) List<MultipartFile> files,
            RedirectAttributes redirect) {
        CurrentUser me = organiser();
        UnitActivity a = activities.activity(id, me);
        try {
            if (files == null || files.stream().noneMatch(EvidenceStore::chosen)) {
                throw new EvidenceRejected("activity.evidence.none");
            }
            redirect.addFlashAttribute("evidenceAdded", activities.addEvidence(a, files, me).size());
        } catch (EvidenceRejected e) {
            redirect.addFlashAttribute("evidenceError", messages.getMessage(e.messageKey(), e.args(),
                    LocaleContextHolder.getLocale()));
        }
        return "redirect:/activities/" + id;
    }

    @GetMapping("/{id}/evidence/{evidenceId}")
    ResponseEntity<byte[]> evidence(@PathVariable long id, @PathVariable long evidenceId) {
        UnitActivity a = activities.activity(id, organiser());
        EvidenceFile file = evidenceStore.findForActivity(a.getId(), evidenceId).orElseThrow(NotFound::new);
        return InlineFile.of(file, evidenceStore.content(evidenceId));
    }

    @PostMapping("/{id}/approve")
    String approve(@PathVariable long id, RedirectAttributes redirect) {
        CurrentUser me = organiser();
        try {
            redirect.addFlashAttribute("batch", activities.approveAll(activities.activity(id, me), me));
        } catch (ActivityRefused e) {
            redirect.addFlashAttribute("problems", List.of(messages.getMessage(e.messageKey(), e.args(),
                    LocaleContextHolder.getLocale())));
        }
        return "redirect:/activities/" + id;
    }

    @GetMapping("/mine")
    String mine(Model model) {
        CurrentUser me = users.current();
        List<Attendance> mine = activities.attendancesOf(me.userId());
        Map<Long, UnitActivity> byId = new LinkedHashMap<>();
        mine.forEach(a -> activities.find(a.getActivityId()).ifPresent(x -> byId.put(x.getId(), x)));
        model.addAttribute("attendances", mine);
        model.addAttribute("activities", byId);
        model.addAttribute("claims", activities.claimsOf(mine));
        return "collective/mine";
    }

    @PostMapping("/mine/{claimId}/decline")
    String decline(@PathVariable long claimId, RedirectAttributes redirect) {
        activities.decline(claimId, users.current());
        redirect.addFlashAttribute("declined", true);
        return "redirect:/activities/mine";
    }

    /** The activity types of the organiser's units' rule sets this year, code → name, for the chooser. */
    /** The activity types of the rules in force this year at the units the person organises for, by code. */
    private Map<String, ActivityType> types(CurrentUser me) {
        Map<String, ActivityType> types = new LinkedHashMap<>();
        int year = clock.today().getYear();
        for (Unit u : activities.organisedUnits(me)) {
            recognition.ruleSetFor(u, year).ifPresent(rs -> recognition.activityTypes(rs)
                    .forEach(t -> types.putIfAbsent(t.code(), t)));
        }
        return types;
    }

    /** The non-blank {@code params[name]} fields of the form, by parameter name. */
    static Map<String, String> labelled(Map<String, String> fields) {
        Map<String, String> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (k.startsWith("params[") && k.endsWith("]") && v != null && !v.isBlank()) {
                out.put(k.substring("params[".length(), k.length() - 1), v.trim());
            }
        });
        return out;
    }

    static String format(Map<String, String> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "));
    }

    /** "minutes=120; characters=2500" → the parameters as typed. */
    static Map<String, String> parse(String params) {
        Map<String, String> out = new LinkedHashMap<>();
        if (params == null) {
            return out;
        }
        for (String pair : params.split("[;；,，\\n]")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return out;
    }
}
