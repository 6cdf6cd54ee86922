package cn.xueshi.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Properties;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Every page text is a message key that exists in Chinese and in English. */
@org.junit.jupiter.api.Tag("no-database")
class MessageBundlesTest {

    private static Properties load(Resource r) throws Exception {
        Properties p = new Properties();
        try (InputStream in = r.getInputStream()) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    private static Set<String> keys(String locale) throws Exception {
        Set<String> keys = new TreeSet<>();
        for (Resource r : new PathMatchingResourcePatternResolver()
                .getResources("classpath*:i18n/*_" + locale + ".properties")) {
            load(r).stringPropertyNames().forEach(keys::add);
        }
        return keys;
    }

    @Test
    void chineseAndEnglishBundlesHaveTheSameKeys() throws Exception {
        Set<String> zh = keys("zh_CN");
        Set<String> en = keys("en");
        assertThat(zh).isNotEmpty();
        Set<String> missingInEnglish = new TreeSet<>(zh);
        missingInEnglish.removeAll(en);
        Set<String> missingInChinese = new TreeSet<>(en);
        missingInChinese.removeAll(zh);
        assertThat(missingInEnglish).as("keys without English").isEmpty();
        assertThat(missingInChinese).as("keys without Chinese").isEmpty();
    }

    @Test
    void everyStaticMessageKeyInTheTemplatesExists() throws Exception {
        Set<String> zh = keys("zh_CN");
        Pattern key = Pattern.compile("#\\{([a-zA-Z0-9_.-]+)[}(]");
        Set<String> missing = new HashSet<>();
        for (Map.Entry<Path, String> t : templates().entrySet()) {
            Matcher m = key.matcher(t.getValue());
            while (m.find()) {
                if (!zh.contains(m.group(1))) {
                    missing.add(t.getKey() + ": " + m.group(1));
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    /**
     * SpEL reads {@code names[ty]} on a map as the key "ty", not the loop variable's value: the inbox showed activity
     * type codes and the bureau's home page empty badges that way. A lookup by a variable is written
     * {@code names.get(ty)} (a property path such as {@code names[u.id]} is evaluated and may stay).
     */
    @Test
    void noTemplateIndexesAMapByABareVariable() throws Exception {
        Pattern bare = Pattern.compile("\\$\\{[^}]*?\\b[a-zA-Z]+\\[([a-z][a-zA-Z0-9]*)\\][^}]*\\}");
        Set<String> found = new HashSet<>();
        for (Map.Entry<Path, String> t : templates().entrySet()) {
            Matcher m = bare.matcher(t.getValue());
            while (m.find()) {
                found.add(t.getKey() + ": " + m.group());
            }
        }
        assertThat(found).isEmpty();
    }

    /** Every page template and task form, by path. */
    private static Map<Path, String> templates() throws Exception {
        Map<Path, String> all = new java.util.LinkedHashMap<>();
        for (Path root : new Path[] {Path.of("src/main/resources/templates"), Path.of("forms")}) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                    all.put(f, Files.readString(f));
                }
            }
        }
        return all;
    }
}
