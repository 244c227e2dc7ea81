package dev.tidings.content;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The rules that keep the feature packages apart. */
class ArchitectureTests {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tidings.content");

    @Test
    void onlyTheOutboxTalksToKafka() {
        noClasses().that().resideOutsideOfPackage("dev.tidings.content.outbox..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.cloud.stream..",
                        "org.springframework.kafka..", "org.apache.kafka..")
                .check(classes);
    }

    @Test
    void theOutboxKnowsNothingOfTheFeaturesThatFillIt() {
        noClasses().that().resideInAPackage("dev.tidings.content.outbox..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.tidings.content.article..",
                        "dev.tidings.content.topic..", "dev.tidings.content.web..")
                .check(classes);
    }

    @Test
    void topicsDoNotDependOnArticles() {
        noClasses().that().resideInAPackage("dev.tidings.content.topic..")
                .should().dependOnClassesThat().resideInAPackage("dev.tidings.content.article..")
                .check(classes);
    }

    @Test
    void theWebLayerServesEveryFeatureWithoutKnowingThem() {
        noClasses().that().resideInAnyPackage("dev.tidings.content.web..", "dev.tidings.content.text..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.tidings.content.article..",
                        "dev.tidings.content.topic..", "dev.tidings.content.outbox..")
                .check(classes);
    }
}
