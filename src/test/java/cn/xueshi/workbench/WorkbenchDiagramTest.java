package cn.xueshi.workbench;

import cn.xueshi.ruleedit.DecisionTables;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.rules.DmnEngines;
import cn.xueshi.system.ModelDiagramsTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The workbench reads a rule set's DRD, changes cells and rows and writes the XML it deploys: the diagram (DMNDI),
 * the input data, the knowledge source, the requirements and the notes come out as they went in, so a version
 * an analyst deploys still opens in Camunda Modeler with its layout.
 */
@org.junit.jupiter.api.Tag("no-database")
class WorkbenchDiagramTest {

    @ParameterizedTest
    @ValueSource(strings = {"jilin-2026", "qingdao-2023", "yuxi-2024", "anhui-2025"})
    void anEditedDraftKeepsTheWholeDiagram(String ruleSet) throws Exception {
        String shipped = Files.readString(Path.of("dmn", ruleSet + ".dmn"));
        DecisionTables tables = DecisionTables.parse(shipped);
        String items = ruleSet + "-items";
        Decision decision = tables.decisions().stream().filter(d -> d.getId().equals(items)).findFirst().orElseThrow();
        String firstRule = DecisionTables.table(decision).getRules().iterator().next().getId();
        assertThat(tables.applyCells(items, Map.of("desc:" + firstRule, "工作台修改的说明"))).isOne();
        tables.addRule(items, firstRule);

        String saved = tables.xml();
        assertThat(saved).contains("工作台修改的说明");
        ModelDiagramsTest.assertCompleteDrd(ruleSet + " after the workbench", saved);
        for (String kept : new String[] {"DMNShape", "DMNEdge", "informationRequirement", "authorityRequirement",
                "inputData", "knowledgeSource", "textAnnotation", "association"}) {
            assertThat(count(saved, kept)).as(kept).isEqualTo(count(shipped, kept));
        }
        // what the workbench deploys still parses in the engine, every decision of it
        assertThat(DmnEngines.build().parseDecisions(new ByteArrayInputStream(saved.getBytes(StandardCharsets.UTF_8))))
                .hasSize(tables.decisions().size());
    }

    private static int count(String xml, String element) {
        return xml.split("<(dmndi:)?" + element + "[ >]", -1).length - 1;
    }
}
