package dev.tidings.localstack.demo;

import dev.tidings.localstack.client.ApiResponse;
import dev.tidings.localstack.client.ContentApi;
import dev.tidings.localstack.client.ContentApi.TopicRequest;
import dev.tidings.localstack.client.NotifierApi;
import dev.tidings.localstack.demo.DemoContent.DemoArticle;
import dev.tidings.localstack.mail.Mailbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the demo content into a running stack through the services' public APIs only, so it flows
 * through Kafka like any editor's work: creates the topics, subscribes and confirms a demo reader
 * (reading the confirmation mail from the catcher), publishes the articles, then applies their
 * corrections and retractions.
 */
public final class DemoPublisher {

    private static final Logger log = LoggerFactory.getLogger(DemoPublisher.class);

    private static final Duration PROPAGATION_TIMEOUT = Duration.ofSeconds(90);

    private final ContentApi content;

    private final NotifierApi notifier;

    private final Mailbox mailbox;

    private final URI feedUrl;

    public DemoPublisher(ContentApi content, NotifierApi notifier, Mailbox mailbox, URI feedUrl) {
        this.content = content;
        this.notifier = notifier;
        this.mailbox = mailbox;
        this.feedUrl = feedUrl;
    }

    /** Publishes everything and waits until feed-service shows the live articles. */
    public void publish(DemoContent demo, String reader) {
        demo.topics().forEach(topic -> content.createTopic(topic).expect(201));
        log.info("Demo: created topics {}", demo.topics().stream().map(TopicRequest::slug).toList());
        subscribe(reader, demo.topics().stream().map(TopicRequest::slug).toList());

        List<String> live = new ArrayList<>();
        List<Published> published = new ArrayList<>();
        for (DemoArticle article : demo.articles()) {
            String id = content.createArticle(article.article()).expect(201).json().get("id").asString();
            content.publish(id).expect(200);
            published.add(new Published(id, article));
            log.info("Demo: published \"{}\" ({})", article.article().title(), id);
        }
        for (Published item : published) {
            item.article().correction().ifPresent(correction -> {
                String etag = content.article(item.id()).expect(200).header("ETag").orElseThrow();
                content.update(item.id(), etag, correction).expect(200);
                log.info("Demo: corrected \"{}\"", correction.title());
            });
            if (item.article().retractionReason().isPresent()) {
                content.retract(item.id(), item.article().retractionReason().get()).expect(200);
                log.info("Demo: retracted \"{}\"", item.article().article().title());
            }
            else {
                live.add(item.id());
            }
        }
        awaitFeed(live);
    }

    /**
     * Subscribes {@code reader} to every topic and confirms through the link in the confirmation
     * mail. notifier-service learns topics from Kafka, so an "unknown topic" answer is retried.
     */
    private void subscribe(String reader, List<String> topics) {
        await("notifier-service to accept a subscription to " + topics, () -> {
            ApiResponse response = notifier.subscribe(reader, topics);
            if (response.status() == 400) {
                return Optional.empty();
            }
            return Optional.of(response.expect(202));
        });
        URI link = await("the confirmation mail to " + reader, () -> mailbox.messages().stream()
                .filter(mail -> mail.to().contains(reader) && mail.subject().startsWith("Confirm"))
                .map(mail -> mail.text().or(mail::html).flatMap(NotifierApi::confirmationLink))
                .flatMap(Optional::stream)
                .findFirst());
        notifier.confirm(link).expect(200);
        log.info("Demo: subscribed and confirmed {} for {}", reader, topics);
    }

    private void awaitFeed(List<String> articleIds) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest allAtom = HttpRequest.newBuilder(feedUrl.resolve("/feeds/all.atom")).GET().build();
        await("feed-service to show all " + articleIds.size() + " live demo articles", () -> {
            try {
                String feed = http.send(allAtom, HttpResponse.BodyHandlers.ofString()).body();
                return articleIds.stream().allMatch(feed::contains) ? Optional.of(feed) : Optional.empty();
            }
            catch (IOException ex) {
                return Optional.empty();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", ex);
            }
        });
        log.info("Demo: all {} live articles are in the feeds", articleIds.size());
    }

    private static <T> T await(String what, Supplier<Optional<T>> attempt) {
        long deadline = System.nanoTime() + PROPAGATION_TIMEOUT.toNanos();
        while (true) {
            Optional<T> result = attempt.get();
            if (result.isPresent()) {
                return result.get();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Demo: gave up after " + PROPAGATION_TIMEOUT.toSeconds()
                        + " s waiting for " + what);
            }
            try {
                Thread.sleep(250);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, ex);
            }
        }
    }

    private record Published(String id, DemoArticle article) {
    }
}
