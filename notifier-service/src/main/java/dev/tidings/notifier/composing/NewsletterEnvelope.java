package dev.tidings.notifier.composing;

import dev.tidings.notifier.NotifierProperties;
import jakarta.mail.MessagingException;
import jakarta.activation.DataHandler;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What every newsletter email shares, instant or digest: sender, recipient, a one-line subject, the
 * RFC 8058 one-click unsubscribe headers, a {@code List-Id}, {@code Precedence: bulk}, a {@code Message-ID} on the
 * sending domain, and a multipart/alternative body (text, then HTML).
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

    void address(MimeMessage message, Recipient recipient, String subject, ListId list) throws MessagingException {
        message.setFrom(from);
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(recipient.email(), true));
        message.setSubject(HeaderText.clean(subject), StandardCharsets.UTF_8.name());
        message.setHeader("List-Unsubscribe", "<" + recipient.unsubscribeUrl() + ">");
        message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        // Tells auto-responders (vacation replies) not to answer a mailing.
        message.setHeader("Precedence", "bulk");
        message.setHeader("List-Id", list.headerValue());
    }

    static void body(MimeMessage message, String plainText, String html) throws MessagingException {
        body(message, plainText, html, null);
    }

    /**
     * The body with both parts in {@code transferEncoding}; null lets Jakarta Mail choose, which
     * costs a scan of each part of each email. A chosen encoding also lets the parts be written as
     * bytes in blocks: Jakarta Mail's text handler hands them to the SMTP stream one byte at a time,
     * the biggest cost of a fan-out.
     */
    static void body(MimeMessage message, String plainText, String html, String transferEncoding)
            throws MessagingException {
        MimeMultipart alternative = new MimeMultipart("alternative");
        if (transferEncoding == null) {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(plainText, StandardCharsets.UTF_8.name(), "plain");
            MimeBodyPart htmlPart = new MimeBodyPart();
            htmlPart.setText(html, StandardCharsets.UTF_8.name(), "html");
            alternative.addBodyPart(text);
            alternative.addBodyPart(htmlPart);
        }
        else {
            alternative.addBodyPart(encodedPart(plainText, "text/plain; charset=UTF-8", transferEncoding));
            alternative.addBodyPart(encodedPart(html, "text/html; charset=UTF-8", transferEncoding));
        }
        message.setContent(alternative);
    }

    private static MimeBodyPart encodedPart(String content, String type, String transferEncoding)
            throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(content.getBytes(StandardCharsets.UTF_8), type)));
        part.setHeader("Content-Type", type);
        part.setHeader("Content-Transfer-Encoding", transferEncoding);
        return part;
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
