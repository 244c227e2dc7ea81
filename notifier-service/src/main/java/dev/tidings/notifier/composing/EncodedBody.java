package dev.tidings.notifier.composing;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of one text part, transfer-encoded once for every recipient, with places for the
 * recipient's links: an email's body is these bytes joined by that recipient's links, so a fan-out
 * encodes an article once and, per email, only a few short links.
 *
 * <p>In {@code quoted-printable} each piece is encoded on its own and ends in a soft line break,
 * and so does each link, so every piece starts a line and no line grows past 76 characters. In
 * {@code 7bit} the pieces are the text itself, with CRLF line ends.
 */
final class EncodedBody {

    private static final byte[] SOFT_BREAK = "=\r\n".getBytes(StandardCharsets.US_ASCII);

    private final List<byte[]> pieces;

    private final List<PersonalizableHtml.Slot> slots;

    private final boolean quotedPrintable;

    private final boolean html;

    private final int length;

    private EncodedBody(List<byte[]> pieces, List<PersonalizableHtml.Slot> slots, boolean quotedPrintable,
            boolean html) {
        this.pieces = pieces;
        this.slots = slots;
        this.quotedPrintable = quotedPrintable;
        this.html = html;
        this.length = pieces.stream().mapToInt(piece -> piece.length).sum();
    }

    /** An HTML body: each link HTML-escaped, then encoded. */
    static EncodedBody html(PersonalizableHtml html, String transferEncoding) {
        return of(html.pieces(), html.slots(), transferEncoding, true);
    }

    /** A plain-text body whose links go in as they are. */
    static EncodedBody text(List<String> pieces, List<PersonalizableHtml.Slot> slots, String transferEncoding) {
        return of(pieces, slots, transferEncoding, false);
    }

    private static EncodedBody of(List<String> pieces, List<PersonalizableHtml.Slot> slots, String transferEncoding,
            boolean html) {
        boolean quotedPrintable = "quoted-printable".equals(transferEncoding);
        List<byte[]> encoded = new ArrayList<>();
        for (String piece : pieces) {
            encoded.add(quotedPrintable ? quotedPrintable(piece) : crlf(piece));
        }
        return new EncodedBody(List.copyOf(encoded), List.copyOf(slots), quotedPrintable, html);
    }

    /** The bytes of the body without links: a lower bound of its size. */
    int length() {
        return length;
    }

    /** Writes the body with {@code recipient}'s links. */
    void writeTo(ByteArrayOutputStream out, Recipient recipient) {
        for (int i = 0; i < slots.size(); i++) {
            out.writeBytes(pieces.get(i));
            String link = slots.get(i).of(recipient);
            String text = html ? escape(link) : link;
            out.writeBytes(quotedPrintable ? quotedPrintable(text) : text.getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(pieces.get(pieces.size() - 1));
    }

    /** {@code text} quoted-printable by Jakarta Mail's encoder, ending in a soft line break unless at a line end. */
    private static byte[] quotedPrintable(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length() + text.length() / 8 + 8);
        try (OutputStream encoder = MimeUtility.encode(bytes, "quoted-printable")) {
            encoder.write(text.getBytes(StandardCharsets.UTF_8));
        }
        catch (MessagingException ex) {
            throw new IllegalStateException("quoted-printable is always supported", ex);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        if (!text.isEmpty() && !text.endsWith("\n")) {
            bytes.writeBytes(SOFT_BREAK);
        }
        return bytes.toByteArray();
    }

    private static byte[] crlf(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A link as an HTML attribute value: the five characters that could end or change it become
     * references. Spring's {@code HtmlUtils} does the same through an entity table per character.
     */
    static String escape(String link) {
        StringBuilder escaped = null;
        for (int i = 0; i < link.length(); i++) {
            char c = link.charAt(i);
            String reference = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (reference != null && escaped == null) {
                escaped = new StringBuilder(link.length() + 16).append(link, 0, i);
            }
            if (reference != null) {
                escaped.append(reference);
            }
            else if (escaped != null) {
                escaped.append(c);
            }
        }
        return escaped == null ? link : escaped.toString();
    }
}
