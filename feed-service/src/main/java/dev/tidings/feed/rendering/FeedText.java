package dev.tidings.feed.rendering;

import dev.tidings.feed.readmodel.FeedEntry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/** What every format writes the same way: cleaned text, entry ids, categories, dates. */
final class FeedText {

    private static final DateTimeFormatter CORRECTION_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    static String clean(String text) {
        return XmlCharacters.strip(text);
    }

    static boolean hasText(String text) {
        return text != null && !clean(text).isBlank();
    }

    static String entryId(FeedEntry entry) {
        return entryId(entry.id());
    }

    static String entryId(UUID id) {
        return "urn:uuid:" + id;
    }

    /**
     * The entry's HTML as every format carries it: after a correction, a note at the top saying when,
     * so a reader who saw the first version learns that this one differs.
     */
    static String contentHtml(FeedEntry entry) {
        String body = clean(entry.bodyHtml());
        if (entry.correctedAt() == null) {
            return body;
        }
        return "<p class=\"correction\"><strong>Corrected</strong> on "
                + CORRECTION_DATE.format(entry.correctedAt()) + ".</p>\n" + body;
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
