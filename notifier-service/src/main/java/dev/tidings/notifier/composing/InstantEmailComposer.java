package dev.tidings.notifier.delivery;

import dev.tidings.notifier.NotifierProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Turns an article into the email a subscriber receives: multipart/alternative with a text/plain
 * and a text/html part, and the RFC 8058 one-click unsubscribe headers.
 *
 * <p>Nothing from the article reaches a header unfiltered: control characters (CR/LF above all)
 * are removed from the subject, and the body HTML is sanitized again even though the producer
 * already did, because this service sends it to inboxes under its own name.
 */
@Component
public class InstantEmailComposer {

    private final InternetAddress from;

    InstantEmailComposer(NotifierProperties properties) {
        this.from = NewsletterEnvelope.sender(properties.from());
    }

    /** Writes {@code email} into {@code message}. */
    public void compose(MimeMessage message, InstantEmail email) throws MessagingException {
        NewsletterEnvelope.address(message, from, email.to(), email.title(), email.unsubscribeUrl());
        NewsletterEnvelope.body(message, plainText(email), html(email));
    }

    private static String plainText(InstantEmail email) {
        StringBuilder text = new StringBuilder();
        text.append(email.title()).append("\n\n");
        if (!email.summary().isBlank()) {
            text.append(email.summary()).append("\n\n");
        }
        text.append(bodyAsText(email.bodyHtml())).append("\n\n");
        if (isWebLink(email.canonicalUrl())) {
            text.append("Read on the site: ").append(email.canonicalUrl()).append("\n\n");
        }
        text.append("-- \nYou receive this because you subscribed to Tidings.\nChoose your topics: ")
                .append(email.preferencesUrl()).append("\nUnsubscribe: ").append(email.unsubscribeUrl()).append('\n');
        return text.toString();
    }

    private static String html(InstantEmail email) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\"><title>")
                .append(HtmlUtils.htmlEscape(email.title()))
                .append("</title></head><body>\n<h1>")
                .append(HtmlUtils.htmlEscape(email.title()))
                .append("</h1>\n");
        if (!email.summary().isBlank()) {
            html.append("<p><strong>").append(HtmlUtils.htmlEscape(email.summary())).append("</strong></p>\n");
        }
        html.append(Jsoup.clean(email.bodyHtml(), Safelist.relaxed())).append('\n');
        if (isWebLink(email.canonicalUrl())) {
            html.append("<p><a href=\"").append(HtmlUtils.htmlEscape(email.canonicalUrl()))
                    .append("\">Read on the site</a></p>\n");
        }
        html.append("<hr><p style=\"font-size:small\">You receive this because you subscribed to Tidings. ")
                .append("<a href=\"").append(HtmlUtils.htmlEscape(email.preferencesUrl()))
                .append("\">Choose your topics</a> · ")
                .append("<a href=\"").append(HtmlUtils.htmlEscape(email.unsubscribeUrl()))
                .append("\">Unsubscribe</a></p>\n</body></html>\n");
        return html.toString();
    }

    /** The body's text with paragraphs kept apart, since a flat text() would run them together. */
    static String bodyAsText(String bodyHtml) {
        Document document = Jsoup.parseBodyFragment(Jsoup.clean(bodyHtml, Safelist.relaxed()));
        StringBuilder text = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(org.jsoup.nodes.Node node, int depth) {
                if (node instanceof TextNode textNode) {
                    text.append(textNode.text());
                }
                else if (node instanceof Element element && element.nameIs("br")) {
                    text.append('\n');
                }
                else if (node instanceof Element element && element.nameIs("li")) {
                    text.append("\n- ");
                }
            }

            @Override
            public void tail(org.jsoup.nodes.Node node, int depth) {
                if (node instanceof Element element && element.isBlock() && !element.nameIs("li")) {
                    text.append("\n\n");
                }
            }
        }, document.body());
        return text.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }

    static boolean isWebLink(String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://"));
    }
}
