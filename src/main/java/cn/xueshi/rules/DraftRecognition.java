package cn.xueshi.rules;

import cn.xueshi.rules.DeployedDecisions.Deployed;
import cn.xueshi.rules.DeployedDecisions.Snapshot;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * Recognition with a draft DRD (规则草稿) in place of the deployed decisions of the same keys, for the
 * rule workbench's regression cases and impact preview. Same mechanism, same FEEL dialect as
 * {@link RecognitionService}; nothing is deployed.
 */
@Service
public class DraftRecognition {

    private final DeployedDecisions deployed;
    private final RepositoryService repositoryService;
    private final RateWords words;
    private final MessageSource messages;
    private final List<String> ruleSets;
    private final RuleSetHierarchy hierarchy;
    private final cn.xueshi.system.RequestLimits limits;
    private final DmnEngine engine = DeployedDecisions.buildEngine();

    DraftRecognition(DeployedDecisions deployed, RepositoryService repositoryService, RateWords words,
            MessageSource messages, @Value("${xueshi.rule-sets:}") List<String> ruleSets, RuleSetHierarchy hierarchy,
            cn.xueshi.system.RequestLimits limits) {
        this.limits = limits;
        this.hierarchy = hierarchy;
        this.deployed = deployed;
        this.repositoryService = repositoryService;
        this.words = words;
        this.messages = messages;
        this.ruleSets = ruleSets;
    }

    /** A recognition service that sees the draft's decisions (version {@code draftVersion}) and the deployed rest. */
    public RecognitionService with(String drdXml, int draftVersion) {
        return with(drdXml, draftVersion, hierarchy);
    }

    /**
     * As {@link #with(String, int)} for the draft of a derived rule set: the draft counts as filed (from
     * {@code firstYear}, based on {@code parentKey}) for this calculation only.
     */
    public RecognitionService withDerivedDraft(String drdXml, int draftVersion, RuleSetHierarchy.Filed asIfFiled) {
        return with(drdXml, draftVersion, hierarchy.withDraft(asIfFiled));
    }

    private RecognitionService with(String drdXml, int draftVersion, RuleSetHierarchy levels) {
        List<DmnDecision> parsed = engine.parseDecisions(
                new ByteArrayInputStream(drdXml.getBytes(StandardCharsets.UTF_8)));
        Snapshot current = deployed.current();
        Map<String, Deployed> byKey = new HashMap<>(current.byKey);
        Set<String> ids = new HashSet<>(current.ids);
        for (DmnDecision d : parsed) {
            String id = "draft:" + d.getKey();
            byKey.put(d.getKey(), new Deployed(d.getKey(), draftVersion, id, d));
            ids.add(id);
        }
        Snapshot overlay = new Snapshot(Map.copyOf(byKey), Set.copyOf(ids), -1);
        DeployedDecisions fixed = new DeployedDecisions(repositoryService, engine) {
            @Override
            Snapshot current() {
                return overlay;
            }
        };
        return new RecognitionService(fixed, words, messages, ruleSets, levels, limits);
    }
}
