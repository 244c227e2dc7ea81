package dev.tidings.notifier.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.notifier.MailText;
import dev.tidings.notifier.NotifierIntegrationTest;
import dev.tidings.notifier.composing.NewsletterEnvelope;
import dev.tidings.notifier.dkim.DkimSigning;
import dev.tidings.notifier.suppression.Suppressions;
import dev.tidings.notifier.NotifierProperties;
import dev.tidings.notifier.topics.KnownTopics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionOperations;

class SubscriptionFlowIntegrationTests extends NotifierIntegrationTest {

    @Autowired
    Suppressions suppressions;

    @Autowired
    ConfirmationRequests requests;

    @Autowired
    Subscribers subscribers;

    @Autowired
    KnownTopics topics;

    @Autowired
    ConfirmationEmailComposer composer;

    @Autowired
    JavaMailSenderImpl mailSender;

    @Autowired
    NewsletterEnvelope envelope;

    @Autowired
    TransactionOperations transactions;

    @Autowired
    NotifierProperties properties;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ConfirmationScheduling scheduling;

    @Autowired
    DkimSigning dkim;

    @Test
    void doubleOptInThroughTheApiConfirmsOnlyOnPost() throws Exception {
        String topic = uniqueSlug("sleep");
        knownTopic(topic, "Sleep science");
        String email = uniqueEmail("ada");

        HttpResponse<String> accepted = postJson("/api/subscriptions",
                "{\"email\":\"" + email + "\",\"topics\":[\"" + topic + "\"]}");
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.body()).contains("\"status\":\"pending\"");

        String token = awaitConfirmationToken(email);
        MimeMessage confirmation = mailsTo(email).get(0);
        assertThat(confirmation.getSubject()).isEqualTo("Confirm your subscription to Tidings");
        // Like the newsletters', on the sending domain: a Message-ID naming this host is held against the sender.
        assertThat(confirmation.getMessageID()).matches("<[0-9a-f-]{36}@health\\.example>");
        assertThat(MailText.parts(confirmation)).extracting(MailText::contentType)
                .anySatisfy(type -> assertThat(type).startsWith("text/plain"))
                .anySatisfy(type -> assertThat(type).startsWith("text/html"));
        assertThat(MailText.of(confirmation))
                .contains("http://localhost:8083/subscriptions/confirm?token=" + token);

        HttpResponse<String> page = get("/subscriptions/confirm?token=" + token);
        assertThat(page.statusCode()).isEqualTo(200);
        assertHtml(page);
        assertThat(page.body()).contains("<form method=\"post\" action=\"/subscriptions/confirm\"")
                .contains("value=\"" + token + "\"");
        assertThat(confirmedAt(email)).isNull();

        HttpResponse<String> confirmed = postForm("/subscriptions/confirm", "token=" + token);
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("You are subscribed");
        assertThat(confirmedAt(email)).isNotNull();

        HttpResponse<String> replayed = postForm("/subscriptions/confirm", "token=" + token);
        assertThat(replayed.statusCode()).isEqualTo(410);
        assertThat(replayed.body()).contains("already been used");
        assertThat(get("/subscriptions/confirm?token=" + token).statusCode()).isEqualTo(410);
    }

    @Test
    void unknownAndMalformedConfirmationTokensAreRejectedWithAPage() {
        HttpResponse<String> unknown = postForm("/subscriptions/confirm", "token=" + forgedToken());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertHtml(unknown);

        HttpResponse<String> malformed = get("/subscriptions/confirm?token=%3Cscript%3E");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).doesNotContain("<script>");
        assertThat(postForm("/subscriptions/confirm", "").statusCode()).isEqualTo(400);
    }

    @Test
    void aConfirmationLinkConfirmsExactlyTheTopicsOfItsOwnRequest() {
        String sleep = uniqueSlug("sleep");
        String gut = uniqueSlug("gut");
        knownTopic(sleep, "Sleep & rest");
        knownTopic(gut, "Gut health");
        String email = uniqueEmail("grace");

        HttpResponse<String> home = get("/");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/subscribe"));
        HttpResponse<String> form = get("/subscribe");
        assertThat(form.body()).contains("name=\"email\"").contains("value=\"" + sleep + "\"")
                .contains("Sleep &amp; rest");

        HttpResponse<String> submitted = postForm("/subscribe", "email=" + encode(email) + "&topics=" + sleep);
        assertThat(submitted.statusCode()).isEqualTo(200);
        assertThat(submitted.body()).contains("Check your inbox");
        String ownersLink = awaitConfirmationToken(email);
        assertThat(MailText.of(mailsTo(email).get(0))).contains("Sleep & rest").doesNotContain("Gut health");

        // Someone else asks for another topic for the same address, within the hour: same answer, no mail yet.
        HttpResponse<String> again = postJson("/api/subscriptions",
                "{\"email\":\"" + email.toUpperCase() + "\",\"topics\":[\"" + gut + "\"]}");
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.body()).contains("\"status\":\"pending\"");
        await().atMost(PATIENCE).until(() -> sendAfter(email, gut),
                after -> after != null && after.isAfter(Instant.now().plus(Duration.ofMinutes(55))));
        assertThat(confirmationTokens(email)).hasSize(1);

        assertThat(postForm("/subscriptions/confirm", "token=" + ownersLink).statusCode()).isEqualTo(200);
        assertThat(confirmedTopics(email)).containsExactly(sleep);

        // An hour later the waiting request is mailed; its link adds its topic, and only that.
        ConfirmationSender anHourLater = new ConfirmationSender(requests, subscribers, topics, composer, mailSender,
                envelope, transactions, properties, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(61)), meters,
                suppressions, dkim);
        anHourLater.sendDue();
        assertThat(confirmationTokens(email)).hasSize(2);
        assertThat(MailText.of(mailsTo(email).get(1))).contains("Gut health").doesNotContain("Sleep & rest");
        assertThat(postForm("/subscriptions/confirm", "token=" + confirmationTokens(email).get(1)).statusCode())
                .isEqualTo(200);
        assertThat(confirmedTopics(email)).containsExactlyInAnyOrder(sleep, gut);
    }

    @Test
    void senderInstancesRunningAtOnceMailEveryRequestOnce() throws Exception {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String email = uniqueEmail("queued" + i);
            addresses.add(email);
            requests.queue(UUID.randomUUID(), EmailAddress.parse(email), List.of("any"), Instant.now());
        }
        ExecutorService instances = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ConfirmationSender instance = new ConfirmationSender(requests, subscribers, topics, composer,
                        mailSender, envelope, transactions, properties, Clock.systemUTC(), meters, suppressions, dkim);
                runs.add(instances.submit(instance::sendDue));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        }
        finally {
            instances.shutdown();
        }

        await().atMost(PATIENCE).until(() -> addresses.stream().allMatch(email -> !mailsTo(email).isEmpty()));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> addresses.stream().allMatch(email -> mailsTo(email).size() == 1));
    }

    @Test
    void requestsAreForgottenOnceTheirLinksHaveExpired() {
        String email = uniqueEmail("forgotten");
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        requests.queue(old, EmailAddress.parse(email), List.of("any"), Instant.now().minus(Duration.ofDays(3)));
        requests.queue(recent, EmailAddress.parse(email), List.of("any"), Instant.now().minus(Duration.ofHours(47)));

        scheduling.forgetExpiredRequests();

        assertThat(jdbc.sql("SELECT id FROM confirmation_requests WHERE email = :email").param("email", email)
                .query(UUID.class).list()).containsExactly(recent);
    }

    @Test
    void readinessIsUp() {
        HttpResponse<String> readiness = get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"");
    }

    /** When the address was confirmed; null also while it is no subscriber at all. */
    private Instant confirmedAt(String email) {
        return jdbc.sql("SELECT confirmed_at FROM subscribers WHERE email = :email").param("email", email)
                .query((rs, row) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant())
                .list().stream().filter(at -> at != null).findFirst().orElse(null);
    }

    private List<String> confirmedTopics(String email) {
        return jdbc.sql("""
                SELECT sub.topic_slug FROM subscriptions sub JOIN subscribers s ON s.id = sub.subscriber_id
                WHERE s.email = :email AND sub.confirmed_at IS NOT NULL ORDER BY sub.topic_slug
                """).param("email", email).query(String.class).list();
    }

    /** When the waiting request for {@code topic} is due, or null while there is none. */
    private Instant sendAfter(String email, String topic) {
        return jdbc.sql("""
                SELECT send_after FROM confirmation_requests
                WHERE email = :email AND status = 'QUEUED' AND :topic = ANY(topics)
                """).param("email", email).param("topic", topic)
                .query((rs, row) -> rs.getTimestamp(1).toInstant()).optional().orElse(null);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
