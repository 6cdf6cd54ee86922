package cn.xueshi.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.rules.DmnEngines;
import cn.xueshi.rules.FeelOnlyGuard;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Definitions;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Association;
import org.camunda.bpm.model.dmn.instance.AuthorityRequirement;
import org.camunda.bpm.model.dmn.instance.DrgElement;
import org.camunda.bpm.model.dmn.instance.InformationRequirement;
import org.camunda.bpm.model.dmn.instance.KnowledgeRequirement;
import org.camunda.bpm.model.dmn.instance.TextAnnotation;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The models open in Camunda's tools as they are: every BPMN element has its diagram shape or edge, every named
 * event, gateway and flow its label, placed where no edge runs; every DMN DRG element has a DRD shape and every
 * requirement an edge, without overlapping shapes; no fake join and no gateway that joins and forks (what
 * bpmnlint checks in .ci/lint.sh, here for every Maven build too); and the engine still parses the decisions.
 */
@org.junit.jupiter.api.Tag("no-database")
public class ModelDiagramsTest {

    static final String MODELER = "http://camunda.org/schema/modeler/1.0";
    static final String DMNDI = "https://www.omg.org/spec/DMN/20191111/DMNDI/";
    static final String DC = "http://www.omg.org/spec/DMN/20180521/DC/";

    static Stream<Path> bpmnFiles() throws IOException {
        return files("bpmn", ".bpmn");
    }

    static Stream<Path> dmnFiles() throws IOException {
        return files("dmn", ".dmn");
    }

    private static Stream<Path> files(String dir, String suffix) throws IOException {
        List<Path> found;
        try (Stream<Path> s = Files.list(Path.of(dir))) {
            found = s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
        assertThat(found).as(dir).isNotEmpty();
        return found.stream();
    }

    // ---- BPMN ----

    @ParameterizedTest
    @MethodSource("bpmnFiles")
    void everyFlowElementHasItsShapeOrEdge(Path file) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        Set<String> drawn = new HashSet<>();
        model.getModelElementsByType(BpmnShape.class).forEach(s -> drawn.add(s.getBpmnElement().getId()));
        model.getModelElementsByType(BpmnEdge.class).forEach(e -> drawn.add(e.getBpmnElement().getId()));
        for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
            if (element instanceof FlowNode || element instanceof SequenceFlow) {
                assertThat(drawn).as("%s: diagram element for %s", file, element.getId()).contains(element.getId());
            }
        }
        for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
            assertThat(edge.getWaypoints()).as("%s: waypoints of %s", file, edge.getId()).hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @ParameterizedTest
    @MethodSource("bpmnFiles")
    void namedEventsGatewaysAndFlowsHaveLabelsThatNoEdgeCrosses(Path file) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        List<double[][]> segments = new ArrayList<>();
        for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
            List<Waypoint> w = new ArrayList<>(edge.getWaypoints());
            for (int i = 0; i + 1 < w.size(); i++) {
                segments.add(new double[][] {{w.get(i).getX(), w.get(i).getY()}, {w.get(i + 1).getX(), w.get(i + 1).getY()}});
            }
        }
        List<Bounds> labels = new ArrayList<>();
        for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
            BaseElement element = shape.getBpmnElement();
            if ((element instanceof Event || element instanceof Gateway) && named(element)) {
                assertThat(shape.getBpmnLabel()).as("%s: label of %s", file, element.getId()).isNotNull();
                labels.add(labelBounds(file, element, shape.getBpmnLabel().getBounds()));
            }
        }
        for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
            if (named(edge.getBpmnElement())) {
                assertThat(edge.getBpmnLabel()).as("%s: label of %s", file, edge.getBpmnElement().getId()).isNotNull();
                labels.add(labelBounds(file, edge.getBpmnElement(), edge.getBpmnLabel().getBounds()));
            }
        }
        for (Bounds label : labels) {
            for (double[][] s : segments) {
                assertThat(crosses(label, s)).as("%s: an edge runs through the label at %s,%s", file, label.getX(),
                        label.getY()).isFalse();
            }
        }
    }

    private static Bounds labelBounds(Path file, BaseElement element, Bounds bounds) {
        assertThat(bounds).as("%s: label bounds of %s", file, element.getId()).isNotNull();
        assertThat(bounds.getWidth()).isPositive();
        assertThat(bounds.getHeight()).isPositive();
        return bounds;
    }

    @ParameterizedTest
    @MethodSource("bpmnFiles")
    void noFakeJoinAndNoGatewayThatJoinsAndForks(Path file) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            int in = node.getIncoming().size();
            int out = node.getOutgoing().size();
            if (node instanceof Gateway) {
                assertThat(in > 1 && out > 1).as("%s: %s joins and forks", file, node.getId()).isFalse();
            } else {
                assertThat(in).as("%s: %s joins %d flows without a gateway", file, node.getId(), in).isLessThanOrEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("bpmnFiles")
    void processesAreForCamunda724AndStartedOnlyByTheApplication(Path file) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        Definitions definitions = model.getDefinitions();
        assertThat(definitions.getAttributeValueNs(MODELER, "executionPlatform")).isEqualTo("Camunda Platform");
        assertThat(definitions.getAttributeValueNs(MODELER, "executionPlatformVersion")).isEqualTo("7.24.0");
        for (Process process : model.getModelElementsByType(Process.class)) {
            assertThat(process.isCamundaStartableInTasklist()).as("%s startable in Tasklist", process.getId()).isFalse();
            Collection<CamundaExecutionListener> listeners = process.getExtensionElements() == null ? List.of()
                    : process.getExtensionElements().getElementsQuery().filterByType(CamundaExecutionListener.class).list();
            assertThat(listeners).as("%s: start guard", process.getId())
                    .anyMatch(l -> "start".equals(l.getCamundaEvent())
                            && "${processStartGuard}".equals(l.getCamundaDelegateExpression()));
        }
    }

    // ---- DMN ----

    @ParameterizedTest
    @MethodSource("dmnFiles")
    void everyDrgElementHasAShapeAndEveryRequirementAnEdge(Path file) throws Exception {
        assertCompleteDrd(file.toString(), Files.readString(file));
    }

    /** The DRD of {@code xml} draws every DRG element, note and requirement, with no two shapes overlapping. */
    public static void assertCompleteDrd(String file, String xml) throws Exception {
        DmnModelInstance model = Dmn.readModelFromStream(
                new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Document dom = dom(new org.xml.sax.InputSource(new java.io.StringReader(xml)));
        Map<String, double[]> shapes = new HashMap<>();
        NodeList shapeNodes = dom.getElementsByTagNameNS(DMNDI, "DMNShape");
        for (int i = 0; i < shapeNodes.getLength(); i++) {
            Element shape = (Element) shapeNodes.item(i);
            Element b = (Element) shape.getElementsByTagNameNS(DC, "Bounds").item(0);
            assertThat(b).as("%s: bounds of %s", file, shape.getAttribute("id")).isNotNull();
            shapes.put(shape.getAttribute("dmnElementRef"), new double[] {num(b, "x"), num(b, "y"), num(b, "width"),
                    num(b, "height")});
        }
        Set<String> edges = new HashSet<>();
        NodeList edgeNodes = dom.getElementsByTagNameNS(DMNDI, "DMNEdge");
        for (int i = 0; i < edgeNodes.getLength(); i++) {
            Element edge = (Element) edgeNodes.item(i);
            assertThat(edge.getElementsByTagNameNS("http://www.omg.org/spec/DMN/20180521/DI/", "waypoint").getLength())
                    .as("%s: waypoints of %s", file, edge.getAttribute("id")).isGreaterThanOrEqualTo(2);
            edges.add(edge.getAttribute("dmnElementRef"));
        }
        assertThat(dom.getElementsByTagNameNS(DMNDI, "DMNDiagram").getLength()).as("%s: DRD", file).isEqualTo(1);
        for (DrgElement element : model.getModelElementsByType(DrgElement.class)) {
            assertThat(shapes).as("%s: shape of %s", file, element.getId()).containsKey(element.getId());
        }
        for (TextAnnotation note : model.getModelElementsByType(TextAnnotation.class)) {
            assertThat(shapes).as("%s: shape of %s", file, note.getId()).containsKey(note.getId());
        }
        List<ModelElementInstance> requirements = new ArrayList<>();
        requirements.addAll(model.getModelElementsByType(InformationRequirement.class));
        requirements.addAll(model.getModelElementsByType(AuthorityRequirement.class));
        requirements.addAll(model.getModelElementsByType(KnowledgeRequirement.class));
        requirements.addAll(model.getModelElementsByType(Association.class));
        assertThat(requirements).as("%s: the DRD shows how its inputs reach its decisions", file).isNotEmpty();
        for (ModelElementInstance r : requirements) {
            String id = r.getAttributeValue("id");
            assertThat(id).as("%s: a requirement without id cannot have an edge", file).isNotBlank();
            assertThat(edges).as("%s: edge of %s", file, id).contains(id);
        }
        // a readable DRD: no two shapes overlap
        List<Map.Entry<String, double[]>> all = new ArrayList<>(shapes.entrySet());
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                assertThat(overlap(all.get(i).getValue(), all.get(j).getValue()))
                        .as("%s: %s overlaps %s", file, all.get(i).getKey(), all.get(j).getKey()).isFalse();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dmnFiles")
    void theDmnEngineStillParsesTheDecisionsAndTheyStayFeelOnly(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            assertThat(DmnEngines.build().parseDecisions(in)).isNotEmpty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            assertThat(FeelOnlyGuard.check(in)).isEmpty();
        }
    }

    private static boolean named(BaseElement element) {
        String name = element.getAttributeValue("name");
        return name != null && !name.isBlank();
    }

    private static boolean crosses(Bounds r, double[][] s) {
        double x1 = s[0][0], y1 = s[0][1], x2 = s[1][0], y2 = s[1][1];
        int n = (int) Math.max(2, Math.max(Math.abs(x2 - x1), Math.abs(y2 - y1)));
        for (int i = 0; i <= n; i++) {
            double px = x1 + (x2 - x1) * i / n;
            double py = y1 + (y2 - y1) * i / n;
            if (px >= r.getX() && px <= r.getX() + r.getWidth() && py >= r.getY() && py <= r.getY() + r.getHeight()) {
                return true;
            }
        }
        return false;
    }

    private static boolean overlap(double[] a, double[] b) {
        return a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
    }

    private static double num(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }

    static Document dom(org.xml.sax.InputSource file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(file);
    }
}
