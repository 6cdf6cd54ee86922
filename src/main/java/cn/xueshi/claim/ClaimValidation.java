package cn.xueshi.claim;

import cn.xueshi.identity.Unit;
import cn.xueshi.rules.ActivityType;
import cn.xueshi.rules.RecognitionException;
import cn.xueshi.rules.RecognitionRequest;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.clock.BusinessClock;
import cn.xueshi.selfstudy.SelfStudyRule;
import cn.xueshi.system.RequestLimits;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.validation.Errors;

/**
 * Checks a claim form against the person's rule set before anything is stored: year, dates, lengths,
 * the pledge, and the rules' own verdict on each item (asked through the recognition service), each
 * problem against its field in Chinese.
 */
@Component
public class ClaimValidation {

    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_TITLE = 300;
    private static final Pattern ITEM_FIELD = Pattern.compile("items\\[(\\d+)\\](?:\\.(\\w+))?");

    private final RecognitionService recognition;
    private final HardshipAdjustments hardship;
    private final RequestLimits limits;
    private final BusinessClock clock;
    private final SelfStudyRule selfStudy;

    ClaimValidation(RecognitionService recognition, HardshipAdjustments hardship, RequestLimits limits,
            BusinessClock clock, SelfStudyRule selfStudy) {
        this.selfStudy = selfStudy;
        this.recognition = recognition;
        this.hardship = hardship;
        this.limits = limits;
        this.clock = clock;
    }

    private LocalDate today() {
        return clock.today();
    }

    /**
     * Checks the form; every problem is reported against its field in {@code errors}, in Chinese.
     * Returns the rule set that applies when the form is valid so far.
     */
    public Optional<String> validate(ClaimForm form, Unit unit, Errors errors) {
        if (form.getYear() == null) {
            errors.rejectValue("year", "claim.error.year.missing");
            return Optional.empty();
        }
        int year = form.getYear();
        if (year > today().getYear() || year < limits.minYear()) {
            errors.rejectValue("year", "claim.error.year.range", new Object[] {String.valueOf(today().getYear())}, null);
            return Optional.empty();
        }
        // the unit's filed rule sets are read once for the year's end, the pricing date and each item's date
        RecognitionService.UnitRuleSets rules = recognition.forUnit(unit);
        Optional<String> ruleSet = rules.ruleSetFor(year);
        if (ruleSet.isEmpty()) {
            errors.rejectValue("year", "claim.error.year.noRuleSet", new Object[] {String.valueOf(year)}, null);
            return Optional.empty();
        }
        if (form.getDescription() != null && form.getDescription().length() > MAX_DESCRIPTION) {
            errors.rejectValue("description", "claim.error.description.tooLong", new Object[] {MAX_DESCRIPTION}, null);
        }
        if (!form.isPledge()) {
            errors.rejectValue("pledge", "claim.error.pledge");
        }
        if (form.getItems().isEmpty()) {
            errors.rejectValue("items", "claim.error.items.empty");
            return ruleSet;
        }
        for (int i = 0; i < form.getItems().size(); i++) {
            ItemForm item = form.getItems().get(i);
            String prefix = "items[" + i + "].";
            if (item.getActivityType() == null || item.getActivityType().isBlank()) {
                errors.rejectValue(prefix + "activityType", "claim.error.activityType.missing");
            }
            if (item.getActivityDate() == null) {
                errors.rejectValue(prefix + "activityDate", "claim.error.date.missing");
            } else if (item.getActivityDate().getYear() != year) {
                errors.rejectValue(prefix + "activityDate", "claim.error.date.year", new Object[] {String.valueOf(year)}, null);
            } else if (item.getActivityDate().isAfter(today())) {
                errors.rejectValue(prefix + "activityDate", "claim.error.date.future");
            }
            if (item.getActivityEnd() != null && item.getActivityDate() != null
                    && item.getActivityEnd().isBefore(item.getActivityDate())) {
                errors.rejectValue(prefix + "activityEnd", "claim.error.date.endBeforeStart");
            }
            if (item.getTitle() != null && item.getTitle().length() > MAX_TITLE) {
                errors.rejectValue(prefix + "title", "claim.error.title.tooLong", new Object[] {MAX_TITLE}, null);
            }
        }
        if (errors.hasFieldErrors("items*")) {
            return ruleSet;
        }
        Optional<String> dated = byActivityDate(form, rules, errors);
        if (dated.isEmpty()) {
            return ruleSet;
        }
        ruleSet = dated;
        checkSelfStudyArchive(form, unit, ruleSet.get(), errors);
        try {
            recognition.evaluate(new RecognitionRequest(ruleSet.get(), year, requestItems(form, ruleSet.get())), null,
                    pricingDate(form));
        } catch (RecognitionException e) {
            errors.rejectValue(formField(e.field()), "claim.error.rules", new Object[] {e.getMessage()}, e.getMessage());
        }
        return ruleSet;
    }

    /**
     * The rule set in force on the claim's activity dates (a filed version applies from its effective date, Jilin
     * notice 一（二）). One claim is priced by one version, so items on both sides of an effective date are refused
     * on the later item's date: they are registered as two claims. Empty (with the error) when they differ.
     */
    private Optional<String> byActivityDate(ClaimForm form, RecognitionService.UnitRuleSets rules, Errors errors) {
        LocalDate first = pricingDate(form);
        Optional<RecognitionService.Applicable> applies = rules.applicable(first);
        if (applies.isEmpty()) {
            errors.rejectValue("year", "claim.error.year.noRuleSet", new Object[] {String.valueOf(form.getYear())}, null);
            return Optional.empty();
        }
        for (int i = 0; i < form.getItems().size(); i++) {
            LocalDate date = form.getItems().get(i).getActivityDate();
            Optional<RecognitionService.Applicable> here = rules.applicable(date);
            if (!here.equals(applies)) {
                LocalDate boundary = java.util.stream.Stream.of(applies, here).flatMap(Optional::stream)
                        .map(RecognitionService.Applicable::effectiveFrom).filter(java.util.Objects::nonNull)
                        .max(LocalDate::compareTo).orElse(date);
                errors.rejectValue("items[" + i + "].activityDate", "claim.error.date.acrossEffective",
                        new Object[] {String.valueOf(boundary)}, null);
                return Optional.empty();
            }
        }
        return applies.map(RecognitionService.Applicable::ruleSet);
    }

    /**
     * 吉林 附件 二（九）: an item of a type the self-study-archive policy marks counts only when the claimant's unit kept its
     * self-study archive on the item's date; refused beside the item's type. Every path of a claim comes through here
     * (form, correction, rosters, provider reports), so none of them can register what the text excludes.
     */
    private void checkSelfStudyArchive(ClaimForm form, Unit unit, String ruleSet, Errors errors) {
        for (int i = 0; i < form.getItems().size(); i++) {
            ItemForm item = form.getItems().get(i);
            String field = "items[" + i + "].activityType";
            selfStudy.refusal(unit.getId(), ruleSet, item.getActivityType(), item.getActivityDate())
                    .ifPresent(m -> errors.rejectValue(field, m.key(), m.args(), null));
        }
    }

    /** The date a claim is priced on: its earliest activity date (all its items price alike, see validate). */
    static LocalDate pricingDate(ClaimForm form) {
        return form.getItems().stream().map(ItemForm::getActivityDate).filter(java.util.Objects::nonNull)
                .min(LocalDate::compareTo).orElse(LocalDate.of(form.getYear(), 12, 31));
    }

    /** A claim may count for the previous year only while the person has an open make-up obligation for it. */
    public void validateMakeup(ClaimForm form, String claimant, Errors errors) {
        Integer makeup = form.getMakeupForYear();
        if (makeup == null) {
            return;
        }
        if (form.getYear() == null || makeup != form.getYear() - 1 || !hardship.openMakeup(claimant, makeup)) {
            errors.rejectValue("makeupForYear", "claim.error.makeup", new Object[] {String.valueOf(makeup)}, null);
        }
    }

    /** The earlier year the person may make up with this year's claims, if any. */
    public Optional<Integer> makeupYearFor(String claimant, int year) {
        return hardship.openMakeup(claimant, year - 1) ? Optional.of(year - 1) : Optional.empty();
    }

    /** Maps a recognition-API field (items[2].rank) to the form field that shows it (items[2].params[rank]). */
    static String formField(String apiField) {
        if (apiField == null || apiField.isBlank() || apiField.equals("ruleSet")) {
            return "items";
        }
        Matcher m = ITEM_FIELD.matcher(apiField);
        if (m.matches()) {
            String param = m.group(2);
            if (param == null || param.equals("activityType")) {
                return "items[" + m.group(1) + "].activityType";
            }
            return "items[" + m.group(1) + "].params[" + param + "]";
        }
        return apiField.equals("year") ? "year" : "items";
    }

    /** The form's items as recognition-API items: blank values left out, numbers as numbers. */
    List<Map<String, Object>> requestItems(ClaimForm form, String ruleSet) {
        List<ActivityType> types = recognition.activityTypes(ruleSet);
        List<Map<String, Object>> items = new ArrayList<>();
        for (ItemForm f : form.getItems()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("activityType", f.getActivityType());
            ActivityType type = types.stream().filter(t -> t.code().equals(f.getActivityType())).findFirst().orElse(null);
            f.getParams().forEach((name, raw) -> {
                if (raw == null || raw.isBlank() || type == null || type.parameter(name) == null) {
                    return;
                }
                item.put(name, typed(type.parameter(name), raw.trim()));
            });
            items.add(item);
        }
        return items;
    }

    private static Object typed(ActivityType.Parameter p, String raw) {
        if (p.kind() == ActivityType.Kind.ENUM) {
            return raw;
        }
        try {
            return new BigDecimal(raw);
        } catch (NumberFormatException e) {
            return raw; // the rules answer with a message naming the field
        }
    }

}
