package dev.tidings.content.topic;

import dev.tidings.content.text.SingleLine;
import dev.tidings.content.text.Slugs;
import dev.tidings.content.text.XmlText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the topic API. */
final class TopicRequests {

    /** {@code POST /api/topics}. */
    record NewTopic(
            @NotBlank @Size(max = 60) @Pattern(regexp = Slugs.PATTERN) @SingleLine String slug,
            @NotBlank @Size(max = 200) @SingleLine String title,
            @Size(max = 2000) @XmlText String description) {
    }

    /** {@code PUT /api/topics/{slug}}. */
    record TopicChange(
            @NotBlank @Size(max = 200) @SingleLine String title,
            @Size(max = 2000) @XmlText String description) {
    }

    private TopicRequests() {
    }
}
