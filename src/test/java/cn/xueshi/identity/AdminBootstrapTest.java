package cn.xueshi.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xueshi.XueshiApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

@org.junit.jupiter.api.Tag("isolated")
class AdminBootstrapTest {

    @Test
    void productionRefusesMissingBlankOrDefaultAdminPasswords() {
        for (String pw : new String[] {null, "", "   ", "demo", "DEMO", "admin", "password", "changeme", "short"}) {
            assertThatThrownBy(() -> IdentityBootstrap.requireProductionPassword(new AdminProperties("admin", pw)))
                    .as("password %s", pw)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("XUESHI_ADMIN_PASSWORD");
        }
        assertThatThrownBy(() -> IdentityBootstrap.requireProductionPassword(new AdminProperties("", "Str0ng-enough")))
                .hasMessageContaining("XUESHI_ADMIN_USERNAME");
        IdentityBootstrap.requireProductionPassword(new AdminProperties("admin", "Str0ng-enough"));
    }

    @Test
    void postgresProfileWithoutAnAdminPasswordDoesNotStart() {
        SpringApplicationBuilder app = new SpringApplicationBuilder(XueshiApplication.class)
                .profiles("postgres")
                .properties("camunda.bpm.job-execution.enabled=false");
        assertThatThrownBy(() -> app.run("--spring.datasource.url=jdbc:h2:mem:refuse-start;DB_CLOSE_DELAY=-1",
                        "--spring.datasource.username=sa", "--spring.datasource.password=", "--server.port=0",
                        "--xueshi.admin.password=", "--xueshi.public-base-url=https://xueshi.example.test", "--camunda.bpm.process-engine-name=refusal"))
                .hasRootCauseInstanceOf(IllegalStateException.class)
                .rootCause().hasMessageContaining("XUESHI_ADMIN_PASSWORD");
    }

    @Test
    void postgresProfileCreatesNoDemoPeople() {
        assertThat(new org.springframework.core.io.ClassPathResource("application-postgres.yml").exists()).isTrue();
        try (var ctx = new SpringApplicationBuilder(XueshiApplication.class)
                .profiles("postgres")
                .properties("camunda.bpm.job-execution.enabled=false")
                .run("--spring.datasource.url=jdbc:h2:mem:pg-profile;DB_CLOSE_DELAY=-1",
                        "--spring.datasource.username=sa", "--spring.datasource.password=", "--server.port=0",
                        "--xueshi.admin.username=chief", "--xueshi.admin.password=Very-Secret-1",
                        "--xueshi.public-base-url=https://xueshi.example.test", "--camunda.bpm.process-engine-name=pgprofile")) {
            var identity = ctx.getBean(org.camunda.bpm.engine.IdentityService.class);
            assertThat(identity.createUserQuery().userId("employee").count()).isZero();
            assertThat(identity.checkPassword("chief", "Very-Secret-1")).isTrue();
            assertThat(identity.createUserQuery().userId("chief").memberOfGroup(Groups.ADMIN).count()).isEqualTo(1);
            assertThat(ctx.getBean(UnitRepository.class).count()).isZero();
        }
    }
}
