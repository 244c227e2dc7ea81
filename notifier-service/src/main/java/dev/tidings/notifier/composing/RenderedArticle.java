package dev.tidings.notifier.composing;

import java.util.UUID;

/**
 * An article rendered for email once, for every subscriber: its instant email prepared as bytes
 * with places for the personal headers and links, which are all that differ from one email to the
 * next.
 *
 * @param html the HTML part from the article template, body sanitized again, with places for the links
 * @param email the instant email: headers, text and HTML parts encoded in 7bit when the article is
 *     ASCII in short lines, else quoted-printable, decided once
 */
public record RenderedArticle(UUID id, long version, String title, String summary, String canonicalUrl,
        PersonalizableHtml html, PreparedEmail email) {
}
