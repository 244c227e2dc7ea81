package dev.tidings.feed.readmodel;

import java.util.List;

/**
 * Text as PostgreSQL can store it: a {@code text} value cannot hold U+0000, and an event carrying
 * one would otherwise fail its insert again on every retry. Everything else is stored as it came;
 * the renderer strips what XML cannot carry.
 */
final class StorableText {

    static String of(String text) {
        return text == null || text.indexOf('\u0000') < 0 ? text : text.replace("\u0000", "");
    }

    static List<String> of(List<String> texts) {
        return texts.stream().map(StorableText::of).toList();
    }

    private StorableText() {
    }
}
