package dev.tidings.localstack.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.localstack.client.ContentApi;
import dev.tidings.localstack.client.ContentApi.ArticleRequest;
import dev.tidings.localstack.client.ContentApi.TopicRequest;
import dev.tidings.localstack.client.NotifierApi;
import dev.tidings.localstack.mail.CapturedMail;
import dev.tidings.localstack.mail.MailCatcher;
import dev.tidings.localstack.stack.LocalStack;
import dev.tidings.localstack.stack.StackSettings;
import dev.tidings.localstack.tracing.OtlpReceiver.ReceivedSpan;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One trace from the editor to the inbox (ADR 0024), on the real service jars exporting their spans
 * over OTLP/HTTP to a receiver in this test: one publish through content-service's API gives one
 * trace with spans of all three services, from the editor's request through the outbox relay's send
 * and both consumers to the SMTP send.
 */
class OneTraceEndToEndTests {

    private static final String TOKEN = "local-admin-key";

    private static final String TOPIC = "traced-topic";

    private static final String READER = "traced-reader@example.com";

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static final Path WORK = Path.of("target", "trace-stack");

    private static OtlpReceiver receiver;

    private static LocalStack stack;

    private static ContentApi content;

    private static NotifierApi notifier;

    private static MailCatcher mail;

    @BeforeAll
    static void startStack() {
        receiver = OtlpReceiver.start();
        stack = new LocalStack(new StackSettings(0, 0, 0, 0, 0, 0, true, 1, Optional.empty(), WORK,
                Duration.ofSeconds(180), List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                        // Spans leave each service every 5 s by default; sooner keeps the test short.
                        "-Dmanagement.opentelemetry.tracing.export.schedule-delay=500ms"),
                Optional.empty(), Optional.of(receiver.tracesEndpoint())));
        stack.start();
        content = new ContentApi(stack.endpoints().contentUrl(), TOKEN);
        notifier = new NotifierApi(stack.endpoints().notifierUrl());
        mail = stack.mail().orElseThrow();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void onePublishIsOneTraceFromTheEditorsRequestToTheSmtpSend() {
        content.createTopic(new TopicRequest(TOPIC, "Traced", "Followed from the editor to the inbox.")).expect(201);
        subscribeAndConfirmReader();
        String id = content.createArticle(new ArticleRequest("Followed to the inbox", "One trace, three services.",
                "From the **editor** to the reader.", "Trace Editor", List.of(TOPIC), List.of("tracing"), null, null))
                .expect(201).json().get("id").asString();

        content.publish(id).expect(200);

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .until(() -> mail.messagesTo(READER).anyMatch(message -> message.subject().equals("Followed to the inbox")));
        ReceivedSpan request = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .until(() -> receiver.spans().stream()
                        .filter(span -> span.service().equals(LocalStack.CONTENT_SERVICE) && span.kind().equals(
                                "SPAN_KIND_SERVER") && span.name().endsWith("/publish"))
                        .findFirst(), Optional::isPresent)
                .orElseThrow();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            List<ReceivedSpan> trace = receiver.spans().stream()
                    .filter(span -> span.traceId().equals(request.traceId())).toList();
            assertThat(trace.stream().map(ReceivedSpan::service).collect(Collectors.toSet()))
                    .as("services in the publish's trace").containsAll(Set.of(LocalStack.CONTENT_SERVICE,
                            LocalStack.FEED_SERVICE, LocalStack.NOTIFIER_SERVICE));
            assertThat(trace).as("the outbox relay's send").anySatisfy(span -> {
                assertThat(span.service()).isEqualTo(LocalStack.CONTENT_SERVICE);
                assertThat(span.name()).isEqualTo("outbox send article.published");
            });
            assertThat(trace).as("the consumers' receives").filteredOn(span -> span.kind().equals("SPAN_KIND_CONSUMER")
                    && !span.service().equals(LocalStack.CONTENT_SERVICE))
                    .extracting(ReceivedSpan::service)
                    .contains(LocalStack.FEED_SERVICE, LocalStack.NOTIFIER_SERVICE);
            assertThat(trace).as("the SMTP send").anySatisfy(span -> {
                assertThat(span.service()).isEqualTo(LocalStack.NOTIFIER_SERVICE);
                assertThat(span.name()).isEqualTo("smtp send");
            });
        });
    }

    private static void subscribeAndConfirmReader() {
        // notifier-service learns the new topic from Kafka; until then it calls the topic unknown.
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .until(() -> notifier.subscribe(READER, List.of(TOPIC)).status(), status -> status == 202);
        CapturedMail confirmation = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> mail.messagesTo(READER).filter(m -> m.subject().startsWith("Confirm")).findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        URI link = confirmation.text().flatMap(NotifierApi::confirmationLink).orElseThrow();
        notifier.confirm(link).expect(200);
    }
}
