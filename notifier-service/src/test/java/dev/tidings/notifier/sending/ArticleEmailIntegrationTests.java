package dev.tidings.notifier.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.notifier.MailText;
import dev.tidings.notifier.NotifierIntegrationTest;
import dev.tidings.notifier.ledger.DeliveryView;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class ArticleEmailIntegrationTests extends NotifierIntegrationTest {

    private static final Pattern UNSUBSCRIBE = Pattern.compile(
            "<http://localhost:8083/(unsubscribe\\?token=[A-Za-z0-9_-]+)>");

    @Test
    void aPublishedArticleIsMailedOnceToEachConfirmedSubscriberOfItsTopics() throws Exception {
        String topic = uniqueSlug("skin");
        String otherTopic = uniqueSlug("bones");
        knownTopic(topic, "Skin");
        knownTopic(otherTopic, "Bones");
        String reader = uniqueEmail("reader");
        String otherReader = uniqueEmail("other");
        String unconfirmed = uniqueEmail("unconfirmed");
        subscribeAndConfirm(reader, topic);
        subscribeAndConfirm(otherReader, otherTopic);
        subscribeWithoutConfirming(unconfirmed, topic);

        ArticleSnapshot published = article(UUID.randomUUID(), 1, "Why skin\r\nBcc: x@example.test reacts",
                List.of(topic, uniqueSlug("unknown")));
        kafka.send(ArticleEventType.PUBLISHED, published);

        MimeMessage email = await().atMost(PATIENCE).until(() -> articleMails(reader), mails -> mails.size() == 1)
                .get(0);
        assertThat(email.getSubject()).isEqualTo("Why skin Bcc: x@example.test reacts");
        assertThat(email.getHeader("Bcc")).isNull();
        assertThat(email.getFrom()[0].toString()).isEqualTo("Tidings <newsletter@health.example>");
        assertThat(email.getContentType()).startsWith("multipart/alternative");
        List<MailText> parts = MailText.parts(email);
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).contentType()).startsWith("text/plain");
        assertThat(parts.get(0).text()).contains("A short summary.").contains("First paragraph.")
                .contains("https://health.example/articles/" + published.id());
        assertThat(parts.get(1).contentType()).startsWith("text/html");
        assertThat(parts.get(1).text()).contains("<em>paragraph</em>").contains("Read on the site");
        assertThat(email.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        assertThat(email.getHeader("List-Unsubscribe")[0]).matches(UNSUBSCRIBE);

        List<DeliveryView> ledger = ledger(published.id());
        assertThat(ledger).singleElement().satisfies(row -> {
            assertThat(row.subscriber()).isEqualTo(reader);
            assertThat(row.kind()).isEqualTo("instant");
            assertThat(row.status()).isEqualTo("SENT");
            assertThat(row.attempts()).isEqualTo(1);
            assertThat(row.sentAt()).isNotNull();
        });
        assertThat(articleMails(otherReader)).isEmpty();
        assertThat(articleMails(unconfirmed)).isEmpty();
    }

    @Test
    void redeliveredAndCorrectedEventsSendNothingMore() {
        String topic = uniqueSlug("heart");
        knownTopic(topic, "Heart");
        String reader = uniqueEmail("reader");
        subscribeAndConfirm(reader, topic);
        ArticleSnapshot published = article(UUID.randomUUID(), 1, "Heart rate variability", List.of(topic));

        kafka.send(ArticleEventType.PUBLISHED, published);
        await().atMost(PATIENCE).until(() -> articleMails(reader).size() == 1);
        await().atMost(PATIENCE).until(() -> "SENT".equals(ledger(published.id()).get(0).status()));

        kafka.send(ArticleEventType.PUBLISHED, published);
        kafka.send(ArticleEventType.UPDATED, article(published.id(), 2, "Heart rate variability, corrected",
                List.of(topic)));
        await().atMost(PATIENCE).until(() -> storedVersion(published.id()) == 2);

        assertThat(articleMails(reader)).hasSize(1);
        assertThat(ledger(published.id())).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo("SENT");
            assertThat(row.attempts()).isEqualTo(1);
        });
    }

    @Test
    void aRetractionBeforeTheSendCancelsTheEmail() {
        String topic = uniqueSlug("diet");
        knownTopic(topic, "Diet");
        String reader = uniqueEmail("reader");
        subscribeAndConfirm(reader, topic);
        ArticleSnapshot published = article(UUID.randomUUID(), 1, "A miracle supplement", List.of(topic));

        // Back to back: the retraction arrives within the send delay, before anything went out.
        kafka.send(ArticleEventType.PUBLISHED, published);
        kafka.send(ArticleEventType.RETRACTED, retraction(published, 2));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ledger(published.id())).singleElement()
                .satisfies(row -> {
                    assertThat(row.status()).isEqualTo("CANCELLED");
                    assertThat(row.sentAt()).isNull();
                }));
        assertThat(articleMails(reader)).isEmpty();

        // A late duplicate of the publication cannot bring the article back.
        kafka.send(ArticleEventType.PUBLISHED, published);
        String control = uniqueEmail("control");
        subscribeAndConfirm(control, topic);
        ArticleSnapshot next = article(UUID.randomUUID(), 1, "Sound advice", List.of(topic));
        kafka.send(ArticleEventType.PUBLISHED, next);
        await().atMost(PATIENCE).until(() -> articleMails(control).size() == 1 && articleMails(reader).size() == 1);
        assertThat(subject(articleMails(reader).get(0))).isEqualTo("Sound advice");
        assertThat(ledger(published.id())).extracting(DeliveryView::status).containsExactly("CANCELLED");
    }

    @Test
    void aCorrectionWithinTheUndoWindowIsWhatGoesOut() {
        String topic = uniqueSlug("vitamins");
        knownTopic(topic, "Vitamins");
        String reader = uniqueEmail("reader");
        subscribeAndConfirm(reader, topic);
        ArticleSnapshot published = article(UUID.randomUUID(), 1, "Vitamin D cures colds", List.of(topic));
        ArticleSnapshot corrected = new ArticleSnapshot(published.id(), 2, published.slug(),
                "Vitamin D and colds: what trials show", published.summary(), "<p>The corrected text.</p>",
                published.canonicalUrl(), published.author(), published.topics(), published.tags(),
                published.publishedAt(), published.updatedAt().plusSeconds(30), null, null, null);

        // Back to back: the correction arrives within the send delay, before anything went out.
        kafka.send(ArticleEventType.PUBLISHED, published);
        kafka.send(ArticleEventType.UPDATED, corrected);

        await().atMost(PATIENCE).until(() -> articleMails(reader).size() == 1);
        assertThat(subject(articleMails(reader).get(0))).isEqualTo("Vitamin D and colds: what trials show");
        assertThat(MailText.of(articleMails(reader).get(0))).contains("The corrected text.").doesNotContain("cures");
    }

    @Test
    void oneClickUnsubscribeStopsTheNextArticles() throws Exception {
        String topic = uniqueSlug("lungs");
        knownTopic(topic, "Lungs");
        String leaving = uniqueEmail("leaving");
        String staying = uniqueEmail("staying");
        subscribeAndConfirm(leaving, topic);
        subscribeAndConfirm(staying, topic);

        ArticleSnapshot first = article(UUID.randomUUID(), 1, "Breathing exercises", List.of(topic));
        kafka.send(ArticleEventType.PUBLISHED, first);
        MimeMessage email = await().atMost(PATIENCE).until(() -> articleMails(leaving), mails -> mails.size() == 1)
                .get(0);
        Matcher link = UNSUBSCRIBE.matcher(email.getHeader("List-Unsubscribe")[0]);
        assertThat(link.matches()).isTrue();
        String path = "/" + link.group(1);

        HttpResponse<String> page = get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\"");
        assertThat(unsubscribedAt(leaving)).isNull();

        HttpResponse<String> oneClick = postForm(path, "List-Unsubscribe=One-Click");
        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(oneClick.body()).contains("You are unsubscribed");
        assertThat(postForm(path, "List-Unsubscribe=One-Click").statusCode()).isEqualTo(200);
        assertThat(unsubscribedAt(leaving)).isNotNull();

        ArticleSnapshot second = article(UUID.randomUUID(), 1, "Pollen season", List.of(topic));
        kafka.send(ArticleEventType.PUBLISHED, second);
        await().atMost(PATIENCE).until(() -> articleMails(staying).size() == 2);
        assertThat(articleMails(leaving)).hasSize(1);
        assertThat(ledger(second.id())).extracting(DeliveryView::subscriber).containsExactly(staying);
    }

    @Test
    void unknownUnsubscribeTokensAreRejected() {
        String forged = forgedToken();
        HttpResponse<String> unknown = postForm("/unsubscribe?token=" + forged, "List-Unsubscribe=One-Click");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertHtml(unknown);
        assertThat(get("/unsubscribe?token=" + forged).statusCode()).isEqualTo(404);
        assertThat(get("/unsubscribe").statusCode()).isEqualTo(400);
    }

    @Test
    void theAdminApiNeedsTheTokenAndAValidArticleId() {
        HttpResponse<String> anonymous = get("/api/deliveries?articleId=" + UUID.randomUUID());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertProblemJson(anonymous);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(get("/api/deliveries?articleId=" + UUID.randomUUID(), "wrong").statusCode()).isEqualTo(401);

        HttpResponse<String> malformed = get("/api/deliveries?articleId=not-a-uuid", ADMIN_TOKEN);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertProblemJson(malformed);
        HttpResponse<String> empty = get("/api/deliveries?articleId=" + UUID.randomUUID(), ADMIN_TOKEN);
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).isEqualTo("[]");
    }

    @Test
    void theAdminPreviewShowsTheEmailOfAStoredArticle() {
        UUID id = UUID.randomUUID();
        kafka.send(ArticleEventType.PUBLISHED, article(id, 1, "Preview <me>", List.of(uniqueSlug("nobody"))));
        await().atMost(PATIENCE).until(() -> storedVersion(id) == 1);

        HttpResponse<String> preview = get("/api/deliveries/preview?articleId=" + id, ADMIN_TOKEN);
        assertThat(preview.statusCode()).isEqualTo(200);
        assertHtml(preview);
        assertThat(preview.body()).contains("Preview &lt;me&gt;").contains("Read on the site");
        assertThat(Jsoup.parse(preview.body()).selectFirst("h1").text()).isEqualTo("Preview <me>");
        assertThat(get("/api/deliveries/preview?articleId=" + id).statusCode()).isEqualTo(401);
        HttpResponse<String> unknown = get("/api/deliveries/preview?articleId=" + UUID.randomUUID(), ADMIN_TOKEN);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertProblemJson(unknown);
    }

    private List<MimeMessage> articleMails(String email) {
        return mailsTo(email).stream().filter(message -> !subject(message).startsWith("Confirm")).toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        }
        catch (jakarta.mail.MessagingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private List<DeliveryView> ledger(UUID articleId) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/deliveries?articleId=" + articleId))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        return List.of(json.readValue(response.body(), DeliveryView[].class));
    }

    private long storedVersion(UUID articleId) {
        return jdbc.sql("SELECT version FROM articles WHERE id = :id").param("id", articleId).query(Long.class)
                .optional().orElse(0L);
    }

    private java.time.Instant unsubscribedAt(String email) {
        return jdbc.sql("SELECT unsubscribed_at FROM subscribers WHERE email = :email").param("email", email)
                .query((rs, row) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant())
                .list().get(0);
    }
}
