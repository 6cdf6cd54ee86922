package cn.xueshi.dashboard;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The dashboard benchmarks' own PostgreSQL database (never the test database): created when absent, then used. */
final class BenchDatabase {

    private BenchDatabase() {
    }

    /** Creates {@code database} on {@code server} (a JDBC URL ending in "/") if needed and points the context at it. */
    static void use(DynamicPropertyRegistry registry, String server, String database) throws Exception {
        try (Connection c = DriverManager.getConnection(server + "postgres", "postgres", "");
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
            if (!rs.next()) {
                c.createStatement().execute("CREATE DATABASE " + database);
            }
        }
        registry.add("spring.datasource.url", () -> server + database);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }
}
