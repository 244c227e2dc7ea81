package dev.tidings.content.article;

import java.util.List;

/** The editable part of an article after normalization: plain-text fields, rendered body, resolved URLs. */
record ArticleContent(
        String slug,
        String title,
        String summary,
        String body,
        String bodyHtml,
        String author,
        List<String> topics,
        List<String> tags,
        String canonicalUrl,
        String imageUrl) {
}
