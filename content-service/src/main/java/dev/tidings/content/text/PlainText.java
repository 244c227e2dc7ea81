package dev.tidings.content.text;

import org.jsoup.Jsoup;

/**
 * Turns text that may carry markup into plain text: tags (and the content of script and style
 * elements) are dropped, entities decoded and white space collapsed. Titles, summaries, authors
 * and tags are text for every consumer; markup in them would be injected into feeds and mails.
 */
public final class PlainText {

    /** The plain text of {@code text}, or {@code null} for {@code null}. */
    public static String of(String text) {
        if (text == null) {
            return null;
        }
        return Jsoup.parseBodyFragment(text).text().strip();
    }

    private PlainText() {
    }
}
