package dev.tidings.notifier.subscription;

import dev.tidings.notifier.NotifierProperties;
import dev.tidings.notifier.web.HtmlPage;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** Mails the double opt-in link, after the token is committed (a link must never point to nothing). */
@Component
class ConfirmationMailer {

    static final String SUBJECT = "Confirm your subscription to Tidings";

    private static final Logger log = LoggerFactory.getLogger(ConfirmationMailer.class);

    private final JavaMailSender mailSender;

    private final NotifierProperties properties;

    private final MeterRegistry meters;

    ConfirmationMailer(JavaMailSender mailSender, NotifierProperties properties, MeterRegistry meters) {
        this.mailSender = mailSender;
        this.properties = properties;
        this.meters = meters;
    }

    @TransactionalEventListener
    void onConfirmationRequested(ConfirmationRequested request) {
        try {
            mailSender.send(compose(request));
            meters.counter("tidings.emails.sent", "kind", "confirmation").increment();
        }
        catch (MailException | MessagingException ex) {
            // The subscriber sees the same answer either way; asking again sends a fresh link.
            meters.counter("tidings.emails.failed", "kind", "confirmation", "permanent", "false").increment();
            log.warn("Could not send the confirmation email: {}", ex.getMessage());
        }
    }

    private MimeMessage compose(ConfirmationRequested request) throws MessagingException {
        MimeMessage message = mailSender.createMimeMessage();
        message.setFrom(new InternetAddress(properties.from(), true));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(request.email(), true));
        message.setSubject(SUBJECT, StandardCharsets.UTF_8.name());
        String url = request.confirmationUrl();
        MimeBodyPart text = new MimeBodyPart();
        text.setText("""
                Please confirm that you want to receive Tidings newsletters at this address:

                %s

                The link is valid for %d hours. If you did not ask for this, ignore this email: \
                you will receive nothing.
                """.formatted(url, properties.confirmationTokenTtl().toHours()), StandardCharsets.UTF_8.name(),
                "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(new HtmlPage("Confirm your subscription", """
                <p>Please confirm that you want to receive Tidings newsletters at this address.</p>
                <p><a href="%s">Confirm my subscription</a></p>
                <p>If you did not ask for this, ignore this email: you will receive nothing.</p>
                """.formatted(HtmlPage.escape(url))).html(), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        return message;
    }
}
