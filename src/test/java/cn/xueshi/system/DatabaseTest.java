package cn.xueshi.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.support.IntegrationTest;
import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The suite really runs on the database it claims: H2 by default, PostgreSQL under -Ppostgres. */
@IntegrationTest
class DatabaseTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void runsOnTheSelectedDatabaseWithProjectAndEngineTables() throws Exception {
        String expected = "postgres".equals(System.getProperty("xueshi.test.database")) ? "PostgreSQL" : "H2";
        try (Connection c = dataSource.getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo(expected);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xs_jurisdiction", Integer.class)).isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_ID_GROUP WHERE ID_ = 'camunda-admin'", Integer.class))
                .isEqualTo(1);
    }
}
