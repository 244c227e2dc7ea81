package dev.tidings.content.article;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;
import org.springframework.stereotype.Component;

/**
 * Renders an article's Markdown to the HTML every consumer shows as is: feeds, pages and mails.
 *
 * <p>The output is sanitized with jsoup's relaxed safelist, so no script or style element, no
 * event-handler attribute and no URL other than http, https or mailto survives, whatever the
 * author wrote (Markdown allows raw HTML). Links get {@code rel="nofollow noopener"}. Thread-safe.
 */
@Component
public class MarkdownRenderer {

    private final Parser parser = Parser.builder().build();

    private final HtmlRenderer renderer = HtmlRenderer.builder().sanitizeUrls(true).build();

    private final Safelist safelist = Safelist.relaxed().addEnforcedAttribute("a", "rel", "nofollow noopener");

    private final Document.OutputSettings output = new Document.OutputSettings().prettyPrint(false);

    /** Sanitized HTML for {@code markdown}. */
    public String render(String markdown) {
        String html = renderer.render(parser.parse(markdown));
        return Jsoup.clean(html, "", safelist, output).strip();
    }
}
