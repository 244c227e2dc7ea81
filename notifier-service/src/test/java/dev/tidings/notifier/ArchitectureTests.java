package dev.tidings.notifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The notifier's feature packages and their dependencies, written down: events come in through
 * {@code articles} and {@code topics}, the {@code ledger} records what is owed to whom, {@code
 * sending} pays it with what {@code composing} builds, and {@code web} serves every feature without
 * knowing them.
 */
class ArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tidings.notifier");

    @Test
    void noPackagesDependOnEachOtherInACircle() {
        slices().matching("dev.tidings.notifier.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void theLedgerKnowsNothingOfSendingComposingOrSubscribing() {
        noClasses().that().resideInAPackage("..notifier.ledger..")
                .should().dependOnClassesThat().resideInAnyPackage("..notifier.sending..", "..notifier.composing..",
                        "..notifier.subscription..", "..notifier.articles..", "..notifier.suppression..")
                .check(CLASSES);
    }

    @Test
    void onlySendingTalksToTheSmtpServerAndComposingBuildsTheEmails() {
        noClasses().that().resideOutsideOfPackages("..notifier.sending..", "..notifier.subscription..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.mail..",
                        "org.eclipse.angus.mail.smtp..")
                .check(CLASSES);
    }

    @Test
    void onlyTheEventConsumersTalkToKafka() {
        noClasses().that().resideOutsideOfPackages("..notifier.articles..", "..notifier.topics..",
                        "..notifier.events..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..",
                        "org.springframework.cloud.stream..")
                .check(CLASSES);
    }

    @Test
    void theWebLayerServesEveryFeatureWithoutKnowingThem() {
        noClasses().that().resideInAPackage("..notifier.web..")
                .should().dependOnClassesThat().resideInAnyPackage("..notifier.subscription..",
                        "..notifier.ledger..", "..notifier.sending..", "..notifier.articles..",
                        "..notifier.suppression..")
                .check(CLASSES);
    }
}
