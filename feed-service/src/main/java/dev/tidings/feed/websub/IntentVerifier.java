package dev.tidings.feed.websub;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Verifies a subscriber's intent (W3C WebSub 5.3) after the hub answered 202: a GET on the callback
 * with {@code hub.mode}, {@code hub.topic}, a fresh random {@code hub.challenge} and, when
 * subscribing, the granted {@code hub.lease_seconds}. Only a 2xx answer whose body is exactly the
 * challenge subscribes (or renews, or unsubscribes); anything else (another body, 404, a timeout, a
 * refused address) changes nothing. Runs on {@value #THREADS} threads with a bounded queue, so a
 * flood of requests cannot exhaust the service; verification state lives only here, so a request
 * whose instance stops before verifying it is lost and the subscriber asks again, as WebSub
 * subscribers do when no verification comes.
 */
@Component
class IntentVerifier {

    static final int THREADS = 4;

    private static final int QUEUE = 1000;

    private static final Logger log = LoggerFactory.getLogger(IntentVerifier.class);

    private final SecureRandom random = new SecureRandom();

    private final ThreadPoolExecutor executor;

    private final CallbackClient client;

    private final Subscriptions subscriptions;

    private final Clock clock;

    private final Counter verified;

    private final Counter unverified;

    IntentVerifier(CallbackClient client, Subscriptions subscriptions, Clock clock, MeterRegistry meters) {
        this.client = client;
        this.subscriptions = subscriptions;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                runnable -> {
                    Thread thread = new Thread(runnable, "websub-verify-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.verified = verifications(meters, "verified");
        this.unverified = verifications(meters, "unverified");
    }

    /** Queues the verification of {@code request}; false if the queue is full (the hub is busy). */
    boolean verifyLater(HubRequest request) {
        try {
            executor.execute(() -> verify(request));
            return true;
        }
        catch (RejectedExecutionException ex) {
            return false;
        }
    }

    private void verify(HubRequest request) {
        byte[] challenge = new byte[32];
        random.nextBytes(challenge);
        String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(challenge);
        StringBuilder query = new StringBuilder()
                .append("hub.mode=").append(request.mode().value())
                .append("&hub.topic=").append(URLEncoder.encode(request.topic(), StandardCharsets.UTF_8))
                .append("&hub.challenge=").append(expected);
        if (request.mode() == HubRequest.Mode.SUBSCRIBE) {
            query.append("&hub.lease_seconds=").append(request.leaseSeconds());
        }
        String callback = request.callback().toString();
        URI uri = URI.create(callback + (request.callback().getRawQuery() == null ? "?" : "&") + query);
        try {
            CallbackClient.Answer answer = client.get(uri, expected.length() + 1);
            if (!answer.successful()
                    || !Arrays.equals(answer.body(), expected.getBytes(StandardCharsets.US_ASCII))) {
                log.info("{} not verified: the callback answered {} without the challenge", request, answer.status());
                unverified.increment();
                return;
            }
        }
        catch (IOException ex) {
            log.info("{} not verified: {}", request, ex.toString());
            unverified.increment();
            return;
        }
        try {
            if (request.mode() == HubRequest.Mode.SUBSCRIBE) {
                subscriptions.subscribe(request.topic(), callback, request.changeKeys(), request.secret(),
                        request.leaseSeconds(), clock.instant());
            }
            else {
                subscriptions.unsubscribe(request.topic(), callback);
            }
        }
        catch (RuntimeException ex) {
            // The database is away: the subscriber, which got no confirmation of its lease, asks again.
            log.warn("{} verified but not recorded: {}", request, ex.toString());
            unverified.increment();
            return;
        }
        verified.increment();
        log.info("{} verified", request);
    }

    private static Counter verifications(MeterRegistry meters, String outcome) {
        return Counter.builder("tidings.websub.verifications")
                .description("Verifications of intent of WebSub (un)subscription requests, by outcome")
                .tag("outcome", outcome)
                .register(meters);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
