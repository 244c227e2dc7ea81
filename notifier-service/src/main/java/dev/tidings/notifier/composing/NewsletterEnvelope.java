package dev.tidings.notifier.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;

/**
 * What every newsletter email shares, instant or digest: sender, recipient, a one-line subject, the
 * RFC 8058 one-click unsubscribe headers, and a multipart/alternative body (text, then HTML).
 */
final class NewsletterEnvelope {

    static void address(MimeMessage message, InternetAddress from, String to, String subject, String unsubscribeUrl)
            throws MessagingException {
        message.setFrom(from);
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to, true));
        message.setSubject(HeaderText.clean(subject), StandardCharsets.UTF_8.name());
        message.setHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">");
        message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }

    static void body(MimeMessage message, String plainText, String html) throws MessagingException {
        MimeBodyPart text = new MimeBodyPart();
        text.setText(plainText, StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart htmlPart = new MimeBodyPart();
        htmlPart.setText(html, StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(htmlPart);
        message.setContent(alternative);
    }

    static InternetAddress sender(String from) {
        try {
            return new InternetAddress(from, true);
        }
        catch (MessagingException ex) {
            throw new IllegalArgumentException("tidings.notifier.from is not an email address: " + from, ex);
        }
    }

    private NewsletterEnvelope() {
    }
}
