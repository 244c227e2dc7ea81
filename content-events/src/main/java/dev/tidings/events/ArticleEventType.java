package dev.tidings.events;

import java.util.Arrays;
import java.util.Optional;

/** The CloudEvents {@code type} of every event on {@link ContentTopics#ARTICLES}. */
public enum ArticleEventType {

    /** The article became public for the first time. */
    PUBLISHED("article.published"),

    /** A correction of a published article; the payload holds the corrected state. */
    UPDATED("article.updated"),

    /** The article was withdrawn: consumers remove it from every feed and never mail it again. */
    RETRACTED("article.retracted");

    private final String ceType;

    ArticleEventType(String ceType) {
        this.ceType = ceType;
    }

    public String ceType() {
        return ceType;
    }

    /** The type named by a {@code ce_type} header, or empty for a type this version does not know. */
    public static Optional<ArticleEventType> fromCeType(String ceType) {
        return Arrays.stream(values()).filter(type -> type.ceType.equals(ceType)).findFirst();
    }

    /** The JSON Schema on the class path that every payload of this type satisfies. */
    public String schemaResource() {
        return "/schemas/" + ceType + ".schema.json";
    }
}
