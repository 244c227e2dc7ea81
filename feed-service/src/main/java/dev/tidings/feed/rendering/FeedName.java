package dev.tidings.feed.rendering;

import dev.tidings.feed.readmodel.FeedChanges;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.web.util.UriUtils;

/**
 * What a feed URL names: the path after {@code /feeds/} without the format's extension. {@code all},
 * a topic slug, {@code tags/<tag>}, or {@code topics/<slug>+<slug>...} (two to
 * {@value #MOST_TOPICS} topics, in alphabetical order: the canonical form of a combination), and
 * {@code <one of the first three>/archive/<yyyy-MM>} for a month of its history.
 */
public sealed interface FeedName {

    int MOST_TOPICS = 8;

    /** The path after {@code /feeds/}, without extension, decoded (as Spring MVC routes it). */
    String path();

    /** {@link #path()} as it goes into a URL: a tag such as {@code gut bacteria} percent-encoded. */
    default String urlPath() {
        return UriUtils.encodePath(path(), StandardCharsets.UTF_8);
    }

    /** The read model's keys of the feeds whose changes change this one. */
    List<String> changeKeys();

    record All() implements FeedName {

        @Override
        public String path() {
            return FeedCatalog.ALL;
        }

        @Override
        public List<String> changeKeys() {
            return List.of(FeedChanges.ALL_TOPICS);
        }
    }

    record Topic(String slug) implements FeedName {

        @Override
        public String path() {
            return slug;
        }

        @Override
        public List<String> changeKeys() {
            return List.of(FeedChanges.topicKey(slug));
        }
    }

    record Tag(String tag) implements FeedName {

        @Override
        public String path() {
            return "tags/" + tag;
        }

        @Override
        public List<String> changeKeys() {
            return List.of(FeedChanges.tagKey(tag));
        }
    }

    /** Several topics in one feed; {@code slugs} sorted and distinct. */
    record Topics(List<String> slugs) implements FeedName {

        public Topics {
            slugs = slugs.stream().distinct().sorted().toList();
        }

        @Override
        public String path() {
            return "topics/" + String.join("+", slugs);
        }

        @Override
        public List<String> changeKeys() {
            return slugs.stream().map(FeedChanges::topicKey).toList();
        }
    }

    /**
     * One month of a feed's history as an RFC 5005 archive page: every topic, a topic or a tag (not
     * a combination), Atom only.
     */
    record Archive(FeedName of, YearMonth month) implements FeedName {

        @Override
        public String path() {
            return of.path() + "/archive/" + month;
        }

        @Override
        public List<String> changeKeys() {
            return of.changeKeys();
        }
    }

    /** The name behind a path, in canonical form (a combination's topics sorted); empty if it names no feed. */
    static Optional<FeedName> parse(String path) {
        int archive = path.lastIndexOf("/archive/");
        if (archive > 0) {
            String month = path.substring(archive + "/archive/".length());
            try {
                YearMonth parsed = YearMonth.parse(month);
                return parse(path.substring(0, archive))
                        .filter(of -> !(of instanceof Topics) && !(of instanceof Archive)
                                && parsed.toString().equals(month))
                        .map(of -> new Archive(of, parsed));
            }
            catch (DateTimeParseException ex) {
                return Optional.empty();
            }
        }
        if (path.equals(FeedCatalog.ALL)) {
            return Optional.of(new All());
        }
        if (path.startsWith("tags/")) {
            String tag = path.substring("tags/".length());
            return tag.isEmpty() || tag.contains("/") ? Optional.empty() : Optional.of(new Tag(tag));
        }
        if (path.startsWith("topics/")) {
            List<String> slugs = Arrays.asList(path.substring("topics/".length()).split("\\+", -1));
            if (slugs.size() < 2 || slugs.size() > MOST_TOPICS
                    || slugs.stream().anyMatch(slug -> slug.isEmpty() || slug.contains("/")
                            || slug.equals(FeedCatalog.ALL))) {
                return Optional.empty();
            }
            Topics topics = new Topics(slugs);
            return topics.slugs().size() < 2 ? Optional.empty() : Optional.of(topics);
        }
        return path.isEmpty() || path.contains("/") ? Optional.empty() : Optional.of(new Topic(path));
    }
}
