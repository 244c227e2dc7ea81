package dev.tidings.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class RequiredSecretsTests {

    private final RequiredSecrets check = new RequiredSecrets();

    @Test
    void theLocalProfileNeedsNothing() {
        MockEnvironment local = new MockEnvironment();
        local.setActiveProfiles("local");

        assertThatCode(() -> check.postProcessEnvironment(local, new SpringApplication())).doesNotThrowAnyException();
    }

    @Test
    void aJwtIssuerAndAPasswordAreEnough() {
        MockEnvironment production = new MockEnvironment()
                .withProperty("spring.datasource.password", "a-password")
                .withProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", "https://id.example");

        assertThatCode(() -> check.postProcessEnvironment(production, new SpringApplication()))
                .doesNotThrowAnyException();
    }

    @Test
    void aShortKeyIsRefusedAndNamed() {
        MockEnvironment production = new MockEnvironment()
                .withProperty("spring.datasource.password", "a-password")
                .withProperty("tidings.security.keys[0].person", "Ada")
                .withProperty("tidings.security.keys[0].role", "admin")
                .withProperty("tidings.security.keys[0].key", "0123456789abcdef0123456789abcdef")
                .withProperty("tidings.security.keys[1].person", "Bo")
                .withProperty("tidings.security.keys[1].key", "short");

        assertThatThrownBy(() -> check.postProcessEnvironment(production, new SpringApplication()))
                .isInstanceOf(MissingSecretsException.class)
                .hasMessageContaining("tidings.security.keys[1].key")
                .hasMessageNotContaining("tidings.security.keys[0].key");
    }
}
