package dev.tidings.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Checks HTML as a browser or mail client would parse it: nothing in it can run. */
public final class InertHtml {

    /** Hostile text for titles, names and notes: markup, attribute breakouts, a header injection. */
    public static final String HOSTILE = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>' onmouseover='y"
            + "\r\nBcc: victim@example.test";

    /**
     * Parses {@code html} and fails if it has a script, an embedded frame or object, an event handler
     * attribute, a {@code javascript:} link, or an element that came from the hostile text.
     *
     * @return the parsed document, to check what it shows
     */
    public static Document assertInert(String html) {
        Document document = Jsoup.parse(html);
        assertThat(document.select("script, iframe, object, embed, img[src=x]")).as("active elements").isEmpty();
        for (Element element : document.getAllElements()) {
            for (Attribute attribute : element.attributes()) {
                assertThat(attribute.getKey().toLowerCase(Locale.ROOT)).as("attribute of <%s>", element.tagName())
                        .doesNotStartWith("on");
                assertThat(attribute.getValue().strip().toLowerCase(Locale.ROOT))
                        .as("attribute %s of <%s>", attribute.getKey(), element.tagName())
                        .doesNotStartWith("javascript:");
            }
        }
        return document;
    }

    private InertHtml() {
    }
}
