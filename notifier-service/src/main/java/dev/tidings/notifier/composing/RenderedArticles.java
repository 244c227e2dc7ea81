package dev.tidings.notifier.composing;

import dev.tidings.notifier.articles.ArticleStates;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The latest rendering of the articles being sent, so that a fan-out renders each article once
 * instead of once per email. A correction (a newer version) is rendered again on first use; only a
 * few articles are ever in flight at a time, so the least recently used are dropped. Thread-safe.
 */
@Component
public class RenderedArticles {

    private static final int KEPT = 64;

    private final ArticleStates articles;

    private final InstantEmailComposer composer;

    /** Locks of the renderings under way, by article id: different articles render at the same time. */
    private final Object[] rendering = Stream.generate(Object::new).limit(16).toArray();

    private final Map<UUID, RenderedArticle> rendered = new LinkedHashMap<>(KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, RenderedArticle> eldest) {
            return size() > KEPT;
        }
    };

    RenderedArticles(ArticleStates articles, InstantEmailComposer composer) {
        this.articles = articles;
        this.composer = composer;
    }

    /** The article rendered at {@code version} or newer; empty if it was never stored. */
    public Optional<RenderedArticle> atLeast(UUID id, long version) {
        RenderedArticle known = known(id, version);
        if (known != null) {
            return Optional.of(known);
        }
        // When a fan-out starts every sender thread asks for the new article at once: one renders it, the
        // others wait for that rendering instead of making their own.
        synchronized (rendering[Math.floorMod(id.hashCode(), rendering.length)]) {
            known = known(id, version);
            if (known != null) {
                return Optional.of(known);
            }
            Optional<RenderedArticle> fresh = articles.find(id).map(composer::render);
            fresh.ifPresent(article -> {
                synchronized (rendered) {
                    rendered.merge(id, article, (old, neu) -> neu.version() >= old.version() ? neu : old);
                }
            });
            return fresh;
        }
    }

    private RenderedArticle known(UUID id, long version) {
        synchronized (rendered) {
            RenderedArticle known = rendered.get(id);
            return known != null && known.version() >= version ? known : null;
        }
    }
}
