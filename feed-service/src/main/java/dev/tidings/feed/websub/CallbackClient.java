package dev.tidings.feed.websub;

import dev.tidings.feed.FeedProperties;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.springframework.stereotype.Component;

/**
 * The hub's HTTP client towards subscribers' callbacks (Apache HttpClient 5). It connects only to
 * addresses {@link CallbackAddresses} let through, resolved when connecting; follows no redirect
 * (a redirect is an answer like any other, and could point inside the network); keeps no cookies;
 * never retries by itself (the hub's retries are its own); and gives every exchange a deadline of
 * {@code connect-timeout + response-timeout}, so that a callback that trickles its answer cannot hold
 * a thread. Thread-safe; connections are pooled per callback host.
 */
@Component
class CallbackClient {

    /** A callback's answer: its status and the first bytes of its body. */
    record Answer(int status, byte[] body) {

        boolean successful() {
            return status >= 200 && status < 300;
        }
    }

    private final CloseableHttpClient http;

    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "websub-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    private final long deadlineMillis;

    CallbackClient(CallbackAddresses addresses, FeedProperties properties) {
        FeedProperties.Websub websub = properties.websub();
        Timeout connect = Timeout.of(websub.connectTimeout());
        Timeout response = Timeout.of(websub.responseTimeout());
        this.deadlineMillis = websub.connectTimeout().plus(websub.responseTimeout()).toMillis();
        int connections = websub.deliveryThreads() + IntentVerifier.THREADS;
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(addresses)
                        .setMaxConnTotal(connections)
                        .setMaxConnPerRoute(connections)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect)
                                .setSocketTimeout(response)
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(connect)
                        .setResponseTimeout(response)
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("Tidings-WebSub-Hub")
                .build();
    }

    /** GETs {@code uri}, reading at most {@code bodyLimit} bytes of the answer. */
    Answer get(URI uri, int bodyLimit) throws IOException {
        return exchange(new HttpGet(uri), bodyLimit);
    }

    /** POSTs {@code body} with {@code headers} to {@code uri}; the answer's body is not read. */
    Answer post(URI uri, byte[] body, String contentType, Map<String, String> headers) throws IOException {
        HttpPost post = new HttpPost(uri);
        // The Content-Type exactly as a GET of the feed gives it (HttpClient would reformat a parsed one).
        post.setEntity(new ByteArrayEntity(body, null));
        post.setHeader("Content-Type", contentType);
        headers.forEach(post::setHeader);
        return exchange(post, 0);
    }

    private Answer exchange(HttpUriRequestBase request, int bodyLimit) throws IOException {
        ScheduledFuture<?> deadline = deadlines.schedule(request::cancel, deadlineMillis, TimeUnit.MILLISECONDS);
        try {
            return http.execute(request, response -> new Answer(response.getCode(), read(response.getEntity(), bodyLimit)));
        }
        finally {
            deadline.cancel(false);
        }
    }

    private static byte[] read(HttpEntity entity, int limit) throws IOException {
        if (entity == null || limit == 0) {
            return new byte[0];
        }
        try (InputStream in = entity.getContent()) {
            return in.readNBytes(limit);
        }
    }

    @PreDestroy
    void close() throws IOException {
        deadlines.shutdownNow();
        http.close();
    }
}
