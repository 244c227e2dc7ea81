package dev.tidings.content;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidings.security.MissingSecretsException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Outside the 'local' profile the service does not start on well-known or missing secrets. */
class StartupSecretsTests {

    @Test
    void withoutCredentialsOrDatabasePasswordTheServiceRefusesToStartAndNamesTheSettings() {
        assertThatThrownBy(() -> start("--server.port=0"))
                .isInstanceOf(MissingSecretsException.class)
                .hasMessageContaining("spring.datasource.password (environment: SPRING_DATASOURCE_PASSWORD)")
                .hasMessageContaining("tidings.security.keys[0].person, .role and .key")
                .hasMessageContaining("spring.security.oauth2.resourceserver.jwt.issuer-uri");
    }

    @Test
    void theLocalExampleKeysAreRefusedOutsideTheLocalProfile() {
        assertThatThrownBy(() -> start("--server.port=0", "--spring.datasource.password=s3cret-enough",
                "--tidings.security.keys[0].person=Ada Admin", "--tidings.security.keys[0].role=admin",
                "--tidings.security.keys[0].key=local-admin-key"))
                .isInstanceOf(MissingSecretsException.class)
                .hasMessageContaining("tidings.security.keys[0].key: a secret of at least 32 random characters")
                .hasMessageNotContaining("spring.datasource.password");
    }

    private static void start(String... args) {
        new SpringApplicationBuilder(ContentServiceApplication.class).run(args).close();
    }
}
