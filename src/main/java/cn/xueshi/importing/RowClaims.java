package cn.xueshi.importing;

import cn.xueshi.claim.ClaimForm;
import cn.xueshi.claim.ClaimValidation;
import cn.xueshi.claim.ItemForm;
import cn.xueshi.identity.Unit;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * The row-to-claim step the kinds that make claims for other people share (an activity's roster, a provider's
 * report): who the row names (all persons of an import looked up in one go), the one-item claim form, and that form
 * checked exactly as the employee's form would be ({@link ClaimValidation}, the person's own unit's rule set).
 * <p>
 * A roster of 1,000 carries one item 1,000 times, so a {@link Batch} checks each distinct (unit, form) once: the
 * verdict depends on nothing else (the rule set is chosen by unit and year, the rules see the item's values only).
 */
@Component
public class RowClaims {

    private final People people;
    private final ClaimValidation validation;
    private final MessageSource messages;

    RowClaims(People people, ClaimValidation validation, MessageSource messages) {
        this.people = people;
        this.validation = validation;
        this.messages = messages;
    }

    /** One import's rows: their persons found with one query per 500, the verdicts kept per distinct form. */
    public Batch batch(List<Map<String, Object>> rows) {
        return new Batch(people.find(rows.stream().map(r -> r.get("userId"))
                .filter(v -> v != null).map(v -> v.toString().trim()).toList()));
    }

    /** A claim form of one item, as the form page would send it (the pledge given by the one who files it). */
    public static ClaimForm form(String submissionKey, String title, String activityType, LocalDate date,
            Map<String, String> params) {
        ClaimForm form = new ClaimForm();
        form.setSubmissionKey(submissionKey);
        form.setYear(date.getYear());
        form.setDescription(title);
        form.setPledge(true); // the organiser (sign-in sheet) or the provider vouches; the attendee may still decline
        ItemForm item = new ItemForm();
        item.setActivityType(activityType);
        item.setTitle(title);
        item.setActivityDate(date);
        if (params != null) {
            params.forEach((k, v) -> {
                if (k != null && !k.isBlank() && v != null && !v.isBlank()) {
                    item.getParams().put(k.trim(), v.trim());
                }
            });
        }
        form.getItems().add(item);
        return form;
    }

    /** The values of a row's {@code item} other than its type, as form text (numbers in plain notation). */
    @SuppressWarnings("unchecked")
    public static Map<String, String> params(Map<String, Object> row) {
        Map<String, String> own = new LinkedHashMap<>();
        if (row.get("item") instanceof Map<?, ?> item) {
            ((Map<String, Object>) item).forEach((k, v) -> {
                if (!"activityType".equals(k) && v != null) {
                    own.put(k, v instanceof BigDecimal b ? b.toPlainString() : v.toString());
                }
            });
        }
        return own;
    }

    /** The persons and verdicts of one import. Not shared between imports or threads. */
    public final class Batch {

        private final Map<String, People.Person> found;
        private final Map<String, Verdict> verdicts = new HashMap<>();

        private Batch(Map<String, People.Person> found) {
            this.found = found;
        }

        /**
         * The person the row names (its {@code userId}; a {@code name}, if given, must be theirs). Unknown:
         * {@code unknownKey} with the id as argument, so a kind may word it as "not one of yours".
         */
        public People.Person person(Map<String, Object> row, String unknownKey) {
            String userId = RowFields.text(row, "userId", true, 64);
            People.Person person = found.get(userId);
            if (person == null) {
                throw new RowFields.BadField("userId", unknownKey, userId);
            }
            String name = RowFields.text(row, "name", false, 64);
            if (name != null && !name.equals(person.name())) {
                throw new RowFields.BadField("name", "import.row.nameMismatch", name, userId);
            }
            return person;
        }

        /**
         * Checks the form as the person's own unit would; answers the rule set that prices it, or throws the first
         * problem against the row's field (date, item.params) in the caller's language.
         */
        public String check(ClaimForm form, Unit unit) {
            Verdict v = verdicts.computeIfAbsent(signature(form, unit), k -> verdict(form, unit));
            if (v.ruleSet() == null) {
                throw new RowFields.BadField(v.field(), "import.row.rules", v.message());
            }
            return v.ruleSet();
        }
    }

    private record Verdict(String ruleSet, String field, String message) {
    }

    private Verdict verdict(ClaimForm form, Unit unit) {
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(form, "claimForm");
        Optional<String> ruleSet = validation.validate(form, unit, errors);
        if (!errors.hasErrors() && ruleSet.isPresent()) {
            return new Verdict(ruleSet.get(), null, null);
        }
        ObjectError e = errors.hasErrors() ? errors.getAllErrors().get(0) : null;
        String message = e == null ? "" : messages.getMessage(e, LocaleContextHolder.getLocale());
        return new Verdict(null, rowField(e), message);
    }

    /** The form field of a problem as the row's column: the date, or the item (its type and parameters). */
    private static String rowField(ObjectError e) {
        if (!(e instanceof FieldError fe)) {
            return "item";
        }
        String f = fe.getField();
        if (f.contains("activityDate") || f.equals("year")) {
            return "date";
        }
        if (f.endsWith(".activityType")) {
            return "item.activityType"; // e.g. a type that needs the unit's self-study archive (吉林 附件 二（九）)
        }
        return f.contains("params") || f.contains("items") ? "item.params" : f;
    }

    /** Everything the verdict depends on: the unit, and the form's year, text, pledge and items (not its key). */
    private static String signature(ClaimForm form, Unit unit) {
        StringBuilder s = new StringBuilder().append(unit.getId()).append('|').append(form.getYear()).append('|')
                .append(form.getDescription()).append('|').append(form.isPledge()).append('|')
                .append(form.getMakeupForYear());
        for (ItemForm i : form.getItems()) {
            s.append("|{").append(i.getActivityType()).append('|').append(i.getTitle()).append('|')
                    .append(i.getActivityDate()).append('|').append(i.getActivityEnd()).append('|')
                    .append(new TreeMap<>(i.getParams())).append('}');
        }
        return s.toString();
    }
}
