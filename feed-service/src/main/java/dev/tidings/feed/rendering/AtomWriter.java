package dev.tidings.feed.rendering;

import static dev.tidings.feed.rendering.FeedText.clean;
import static dev.tidings.feed.rendering.FeedText.date;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.synd.SyndPerson;
import dev.tidings.feed.readmodel.FeedEntry;
import dev.tidings.feed.readmodel.Retraction;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * Builds the Atom 1.0 document of a feed as a fresh Rome wire feed. The feed's id is its own URL,
 * stable as long as {@code public-url} is. An entry without an author gets none (never an empty
 * {@code <author><name/>}) and inherits the feed's publisher, which Atom requires.
 */
final class AtomWriter {

    static final Namespace TOMBSTONES = Namespace.getNamespace("at", "http://purl.org/atompub/tombstones/1.0");

    static final Namespace HISTORY = Namespace.getNamespace("fh", "http://purl.org/syndication/history/1.0");

    /** The feed with its self link and, for WebSub, its hub's. */
    static com.rometools.rome.feed.atom.Feed feed(Feed feed, String hubUrl) {
        com.rometools.rome.feed.atom.Feed atom = new com.rometools.rome.feed.atom.Feed("atom_1.0");
        atom.setId(clean(feed.urlOf(FeedFormat.ATOM)));
        atom.setTitle(clean(feed.title()));
        atom.setSubtitle(content(Content.TEXT, feed.description()));
        atom.setUpdated(date(feed.updated()));
        atom.setAlternateLinks(List.of(link("alternate", "text/html", feed.homeUrl())));
        List<Link> links = new ArrayList<>(List.of(link("self", FeedFormat.ATOM.type(), feed.urlOf(FeedFormat.ATOM)),
                link("hub", null, hubUrl)));
        History history = feed.history();
        if (history.current() != null) {
            links.add(link("current", FeedFormat.ATOM.type(), history.current()));
        }
        if (history.prevArchive() != null) {
            links.add(link("prev-archive", FeedFormat.ATOM.type(), history.prevArchive()));
        }
        if (history.nextArchive() != null) {
            links.add(link("next-archive", FeedFormat.ATOM.type(), history.nextArchive()));
        }
        atom.setOtherLinks(links);
        atom.setAuthors(List.of(person(feed.publisher())));
        atom.setEntries(feed.entries().stream().map(AtomWriter::entry).toList());
        return atom;
    }

    /**
     * Marks an archive page with RFC 5005's {@code <fh:archive/>}, and adds an RFC 6721 {@code <at:deleted-entry ref="<entry id>" when="<retraction time>">} with the
     * reason as {@code <at:comment>} for each recent retraction, so that a reader or partner that
     * copied an entry learns to remove it. Rome has no model for tombstones, so they go into the
     * written document, before the first entry: RFC 4287's schema allows extension elements of a
     * feed only ahead of its entries.
     */
    static void addHistoryAndTombstones(Document document, Feed feed) {
        Element root = document.getRootElement();
        if (feed.history().archive()) {
            // RFC 5005: an archive document says so, so that a reader does not take it for the subscription.
            root.addNamespaceDeclaration(HISTORY);
            root.addContent(0, new Element("archive", HISTORY));
        }
        if (feed.retractions().isEmpty()) {
            return;
        }
        root.addNamespaceDeclaration(TOMBSTONES);
        Element firstEntry = root.getChild("entry", root.getNamespace());
        int position = firstEntry == null ? root.getContentSize() : root.indexOf(firstEntry);
        for (Retraction retraction : feed.retractions()) {
            Element tombstone = new Element("deleted-entry", TOMBSTONES)
                    .setAttribute("ref", FeedText.entryId(retraction.id()))
                    .setAttribute("when", DateTimeFormatter.ISO_INSTANT.format(
                            retraction.retractedAt().truncatedTo(ChronoUnit.SECONDS)));
            if (FeedText.hasText(retraction.reason())) {
                tombstone.addContent(new Element("comment", TOMBSTONES).setText(clean(retraction.reason())));
            }
            root.addContent(position++, tombstone);
        }
    }

    private static Entry entry(FeedEntry entry) {
        Entry atom = new Entry();
        atom.setId(FeedText.entryId(entry));
        atom.setTitle(clean(entry.title()));
        atom.setAlternateLinks(List.of(link("alternate", "text/html", entry.canonicalUrl())));
        atom.setPublished(date(entry.publishedAt()));
        atom.setUpdated(date(entry.updatedAt()));
        if (FeedText.hasText(entry.author())) {
            atom.setAuthors(List.of(person(entry.author())));
        }
        atom.setSummary(content(Content.TEXT, entry.summary()));
        atom.setContents(List.of(content(Content.HTML, FeedText.contentHtml(entry))));
        atom.setCategories(FeedText.categoriesOf(entry).map(term -> {
            Category category = new Category();
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

    private static Content content(String type, String value) {
        Content content = new Content();
        content.setType(type);
        content.setValue(clean(value));
        return content;
    }

    private AtomWriter() {
    }
}
