package cn.xueshi.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes of the application on one PostgreSQL, each a JVM of its own on its own port, started the way
 * the README says (profile postgres, the database from the environment; {@link ClusterNodes}): a person signed
 * in on node A keeps working on node B with the same session cookie, signs out on B and is signed out on A too;
 * a holiday year uploaded on A is in force on B within seconds ({@code xueshi.cluster.refresh}).
 * PostgreSQL only ({@code -Ppostgres}): H2 in memory cannot be shared by two JVMs.
 */
@Tag("isolated")
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class TwoNodeClusterTest {

    static final int YEAR = 2088;

    @TempDir
    Path dir;

    ClusterNodes cluster;

    @AfterEach
    void stop() throws Exception {
        if (cluster != null) {
            cluster.stopAll();
        }
        if (ClusterNodes.postgres()) {
            deleteUpload();
        }
    }

    @Test
    void aSessionAndAChangeOnOneNodeHoldOnTheOther() throws Exception {
        assumeTrue(ClusterNodes.postgres(), "two nodes need a shared database: run with -Ppostgres");
        deleteUpload();
        cluster = new ClusterNodes(dir);
        // one after the other: the first node migrates the schema, the second finds it done
        int a = cluster.start("a");
        int b = cluster.start("b");

        ClusterNodes.Browser person = new ClusterNodes.Browser(cluster.admin, cluster.password);
        person.signIn(a);
        assertThat(person.get(a, "/admin/units").statusCode()).isEqualTo(200);
        HttpResponse<String> onB = person.get(b, "/admin/units");
        assertThat(onB.statusCode()).as("the session made on node A, used on node B").isEqualTo(200);

        // a holiday year uploaded on A is in force on B within the refresh interval (B has read the year before)
        String festival = "集群节";
        assertThat(person.get(b, "/admin/calendar/" + YEAR).body()).doesNotContain(festival);
        HttpResponse<String> upload = upload(person, a, YEAR, """
                {"year": %d, "published": true,
                 "source": {"title": "测试通知", "number": null, "date": "2087-11-01", "url": null},
                 "holidays": [{"date": "%d-10-01", "festival": "%s"}], "workdays": []}""".formatted(YEAR, YEAR, festival));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(302);
        Instant uploaded = Instant.now();
        String marker = "title=\"" + festival + "\" data-date=\"" + YEAR + "-10-01\"";
        while (!person.get(b, "/admin/calendar/" + YEAR).body().contains(marker)
                && Instant.now().isBefore(uploaded.plusSeconds(10))) {
            Thread.sleep(200);
        }
        assertThat(person.get(b, "/admin/calendar/" + YEAR).body()).contains(marker);
        System.out.println("holiday upload on A seen on B after " + Duration.between(uploaded, Instant.now()).toMillis()
                + " ms");

        // signing out on B ends the session on A too
        HttpResponse<String> logout = person.post(b, "/logout", Map.of("_csrf", person.csrf(b, "/admin/calendar")));
        assertThat(logout.statusCode()).isEqualTo(302);
        HttpResponse<String> afterLogout = person.get(a, "/admin/units");
        assertThat(afterLogout.statusCode()).isEqualTo(302);
        assertThat(afterLogout.headers().firstValue("Location").orElse("")).contains("/login");
    }

    static HttpResponse<String> upload(ClusterNodes.Browser person, int port, int year, String json) throws Exception {
        return person.postMultipart(port, "/admin/calendar",
                Map.of("_csrf", person.csrf(port, "/admin/calendar"), "year", String.valueOf(year)),
                "file", "holidays-" + year + ".json", "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    void deleteUpload() throws Exception {
        try (Connection c = ClusterNodes.database()) {
            if (c.getMetaData().getTables(null, null, "xs_calendar_year", null).next()) {
                c.createStatement().executeUpdate("DELETE FROM xs_calendar_year WHERE calendar_year = " + YEAR);
            }
        }
    }
}
