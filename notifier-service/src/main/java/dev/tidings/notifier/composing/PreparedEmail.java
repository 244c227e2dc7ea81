package dev.tidings.notifier.composing;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/**
 * An email prepared for every recipient at once: every header and both bodies, encoded, with
 * places for what differs per recipient (To, Date, Message-ID, List-Unsubscribe and the links in
 * the bodies). {@link #to} writes one recipient's email as bytes; nothing is parsed or encoded
 * twice. Immutable and thread-safe.
 */
final class PreparedEmail {

    /** RFC 5322's date-time, with a numeric zone. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z",
            Locale.ENGLISH);

    private final String envelopeFrom;

    private final String sendingDomain;

    private final byte[] sharedHeaders;

    private final EncodedBody text;

    private final byte[] between;

    private final EncodedBody html;

    private final byte[] end;

    /**
     * @param sharedHeaders the header lines every recipient's email has (From, Subject, the list
     *     headers), each ending in CRLF
     */
    PreparedEmail(String envelopeFrom, String sendingDomain, String sharedHeaders, EncodedBody text,
            String textEncoding, EncodedBody html, String htmlEncoding) {
        this.envelopeFrom = envelopeFrom;
        this.sendingDomain = sendingDomain;
        // Random, so that no article can contain it; Jakarta Mail's boundaries look alike.
        String boundary = "----=_Part_" + UUID.randomUUID();
        this.sharedHeaders = ascii(sharedHeaders
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/alternative;\r\n\tboundary=\"" + boundary + "\"\r\n"
                + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: " + textEncoding + "\r\n"
                + "\r\n");
        this.text = text;
        this.between = ascii("\r\n--" + boundary + "\r\n"
                + "Content-Type: text/html; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: " + htmlEncoding + "\r\n"
                + "\r\n");
        this.html = html;
        this.end = ascii("\r\n--" + boundary + "--\r\n");
    }

    /**
     * The email of {@code recipient}, with a new Message-ID on the sending domain.
     *
     * @throws AddressException if the recipient's address cannot be used in a header
     */
    OutgoingEmail to(Recipient recipient) throws AddressException {
        String address = new InternetAddress(recipient.email(), true).getAddress();
        ByteArrayOutputStream out = new ByteArrayOutputStream(sharedHeaders.length + text.length() + html.length()
                + between.length + end.length + 1024);
        out.writeBytes(("Date: " + DATE.format(ZonedDateTime.now()) + "\r\n"
                + "To: " + address + "\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@" + sendingDomain + ">\r\n"
                + "List-Unsubscribe: <" + recipient.unsubscribeUrl() + ">\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(sharedHeaders);
        text.writeTo(out, recipient);
        out.writeBytes(between);
        html.writeTo(out, recipient);
        out.writeBytes(end);
        return new OutgoingEmail(envelopeFrom, address, out.toByteArray());
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
