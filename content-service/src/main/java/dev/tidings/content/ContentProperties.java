package dev.tidings.content;

import jakarta.validation.Valid;
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
 * @param outbox how the outbox relay catches up with rows the after-commit trigger left behind
 */
@Validated
@ConfigurationProperties("tidings.content")
public record ContentProperties(
        @NotNull @DefaultValue("https://health.example") URI siteUrl,
        @NotBlank @DefaultValue("https://health.example/content-service") String eventSource,
        @Min(1024) @DefaultValue("1048576") long maxRequestBytes,
        @NotNull @DefaultValue("5s") Duration scheduledPublishingInterval,
        @Valid @NotNull @DefaultValue Outbox outbox) {

    /** The canonical URL of an article that has none of its own. */
    public String articleUrl(String slug) {
        String base = siteUrl.toString();
        return (base.endsWith("/") ? base : base + "/") + "articles/" + slug;
    }

    /**
     * @param pollInterval pause between two catch-up runs of the relay
     * @param batchSize rows the relay sends per transaction
     */
    public record Outbox(
            @NotNull @DefaultValue("2s") Duration pollInterval,
            @Min(1) @DefaultValue("100") int batchSize) {
    }
}
