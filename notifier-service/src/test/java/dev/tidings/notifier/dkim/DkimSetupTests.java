package dev.tidings.notifier.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.notifier.NotifierProperties;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** Signing switched on with a key that cannot sign keeps the service from starting, and says why. */
class DkimSetupTests {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Signing.class)
            .withPropertyValues("tidings.notifier.link-keys[0].id=k1",
                    "tidings.notifier.link-keys[0].secret=a-secret-of-at-least-32-characters-0123",
                    "tidings.notifier.dkim.selector=s1", "tidings.notifier.dkim.domain=health.example");

    @Test
    void offByDefault() {
        new ApplicationContextRunner().withUserConfiguration(Signing.class)
                .withPropertyValues("tidings.notifier.link-keys[0].id=k1",
                        "tidings.notifier.link-keys[0].secret=a-secret-of-at-least-32-characters-0123")
                .run(started -> assertThat(started).hasNotFailed()
                        .getBean(NotifierProperties.class).extracting(p -> p.dkim().enabled()).isEqualTo(false));
    }

    @Test
    void aMissingKeyFileIsNamedInTheFailureAnalysis() {
        context.withPropertyValues("tidings.notifier.dkim.enabled=true",
                "tidings.notifier.dkim.private-key-file=/nonexistent/dkim.pem")
                .run(started -> assertThat(analysis(started.getStartupFailure()).getDescription())
                        .contains("DKIM signing is on").contains("/nonexistent/dkim.pem"));
    }

    @Test
    void aFileWithoutAKeyIsRefused() {
        String file = TestKeys.file("not a key\n").toString();
        context.withPropertyValues("tidings.notifier.dkim.enabled=true",
                "tidings.notifier.dkim.private-key-file=" + file)
                .run(started -> assertThat(analysis(started.getStartupFailure()).getDescription())
                        .contains(file).contains("no unencrypted private key"));
    }

    @Test
    void anEd25519KeyIsRefusedNamingWhatWorks() {
        String file = TestKeys.pemFile(TestKeys.generate("Ed25519", 0)).toString();
        context.withPropertyValues("tidings.notifier.dkim.enabled=true",
                "tidings.notifier.dkim.private-key-file=" + file)
                .run(started -> assertThat(analysis(started.getStartupFailure()).getDescription())
                        .contains("only RSA keys are supported"));
    }

    @Test
    void noKeyOrNoSelectorIsRefused() {
        context.withPropertyValues("tidings.notifier.dkim.enabled=true")
                .run(started -> assertThat(analysis(started.getStartupFailure()).getDescription())
                        .contains("neither tidings.notifier.dkim.private-key nor"));
        context.withPropertyValues("tidings.notifier.dkim.enabled=true", "tidings.notifier.dkim.selector=",
                "tidings.notifier.dkim.private-key=" + TestKeys.pem(TestKeys.generate("RSA", 2048)))
                .run(started -> assertThat(analysis(started.getStartupFailure()).getDescription())
                        .contains("tidings.notifier.dkim.selector is missing"));
    }

    @Test
    void anRsaKeyInlineOrInAFileStarts() {
        KeyPair keys = TestKeys.generate("RSA", 2048);
        context.withPropertyValues("tidings.notifier.dkim.enabled=true",
                "tidings.notifier.dkim.private-key=" + TestKeys.pem(keys))
                .run(started -> assertThat(started).hasNotFailed());
        context.withPropertyValues("tidings.notifier.dkim.enabled=true",
                "tidings.notifier.dkim.private-key-file=" + TestKeys.pemFile(keys))
                .run(started -> assertThat(started).hasNotFailed());
    }

    /** What Spring Boot's startup report would print, through the analyzers registered in spring.factories. */
    private static FailureAnalysis analysis(Throwable failure) {
        assertThat(failure).isNotNull();
        // Analyzers that need the application's bean factory cannot be made here; they would not answer anyway.
        return SpringFactoriesLoader.forDefaultResourceLocation()
                .load(FailureAnalyzer.class, null, SpringFactoriesLoader.FailureHandler.handleMessage((m, ex) -> { }))
                .stream()
                .map(analyzer -> analyzer.analyze(failure)).filter(result -> result != null).findFirst()
                .orElseThrow(() -> new AssertionError("no failure analysis for " + failure));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(NotifierProperties.class)
    @Import(DkimSigning.class)
    static class Signing {
    }
}
