package dev.tidings.notifier.composing;

import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An RFC 2919 {@code List-Id}: a description and an identifier under the sending domain, one per
 * topic (and one per digest frequency), so that mail clients can file and filter each list.
 *
 * @param description shown by mail clients, e.g. the topic's title
 * @param id a dot-atom, e.g. {@code eczema.topics.health.example}
 */
public record ListId(String description, String id) {

    /** The list of one topic's articles. */
    public static ListId ofTopic(String slug, String title, String sendingDomain) {
        return new ListId(title, atom(slug) + ".topics." + sendingDomain);
    }

    /** The list of the daily or weekly digests. */
    public static ListId ofDigest(String kind, String sendingDomain) {
        return new ListId("Tidings " + kind + " digest", atom(kind) + ".digests." + sendingDomain);
    }

    /**
     * The header value: the description quoted (quotes and backslashes escaped), or as an RFC 2047
     * encoded word when it is not ASCII, then the id.
     */
    String headerValue() {
        String text = HeaderText.clean(description);
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(text)) {
            try {
                return MimeUtility.encodeWord(text, StandardCharsets.UTF_8.name(), "Q") + " <" + id + ">";
            }
            catch (UnsupportedEncodingException ex) {
                throw new IllegalStateException("UTF-8 is always supported", ex);
            }
        }
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\" <" + id + ">";
    }

    private static String atom(String label) {
        String atom = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        return atom.isEmpty() ? "list" : atom;
    }
}
