package dev.tidings.notifier.composing;

import dev.tidings.notifier.articles.StoredArticle;
import jakarta.mail.internet.AddressException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import org.springframework.stereotype.Component;

/**
 * Turns an article into the email a subscriber receives: multipart/alternative with a text/plain
 * and a text/html part, and the RFC 8058 one-click unsubscribe headers.
 *
 * <p>Rendering is split in two because a fan-out sends one article to many people: {@link #render}
 * once per article (sanitizing the body, the template pass, the headers and the transfer encoding
 * are the expensive parts), {@link #compose} once per email, writing the prepared bytes with the
 * personal links and headers in their places (see {@link PreparedEmail}).
 *
 * <p>Nothing from the article reaches a header unfiltered: control characters (CR/LF above all)
 * are removed from the subject, and the body HTML is sanitized again even though the producer
 * already did, because this service sends it to inboxes under its own name.
 */
@Component
public class InstantEmailComposer {

    /** The email's typography for the elements of an article body, by jsoup selector. */
    private static final Map<String, String> BODY_STYLES = Map.of(
            "p", "margin:0 0 16px;",
            "h2", "margin:28px 0 8px;font-family:Georgia,'Times New Roman',serif;font-size:21px;line-height:1.3;",
            "h3", "margin:24px 0 8px;font-family:Georgia,'Times New Roman',serif;font-size:18px;line-height:1.3;",
            "ul, ol", "margin:0 0 16px;padding-left:22px;",
            "blockquote", "margin:0 0 16px;padding-left:14px;border-left:3px solid #dcd7cc;color:#4a5568;",
            "a", "color:#1f4e8c;",
            "img", "max-width:100%;height:auto;");

    private final NewsletterEnvelope envelope;

    private final EmailTemplates templates;

    InstantEmailComposer(NewsletterEnvelope envelope, EmailTemplates templates) {
        this.envelope = envelope;
        this.templates = templates;
    }

    /** The part of the email every subscriber shares. */
    public RenderedArticle render(StoredArticle article) {
        StringBuilder text = new StringBuilder();
        text.append(article.title()).append("\n\n");
        if (!article.summary().isBlank()) {
            text.append(article.summary()).append("\n\n");
        }
        text.append(bodyAsText(article.bodyHtml())).append("\n\n");
        String siteLink = isWebLink(article.canonicalUrl()) ? article.canonicalUrl() : null;
        if (siteLink != null) {
            text.append("Read on the site: ").append(siteLink).append("\n\n");
        }
        Map<String, Object> model = new HashMap<>();
        model.put("title", article.title());
        model.put("summary", article.summary());
        model.put("topic", article.topicTitle());
        model.put("bodyHtml", bodyForEmail(article.bodyHtml()));
        model.put("canonicalUrl", siteLink);
        PersonalizableHtml html = PersonalizableHtml.render(link -> {
            model.put("unsubscribeUrl", link.apply(PersonalizableHtml.Slot.UNSUBSCRIBE));
            model.put("preferencesUrl", link.apply(PersonalizableHtml.Slot.PREFERENCES));
            return templates.render("article", model);
        });
        ListId list = ListId.ofTopic(article.topic() == null ? "articles" : article.topic(),
                article.topicTitle() == null ? "Tidings" : article.topicTitle(), envelope.sendingDomain());
        List<String> textPieces = List.of(text + "-- \nYou receive this because you subscribed to Tidings."
                + "\nChoose your topics: ", "\nUnsubscribe: ", "\n");
        List<PersonalizableHtml.Slot> textSlots = List.of(PersonalizableHtml.Slot.PREFERENCES,
                PersonalizableHtml.Slot.UNSUBSCRIBE);
        String transferEncoding = NewsletterEnvelope.transferEncoding(String.join("", textPieces) + '\n'
                + html.shared());
        PreparedEmail email = envelope.prepare(article.title(), list,
                EncodedBody.text(textPieces, textSlots, transferEncoding), EncodedBody.html(html, transferEncoding),
                transferEncoding);
        return new RenderedArticle(article.id(), article.version(), article.title(), article.summary(),
                article.canonicalUrl(), html, email);
    }

    /**
     * The email of {@code article} to {@code recipient}.
     *
     * @throws AddressException if the recipient's address cannot be written into a header
     */
    public OutgoingEmail compose(RenderedArticle article, Recipient recipient) throws AddressException {
        return article.email().to(recipient);
    }

    /**
     * The article's body for the HTML part: sanitized again (this service sends it under its own
     * name), then given the email's typography as inline styles, since mail clients drop style
     * sheets; images scaled to the width of the email.
     */
    static String bodyForEmail(String bodyHtml) {
        Document body = Jsoup.parseBodyFragment(Jsoup.clean(bodyHtml, Safelist.relaxed()));
        BODY_STYLES.forEach((selector, style) -> body.select(selector).attr("style", style));
        return body.body().html();
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
