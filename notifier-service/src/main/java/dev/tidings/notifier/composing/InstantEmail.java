package dev.tidings.notifier.delivery;

/**
 * What one article email says, before it becomes MIME.
 *
 * @param to the subscriber's address
 * @param title the article title (becomes the subject)
 * @param summary the article summary, plain text
 * @param bodyHtml the article body as HTML (sanitized again before it goes out)
 * @param canonicalUrl where the article lives on the site
 * @param unsubscribeUrl the one-click unsubscribe link of this subscriber
 * @param preferencesUrl the page where this subscriber chooses their topics
 */
public record InstantEmail(String to, String title, String summary, String bodyHtml, String canonicalUrl,
        String unsubscribeUrl, String preferencesUrl) {
}
