package dev.tidings.content.article;

import dev.tidings.content.text.SingleLine;
import dev.tidings.content.text.Slugs;
import dev.tidings.content.text.WebUrl;
import dev.tidings.content.text.XmlText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** Request bodies of the article API. */
final class ArticleRequests {

    /**
     * {@code POST /api/articles} and {@code PUT /api/articles/{id}}: the whole editable article, and for
     * a correction of a published article an optional note that feeds show at the top of the entry.
     */
    record ArticleInput(
            @NotBlank @Size(max = 300) @SingleLine String title,
            @Size(max = 2000) @XmlText String summary,
            @NotNull @Size(max = 200_000) @XmlText String body,
            @NotBlank @Size(max = 200) @SingleLine String author,
            @NotNull @Size(min = 1, max = 10)
            List<@NotBlank @Size(max = 60) @Pattern(regexp = Slugs.PATTERN) @SingleLine String> topics,
            @Size(max = 20) List<@NotBlank @Size(max = 60) @SingleLine String> tags,
            @Size(max = 2000) @WebUrl @SingleLine String canonicalUrl,
            @Size(max = 120) @Pattern(regexp = Slugs.PATTERN) @SingleLine String slug,
            @Size(max = 2000) @WebUrl @SingleLine String imageUrl,
            @Size(max = 500) @SingleLine @Pattern(regexp = "[^<>]*", message = "must be plain text, without markup")
            String correctionNote) {
    }

    /** {@code POST /api/articles/{id}/publish}, optional: {@code at} schedules the publication. */
    record Publication(Instant at) {
    }

    /** {@code POST /api/articles/{id}/retract}. */
    record Retraction(@NotBlank @Size(max = 2000) @XmlText String reason) {
    }

    private ArticleRequests() {
    }
}
