package dev.tidings.notifier.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.notifier.NotifierIntegrationTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;
import java.util.UUID;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With DKIM on, every email GreenMail receives (confirmation and article) carries a signature that
 * Apache James jDKIM, another implementation than the signer's, verifies against the public key
 * as the DNS record would publish it; a copy changed after signing fails.
 */
class DkimIntegrationTests extends NotifierIntegrationTest {

    private static final String SELECTOR = "tidings2026";

    private static final String DOMAIN = "health.example";

    private static final KeyPair KEYS = TestKeys.generate("RSA", 2048);

    @DynamicPropertySource
    static void dkim(DynamicPropertyRegistry registry) {
        registry.add("tidings.notifier.dkim.enabled", () -> "true");
        registry.add("tidings.notifier.dkim.selector", () -> SELECTOR);
        registry.add("tidings.notifier.dkim.domain", () -> DOMAIN);
        registry.add("tidings.notifier.dkim.private-key-file", () -> TestKeys.pemFile(KEYS).toString());
    }

    @Test
    void confirmationAndArticleEmailsVerifyAndATamperedCopyDoesNot() throws Exception {
        String topic = uniqueSlug("sleep");
        knownTopic(topic, "Sleep");
        String reader = uniqueEmail("signed");
        subscribeAndConfirm(reader, topic);
        ArticleSnapshot published = article(UUID.randomUUID(), 1, "Naps and memory", List.of(topic));
        kafka.send(ArticleEventType.PUBLISHED, published);
        List<MimeMessage> mails = await().atMost(PATIENCE).until(() -> mailsTo(reader), all -> all.size() == 2);

        for (MimeMessage mail : mails) {
            String raw = raw(mail);
            // Signing keeps the Message-ID on the sending domain, confirmation and newsletter alike.
            assertThat(mail.getMessageID()).as("Message-ID of %s", mail.getSubject()).endsWith("@health.example>");
            List<SignatureRecord> valid = verifier().verify(bytes(raw));
            assertThat(valid).as("valid signatures of %s", mail.getSubject()).singleElement().satisfies(signature -> {
                assertThat(signature.getDToken()).hasToString(DOMAIN);
                assertThat(signature.getSelector()).hasToString(SELECTOR);
                assertThat(signature.getHeaders()).map(CharSequence::toString).map(String::toLowerCase)
                        .contains("from", "to", "subject", "date", "message-id");
            });
        }
        String article = raw(mails.stream().filter(mail -> !subject(mail).startsWith("Confirm")).findFirst()
                .orElseThrow());
        assertThat(verifier().verify(bytes(article)).get(0).getHeaders()).map(CharSequence::toString)
                .map(String::toLowerCase).contains("list-unsubscribe", "list-unsubscribe-post", "list-id");

        assertThatThrownBy(() -> verifier().verify(bytes(article.replace("First paragraph.", "First paragrapH."))))
                .as("a changed body").isInstanceOf(PermFailException.class);
        assertThatThrownBy(() -> verifier().verify(bytes(article.replace("Subject: Naps and memory",
                "Subject: Naps and memorY")))).as("a changed subject").isInstanceOf(PermFailException.class);
    }

    /** jDKIM with the key record the test's DNS would answer for the selector and domain, and nothing else. */
    private static DKIMVerifier verifier() {
        return new DKIMVerifier((method, selector, domain) -> {
            if (!SELECTOR.contentEquals(selector) || !DOMAIN.contentEquals(domain)) {
                throw new PermFailException("no key record at " + selector + "._domainkey." + domain);
            }
            return List.of(TestKeys.dnsRecord(KEYS));
        });
    }

    /** The email as GreenMail received it over SMTP, byte for byte. */
    private static String raw(MimeMessage received) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        received.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        }
        catch (MessagingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static ByteArrayInputStream bytes(String raw) {
        return new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8));
    }
}
