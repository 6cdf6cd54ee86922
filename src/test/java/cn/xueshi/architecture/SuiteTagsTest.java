package cn.xueshi.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.support.Browser;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The tags CI relies on. The PostgreSQL suite (-Ppostgres) skips the classes tagged {@code browser} (Chromium
 * checks pages; the same handlers run on PostgreSQL through the MockMvc tests) and {@code no-database} (nothing of
 * theirs reaches a database, so a second run proves nothing): each tag must therefore be on exactly the classes it
 * describes, or CI would either run a class twice for nothing or skip a database test on PostgreSQL. The third
 * tag, {@code h2-only}, marks the isolated classes that start an application on an H2 database of their own
 * (a jdbc:h2: URL in the test) whichever suite runs them.
 */
@Tag("no-database")
class SuiteTagsTest {

    static JavaClasses tests;

    @BeforeAll
    static void importTests() {
        tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("cn.xueshi").that(com.tngtech.archunit.base.DescribedPredicate.describe("not this test",
                        c -> !c.isEquivalentTo(SuiteTagsTest.class)));
    }

    @Test
    void everyClassThatDrivesChromiumIsTaggedBrowser() {
        Set<String> untagged = new TreeSet<>();
        for (JavaClass c : tests) {
            if (c.isTopLevelClass() && !c.isEquivalentTo(Browser.class) && usesBrowser(c) && !tagged(c, "browser")) {
                untagged.add(c.getName());
            }
        }
        assertThat(untagged).as("classes opening a Browser without @Tag(\"browser\")").isEmpty();
    }

    @Test
    void noDatabaseIsNeverOnAClassThatStartsTheApplicationAndEveryPlainTestClassHasIt() {
        Set<String> wrong = new TreeSet<>();
        Set<String> missing = new TreeSet<>();
        for (JavaClass c : tests) {
            if (!c.isTopLevelClass() || !hasTests(c)) {
                continue;
            }
            boolean startsApplication = c.isMetaAnnotatedWith(SpringBootTest.class)
                    || c.getDirectDependenciesFromSelf().stream().anyMatch(d -> d.getTargetClass().getName()
                            .startsWith("org.springframework.boot.builder.SpringApplicationBuilder")
                            || d.getTargetClass().getName().startsWith("org.springframework.jdbc"))
                    || tagged(c, "isolated") || tagged(c, "benchmark");
            if (startsApplication && tagged(c, "no-database")) {
                wrong.add(c.getName());
            }
            if (!startsApplication && !tagged(c, "no-database")) {
                missing.add(c.getName());
            }
            if (!startsApplication && hasProperties(c) && !taggedForJqwik(c, "no-database")) {
                missing.add(c.getName() + " (jqwik's own @net.jqwik.api.Tag: its engine reads no other)");
            }
        }
        assertThat(wrong).as("@Tag(\"no-database\") on a class that starts the application").isEmpty();
        assertThat(missing).as("test classes without a database lacking @Tag(\"no-database\")").isEmpty();
    }

    @Test
    void h2OnlyIsExactlyOnTheClassesThatStartAnApplicationOnAnH2DatabaseOfTheirOwn() throws Exception {
        Set<String> missing = new TreeSet<>();
        Set<String> wrong = new TreeSet<>();
        for (JavaClass c : tests) {
            if (!c.isTopLevelClass() || !hasTests(c)) {
                continue;
            }
            java.nio.file.Path source = java.nio.file.Path.of("src/test/java", c.getName().replace('.', '/') + ".java");
            boolean ownH2 = java.nio.file.Files.exists(source)
                    && java.nio.file.Files.readString(source).contains("jdbc:h2:");
            if (ownH2 && !tagged(c, "h2-only")) {
                missing.add(c.getName());
            }
            if (!ownH2 && tagged(c, "h2-only")) {
                wrong.add(c.getName());
            }
        }
        assertThat(missing).as("classes with a jdbc:h2: URL of their own lacking @Tag(\"h2-only\")").isEmpty();
        assertThat(wrong).as("@Tag(\"h2-only\") on a class without an H2 database of its own").isEmpty();
    }

    private static boolean usesBrowser(JavaClass c) {
        for (JavaClass k = c; k != null; k = k.getRawSuperclass().orElse(null)) {
            if (k.getDirectDependenciesFromSelf().stream().anyMatch(d -> d.getTargetClass().isEquivalentTo(Browser.class))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasTests(JavaClass c) {
        for (JavaClass k = c; k != null; k = k.getRawSuperclass().orElse(null)) {
            if (k.getMethods().stream().anyMatch(m -> m.isAnnotatedWith(Test.class)
                    || m.isMetaAnnotatedWith("org.junit.jupiter.api.TestTemplate")
                    || m.isAnnotatedWith("org.junit.jupiter.api.TestFactory")
                    || m.isAnnotatedWith("net.jqwik.api.Property"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasProperties(JavaClass c) {
        return c.getMethods().stream().anyMatch(m -> m.isAnnotatedWith("net.jqwik.api.Property"));
    }

    private static boolean taggedForJqwik(JavaClass c, String tag) {
        return Arrays.stream(c.reflect().getAnnotationsByType(net.jqwik.api.Tag.class)).anyMatch(t -> t.value().equals(tag));
    }

    private static boolean tagged(JavaClass c, String tag) {
        Class<?> k = c.reflect();
        List<Tag> tags = Arrays.asList(k.getAnnotationsByType(Tag.class));
        return tags.stream().anyMatch(t -> t.value().equals(tag));
    }
}
