package dev.tidings.content.article;

import dev.tidings.content.ContentProperties;
import dev.tidings.content.outbox.OutboxEvents;
import dev.tidings.content.text.PlainText;
import dev.tidings.content.text.Slugs;
import dev.tidings.content.topic.TopicExceptions;
import dev.tidings.content.topic.Topics;
import dev.tidings.content.web.InvalidField;
import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.security.Actor;
import dev.tidings.security.AuditTrail;
import dev.tidings.security.Permissions;
import dev.tidings.security.Role;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The editorial workflow: drafts, edits, publication, corrections and retractions. Each change is
 * one transaction that stores the article and, when readers must learn of it (publish, correction,
 * retraction), the outbox event carrying its new state. Draft edits and scheduling emit nothing.
 */
@Service
class EditorialDesk {

    /**
     * Largest rendered body. Kafka refuses records over 1 MB by default, and an event the broker
     * refuses would stay at the head of the outbox for good, holding back every later event.
     */
    static final int MAX_BODY_HTML_BYTES = 800_000;

    private final Articles articles;

    private final Topics topics;

    private final MarkdownRenderer renderer;

    private final OutboxEvents outbox;

    private final ContentProperties properties;

    private final Permissions permissions;

    private final Clock clock;

    EditorialDesk(Articles articles, Topics topics, MarkdownRenderer renderer, OutboxEvents outbox,
            ContentProperties properties, Permissions permissions, Clock clock) {
        this.permissions = permissions;
        this.articles = articles;
        this.topics = topics;
        this.renderer = renderer;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    Article draft(ArticleRequests.ArticleInput input) {
        if (note(input) != null) {
            throw new InvalidField("correctionNote", "applies only to a correction of a published article");
        }
        UUID id = UUID.randomUUID();
        String slug = input.slug() != null ? input.slug() : generatedSlug(input.title(), id);
        if (articles.slugTaken(slug, id)) {
            throw new ArticleExceptions.SlugConflict("Another article has the slug '" + slug + "'.");
        }
        Article article = Article.draft(id, content(input, slug), now(), editor());
        articles.insert(article);
        return article;
    }

    /** Edits a draft, or corrects a published article (which readers then see as an update). */
    @Transactional
    Article edit(UUID id, ArticleRequests.ArticleInput input, IfMatch ifMatch) {
        Article current = current(id, ifMatch);
        if (current.status() == ArticleStatus.RETRACTED) {
            throw new ArticleExceptions.WrongStatus(current.status(), "edited");
        }
        String slug = input.slug() != null ? input.slug() : current.slug();
        if (!slug.equals(current.slug())) {
            if (current.status() == ArticleStatus.PUBLISHED) {
                throw new ArticleExceptions.SlugConflict("The slug of a published article cannot change.");
            }
            if (articles.slugTaken(slug, id)) {
                throw new ArticleExceptions.SlugConflict("Another article has the slug '" + slug + "'.");
            }
        }
        String note = note(input);
        if (current.status() == ArticleStatus.PUBLISHED) {
            AuditTrail.note("correction of a published article");
            permissions.require(Role.EDITOR, "correct a published article");
        }
        else if (note != null) {
            throw new InvalidField("correctionNote", "applies only to a correction of a published article");
        }
        Article edited = store(current.edited(content(input, slug), now(), editor(), note));
        if (edited.status() == ArticleStatus.PUBLISHED) {
            outbox.articleChanged(ArticleEventType.UPDATED, edited.toSnapshot());
        }
        return edited;
    }

    /**
     * Publishes a draft or scheduled article now, or schedules it when {@code at} is in the future
     * (a time in the past means now).
     */
    @Transactional
    Article publish(UUID id, Instant at, IfMatch ifMatch) {
        Article current = current(id, ifMatch);
        if (current.status() != ArticleStatus.DRAFT && current.status() != ArticleStatus.SCHEDULED) {
            throw new ArticleExceptions.WrongStatus(current.status(), "published");
        }
        Instant now = now();
        if (at != null && at.isAfter(now)) {
            AuditTrail.note("scheduled for " + at.truncatedTo(ChronoUnit.SECONDS));
            return store(current.scheduled(at.truncatedTo(ChronoUnit.MICROS), now, editor()));
        }
        // A scheduled article goes out in the name of whoever scheduled it.
        ArticleSnapshot.Editor by = Actor.current() == Actor.SYSTEM && current.changedBy() != null
                ? current.changedBy() : editor();
        Article published = store(current.published(now, by));
        outbox.articleChanged(ArticleEventType.PUBLISHED, published.toSnapshot());
        return published;
    }

    @Transactional
    Article retract(UUID id, String reason, IfMatch ifMatch) {
        Article current = current(id, ifMatch);
        if (current.status() != ArticleStatus.PUBLISHED) {
            throw new ArticleExceptions.WrongStatus(current.status(), "retracted");
        }
        Article retracted = store(current.retracted(reason.strip(), now(), editor()));
        outbox.articleChanged(ArticleEventType.RETRACTED, retracted.toSnapshot());
        return retracted;
    }

    private Article current(UUID id, IfMatch ifMatch) {
        Article current = articles.find(id).orElseThrow(() -> new ArticleExceptions.ArticleNotFound(id));
        if (!ifMatch.matches(current.version())) {
            throw new ArticleExceptions.StaleVersion(current.version());
        }
        return current;
    }

    private Article store(Article changed) {
        if (!articles.update(changed)) {
            // Someone else committed a change between our read and our write.
            long stored = articles.find(changed.id()).map(Article::version).orElse(changed.version() - 1);
            throw new ArticleExceptions.StaleVersion(stored);
        }
        return changed;
    }

    private ArticleContent content(ArticleRequests.ArticleInput input, String slug) {
        List<String> topicSlugs = input.topics().stream().distinct().toList();
        List<String> unknown = topics.unknown(topicSlugs);
        if (!unknown.isEmpty()) {
            throw new TopicExceptions.UnknownTopics(unknown);
        }
        List<String> tags = input.tags() == null ? List.of()
                : input.tags().stream().map(PlainText::of).filter(tag -> !tag.isEmpty()).distinct().toList();
        String canonicalUrl = input.canonicalUrl() != null ? input.canonicalUrl() : properties.articleUrl(slug);
        String bodyHtml = renderer.render(input.body());
        if (bodyHtml.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_HTML_BYTES) {
            throw new InvalidField("body", "renders to more than " + MAX_BODY_HTML_BYTES + " bytes of HTML");
        }
        return new ArticleContent(slug, text("title", input.title()),
                Objects.requireNonNullElse(PlainText.of(input.summary()), ""), input.body(), bodyHtml,
                text("author", input.author()), topicSlugs, tags, canonicalUrl, input.imageUrl());
    }

    /** The correction note without surrounding white space, null when there is none. */
    private static String note(ArticleRequests.ArticleInput input) {
        String note = input.correctionNote() == null ? null : input.correctionNote().strip();
        return note == null || note.isEmpty() ? null : note;
    }

    private static String text(String field, String value) {
        String text = PlainText.of(value);
        if (text.isEmpty()) {
            throw new InvalidField(field, "must contain text, not only markup");
        }
        return text;
    }

    private String generatedSlug(String title, UUID id) {
        String suffix = id.toString().substring(0, 8);
        String slug = Slugs.fromTitle(PlainText.of(title));
        if (slug.isEmpty()) {
            return "article-" + suffix;
        }
        // A second article with the same title keeps a readable slug.
        return articles.slugTaken(slug, id) ? slug + "-" + suffix : slug;
    }

    private static ArticleSnapshot.Editor editor() {
        Actor actor = Actor.current();
        return new ArticleSnapshot.Editor(actor.name(), actor.credential());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
