package cn.xueshi.rules;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Gives the process engine the hardened DMN configuration of {@link DmnEngines}, so that every way a
 * decision reaches the engine (engine-rest {@code deployment/create}, the repository service, the
 * classpath deployment at start-up, a reload of an old version into the deployment cache) is parsed
 * FEEL-only and can never evaluate JUEL or a script; and refuses to start when a decision deployed
 * earlier (for instance by a build that still used legacy FEEL) is not FEEL-only.
 */
@Component
class FeelOnlyEnginePlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl config) {
        config.setDmnEngineConfiguration(DmnEngines.configuration());
        config.setDmnFeelEnableLegacyBehavior(false);
        // the engine's own EL provider is never handed to DMN: DmnEngines installs one that refuses
        config.setDmnElProvider(new DmnEngines.NoJuel());
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        DeployedModelCheck.requireSafe(engine.getRepositoryService());
    }
}
