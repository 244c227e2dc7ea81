package dev.tidings.notifier.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTests {

    @Test
    void addressesAreTrimmedAndLowerCased() {
        assertThat(EmailAddress.parse("  Ada.Lovelace+news@Example.TEST ").value())
                .isEqualTo("ada.lovelace+news@example.test");
    }

    @ParameterizedTest
    @ValueSource(strings = { "ada@example.test\r\nBcc: x@example.test", "ada@example.test\n", "ada\u0000@example.test",
            "ada@example.test\u2028" })
    void lineBreaksAndControlCharactersAreRejected(String address) {
        assertThatThrownBy(() -> EmailAddress.parse(address)).isInstanceOf(InvalidSubscriptionException.class)
                .hasMessageContaining("control characters");
    }

    @ParameterizedTest
    @ValueSource(strings = { "<script>alert(1)</script>@example.test", "ada", "ada@", "@example.test",
            "ada@example", "Ada <ada@example.test>", "\"ada\"@example.test", "ada@exa mple.test", "a..b@example.test" })
    void malformedAddressesAreRejected(String address) {
        assertThatThrownBy(() -> EmailAddress.parse(address)).isInstanceOf(InvalidSubscriptionException.class)
                .hasMessageContaining("not a valid address");
    }

    @Test
    void addressesLongerThan254CharactersAreRejected() {
        String address = "a".repeat(64) + "@" + "b".repeat(60) + "." + "c".repeat(60) + "." + "d".repeat(60)
                + ".example.test";
        assertThatThrownBy(() -> EmailAddress.parse(address)).hasMessageContaining("at most 254");
    }

    @Test
    void aMissingAddressIsReported() {
        assertThatThrownBy(() -> EmailAddress.parse(null)).hasMessage("email is required");
        assertThatThrownBy(() -> EmailAddress.parse("  ")).hasMessage("email is required");
    }
}
