package dev.tidings.localstack.mail;

import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * One message the {@link MailCatcher} received, decoded for reading: addresses, subject, the first
 * {@code text/plain} and {@code text/html} parts found anywhere in the MIME tree, and all headers
 * as sent.
 */
public record CapturedMail(
        int index,
        String from,
        List<String> to,
        String subject,
        Instant sentAt,
        String contentType,
        Optional<String> text,
        Optional<String> html,
        List<MailHeader> headers) {

    public CapturedMail {
        to = List.copyOf(to);
        headers = List.copyOf(headers);
    }

    /** The first value of header {@code name} (compared without case). */
    public Optional<String> header(String name) {
        return headers.stream().filter(header -> header.name().equalsIgnoreCase(name)).map(MailHeader::value)
                .findFirst();
    }

    static CapturedMail of(int index, MimeMessage message) {
        try {
            Parts parts = new Parts();
            parts.collect(message);
            List<MailHeader> headers = new ArrayList<>();
            for (Header header : Collections.list(message.getAllHeaders())) {
                headers.add(new MailHeader(header.getName(), header.getValue()));
            }
            Date date = message.getSentDate() != null ? message.getSentDate() : message.getReceivedDate();
            return new CapturedMail(index, sender(message.getFrom()),
                    addresses(message.getRecipients(Message.RecipientType.TO)),
                    Optional.ofNullable(message.getSubject()).orElse(""),
                    date == null ? null : date.toInstant(),
                    message.getContentType(), Optional.ofNullable(parts.text), Optional.ofNullable(parts.html),
                    headers);
        }
        catch (MessagingException | IOException ex) {
            // A message that does not parse is still worth listing, with the reason in place of its body.
            return new CapturedMail(index, "", List.of(), "(unreadable message: " + ex.getMessage() + ")", null,
                    "", Optional.empty(), Optional.empty(), List.of());
        }
    }

    /** The sender as written, e.g. {@code Tidings <newsletter@health.example>}. */
    private static String sender(Address[] from) {
        if (from == null || from.length == 0) {
            return "";
        }
        return from[0] instanceof InternetAddress internet ? internet.toUnicodeString() : from[0].toString();
    }

    private static List<String> addresses(Address[] addresses) {
        if (addresses == null) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (Address address : addresses) {
            result.add(address instanceof InternetAddress internet ? internet.getAddress() : address.toString());
        }
        return result;
    }

    /** A header line as received (value unfolded, not decoded). */
    public record MailHeader(String name, String value) {
    }

    /** Walks the MIME tree depth-first, keeping the first text and HTML part. */
    private static final class Parts {

        private String text;

        private String html;

        void collect(Part part) throws MessagingException, IOException {
            if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    collect(multipart.getBodyPart(i));
                }
            }
            else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return;
            }
            else if (text == null && part.isMimeType("text/plain")) {
                text = part.getContent().toString();
            }
            else if (html == null && part.isMimeType("text/html")) {
                html = part.getContent().toString();
            }
        }
    }
}
