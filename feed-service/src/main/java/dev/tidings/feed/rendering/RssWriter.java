package dev.tidings.feed.rendering;

import static dev.tidings.feed.rendering.FeedText.clean;
import static dev.tidings.feed.rendering.FeedText.date;

import com.rometools.rome.feed.module.DCModuleImpl;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.rss.Category;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Content;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import dev.tidings.feed.readmodel.FeedEntry;
import java.util.ArrayList;
import java.util.List;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * Builds the RSS 2.0 channel of a feed as a fresh Rome wire feed. It never sets a Dublin Core date
 * (Rome would write {@code dc:date} beside {@code pubDate}); the author's name goes to
 * {@code dc:creator} because RSS {@code <author>} must be an email address.
 */
final class RssWriter {

    private static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");

    static Channel channel(Feed feed) {
        Channel channel = new Channel("rss_2.0");
        channel.setTitle(clean(feed.title()));
        channel.setLink(clean(feed.homeUrl()));
        channel.setDescription(clean(feed.description()));
        channel.setLanguage("en");
        channel.setPubDate(date(feed.updated()));
        channel.setLastBuildDate(date(feed.updated()));
        channel.setItems(feed.entries().stream().map(RssWriter::item).toList());
        return channel;
    }

    /**
     * Adds {@code <atom:link rel="self">}, which Rome does not write for RSS, and the WebSub hub's
     * {@code <atom:link rel="hub">}, before the first item.
     */
    static void addSelfAndHubLinks(Document document, Feed feed, String hubUrl) {
        Element rss = document.getRootElement();
        rss.addNamespaceDeclaration(ATOM);
        Element channel = rss.getChild("channel");
        Element self = new Element("link", ATOM)
                .setAttribute("href", clean(feed.urlOf(FeedFormat.RSS)))
                .setAttribute("rel", "self")
                .setAttribute("type", FeedFormat.RSS.type());
        Element hub = new Element("link", ATOM)
                .setAttribute("href", clean(hubUrl))
                .setAttribute("rel", "hub");
        Element firstItem = channel.getChild("item");
        int position = firstItem == null ? channel.getContentSize() : channel.indexOf(firstItem);
        channel.addContent(position, List.of(self, hub));
    }

    private static Item item(FeedEntry entry) {
        Item item = new Item();
        item.setTitle(clean(entry.title()));
        item.setLink(clean(entry.canonicalUrl()));
        Guid guid = new Guid();
        guid.setValue(FeedText.entryId(entry));
        guid.setPermaLink(false);
        item.setGuid(guid);
        item.setPubDate(date(entry.publishedAt()));
        Description description = new Description();
        description.setType("text/plain");
        description.setValue(clean(entry.summary()));
        item.setDescription(description);
        Content content = new Content();
        content.setType(Content.HTML);
        content.setValue(FeedText.contentHtml(entry));
        item.setContent(content);
        item.setCategories(FeedText.categoriesOf(entry).map(term -> {
            Category category = new Category();
            category.setValue(term);
            return category;
        }).toList());
        List<Module> modules = new ArrayList<>();
        if (FeedText.hasText(entry.author())) {
            DCModuleImpl dublinCore = new DCModuleImpl();
            dublinCore.setCreator(clean(entry.author()));
            modules.add(dublinCore);
        }
        item.setModules(modules);
        return item;
    }

    private RssWriter() {
    }
}
