package dev.tidings.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The link key ring is a secret without a default: without it the service must not start. */
class LinkKeysRequiredTests {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class);

    @Test
    void withoutAKeyRingStartupFailsNamingTheSetting() {
        context.run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause()
                    .hasMessageContaining("tidings.notifier.link-keys[0].id")
                    .hasMessageContaining("tidings.notifier.link-keys[0].secret");
        });
    }

    @Test
    void aShortSecretIsRefusedToo() {
        context.withPropertyValues("tidings.notifier.link-keys[0].id=k1", "tidings.notifier.link-keys[0].secret=short")
                .run(started -> assertThat(started.getStartupFailure()).rootCause()
                        .hasMessageContaining("linkKeys[0].secret"));
    }

    @Test
    void aKeyRingIsEnough() {
        context.withPropertyValues("tidings.notifier.link-keys[0].id=k1",
                "tidings.notifier.link-keys[0].secret=a-secret-of-at-least-32-characters-0123")
                .run(started -> assertThat(started).hasNotFailed());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(NotifierProperties.class)
    static class Properties {
    }
}
