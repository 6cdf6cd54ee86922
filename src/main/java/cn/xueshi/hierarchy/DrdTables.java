package cn.xueshi.hierarchy;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The tables of one rule set's DRD as XML elements: its four decision tables ({@link Delta#TABLES}), their
 * columns (input variables, output names) and rows. Parsed without DTDs or external entities.
 */
final class DrdTables {

    static final String DMN = "https://www.omg.org/spec/DMN/20191111/MODEL/";

    final Document document;
    final String key;

    DrdTables(Document document, String key) {
        this.document = document;
        this.key = key;
    }

    static DrdTables parse(String xml, String key) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            return new DrdTables(d, key);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a DMN model: " + e.getMessage(), e);
        }
    }

    String xml() {
        try {
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            StringWriter out = new StringWriter();
            t.transform(new DOMSource(document), new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Element decision(String table) {
        for (Element d : children(document.getDocumentElement(), "decision")) {
            if ((key + "-" + table).equals(d.getAttribute("id"))) {
                return d;
            }
        }
        return null;
    }

    Element table(String table) {
        Element d = decision(table);
        return d == null ? null : first(d, "decisionTable");
    }

    /**
     * The columns of a table in row order: inputs by the name their id ends with ({@code …-in-journal}; else
     * the input expression), then outputs by their name.
     */
    List<String> columns(String table) {
        Element t = table(table);
        List<String> cols = new ArrayList<>();
        if (t == null) {
            return cols;
        }
        for (Element in : children(t, "input")) {
            String id = in.getAttribute("id");
            int at = id.lastIndexOf("-in-");
            Element expr = first(in, "inputExpression");
            cols.add(at >= 0 ? id.substring(at + 4) : expr == null ? "" : text(first(expr, "text")).trim());
        }
        for (Element out : children(t, "output")) {
            cols.add(out.getAttribute("name"));
        }
        return cols;
    }

    int inputCount(String table) {
        Element t = table(table);
        return t == null ? 0 : children(t, "input").size();
    }

    List<Element> rules(String table) {
        Element t = table(table);
        return t == null ? List.of() : children(t, "rule");
    }

    Element rule(String table, String ruleId) {
        for (Element r : rules(table)) {
            if (ruleId.equals(r.getAttribute("id"))) {
                return r;
            }
        }
        return null;
    }

    /** The cells of one row by column: FEEL text. */
    Map<String, String> cells(String table, Element rule) {
        List<String> cols = columns(table);
        List<Element> entries = entries(rule);
        Map<String, String> cells = new LinkedHashMap<>();
        for (int i = 0; i < cols.size() && i < entries.size(); i++) {
            cells.put(cols.get(i), text(first(entries.get(i), "text")).trim());
        }
        return cells;
    }

    /** Every row of every table: table → rule id → column → FEEL text. */
    Map<String, Map<String, Map<String, String>>> rows() {
        Map<String, Map<String, Map<String, String>>> all = new LinkedHashMap<>();
        for (String table : Delta.TABLES) {
            Map<String, Map<String, String>> rows = new LinkedHashMap<>();
            for (Element r : rules(table)) {
                rows.put(r.getAttribute("id"), cells(table, r));
            }
            all.put(table, rows);
        }
        return all;
    }

    static List<Element> entries(Element rule) {
        List<Element> entries = new ArrayList<>(children(rule, "inputEntry"));
        entries.addAll(children(rule, "outputEntry"));
        return entries;
    }

    static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    static Element first(Element parent, String localName) {
        List<Element> c = children(parent, localName);
        return c.isEmpty() ? null : c.get(0);
    }

    static String text(Element e) {
        return e == null ? "" : e.getTextContent();
    }
}
