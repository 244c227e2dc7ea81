package dev.tidings.notifier.composing;

import dev.tidings.notifier.articles.StoredArticle;
import jakarta.mail.MessagingException;
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
 * <p>Rendering is split in two because a fan-out sends one article to many people: {@link #render}
 * once per article (sanitizing the body is the expensive part), {@link #compose} once per email,
 * adding only the personal footer.
 *
 * <p>Nothing from the article reaches a header unfiltered: control characters (CR/LF above all)
 * are removed from the subject, and the body HTML is sanitized again even though the producer
 * already did, because this service sends it to inboxes under its own name.
 */
@Component
public class InstantEmailComposer {

    private final NewsletterEnvelope envelope;

    InstantEmailComposer(NewsletterEnvelope envelope) {
        this.envelope = envelope;
    }

    /** The part of the email every subscriber shares. */
    public RenderedArticle render(StoredArticle article) {
        StringBuilder text = new StringBuilder();
        text.append(article.title()).append("\n\n");
        if (!article.summary().isBlank()) {
            text.append(article.summary()).append("\n\n");
        }
        text.append(bodyAsText(article.bodyHtml())).append("\n\n");
        if (isWebLink(article.canonicalUrl())) {
            text.append("Read on the site: ").append(article.canonicalUrl()).append("\n\n");
        }
        StringBuilder html = new StringBuilder("<h1>").append(HtmlUtils.htmlEscape(article.title())).append("</h1>\n");
        if (!article.summary().isBlank()) {
            html.append("<p><strong>").append(HtmlUtils.htmlEscape(article.summary())).append("</strong></p>\n");
        }
        html.append(Jsoup.clean(article.bodyHtml(), Safelist.relaxed())).append('\n');
        if (isWebLink(article.canonicalUrl())) {
            html.append("<p><a href=\"").append(HtmlUtils.htmlEscape(article.canonicalUrl()))
                    .append("\">Read on the site</a></p>\n");
        }
        ListId list = ListId.ofTopic(article.topic() == null ? "articles" : article.topic(),
                article.topicTitle() == null ? "Tidings" : article.topicTitle(), envelope.sendingDomain());
        return new RenderedArticle(article.id(), article.version(), article.title(), article.summary(),
                article.canonicalUrl(), text.toString(), html.toString(), list,
                NewsletterEnvelope.transferEncoding(text.toString() + '\n' + html));
    }

    /** Writes the email of {@code article} to {@code recipient} into {@code message}. */
    public void compose(MimeMessage message, RenderedArticle article, Recipient recipient)
            throws MessagingException {
        envelope.address(message, recipient, article.title(), article.list());
        String text = article.text() + "-- \nYou receive this because you subscribed to Tidings.\nChoose your topics: "
                + recipient.preferencesUrl() + "\nUnsubscribe: " + recipient.unsubscribeUrl() + '\n';
        String html = "<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\"><title>"
                + HtmlUtils.htmlEscape(article.title()) + "</title></head><body>\n" + article.html()
                + "<hr><p style=\"font-size:small\">You receive this because you subscribed to Tidings. "
                + "<a href=\"" + HtmlUtils.htmlEscape(recipient.preferencesUrl()) + "\">Choose your topics</a> &middot; "
                + "<a href=\"" + HtmlUtils.htmlEscape(recipient.unsubscribeUrl()) + "\">Unsubscribe</a></p>\n"
                + "</body></html>\n";
        NewsletterEnvelope.body(message, text, html, article.transferEncoding());
    }

    /**
     * The body's text with paragraphs kept apart, since a flat text() would run them together, and
     * with every link's target after its text: a reader of the plain part must be able to follow it.
     */
    static String bodyAsText(String bodyHtml) {
        Document document = Jsoup.parseBodyFragment(Jsoup.clean(bodyHtml, Safelist.relaxed()));
        StringBuilder text = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(org.jsoup.nodes.Node node, int depth) {
                if (node instanceof TextNode textNode) {
                    // The line breaks jsoup puts between blocks are not text; they would indent the next line.
                    boolean lineStart = text.isEmpty() || text.charAt(text.length() - 1) == '\n';
                    if (!(lineStart && textNode.isBlank())) {
                        text.append(textNode.text());
                    }
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
                if (node instanceof Element element && element.nameIs("a")) {
                    String target = element.attr("href");
                    if (isWebLink(target) && !element.text().strip().equals(target)) {
                        text.append(" (").append(target).append(')');
                    }
                }
                else if (node instanceof Element element && element.isBlock() && !element.nameIs("li")) {
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
