package dev.tidings.feed.rendering;

import dev.tidings.feed.readmodel.FeedChanges;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a feed URL names: the path after {@code /feeds/} without the format's extension. {@code all},
 * a topic slug, {@code tags/<tag>}, or {@code topics/<slug>+<slug>...} (two to
 * {@value #MOST_TOPICS} topics, in alphabetical order: the canonical form of a combination).
 */
public sealed interface FeedName {

    int MOST_TOPICS = 8;

    /** The path after {@code /feeds/}, without extension. */
    String path();

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

    /** The name behind a path, in canonical form (a combination's topics sorted); empty if it names no feed. */
    static Optional<FeedName> parse(String path) {
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
