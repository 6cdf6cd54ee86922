package cn.xueshi.hierarchy;

import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The effective model of a derived rule set: a copy of the parent version's DRD under the child's key (every
 * id, reference and diagram element renamed, so DMNDI stays whole), with the delta applied — changed cells
 * set, removed rows taken out, own rows added. Added item rows come first: under the FIRST hit policy a
 * row of the child's own wins over the parent's rows it overlaps (参考 三（三）：从其规定).
 */
final class DerivedModelBuilder {

    private DerivedModelBuilder() {
    }

    /** What a delta names that the parent does not have (a row or column gone): the conflict of a merge. */
    static final class MissingInParent extends RuntimeException {
        final String table;
        final String rule;

        MissingInParent(String table, String rule, String column) {
            super(table + "/" + rule + (column == null ? "" : "/" + column));
            this.table = table;
            this.rule = rule;
        }
    }

    static String build(String parentXml, String parentKey, String childKey, String childNameZh, int firstYear,
            Delta delta) {
        DrdTables parent = DrdTables.parse(parentXml, parentKey);
        rename(parent.document.getDocumentElement(), parentKey, childKey);
        DrdTables child = new DrdTables(parent.document, childKey);
        Element root = child.document.getDocumentElement();
        root.setAttribute("name", childNameZh);
        for (String table : Delta.TABLES) {
            Element decision = child.decision(table);
            if (decision != null) {
                String name = decision.getAttribute("name");
                int colon = name.indexOf('：');
                decision.setAttribute("name", childNameZh + (colon >= 0 ? name.substring(colon) : ""));
            }
        }
        for (Delta.Removal r : delta.removals()) {
            Element rule = child.rule(r.table(), r.rule());
            if (rule == null) {
                throw new MissingInParent(r.table(), r.rule(), null);
            }
            rule.getParentNode().removeChild(rule);
        }
        for (Delta.Change c : delta.changes()) {
            set(child, c.table(), c.rule(), c.column(), c.value());
        }
        for (Delta.Addition a : delta.additions()) {
            add(child, a);
        }
        // the set's own name and first year: the rows that say what the set is
        Element facts = child.rules("facts").isEmpty() ? null : child.rules("facts").get(0);
        if (facts != null) {
            String id = facts.getAttribute("id");
            set(child, "facts", id, "nameZh", quote(childNameZh));
            set(child, "facts", id, "nameEn", quote(childKey));
            set(child, "facts", id, "firstYear", String.valueOf(firstYear));
        }
        return child.xml();
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void set(DrdTables drd, String table, String ruleId, String column, String value) {
        Element rule = drd.rule(table, ruleId);
        int index = drd.columns(table).indexOf(column);
        if (rule == null || index < 0) {
            throw new MissingInParent(table, ruleId, column);
        }
        List<Element> entries = DrdTables.entries(rule);
        Element text = DrdTables.first(entries.get(index), "text");
        text.setTextContent(value);
    }

    private static void add(DrdTables drd, Delta.Addition a) {
        Element table = drd.table(a.table());
        if (table == null) {
            throw new MissingInParent(a.table(), a.rule(), null);
        }
        List<String> columns = drd.columns(a.table());
        for (String col : a.cells().keySet()) {
            if (!columns.contains(col)) {
                throw new MissingInParent(a.table(), a.rule(), col);
            }
        }
        int inputs = drd.inputCount(a.table());
        Element rule = drd.document.createElementNS(DrdTables.DMN, "rule");
        rule.setAttribute("id", a.rule());
        if (a.description() != null && !a.description().isBlank()) {
            Element d = drd.document.createElementNS(DrdTables.DMN, "description");
            d.setTextContent(a.description());
            rule.appendChild(d);
        }
        for (int i = 0; i < columns.size(); i++) {
            boolean input = i < inputs;
            Element entry = drd.document.createElementNS(DrdTables.DMN, input ? "inputEntry" : "outputEntry");
            entry.setAttribute("id", a.rule() + (input ? "-i-" : "-o-") + columns.get(i));
            Element text = drd.document.createElementNS(DrdTables.DMN, "text");
            String value = a.cells().get(columns.get(i));
            text.setTextContent(value == null || value.isBlank() ? (input ? "-" : "") : value);
            entry.appendChild(text);
            rule.appendChild(entry);
        }
        List<Element> rules = drd.rules(a.table());
        if ("items".equals(a.table()) && !rules.isEmpty()) {
            table.insertBefore(rule, rules.get(0));
        } else {
            table.appendChild(rule);
        }
    }

    /** Every id, href and diagram reference starting with the parent's key gets the child's key instead. */
    private static void rename(Element element, String from, String to) {
        NamedNodeMap attrs = element.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Node a = attrs.item(i);
            String name = a.getLocalName() == null ? a.getNodeName() : a.getLocalName();
            String v = a.getNodeValue();
            if (("id".equals(name) || "dmnElementRef".equals(name)) && v.startsWith(from + "-")) {
                a.setNodeValue(to + v.substring(from.length()));
            } else if ("href".equals(name) && v.startsWith("#" + from + "-")) {
                a.setNodeValue("#" + to + v.substring(from.length() + 1));
            } else if ("namespace".equals(name) && v.endsWith("/" + from)) {
                a.setNodeValue(v.substring(0, v.length() - from.length()) + to);
            }
        }
        NodeList nodes = element.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e) {
                rename(e, from, to);
            }
        }
    }

    /** The cells of the parent's rows, for diffs and guardrails. */
    static Map<String, Map<String, Map<String, String>>> rows(String xml, String key) {
        return DrdTables.parse(xml, key).rows();
    }
}
