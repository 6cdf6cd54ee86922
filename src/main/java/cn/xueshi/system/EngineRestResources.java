package cn.xueshi.system;

import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.stereotype.Component;

/**
 * The engine API (/engine-rest) with Camunda's resources plus the application's own exception mappers; the
 * starter's auto-configuration backs off when this bean exists.
 */
@Component
public class EngineRestResources extends CamundaJerseyResourceConfig {

    @Override
    protected void registerAdditionalResources() {
        super.registerAdditionalResources();
        register(ProcessStartRefusedMapper.class);
    }
}
