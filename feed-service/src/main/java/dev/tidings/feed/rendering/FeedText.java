package dev.tidings.feed.rendering;

import dev.tidings.feed.readmodel.FeedEntry;
import java.time.Instant;
import java.util.Date;
import java.util.stream.Stream;

/** What every format writes the same way: cleaned text, entry ids, categories, dates. */
final class FeedText {

    static String clean(String text) {
        return XmlCharacters.strip(text);
    }

    static boolean hasText(String text) {
        return text != null && !clean(text).isBlank();
    }

    static String entryId(FeedEntry entry) {
        return "urn:uuid:" + entry.id();
    }

    /** The entry's topics, then its tags, without blanks or repeats. */
    static Stream<String> categoriesOf(FeedEntry entry) {
        return Stream.concat(entry.topics().stream(), entry.tags().stream())
                .map(FeedText::clean)
                .filter(FeedText::hasText)
                .distinct();
    }

    // Rome's model predates java.time.
    static Date date(Instant instant) {
        return Date.from(instant);
    }

    private FeedText() {
    }
}
