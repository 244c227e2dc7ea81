package dev.tidings.feed;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the feeds: {@code publicUrl} is the base of every self link and feed id, so it must
 * be the address readers use (no trailing slash); {@code cacheMaxAge} goes into
 * {@code Cache-Control}; {@code tombstonePeriod} is how long an Atom feed shows a retracted entry
 * as an RFC 6721 tombstone after its retraction; {@code websub} configures the WebSub hub at
 * {@link #hubUrl()}; {@code requestThreads} the threads that answer HTTP requests.
 */
@Validated
@ConfigurationProperties("tidings.feed")
public record FeedProperties(
        @NotBlank @Pattern(regexp = "https?://\\S+[^/]", message = "must be an http(s) URL without a trailing slash")
        @DefaultValue("http://localhost:8082") String publicUrl,
        @NotBlank @DefaultValue("Tidings") String title,
        @Min(1) @Max(500) @DefaultValue("50") int entriesPerFeed,
        @NotNull @DefaultValue("60s") Duration cacheMaxAge,
        @NotNull @DefaultValue("30d") Duration tombstonePeriod,
        @Valid @NotNull @DefaultValue Websub websub,
        @Valid @NotNull @DefaultValue RequestThreads requestThreads) {

    /** The WebSub hub's address, which every feed advertises as {@code rel="hub"}. */
    public String hubUrl() {
        return publicUrl + "/hub";
    }

    /**
     * The WebSub hub ({@code tidings.feed.websub.*}).
     *
     * @param defaultLease the lease of a subscription that asks for none
     * @param minLease the shortest lease granted (a shorter request gets this)
     * @param maxLease the longest lease granted (a longer request gets this)
     * @param deliveryThreads deliveries in flight at once per instance, each on its own thread
     * @param maxAttempts attempts of one delivery before it is given up
     * @param firstRetry the delay after the first failed attempt; it doubles with every further one
     * @param longestRetry the longest delay between two attempts
     * @param connectTimeout how long connecting to a callback may take
     * @param responseTimeout how long a callback may take to answer, verification or delivery
     * @param claimLease how long an instance holds a delivery it claimed; after a crash another
     *     instance takes it once the lease is over. Longer than connecting and answering take
     * @param pollInterval how often an instance looks for due deliveries (besides being woken by
     *     every change of a feed and by the retries it schedules itself)
     * @param allowedCallbackNetworks addresses or CIDR blocks a callback may resolve to even though
     *     they are loopback, private, link-local and so on (refused otherwise); for tests, the local
     *     stack and benchmarks, e.g. {@code 127.0.0.0/8}
     */
    public record Websub(
            @NotNull @DefaultValue("10d") Duration defaultLease,
            @NotNull @DefaultValue("1h") Duration minLease,
            @NotNull @DefaultValue("30d") Duration maxLease,
            @Min(1) @Max(256) @DefaultValue("16") int deliveryThreads,
            @Min(1) @Max(100) @DefaultValue("8") int maxAttempts,
            @NotNull @DefaultValue("5s") Duration firstRetry,
            @NotNull @DefaultValue("1h") Duration longestRetry,
            @NotNull @DefaultValue("5s") Duration connectTimeout,
            @NotNull @DefaultValue("10s") Duration responseTimeout,
            @NotNull @DefaultValue("1m") Duration claimLease,
            @NotNull @DefaultValue("5s") Duration pollInterval,
            @NotNull @DefaultValue List<@NotBlank String> allowedCallbackNetworks) {
    }

    /**
     * The threads that answer HTTP requests ({@code tidings.feed.request-threads.*}), in place of
     * Tomcat's pool. Most requests are answered from memory, which is CPU work: as many threads as
     * cores do it fastest (on two cores, fifty threads answered a fifth fewer requests than two). Requests
     * wait in a queue for those; only when it is full do more threads start, up to {@code max}, so
     * requests that wait on the database (a render, the hub, an admin) cannot hold up the rest.
     *
     * @param core threads always ready; 0 for one per core
     * @param queue requests waiting for a thread before another thread starts
     * @param max the most threads; beyond them and a full queue a connection is closed
     */
    public record RequestThreads(
            @Min(0) @Max(1000) @DefaultValue("0") int core,
            @Min(1) @Max(100000) @DefaultValue("100") int queue,
            @Min(1) @Max(1000) @DefaultValue("200") int max) {

        /** {@link #core()}, with 0 resolved to the number of cores. */
        public int coreThreads() {
            return core == 0 ? Runtime.getRuntime().availableProcessors() : core;
        }
    }
}
