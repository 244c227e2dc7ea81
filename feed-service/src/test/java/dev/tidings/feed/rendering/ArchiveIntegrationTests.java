package dev.tidings.feed.rendering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.io.WireFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.feed.FeedServiceIntegrationTest;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdom2.Namespace;
import org.junit.jupiter.api.Test;

/** RFC 5005 paged archives: a partner walks from the subscription document back through every month. */
class ArchiveIntegrationTests extends FeedServiceIntegrationTest {

    private static final Namespace HISTORY = Namespace.getNamespace("http://purl.org/syndication/history/1.0");

    @Test
    void walkingPrevArchiveLinksFromTheFeedReachesEveryEntryOnce() throws Exception {
        String topic = uniqueSlug("archived");
        createTopic(topic, "Archived");
        List<ArticleSnapshot> published = new ArrayList<>();
        published.addAll(articles(topic, Instant.parse("2026-06-10T08:00:00Z"), 3));
        published.addAll(articles(topic, Instant.parse("2026-07-20T08:00:00Z"), 2));
        published.addAll(articles(topic, Instant.parse("2026-10-01T08:00:00Z"), 50));
        published.forEach(article -> kafka.send(ArticleEventType.PUBLISHED, article));
        String base = "http://localhost:8082/feeds/" + topic;
        await().atMost(PATIENCE).until(() -> get("/feeds/" + topic + "/archive/2026-06.atom").statusCode() == 200);

        Feed subscription = atom(base + ".atom");
        assertThat(subscription.getEntries()).hasSize(50);
        assertThat(isArchive(subscription)).isFalse();
        assertThat(link(subscription, "prev-archive")).hasValue(base + "/archive/2026-10.atom");

        Feed october = atom(base + "/archive/2026-10.atom");
        assertThat(isArchive(october)).isTrue();
        assertThat(october.getTitle()).isEqualTo("Tidings: Archived, archive 2026-10");
        assertThat(link(october, "self")).hasValue(base + "/archive/2026-10.atom");
        assertThat(link(october, "current")).hasValue(base + ".atom");
        assertThat(link(october, "prev-archive")).hasValue(base + "/archive/2026-07.atom");
        assertThat(link(october, "next-archive")).isEmpty();
        Feed july = atom(base + "/archive/2026-07.atom");
        assertThat(link(july, "prev-archive")).hasValue(base + "/archive/2026-06.atom");
        assertThat(link(july, "next-archive")).hasValue(base + "/archive/2026-10.atom");
        assertThat(july.getEntries()).extracting(Entry::getId).containsExactly(
                "urn:uuid:" + published.get(4).id(), "urn:uuid:" + published.get(3).id());

        Set<String> seen = new HashSet<>();
        Feed page = subscription;
        int pages = 0;
        while (true) {
            page.getEntries().forEach(entry -> seen.add(entry.getId()));
            Optional<String> prev = link(page, "prev-archive");
            if (prev.isEmpty()) {
                break;
            }
            page = atom(prev.get());
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(link(page, "next-archive")).hasValue(base + "/archive/2026-07.atom");
        assertThat(seen).containsExactlyInAnyOrderElementsOf(
                published.stream().map(article -> "urn:uuid:" + article.id()).toList());

        for (String missing : List.of("/archive/2026-08.atom", "/archive/2026-11.atom", "/archive/2026-07.rss",
                "/archive/2026-7.atom", "/archive/june.atom")) {
            assertThat(get("/feeds/" + topic + missing).statusCode()).as(missing).isEqualTo(404);
        }
    }

    private static List<ArticleSnapshot> articles(String topic, Instant from, int count) {
        List<ArticleSnapshot> articles = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            Instant at = from.plus(i * 6L, ChronoUnit.HOURS);
            articles.add(new ArticleSnapshot(id, 1, "archived-" + id, "Archived " + at, "Summary", "<p>Body</p>",
                    "https://health.example/articles/" + id, "Dr. Ada Lovelace", List.of(topic), List.of(), at, at,
                    null, null, null));
        }
        return articles;
    }

    private Feed atom(String url) throws Exception {
        String path = url.substring("http://localhost:8082".length());
        return (Feed) new WireFeedInput().build(new XmlReader(new ByteArrayInputStream(get(path).body())));
    }

    private static boolean isArchive(Feed feed) {
        return feed.getForeignMarkup().stream()
                .anyMatch(element -> element.getName().equals("archive") && element.getNamespace().equals(HISTORY));
    }

    private static Optional<String> link(Feed feed, String rel) {
        return feed.getOtherLinks().stream().filter(link -> rel.equals(link.getRel())).map(Link::getHref).findFirst();
    }
}
