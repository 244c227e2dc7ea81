package dev.tidings.notifier.composing;

import java.util.UUID;

/**
 * An article rendered for email once, for every subscriber: the plain text above the personal
 * footer, and the whole HTML part with places for the footer's links. Only those links differ from
 * one email to the next.
 *
 * @param text title, summary, body as text (link targets kept) and the link to the site
 * @param html the HTML part from the article template, body sanitized again
 * @param list the mailing list of the article's topic (its {@code List-Id})
 * @param transferEncoding {@code 7bit} when the article is plain ASCII in short lines, else
 *     {@code quoted-printable}: decided once, so that Jakarta Mail does not scan every email's parts
 */
public record RenderedArticle(UUID id, long version, String title, String summary, String canonicalUrl,
        String text, PersonalizableHtml html, ListId list, String transferEncoding) {
}
