package dev.tidings.feed.web;

import dev.tidings.feed.FeedProperties;
import dev.tidings.feed.rendering.Feed;
import dev.tidings.feed.rendering.FeedCatalog;
import dev.tidings.feed.rendering.FeedFormat;
import dev.tidings.feed.rendering.FeedRenderer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves {@code /feeds/{name}.rss}, {@code .atom} and {@code .json}, {@code name} being a topic slug
 * or {@code all}, with conditional GET: Spring answers {@code If-None-Match} and
 * {@code If-Modified-Since} with 304 from the {@code ETag} and {@code Last-Modified} set here.
 *
 * <p>The ETag is a hash of the rendered bytes, so it changes exactly when the feed does. It is weak
 * ({@code W/"..."}) because the server gzips feeds on the fly and Tomcat never compresses a response
 * with a strong ETag (a strong one would have to differ between the gzip and identity bytes).
 */
@RestController
class FeedController {

    private final FeedCatalog catalog;

    private final FeedRenderer renderer;

    private final CacheControl cacheControl;

    FeedController(FeedCatalog catalog, FeedRenderer renderer, FeedProperties properties) {
        this.catalog = catalog;
        this.renderer = renderer;
        this.cacheControl = CacheControl.maxAge(properties.cacheMaxAge()).cachePublic();
    }

    @GetMapping("/feeds/{file}")
    ResponseEntity<byte[]> feed(@PathVariable String file) {
        int dot = file.lastIndexOf('.');
        if (dot < 1) {
            throw new UnknownFeedException("No feed at /feeds/" + file + ": use /feeds/{topic}.rss, .atom or .json");
        }
        FeedFormat format = FeedFormat.fromExtension(file.substring(dot + 1))
                .orElseThrow(() -> new UnknownFeedException(
                        "Unknown feed format '" + file.substring(dot + 1) + "': use .rss, .atom or .json"));
        String name = file.substring(0, dot);
        Feed feed = catalog.find(name)
                .orElseThrow(() -> new UnknownFeedException("Unknown topic '" + name + "'"));
        byte[] body = renderer.render(feed, format);
        return ResponseEntity.ok()
                .contentType(format.mediaType())
                .eTag("W/\"" + sha256(body) + "\"")
                .lastModified(feed.updated())
                .cacheControl(cacheControl)
                .body(body);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every JVM has SHA-256", ex);
        }
    }
}
