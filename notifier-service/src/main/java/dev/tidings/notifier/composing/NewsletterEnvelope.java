package dev.tidings.notifier.composing;

import dev.tidings.notifier.NotifierProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What every newsletter email shares, instant or digest: sender, recipient, a one-line subject, the
 * RFC 8058 one-click unsubscribe headers, a {@code List-Id}, {@code Precedence: bulk}, a {@code Message-ID} on the
 * sending domain, and a multipart/alternative body (text, then HTML). Newsletters are written as
 * bytes ({@link PreparedEmail}), with no Jakarta Mail message per email; the confirmation emails use
 * {@link #newMessage}.
 */
@Component
public class NewsletterEnvelope {

    private final InternetAddress from;

    private final String sendingDomain;

    NewsletterEnvelope(NotifierProperties properties) {
        this.from = sender(properties.from());
        this.sendingDomain = from.getAddress().substring(from.getAddress().indexOf('@') + 1);
    }

    /**
     * An empty message for {@code session}. Its {@code Message-ID} names the sending domain: Jakarta
     * Mail would name this host (often {@code localhost}), which spam filters hold against a sender.
     */
    public MimeMessage newMessage(Session session) {
        return new NewsletterMessage(session, sendingDomain);
    }

    /** The domain of the From address: Message-IDs and List-Ids are named under it. */
    String sendingDomain() {
        return sendingDomain;
    }

    /**
     * An email with these headers and bodies, prepared for every recipient: the subject cleaned to
     * one line and encoded, From, List-Id, the RFC 8058 one-click header and {@code Precedence: bulk}
     * written once; both bodies in {@code transferEncoding}.
     */
    PreparedEmail prepare(String subject, ListId list, EncodedBody text, EncodedBody html, String transferEncoding) {
        String encodedSubject;
        try {
            // As MimeMessage.setSubject writes it: an encoded word if need be, folded after "Subject: ".
            encodedSubject = MimeUtility.fold(9, MimeUtility.encodeText(HeaderText.clean(subject),
                    StandardCharsets.UTF_8.name(), null));
        }
        catch (UnsupportedEncodingException ex) {
            throw new IllegalStateException("UTF-8 is always supported", ex);
        }
        String headers = "From: " + from + "\r\n"
                + "Subject: " + encodedSubject + "\r\n"
                + "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
                // Tells auto-responders (vacation replies) not to answer a mailing.
                + "Precedence: bulk\r\n"
                + "List-Id: " + list.headerValue() + "\r\n";
        return new PreparedEmail(from.getAddress(), sendingDomain, headers, text, transferEncoding, html,
                transferEncoding);
    }

    /** A prepared email of one text and one HTML body without personal links in them (digests). */
    PreparedEmail prepare(String subject, ListId list, String plainText, String html) {
        String transferEncoding = transferEncoding(plainText + '\n' + html);
        return prepare(subject, list, EncodedBody.text(List.of(plainText), List.of(), transferEncoding),
                EncodedBody.text(List.of(html), List.of(), transferEncoding), transferEncoding);
    }

    /**
     * {@code 7bit} for ASCII text in lines of at most 998 characters (RFC 5322), else
     * {@code quoted-printable}. The personal links added later are ASCII and short.
     */
    static String transferEncoding(String content) {
        int lineLength = 0;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c >= 128 || c == 0 || c == '\r') {
                return "quoted-printable";
            }
            lineLength = c == '\n' ? 0 : lineLength + 1;
            if (lineLength > 900) {
                return "quoted-printable";
            }
        }
        return "7bit";
    }

    static InternetAddress sender(String from) {
        try {
            return new InternetAddress(from, true);
        }
        catch (MessagingException ex) {
            throw new IllegalArgumentException("tidings.notifier.from is not an email address: " + from, ex);
        }
    }

    /** A message whose {@code Message-ID} is a random id on the sending domain. */
    private static final class NewsletterMessage extends MimeMessage {

        private final String domain;

        NewsletterMessage(Session session, String domain) {
            super(session);
            this.domain = domain;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + domain + ">");
        }
    }
}
