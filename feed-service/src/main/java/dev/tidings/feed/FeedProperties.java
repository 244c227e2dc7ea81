package dev.tidings.feed;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the feeds: {@code publicUrl} is the base of every self link and feed id, so it must
 * be the address readers use (no trailing slash); {@code cacheMaxAge} goes into
 * {@code Cache-Control}; {@code tombstonePeriod} is how long an Atom feed shows a retracted entry
 * as an RFC 6721 tombstone after its retraction.
 */
@Validated
@ConfigurationProperties("tidings.feed")
public record FeedProperties(
        @NotBlank @Pattern(regexp = "https?://\\S+[^/]", message = "must be an http(s) URL without a trailing slash")
        @DefaultValue("http://localhost:8082") String publicUrl,
        @NotBlank @DefaultValue("Tidings") String title,
        @Min(1) @Max(500) @DefaultValue("50") int entriesPerFeed,
        @NotNull @DefaultValue("60s") Duration cacheMaxAge,
        @NotNull @DefaultValue("30d") Duration tombstonePeriod) {
}
