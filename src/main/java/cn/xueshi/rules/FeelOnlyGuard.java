package cn.xueshi.rules;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * DMN cells are FEEL and nothing else. Camunda also evaluates cells as JUEL (which calls Java methods)
 * or as JSR-223 scripts when a cell, a column or the whole model names another expression language,
 * and a {@code ${…}}/{@code #{…}} cell is JUEL wherever JUEL is the default. This guard refuses both in
 * every element of a model: an {@code expressionLanguage} (definitions, decisions, input expressions,
 * input and output entries, literal expressions, any other element) other than FEEL, and any
 * {@code ${} or {@code #{} in any cell text. It is the one check used by the workbench (upload, edit,
 * validation, deploy), by every DMN engine of the application at parse time ({@link DmnEngines}) and
 * by the start-up check of what is already deployed ({@link DeployedModelCheck}).
 */
public final class FeelOnlyGuard {

    /** The names Camunda's DMN engine itself treats as FEEL. */
    static final Set<String> FEEL = Set.of(DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE,
            DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_ALTERNATIVE,
            DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN12,
            DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN13,
            DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN14,
            DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN15);

    static final String BUNDLE = "i18n/rules";

    private FeelOnlyGuard() {
    }

    /** What is wrong where: a message key of the rules bundle and its arguments. */
    public record Violation(String decisionId, int row, String ruleId, String column, String key, String found) {

        /** The message in the given language, from the rules bundle (no Spring context needed). */
        public String message(Locale locale) {
            ResourceBundle bundle = bundle(locale);
            String where;
            if (decisionId == null) {
                where = bundle.getString("rules.feelOnly.where.model");
            } else if (row > 0) {
                where = MessageFormat.format(bundle.getString("rules.feelOnly.where.cell"), decisionId, row,
                        ruleId == null ? "" : ruleId, column == null ? "" : column);
            } else if (column != null) {
                where = MessageFormat.format(bundle.getString("rules.feelOnly.where.column"), decisionId, column);
            } else {
                where = MessageFormat.format(bundle.getString("rules.feelOnly.where.decision"), decisionId);
            }
            return MessageFormat.format(bundle.getString(key), where, found);
        }

        public String message() {
            return message(Locale.SIMPLIFIED_CHINESE);
        }
    }

    /** Refused: the model is not FEEL-only. The message (Chinese) names each place. */
    public static final class UnsafeModelException extends RuntimeException {
        private final transient List<Violation> violations;

        UnsafeModelException(String what, List<Violation> violations) {
            super((what == null ? "" : what + ": ")
                    + String.join("；", violations.stream().map(Violation::message).toList()));
            this.violations = List.copyOf(violations);
        }

        public List<Violation> violations() {
            return violations;
        }
    }

    /** The rules bundle: English for English, otherwise Chinese (the application's default), whatever the JVM's locale. */
    static ResourceBundle bundle(Locale locale) {
        Locale use = locale != null && "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
        return ResourceBundle.getBundle(BUNDLE, use,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public static List<Violation> check(String xml) {
        return check(Dmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
    }

    public static List<Violation> check(InputStream dmn) {
        return check(Dmn.readModelFromStream(dmn));
    }

    public static List<Violation> check(DmnModelInstance model) {
        return check(model.getDocumentElement());
    }

    /** Checks a model element and everything below it (a whole {@code definitions} or one {@code decision}). */
    public static List<Violation> check(ModelElementInstance element) {
        List<Violation> found = new ArrayList<>();
        DomElement dom = element.getDomElement();
        Where where = new Where(null, 0, null, null);
        if (!"definitions".equals(dom.getLocalName())) {
            // a single decision: the model's own default language applies to it as well
            DomElement root = element.getModelInstance().getDocument().getRootElement();
            language(root, where, found);
            where = at(dom, where);
        }
        walk(dom, where, found);
        return found;
    }

    /** Throws {@link UnsafeModelException} naming {@code what} (a resource, a draft) unless the model is FEEL-only. */
    public static void require(String what, ModelElementInstance element) {
        List<Violation> violations = check(element);
        if (!violations.isEmpty()) {
            throw new UnsafeModelException(what, violations);
        }
    }

    public static void require(String what, DmnModelInstance model) {
        require(what, model.getDocumentElement());
    }

    private record Where(String decision, int row, String ruleId, String column) {
    }

    private static Where at(DomElement e, Where where) {
        return "decision".equals(e.getLocalName()) ? new Where(e.getAttribute("id"), 0, null, null) : where;
    }

    private static void walk(DomElement e, Where where, List<Violation> found) {
        language(e, where, found);
        String name = e.getLocalName();
        if ("text".equals(name)) {
            String text = e.getTextContent();
            if (text != null && (text.contains("${") || text.contains("#{"))) {
                found.add(new Violation(where.decision(), where.row(), where.ruleId(), where.column(),
                        "rules.feelOnly.el", abbreviate(text.trim())));
            }
        }
        List<DomElement> children = e.getChildElements();
        if ("decisionTable".equals(name)) {
            List<String> inputs = new ArrayList<>();
            List<String> outputs = new ArrayList<>();
            for (DomElement c : children) {
                if ("input".equals(c.getLocalName())) {
                    inputs.add(label(c));
                } else if ("output".equals(c.getLocalName())) {
                    outputs.add(label(c));
                }
            }
            int rule = 0;
            for (DomElement c : children) {
                switch (c.getLocalName()) {
                    case "input" -> walk(c, new Where(where.decision(), 0, null, label(c)), found);
                    case "rule" -> rule(c, new Where(where.decision(), ++rule, c.getAttribute("id"), null), inputs,
                            outputs, found);
                    default -> walk(c, where, found);
                }
            }
            return;
        }
        for (DomElement c : children) {
            walk(c, at(c, where), found);
        }
    }

    private static void rule(DomElement rule, Where where, List<String> inputs, List<String> outputs,
            List<Violation> found) {
        language(rule, where, found);
        int in = 0;
        int out = 0;
        for (DomElement c : rule.getChildElements()) {
            String column = switch (c.getLocalName()) {
                case "inputEntry" -> in < inputs.size() ? inputs.get(in++) : "#" + ++in;
                case "outputEntry" -> out < outputs.size() ? outputs.get(out++) : "#" + ++out;
                default -> null;
            };
            walk(c, new Where(where.decision(), where.row(), where.ruleId(), column), found);
        }
    }

    private static void language(DomElement e, Where where, List<Violation> found) {
        for (String attr : new String[] {"expressionLanguage", "typeLanguage"}) {
            String lang = e.getAttribute(attr);
            if (lang == null) {
                lang = e.getAttribute(e.getNamespaceURI(), attr);
            }
            // typeLanguage only names the type system; FEEL is the only one Camunda knows, so anything
            // else is as suspicious as a foreign expression language
            if (lang != null && !FEEL.contains(lang.trim())) {
                found.add(new Violation(where.decision(), where.row(), where.ruleId(), where.column(),
                        "rules.feelOnly.language", abbreviate(lang)));
            }
        }
    }

    private static String label(DomElement e) {
        String label = e.getAttribute("label");
        if (label == null || label.isBlank()) {
            label = e.getAttribute("name");
        }
        if (label == null || label.isBlank()) {
            label = e.getAttribute("id");
        }
        return label == null ? "" : label;
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 117) + "…" : s;
    }
}
