package dev.tidings.content;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of content-service ({@code tidings.content.*}).
 *
 * @param siteUrl public site; an article without canonical URL gets {@code {siteUrl}/articles/{slug}}
 * @param eventSource the CloudEvents {@code ce_source} of every event this service emits
 * @param maxRequestBytes largest request body accepted; larger ones get 413
 * @param scheduledPublishingInterval how often scheduled articles whose time has come are published
 * @param outbox how the outbox relay catches up with rows the after-commit trigger left behind, and
 *     when it gives up on a row
 * @param eventTopics how the Kafka topics the events travel on are provisioned
 */
@Validated
@ConfigurationProperties("tidings.content")
public record ContentProperties(
        @NotNull @DefaultValue("https://health.example") URI siteUrl,
        @NotBlank @DefaultValue("https://health.example/content-service") String eventSource,
        @Min(1024) @DefaultValue("1048576") long maxRequestBytes,
        @NotNull @DefaultValue("5s") Duration scheduledPublishingInterval,
        @Valid @NotNull @DefaultValue Outbox outbox,
        @Valid @NotNull @DefaultValue EventTopics eventTopics) {

    /** The canonical URL of an article that has none of its own. */
    public String articleUrl(String slug) {
        String base = siteUrl.toString();
        return (base.endsWith("/") ? base : base + "/") + "articles/" + slug;
    }

    /**
     * @param pollInterval pause between two catch-up runs of the relay
     * @param batchSize rows the relay sends per transaction
     * @param maxAttempts sends Kafka refuses for the row itself (too large, unknown destination) before
     *     the row is parked for an admin; a broker that is away costs no attempts
     */
    public record Outbox(
            @NotNull @DefaultValue("2s") Duration pollInterval,
            @Min(1) @DefaultValue("100") int batchSize,
            @Min(1) @DefaultValue("5") int maxAttempts) {
    }

    /**
     * The settings content-service gives {@code content.articles.v1} and {@code content.topics.v1}
     * when it creates them at startup, or brings existing ones up to. Both are compacted and never
     * expire, so that any read model can be rebuilt from them.
     *
     * @param partitions partitions of each topic; an existing topic with fewer gets more, never fewer
     * @param replicationFactor copies of each partition; 1 fits a single local broker, 3 a cluster
     * @param minInsyncReplicas copies that must hold a record before the broker acknowledges it to the
     *     relay ({@code acks=all}); 2 with a replication factor of 3
     */
    public record EventTopics(
            @Min(1) @DefaultValue("6") int partitions,
            @Min(1) @Max(Short.MAX_VALUE) @DefaultValue("1") int replicationFactor,
            @Min(1) @DefaultValue("1") int minInsyncReplicas) {

        @AssertTrue(message = "must not exceed replicationFactor")
        public boolean isMinInsyncReplicasWithinReplicationFactor() {
            return minInsyncReplicas <= replicationFactor;
        }
    }
}
