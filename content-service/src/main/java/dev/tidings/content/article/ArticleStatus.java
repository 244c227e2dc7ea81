package dev.tidings.content.article;

/**
 * Where an article is in its life: only published articles reach readers. A scheduled article is a
 * draft with a publication time; it is published when that time comes.
 */
public enum ArticleStatus {
    DRAFT, SCHEDULED, PUBLISHED, RETRACTED
}
