package cn.xueshi.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house plan, checked on the compiled classes so it stays this way: the capability packages under
 * {@code cn.xueshi} form no cycle, and dependencies point one way, from the pages and processes of a
 * capability down to the shared floors:
 *
 * <pre>
 *   demo                                   (seeds demo data through every capability; nothing uses it)
 *   dashboard · workbench                  (read the others; nothing uses them)
 *   ruleedit                               (typed row editing, sentences, word diff, impact: shared by workbench
 *                                           and hierarchy, so the maintainers get the analysts' editor without
 *                                           depending on workbench; it stands on the floors only)
 *   document                               (forms and certificates over claims; only dashboards use it)
 *   forecast                               (差额预估 over claims and title checks)
 *   collective · provider                  (unit activities with rosters, provider reports: kinds of import)
 *   importing                              (the import engine and past records; knows no kind above it)
 *   review · publicity · filing · makeup · title   (capabilities with human steps; none uses review)
 *   claim                                  (registration: claims, items, audit, progress)
 *   selfstudy                              (the units' self-study archives, 吉林 附件 二（九）: claim asks it)
 *   evidence · notification · rules · calendar · task · system · identity   (the floors)
 *   paging · clock                          (below them all: they depend on nothing of ours)
 * </pre>
 */
@org.junit.jupiter.api.Tag("no-database")
class ArchitectureTest {

    private static final String ROOT = "cn.xueshi";
    /** The floors: they know no capability above them. */
    private static final String[] FLOORS = {"..system..", "..task..", "..rules..", "..calendar..", "..identity..",
            "..notification..", "..evidence.."};
    private static final String[] CAPABILITIES = {"..claim..", "..review..", "..publicity..", "..filing..",
            "..makeup..", "..title..", "..forecast..", "..document..", "..dashboard..", "..workbench..", "..demo..",
            "..ruleedit..", "..selfstudy..",
            "cn.xueshi.importing..", "cn.xueshi.collective..", "cn.xueshi.provider.."};

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void capabilityPackagesAreFreeOfCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void floorsKnowNoCapability() {
        noClasses().that().resideInAnyPackage(FLOORS).should().dependOnClassesThat().resideInAnyPackage(CAPABILITIES)
                .because("system, task, rules, calendar, identity, notification and evidence are the floors "
                        + "every capability stands on")
                .check(classes);
    }

    @Test
    void theTaskKernelStandsOnSystemAndIdentityOnly() {
        noClasses().that().resideInAPackage("..task..").should().dependOnClassesThat()
                .resideInAnyPackage("..rules..", "..calendar..", "..notification..", "..evidence..")
                .check(classes);
    }

    @Test
    void noCapabilityDependsOnTheDemoData() {
        noClasses().that().resideOutsideOfPackage("..demo..").should().dependOnClassesThat()
                .resideInAPackage("..demo..").check(classes);
    }

    @Test
    void humanStepsShareTheTaskKernelNotReview() {
        noClasses().that().resideInAnyPackage("..claim..", "..evidence..", "..publicity..", "..filing..", "..makeup..",
                        "..title..")
                .should().dependOnClassesThat().resideInAPackage("..review..")
                .because("the shared task kernel is cn.xueshi.task; the inbox asks task.InboxSection")
                .check(classes);
    }

    @Test
    void claimKnowsNoLaterStep() {
        noClasses().that().resideInAPackage("..claim..").should().dependOnClassesThat()
                .resideInAnyPackage("..review..", "..publicity..", "..filing..", "..makeup..", "..title..", "..document..",
                        "..dashboard..", "..workbench..", "cn.xueshi.importing..", "cn.xueshi.collective..", "cn.xueshi.provider..")
                .check(classes);
    }

    @Test
    void theImportEngineKnowsNoKindAboveIt() {
        noClasses().that().resideInAPackage("cn.xueshi.importing..").should().dependOnClassesThat()
                .resideInAnyPackage("cn.xueshi.collective..", "cn.xueshi.provider..", "..review..", "..publicity..", "..filing..",
                        "..makeup..", "..document..")
                .because("kinds plug into the engine as ImportHandler beans; the engine stays generic")
                .check(classes);
        noClasses().that().resideInAnyPackage("..review..", "..publicity..", "..filing..", "..makeup..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.xueshi.importing..", "cn.xueshi.collective..", "cn.xueshi.provider..")
                .check(classes);
    }

    @Test
    void readersAtTheTopAreUsedByNoCapability() {
        noClasses().that().resideOutsideOfPackages("..dashboard..", "..demo..").should().dependOnClassesThat()
                .resideInAPackage("..dashboard..").check(classes);
        noClasses().that().resideOutsideOfPackages("..workbench..", "..demo..").should().dependOnClassesThat()
                .resideInAPackage("..workbench..").check(classes);
        noClasses().that().resideOutsideOfPackages("..document..", "..dashboard..", "..demo..").should()
                .dependOnClassesThat().resideInAPackage("..document..").check(classes);
    }

    /**
     * The shared rule editor (typed rows, sentences, word diff, impact preview) was the workbench's; derived-set
     * maintainers need it too, and nothing may depend on workbench. So it is a package of its own that both use and
     * that itself knows only the floors: neither user can leak into the other through it.
     */
    @Test
    void theSharedRuleEditorStandsOnTheFloorsOnly() {
        noClasses().that().resideInAPackage("..ruleedit..").should().dependOnClassesThat()
                .resideInAnyPackage("..workbench..", "..hierarchy..", "..claim..", "..review..", "..dashboard..",
                        "..document..", "..demo..")
                .check(classes);
    }

    /**
     * Every path of a claim (form, correction, rosters, provider reports) asks the self-study archive through
     * claim/ClaimValidation, so selfstudy sits under claim and knows only the floors.
     */
    @Test
    void theSelfStudyArchiveStandsOnTheFloorsOnly() {
        String[] others = java.util.Arrays.stream(CAPABILITIES).filter(p -> !p.equals("..selfstudy.."))
                .toArray(String[]::new);
        noClasses().that().resideInAPackage("..selfstudy..").should().dependOnClassesThat()
                .resideInAnyPackage(others).orShould().dependOnClassesThat().resideInAPackage("..hierarchy..")
                .check(classes);
    }
}
