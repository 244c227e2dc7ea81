package dev.tidings.notifier.subscription;

import dev.tidings.notifier.NotifierProperties;
import dev.tidings.notifier.composing.EmailTemplates;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The double opt-in email of one request: which topics it would start, and the link that confirms
 * exactly those. The link is an HMAC of the request's id, so it needs no row besides the request.
 */
@Component
class ConfirmationEmailComposer {

    static final String SUBJECT = "Confirm your subscription to Tidings";

    private final LinkTokens tokens;

    private final NotifierProperties properties;

    private final EmailTemplates templates;

    ConfirmationEmailComposer(LinkTokens tokens, NotifierProperties properties, EmailTemplates templates) {
        this.tokens = tokens;
        this.properties = properties;
        this.templates = templates;
    }

    /** Writes the email of {@code request} into {@code message}; {@code topicTitles} as the reader knows them. */
    void compose(MimeMessage message, ConfirmationRequest request, List<String> topicTitles)
            throws MessagingException {
        message.setFrom(new InternetAddress(properties.from(), true));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(request.email(), true));
        message.setSubject(SUBJECT, StandardCharsets.UTF_8.name());
        String url = properties.baseUrl() + "/subscriptions/confirm?token="
                + tokens.sign(LinkPurpose.CONFIRM, request.id());
        long hours = properties.confirmationTokenTtl().toHours();
        MimeBodyPart text = new MimeBodyPart();
        text.setText("""
                Please confirm that you want to receive Tidings newsletters at this address, on:
                %s

                %s

                The link is valid for %d hours. If you did not ask for this, ignore this email: \
                you will receive nothing.
                """.formatted(topicTitles.stream().map(title -> "- " + title).collect(Collectors.joining("\n")),
                url, hours), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(templates.render("confirmation", Map.of("topics", topicTitles, "confirmUrl", url, "hours", hours)),
                StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
    }
}
