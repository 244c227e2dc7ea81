package dev.tidings.notifier.composing;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/** Turns the articles of a period into one digest email: title, summary and link of each. */
@Component
public class DigestEmailComposer {

    private final NewsletterEnvelope envelope;

    DigestEmailComposer(NewsletterEnvelope envelope) {
        this.envelope = envelope;
    }

    /** Writes {@code digest} for {@code recipient} into {@code message}. */
    public void compose(MimeMessage message, DigestEmail digest, Recipient recipient) throws MessagingException {
        String heading = "Your " + digest.kind() + " Tidings digest";
        int count = digest.items().size();
        String subject = heading + ": " + count + (count == 1 ? " article" : " articles");
        envelope.address(message, recipient, subject, ListId.ofDigest(digest.kind(), envelope.sendingDomain()));
        StringBuilder text = new StringBuilder(heading).append("\n\n");
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\"><title>")
                .append(HtmlUtils.htmlEscape(heading)).append("</title></head><body>\n<h1>")
                .append(HtmlUtils.htmlEscape(heading)).append("</h1>\n");
        for (RenderedArticle item : digest.items()) {
            text.append("* ").append(HeaderText.clean(item.title())).append('\n');
            html.append("<h2>").append(HtmlUtils.htmlEscape(item.title())).append("</h2>\n");
            if (!item.summary().isBlank()) {
                text.append("  ").append(item.summary()).append('\n');
                html.append("<p>").append(HtmlUtils.htmlEscape(item.summary())).append("</p>\n");
            }
            if (InstantEmailComposer.isWebLink(item.canonicalUrl())) {
                text.append("  ").append(item.canonicalUrl()).append('\n');
                html.append("<p><a href=\"").append(HtmlUtils.htmlEscape(item.canonicalUrl()))
                        .append("\">Read on the site</a></p>\n");
            }
            text.append('\n');
        }
        text.append("-- \nChoose your topics and how often: ").append(recipient.preferencesUrl())
                .append("\nUnsubscribe: ").append(recipient.unsubscribeUrl()).append('\n');
        html.append("<hr><p style=\"font-size:small\"><a href=\"")
                .append(HtmlUtils.htmlEscape(recipient.preferencesUrl()))
                .append("\">Choose your topics and how often</a> · <a href=\"")
                .append(HtmlUtils.htmlEscape(recipient.unsubscribeUrl()))
                .append("\">Unsubscribe</a></p>\n</body></html>\n");
        NewsletterEnvelope.body(message, text.toString(), html.toString());
    }
}
