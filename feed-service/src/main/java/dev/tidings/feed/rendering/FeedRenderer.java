package dev.tidings.feed.rendering;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.module.DCModuleImpl;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import dev.tidings.feed.readmodel.FeedEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a {@link Feed} as RSS 2.0 or Atom 1.0 with Rome, or as JSON Feed 1.1 with Jackson (Rome
 * has no JSON Feed), as UTF-8 bytes. Thread-safe and
 * deterministic: the same feed gives the same bytes, so a hash of them is a valid ETag.
 *
 * <p>Works around Rome's known traps: every string is stripped of XML-illegal characters first
 * (one would fail the whole feed); the wire feed is built fresh per call and never gets a Dublin
 * Core date (which Rome would write beside {@code pubDate}); RSS gets its {@code atom:link
 * rel="self"}; an Atom entry without an author gets no empty {@code <author>} but inherits the
 * feed's.
 */
@Component
public class FeedRenderer {

    private static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");

    private final JsonFeedWriter jsonFeeds;

    public FeedRenderer(JsonMapper json) {
        this.jsonFeeds = new JsonFeedWriter(json);
    }

    public byte[] render(Feed feed, FeedFormat format) {
        if (format == FeedFormat.JSON) {
            return jsonFeeds.write(feed);
        }
        try {
            Document document = new WireFeedOutput().outputJDom(format == FeedFormat.RSS ? rss(feed) : atom(feed));
            if (format == FeedFormat.RSS) {
                addSelfLink(document, feed.urlOf(FeedFormat.RSS));
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            new XMLOutputter(Format.getPrettyFormat().setEncoding("UTF-8")).output(document, bytes);
            return bytes.toByteArray();
        }
        catch (FeedException ex) {
            throw new IllegalStateException("Rome could not write the " + format + " feed " + feed.url(), ex);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static WireFeed rss(Feed feed) {
        Channel channel = new Channel("rss_2.0");
        channel.setTitle(clean(feed.title()));
        channel.setLink(clean(feed.homeUrl()));
        channel.setDescription(clean(feed.description()));
        channel.setLanguage("en");
        channel.setPubDate(date(feed.updated()));
        channel.setLastBuildDate(date(feed.updated()));
        channel.setItems(feed.entries().stream().map(FeedRenderer::item).toList());
        return channel;
    }

    private static Item item(FeedEntry entry) {
        Item item = new Item();
        item.setTitle(clean(entry.title()));
        item.setLink(clean(entry.canonicalUrl()));
        Guid guid = new Guid();
        guid.setValue(entryId(entry));
        guid.setPermaLink(false);
        item.setGuid(guid);
        item.setPubDate(date(entry.publishedAt()));
        com.rometools.rome.feed.rss.Description description = new com.rometools.rome.feed.rss.Description();
        description.setType("text/plain");
        description.setValue(clean(entry.summary()));
        item.setDescription(description);
        com.rometools.rome.feed.rss.Content content = new com.rometools.rome.feed.rss.Content();
        content.setType(com.rometools.rome.feed.rss.Content.HTML);
        content.setValue(clean(entry.bodyHtml()));
        item.setContent(content);
        item.setCategories(categoriesOf(entry).map(term -> {
            com.rometools.rome.feed.rss.Category category = new com.rometools.rome.feed.rss.Category();
            category.setValue(term);
            return category;
        }).toList());
        // RSS <author> must be an email address; a name belongs in dc:creator. No dc:date is ever set.
        List<Module> modules = new ArrayList<>();
        if (hasText(entry.author())) {
            DCModuleImpl dublinCore = new DCModuleImpl();
            dublinCore.setCreator(clean(entry.author()));
            modules.add(dublinCore);
        }
        item.setModules(modules);
        return item;
    }

    private static void addSelfLink(Document document, String selfUrl) {
        Element rss = document.getRootElement();
        rss.addNamespaceDeclaration(ATOM);
        Element channel = rss.getChild("channel");
        Element self = new Element("link", ATOM)
                .setAttribute("href", clean(selfUrl))
                .setAttribute("rel", "self")
                .setAttribute("type", FeedFormat.RSS.type());
        Element firstItem = channel.getChild("item");
        if (firstItem == null) {
            channel.addContent(self);
        }
        else {
            channel.addContent(channel.indexOf(firstItem), self);
        }
    }

    private static WireFeed atom(Feed feed) {
        com.rometools.rome.feed.atom.Feed atom = new com.rometools.rome.feed.atom.Feed("atom_1.0");
        atom.setId(clean(feed.urlOf(FeedFormat.ATOM)));
        atom.setTitle(clean(feed.title()));
        atom.setSubtitle(text(com.rometools.rome.feed.atom.Content.TEXT, feed.description()));
        atom.setLanguage("en");
        atom.setUpdated(date(feed.updated()));
        atom.setAlternateLinks(List.of(link("alternate", "text/html", feed.homeUrl())));
        atom.setOtherLinks(List.of(link("self", FeedFormat.ATOM.type(), feed.urlOf(FeedFormat.ATOM))));
        // The publisher stands in for entries without an author: Atom requires one, but never an empty one.
        atom.setAuthors(List.of(person(feed.publisher())));
        atom.setEntries(feed.entries().stream().map(FeedRenderer::entry).toList());
        return atom;
    }

    private static Entry entry(FeedEntry entry) {
        Entry atom = new Entry();
        atom.setId(entryId(entry));
        atom.setTitle(clean(entry.title()));
        atom.setAlternateLinks(List.of(link("alternate", "text/html", entry.canonicalUrl())));
        atom.setPublished(date(entry.publishedAt()));
        atom.setUpdated(date(entry.updatedAt()));
        if (hasText(entry.author())) {
            atom.setAuthors(List.of(person(entry.author())));
        }
        atom.setSummary(text(com.rometools.rome.feed.atom.Content.TEXT, entry.summary()));
        atom.setContents(List.of(text(com.rometools.rome.feed.atom.Content.HTML, entry.bodyHtml())));
        atom.setCategories(categoriesOf(entry).map(term -> {
            com.rometools.rome.feed.atom.Category category = new com.rometools.rome.feed.atom.Category();
            category.setTerm(term);
            return category;
        }).toList());
        return atom;
    }

    private static Link link(String rel, String type, String href) {
        Link link = new Link();
        link.setRel(rel);
        link.setType(type);
        link.setHref(clean(href));
        return link;
    }

    private static SyndPerson person(String name) {
        Person person = new Person();
        person.setName(clean(name));
        return person;
    }

    private static com.rometools.rome.feed.atom.Content text(String type, String value) {
        com.rometools.rome.feed.atom.Content content = new com.rometools.rome.feed.atom.Content();
        content.setType(type);
        content.setValue(clean(value));
        return content;
    }

    static Stream<String> categoriesOf(FeedEntry entry) {
        return Stream.concat(entry.topics().stream(), entry.tags().stream())
                .map(XmlCharacters::strip)
                .filter(FeedRenderer::hasText)
                .distinct();
    }

    private static String entryId(FeedEntry entry) {
        return "urn:uuid:" + entry.id();
    }

    static boolean hasText(String value) {
        return value != null && !XmlCharacters.strip(value).isBlank();
    }

    private static String clean(String value) {
        return XmlCharacters.strip(value);
    }

    // Rome's model predates java.time.
    private static Date date(Instant instant) {
        return Date.from(instant);
    }
}
