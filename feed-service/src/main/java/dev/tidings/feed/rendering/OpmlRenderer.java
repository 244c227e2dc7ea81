package dev.tidings.feed.rendering;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;
import org.springframework.stereotype.Component;

/**
 * Writes an OPML 2.0 subscription list (one outline per feed and format) that a
 * reader imports to subscribe to everything at once. Built with JDOM, which escapes all text.
 */
@Component
public class OpmlRenderer {

    /** One feed in the list. */
    public record Outline(String title, String feedUrl, String homeUrl) {
    }

    public byte[] render(String title, Instant updated, List<Outline> outlines) {
        Element head = new Element("head")
                .addContent(new Element("title").setText(XmlCharacters.strip(title)))
                .addContent(new Element("dateModified")
                        .setText(DateTimeFormatter.RFC_1123_DATE_TIME.format(updated.atOffset(ZoneOffset.UTC))));
        Element body = new Element("body");
        for (Outline outline : outlines) {
            String text = XmlCharacters.strip(outline.title());
            body.addContent(new Element("outline")
                    .setAttribute("type", "rss")
                    .setAttribute("text", text)
                    .setAttribute("title", text)
                    .setAttribute("xmlUrl", XmlCharacters.strip(outline.feedUrl()))
                    .setAttribute("htmlUrl", XmlCharacters.strip(outline.homeUrl())));
        }
        Document opml = new Document(new Element("opml").setAttribute("version", "2.0")
                .addContent(head).addContent(body));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            new XMLOutputter(Format.getPrettyFormat().setEncoding("UTF-8")).output(opml, bytes);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }
}
