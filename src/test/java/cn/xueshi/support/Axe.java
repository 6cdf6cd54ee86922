package cn.xueshi.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core (Deque's axe.min.js, shipped in the test-scoped {@code com.deque.html.axe-core:selenium} jar)
 * run on the page the browser shows. The script is handed to the page by the WebDriver protocol, which the
 * page's content security policy does not govern, so the product's CSP stays as strict as it is.
 */
public final class Axe {

    private static final String SCRIPT = load();

    private Axe() {
    }

    /** One violated rule, with the impact axe gives it and the first offending nodes. */
    public record Violation(String id, String impact, String help, List<String> targets) {
        @Override
        public String toString() {
            return impact + " " + id + " (" + help + ") at " + targets;
        }
    }

    /** The serious and critical violations on the current page (WCAG 2.x A and AA rules and best practices). */
    public static List<Violation> seriousOrCritical(WebDriver driver) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript(SCRIPT);
        Object raw = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                   .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                        targets: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' ' + (n.failureSummary || ''))}))))
                   .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), targets: []}]));
                """);
        List<Violation> found = new ArrayList<>();
        for (Object o : (List<?>) raw) {
            Map<?, ?> v = (Map<?, ?>) o;
            String impact = String.valueOf(v.get("impact"));
            if (impact.equals("serious") || impact.equals("critical")) {
                List<String> targets = ((List<?>) v.get("targets")).stream().map(String::valueOf).toList();
                found.add(new Violation(String.valueOf(v.get("id")), impact, String.valueOf(v.get("help")), targets));
            }
        }
        return found;
    }

    private static String load() {
        try (InputStream in = Axe.class.getClassLoader().getResourceAsStream("axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is not on the test classpath (com.deque.html.axe-core:selenium)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
