package cn.xueshi.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xueshi.XueshiApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

@org.junit.jupiter.api.Tag("isolated")
@org.junit.jupiter.api.Tag("h2-only") // its own H2 database whichever suite runs it: once, in the H2 suite
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
                .satisfies(e -> assertThat(org.springframework.core.NestedExceptionUtils.getMostSpecificCause(e))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("XUESHI_ADMIN_PASSWORD"));
        // refused as the configuration is read (AdminPasswordCheck): nothing was migrated or written first
        try (var c = java.sql.DriverManager.getConnection("jdbc:h2:mem:refuse-start;DB_CLOSE_DELAY=-1", "sa", "");
                var r = c.createStatement().executeQuery("select count(*) from information_schema.tables"
                        + " where lower(table_name) in ('flyway_schema_history', 'act_ge_property')")) {
            r.next();
            assertThat(r.getInt(1)).as("tables created before the refusal").isZero();
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theRefusalNamesTheMissingUsernameToo() {
        SpringApplicationBuilder app = new SpringApplicationBuilder(XueshiApplication.class).profiles("postgres");
        assertThatThrownBy(() -> app.run("--spring.datasource.url=jdbc:h2:mem:refuse-name;DB_CLOSE_DELAY=-1",
                        "--server.port=0", "--xueshi.admin.username=", "--xueshi.admin.password=Str0ng-enough",
                        "--xueshi.public-base-url=https://xueshi.example.test"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("XUESHI_ADMIN_USERNAME");
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
