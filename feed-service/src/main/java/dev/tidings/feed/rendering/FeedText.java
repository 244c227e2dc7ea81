package dev.tidings.feed.rendering;

import dev.tidings.feed.readmodel.FeedEntry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.web.util.HtmlUtils;

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
     * The entry's HTML as every format carries it: after a correction, a note at the top, so a reader
     * who saw the first version learns that this one differs: the editor's note if there is one
     * ("Correction, 3 December 2026: ..." as escaped text), else only when.
     */
    static String contentHtml(FeedEntry entry) {
        String body = clean(entry.bodyHtml());
        if (entry.correctedAt() == null) {
            return body;
        }
        String date = CORRECTION_DATE.format(entry.correctedAt());
        if (hasText(entry.correctionNote())) {
            return "<p class=\"correction\"><strong>Correction, " + date + ":</strong> "
                    + HtmlUtils.htmlEscape(clean(entry.correctionNote()).strip(), "UTF-8") + "</p>\n" + body;
        }
        return "<p class=\"correction\"><strong>Corrected</strong> on " + date + ".</p>\n" + body;
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
