package dev.tidings.feed;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The feature packages' dependencies, written down: events flow into readmodel, out through rendering and web. */
class ArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tidings.feed");

    @Test
    void theReadModelKnowsNothingOfFeedsOrHttp() {
        noClasses().that().resideInAPackage("..feed.readmodel..")
                .should().dependOnClassesThat().resideInAnyPackage("..feed.rendering..", "..feed.web..",
                        "..feed.websub..")
                .check(CLASSES);
    }

    @Test
    void feedsKnowNothingOfTheHubThatDistributesThem() {
        noClasses().that().resideInAnyPackage("..feed.rendering..", "..feed.web..")
                .should().dependOnClassesThat().resideInAPackage("..feed.websub..")
                .check(CLASSES);
    }

    @Test
    void renderingKnowsNothingOfHttpControllers() {
        noClasses().that().resideInAPackage("..feed.rendering..")
                .should().dependOnClassesThat().resideInAPackage("..feed.web..")
                .check(CLASSES);
    }

    @Test
    void onlyTheReadModelTalksToKafka() {
        noClasses().that().resideOutsideOfPackage("..feed.readmodel..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..",
                        "org.springframework.cloud.stream..")
                .check(CLASSES);
    }
}
