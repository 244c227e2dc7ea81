package dev.tidings.content.article;

/** Where an article is in its life: only published articles reach readers. */
public enum ArticleStatus {
    DRAFT, PUBLISHED, RETRACTED
}
