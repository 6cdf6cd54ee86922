package cn.xueshi.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Crafted DMN models an attacker could write, and the witnesses that would show a Java method ran: a
 * proof file that {@code Runtime.exec("touch …")} would create, and {@link JavaReach}'s counter.
 */
public final class UnsafeModels {

    private UnsafeModels() {
    }

    /** A fresh absolute path (no spaces, so {@code Runtime.exec(String)} would keep it whole) that must never exist. */
    public static Path proofFile() {
        try {
            return Files.createTempDirectory("xs-feel-proof").resolve("proof-file");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cell from the security report: JUEL reaching {@code Runtime.exec}. */
    public static String juelExec(Path proof) {
        return "${\"\".getClass().forName(\"java.lang.Runtime\").getMethod(\"getRuntime\").invoke(null)"
                + ".exec(\"touch " + proof + "\")}";
    }

    /** The same as a JSR-223 script (JavaScript and Groovy both read it). */
    public static String scriptExec(Path proof) {
        return "java.lang.Runtime.getRuntime().exec(\"touch " + proof + "\")";
    }

    /** Waits a moment for a process {@code exec} may have started, then tells whether the file exists. */
    public static boolean created(Path proof) throws InterruptedException {
        for (int i = 0; i < 10 && !Files.exists(proof); i++) {
            Thread.sleep(100);
        }
        return Files.exists(proof);
    }

    /**
     * A one-table DRD: {@code definitionsAttrs} go on {@code <definitions>}, {@code outputLang} (or
     * null) on the output entry, whose text is {@code outputText}.
     */
    public static String table(String key, String definitionsAttrs, String inputExpressionLang, String outputLang,
            String outputText) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" \
                xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="%1$s-drd" name="%1$s" \
                namespace="http://xueshi.cn/test" %2$s>
                  <decision id="%1$s" name="%1$s" camunda:historyTimeToLive="30">
                    <decisionTable id="%1$s-table" hitPolicy="FIRST">
                      <input id="%1$s-in" label="输入">
                        <inputExpression id="%1$s-in-expr" typeRef="string"%3$s><text>x</text></inputExpression>
                      </input>
                      <output id="%1$s-out" label="结果" name="result" typeRef="string" />
                      <rule id="%1$s-rule">
                        <inputEntry id="%1$s-ie"><text>-</text></inputEntry>
                        <outputEntry id="%1$s-oe"%4$s><text>%5$s</text></outputEntry>
                      </rule>
                    </decisionTable>
                  </decision>
                </definitions>
                """.formatted(key, definitionsAttrs, inputExpressionLang == null ? ""
                        : " expressionLanguage=\"" + inputExpressionLang + "\"",
                        outputLang == null ? "" : " expressionLanguage=\"" + outputLang + "\"", xml(outputText));
    }

    public static String safeTable(String key) {
        return table(key, "", null, null, "\"ok\"");
    }

    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Java code an expression must never reach: every member counts its calls. */
    public static class JavaReach {
        public static final AtomicInteger HITS = new AtomicInteger();

        public static String hit() {
            HITS.incrementAndGet();
            return "hit";
        }

        public static String hit(String s) {
            HITS.incrementAndGet();
            return s;
        }

        public static int hit(int i) {
            HITS.incrementAndGet();
            return i;
        }

        public String getSecret() {
            HITS.incrementAndGet();
            return "getter";
        }

        public String secret() {
            HITS.incrementAndGet();
            return "method";
        }
    }
}
