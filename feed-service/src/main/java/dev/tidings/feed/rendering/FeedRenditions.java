package dev.tidings.feed.rendering;

import dev.tidings.feed.readmodel.FeedChange;
import dev.tidings.feed.readmodel.FeedRevisions;
import dev.tidings.feed.readmodel.FeedsChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every feed in every format rendered once per change and held in memory as a {@link Rendition},
 * so that serving a feed is a byte copy. A rendition is labelled with the revision of the feed it
 * shows, read in the same snapshot as its entries; it is current while that revision is at least
 * the newest one this instance knows ({@link FeedRevisions}, kept current by notifications from
 * whichever instance applied a change). A held feed is rendered again as soon as its change is
 * known; concurrent requests for a stale feed wait for that one render.
 *
 * <p>Only feeds the read model has stamped (and the all-topics feed) are held, so requests for
 * made-up names cannot fill the memory. Render cost does not grow with the archive: a feed reads
 * its newest entries from an index.
 */
@Component
public class FeedRenditions {

    private static final Logger log = LoggerFactory.getLogger(FeedRenditions.class);

    /** A rendition of a feed as of {@code revision}; null when no feed had that name then. */
    private record Held(String name, FeedFormat format, String changeKey, long revision, Rendition rendition) {
    }

    private final ConcurrentHashMap<String, Held> held = new ConcurrentHashMap<>();

    private final ConcurrentHashMap<String, CompletableFuture<Held>> inFlight = new ConcurrentHashMap<>();

    private final FeedCatalog catalog;

    private final FeedRenderer renderer;

    private final FeedRevisions revisions;

    private final TransactionTemplate snapshot;

    private final Counter renders;

    FeedRenditions(FeedCatalog catalog, FeedRenderer renderer, FeedRevisions revisions,
            PlatformTransactionManager transactions, MeterRegistry meters) {
        this.catalog = catalog;
        this.renderer = renderer;
        this.revisions = revisions;
        this.snapshot = new TransactionTemplate(transactions);
        // One snapshot for the change stamp and the entries, so the revision labels exactly these bytes.
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        this.renders = Counter.builder("tidings.feed.renders")
                .description("Feeds rendered; each change of a feed is rendered once per format and instance")
                .register(meters);
    }

    /**
     * The rendition of {@code file} ({@code <name>.<extension>}) if one is held and current, else
     * null; never touches the database. The hot path of every feed request.
     */
    public Rendition heldAndCurrent(String file) {
        Held current = held.get(file);
        if (current == null || current.rendition() == null
                || current.revision() < revisions.revisionOf(current.changeKey())) {
            return null;
        }
        return current.rendition();
    }

    /** The current rendition of a feed, rendered if none is held for its newest change; empty if no such feed. */
    public Optional<Rendition> current(String name, FeedFormat format) {
        String file = name + "." + format.extension();
        String changeKey = catalog.changeKeyOf(name);
        Held current = held.get(file);
        if (current != null && current.revision() >= revisions.revisionOf(changeKey)) {
            return Optional.ofNullable(current.rendition());
        }
        CompletableFuture<Held> mine = new CompletableFuture<>();
        CompletableFuture<Held> running = inFlight.putIfAbsent(file, mine);
        if (running != null) {
            return Optional.ofNullable(join(running).rendition());
        }
        try {
            Held fresh = render(name, format, changeKey);
            if (fresh.revision() > 0 || fresh.rendition() != null) {
                held.merge(file, fresh, (old, candidate) -> candidate.revision() >= old.revision() ? candidate : old);
            }
            mine.complete(fresh);
            return Optional.ofNullable(fresh.rendition());
        }
        catch (RuntimeException | Error ex) {
            mine.completeExceptionally(ex);
            throw ex;
        }
        finally {
            inFlight.remove(file, mine);
        }
    }

    /**
     * Renders the new changes of the feeds this instance holds as soon as it learns of them, so that
     * the first reader after a change gets bytes instead of waiting for a render. Runs on the thread
     * that learned of the change; readers that come meanwhile wait for the same render.
     */
    @EventListener
    void renderAhead(FeedsChanged changed) {
        held.values().stream()
                .filter(stale -> changed.feeds().contains(stale.changeKey()))
                .toList()
                .forEach(stale -> {
                    try {
                        current(stale.name(), stale.format());
                    }
                    catch (RuntimeException ex) {
                        // Not lost: the next request for the feed renders it and reports the failure.
                        log.warn("Could not render {}.{} ahead of readers: {}", stale.name(),
                                stale.format().extension(), ex.toString());
                    }
                });
    }

    private Held render(String name, FeedFormat format, String changeKey) {
        record Read(FeedChange change, Optional<Feed> feed) {
        }
        Read read = snapshot.execute(status -> {
            FeedChange change = catalog.lastChangeOf(name);
            return new Read(change, catalog.find(name, change));
        });
        Rendition rendition = read.feed()
                .map(feed -> Rendition.of(format, renderer.render(feed, format), feed.updated()))
                .orElse(null);
        if (rendition != null) {
            renders.increment();
        }
        return new Held(name, format, changeKey, read.change().revision(), rendition);
    }

    private static Held join(CompletableFuture<Held> running) {
        try {
            return running.join();
        }
        catch (CompletionException ex) {
            if (ex.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw ex;
        }
    }
}
