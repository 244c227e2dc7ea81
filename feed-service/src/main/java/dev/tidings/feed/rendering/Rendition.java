package dev.tidings.feed.rendering;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * One feed in one format as served: the identity bytes, a gzip copy compressed once (null when
 * gzip would not make it smaller), and the validators, known without rendering again.
 *
 * <p>The ETag is weak, {@code W/"<sha-256 of the identity bytes>"}: one validator for every
 * encoding of one content, which only a weak tag may be (a strong one names exact bytes, and the
 * gzip bytes differ). {@code changedAt} is the feed's change stamp (whole seconds, see the read
 * model's {@code FeedChanges}); {@code lastModified} is it as an HTTP date. Both are null for a
 * feed without a reliable date (a combination of topics). {@code link} is the value of the
 * {@code Link} header (hub and self, see {@link FeedRenderer#linkHeader}), made once like the rest.
 * The arrays are never modified after construction.
 */
public record Rendition(FeedFormat format, byte[] identity, byte[] gzip, String etag, Instant changedAt,
        String lastModified, String link) {

    public static Rendition of(FeedFormat format, byte[] identity, Instant changedAt, String link) {
        byte[] gzip = gzip(identity);
        return new Rendition(format, identity, gzip.length < identity.length ? gzip : null,
                "W/\"" + sha256(identity) + "\"", changedAt, changedAt == null ? null
                        : DateTimeFormatter.RFC_1123_DATE_TIME.format(changedAt.atOffset(ZoneOffset.UTC)), link);
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(bytes.length / 4 + 64);
        // The default level: the best one saves about 1 % of the bytes for twice the time, on the path to the reader.
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(bytes);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return compressed.toByteArray();
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
