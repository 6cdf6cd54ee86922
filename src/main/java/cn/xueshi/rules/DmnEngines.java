package cn.xueshi.rules;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRequirementsGraph;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableInputImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableOutputImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableRuleImpl;
import org.camunda.bpm.dmn.engine.impl.spi.el.DmnScriptEngineResolver;
import org.camunda.bpm.dmn.engine.impl.spi.el.ElExpression;
import org.camunda.bpm.dmn.engine.impl.spi.el.ElProvider;
import org.camunda.bpm.dmn.engine.impl.spi.transform.DmnTransformListener;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.Definitions;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * The one DMN engine configuration of the application: the process engine's (plugin
 * {@code FeelOnlyEnginePlugin}), the recognition service's and the workbench validator's. Every cell
 * is standard FEEL (feel-scala, parsed once per text by {@link CachingFeelEngine}); legacy FEEL is off,
 * so no cell defaults to JUEL; JUEL and scripts cannot be evaluated at all (the EL provider and the
 * script engine resolver refuse); and a model that names another language or contains {@code ${…}}
 * is refused when it is parsed ({@link FeelOnlyGuard}) — on deployment, on a reload into the
 * deployment cache and in the service's own parse alike.
 */
public final class DmnEngines {

    private DmnEngines() {
    }

    /** A fresh hardened configuration (not yet built); the process engine adds its own listeners to it. */
    public static DefaultDmnEngineConfiguration configuration() {
        DefaultDmnEngineConfiguration config =
                (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        config.enableFeelLegacyBehavior(false);
        String feel = DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_ALTERNATIVE;
        config.defaultInputExpressionExpressionLanguage(feel);
        config.defaultInputEntryExpressionLanguage(feel);
        config.defaultOutputEntryExpressionLanguage(feel);
        config.defaultLiteralExpressionLanguage(feel);
        config.feelEngineFactory(new CachingFeelEngine.Factory());
        config.feelCustomFunctionProviders(new ArrayList<>());
        config.elProvider(new NoJuel());
        config.scriptEngineResolver(new NoScripts());
        List<DmnTransformListener> listeners = new ArrayList<>(config.getTransformer().getTransformListeners());
        listeners.add(new FeelOnlyTransformListener());
        config.getTransformer().setTransformListeners(listeners);
        return config;
    }

    /** A hardened engine with the given post-evaluation listeners (the service records the fired rule). */
    public static DmnEngine build(List<DmnDecisionTableEvaluationListener> postTableListeners) {
        DefaultDmnEngineConfiguration config = configuration();
        config.customPostDecisionTableEvaluationListeners(new ArrayList<>(postTableListeners));
        return config.buildEngine();
    }

    public static DmnEngine build() {
        return build(List.of());
    }

    /** Thrown when anything would be evaluated as JUEL or as a script. */
    public static final class NotFeelException extends RuntimeException {
        NotFeelException(String message) {
            super(message);
        }
    }

    /** JUEL can call any Java method; no cell is ever evaluated as JUEL. */
    static final class NoJuel implements ElProvider {
        @Override
        public ElExpression createExpression(String expression) {
            throw new NotFeelException("JUEL is disabled in DMN; cells are FEEL only: " + expression);
        }
    }

    /** Nor as a JSR-223 script (JavaScript, Groovy, …). */
    static final class NoScripts implements DmnScriptEngineResolver {
        @Override
        public javax.script.ScriptEngine getScriptEngineForLanguage(String language) {
            throw new NotFeelException("scripts are disabled in DMN; cells are FEEL only: " + language);
        }
    }

    /** Runs {@link FeelOnlyGuard} on every decision the engine transforms (parse, deploy, cache reload). */
    static final class FeelOnlyTransformListener implements DmnTransformListener {
        @Override
        public void transformDecision(Decision decision, DmnDecision dmnDecision) {
            FeelOnlyGuard.require(null, decision);
        }

        @Override
        public void transformDecisionRequirementsGraph(Definitions definitions, DmnDecisionRequirementsGraph graph) {
            FeelOnlyGuard.require(null, definitions);
        }

        @Override
        public void transformDecisionTableInput(Input input, DmnDecisionTableInputImpl dmnInput) {
        }

        @Override
        public void transformDecisionTableOutput(Output output, DmnDecisionTableOutputImpl dmnOutput) {
        }

        @Override
        public void transformDecisionTableRule(Rule rule, DmnDecisionTableRuleImpl dmnRule) {
        }
    }
}
