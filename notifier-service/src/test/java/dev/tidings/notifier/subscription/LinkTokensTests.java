package dev.tidings.notifier.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.tidings.notifier.NotifierProperties.LinkKey;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LinkTokensTests {

    private static final LinkKey OLD = new LinkKey("k2025", "old-secret-old-secret-old-secret-0123");

    private static final LinkKey NEW = new LinkKey("k2026", "new-secret-new-secret-new-secret-4567");

    private final UUID subscriber = UUID.randomUUID();

    @Test
    void aTokenNamesItsIdForItsPurposeOnly() {
        LinkTokens tokens = ring(OLD, NEW);
        String token = tokens.sign(LinkPurpose.UNSUBSCRIBE, subscriber);

        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(tokens.verify(LinkPurpose.UNSUBSCRIBE, token)).contains(subscriber);
        assertThat(tokens.verify(LinkPurpose.PREFERENCES, token)).isEmpty();
        assertThat(tokens.verify(LinkPurpose.CONFIRM, token)).isEmpty();
        assertThat(tokens.sign(LinkPurpose.UNSUBSCRIBE, subscriber)).as("derived, not random").isEqualTo(token);
    }

    @Test
    void linksSignedWithAnOlderKeyOfTheRingKeepWorkingAfterRotation() {
        String beforeRotation = ring(OLD).sign(LinkPurpose.UNSUBSCRIBE, subscriber);
        LinkTokens rotated = ring(OLD, NEW);

        assertThat(rotated.verify(LinkPurpose.UNSUBSCRIBE, beforeRotation)).contains(subscriber);
        String afterRotation = rotated.sign(LinkPurpose.UNSUBSCRIBE, subscriber);
        assertThat(afterRotation).isNotEqualTo(beforeRotation);
        assertThat(ring(NEW).verify(LinkPurpose.UNSUBSCRIBE, afterRotation)).as("signed by the newest key")
                .contains(subscriber);
        assertThat(ring(NEW).verify(LinkPurpose.UNSUBSCRIBE, beforeRotation)).as("a retired key").isEmpty();
        assertThat(ring(NEW).rejection(beforeRotation)).isEqualTo(TokenState.UNKNOWN);
    }

    @Test
    void tamperedForgedAndMalformedTokensAreRefused() {
        LinkTokens tokens = ring(OLD, NEW);
        String token = tokens.sign(LinkPurpose.UNSUBSCRIBE, subscriber);
        for (int i = 0; i < token.length(); i++) {
            char flipped = token.charAt(i) == 'A' ? 'B' : 'A';
            String tampered = token.substring(0, i) + flipped + token.substring(i + 1);
            assertThat(tokens.verify(LinkPurpose.UNSUBSCRIBE, tampered)).as("changed at %d", i)
                    .isNotEqualTo(Optional.of(subscriber));
        }
        String otherSecret = ring(new LinkKey("k2026", "a-forger-guessed-this-secret-0123456789"))
                .sign(LinkPurpose.UNSUBSCRIBE, subscriber);
        assertThat(tokens.verify(LinkPurpose.UNSUBSCRIBE, otherSecret)).isEmpty();
        assertThat(tokens.rejection(otherSecret)).isEqualTo(TokenState.UNKNOWN);

        for (String malformed : new String[] { null, "", "<script>", token.substring(0, 20), token + "AAAA",
                "x".repeat(500) }) {
            assertThat(tokens.verify(LinkPurpose.UNSUBSCRIBE, malformed)).as(malformed).isEmpty();
            assertThat(tokens.rejection(malformed)).as(malformed).isEqualTo(TokenState.MALFORMED);
        }
    }

    @Test
    void aKeyIdListedTwiceIsAConfigurationError() {
        assertThatIllegalArgumentException().isThrownBy(() -> ring(OLD, new LinkKey(OLD.id(), NEW.secret())))
                .withMessageContaining("tidings.notifier.link-keys").withMessageContaining(OLD.id());
    }

    private static LinkTokens ring(LinkKey... keys) {
        return new LinkTokens(List.of(keys));
    }
}
