package dev.tidings.feed.rendering;

import dev.tidings.feed.readmodel.FeedChange;
import dev.tidings.feed.readmodel.FeedRevisions;
import dev.tidings.feed.readmodel.FeedsChanged;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
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
public class FeedRenditions implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FeedRenditions.class);

    /**
     * A rendition of a feed as of {@code revision}; null when no feed had that name then. {@code url}
     * is the address it is served at when that is not its public one (a partner's), else null.
     */
    private record Held(FeedName name, FeedFormat format, String url, long revision, Rendition rendition) {
    }

    // Combinations of topics are many; beyond these, they are rendered for each request instead of held.
    private static final int MOST_HELD_COMBINATIONS = 1000;

    private final AtomicInteger heldCombinations = new AtomicInteger();

    private final ConcurrentHashMap<String, Held> held = new ConcurrentHashMap<>();

    // Feeds served at other addresses, apart from the public ones, so that no public URL can reach them.
    private final ConcurrentHashMap<String, Held> heldElsewhere = new ConcurrentHashMap<>();

    private final ConcurrentHashMap<String, CompletableFuture<Held>> inFlight = new ConcurrentHashMap<>();

    private final FeedCatalog catalog;

    private final FeedRenderer renderer;

    private final FeedRevisions revisions;

    private final JdbcClient jdbc;

    private final TransactionTemplate snapshot;

    private final Timer renders;

    // One thread per core: a render is CPU (writing, gzip) between short reads.
    private final ExecutorService renderers = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), runnable -> {
                Thread thread = new Thread(runnable, "feed-render-ahead");
                thread.setDaemon(true);
                return thread;
            });

    FeedRenditions(FeedCatalog catalog, FeedRenderer renderer, FeedRevisions revisions,
            JdbcClient jdbc, PlatformTransactionManager transactions, MeterRegistry meters) {
        this.catalog = catalog;
        this.renderer = renderer;
        this.revisions = revisions;
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        this.renders = Timer.builder("tidings.feed.renders")
                .description("Feeds rendered (read, written, gzipped); each change is rendered once per format and "
                        + "instance")
                .register(meters);
    }

    /**
     * The current rendition of {@code file} ({@code <name>.<extension>}) if this instance holds that
     * feed, else null; never touches the database while the held one is current. The hot path of
     * every feed request: the first request after a change waits here for its render (or renders).
     */
    public Rendition held(String file) {
        Held current = held.get(file);
        if (current == null) {
            return null;
        }
        long known = knownRevision(current.name());
        if (current.revision() >= known) {
            return current.rendition();
        }
        return asOf(current.name(), current.format(), null, known).orElse(null);
    }

    /** The current rendition of a feed, rendered if none is held for its newest change; empty if no such feed. */
    public Optional<Rendition> current(FeedName name, FeedFormat format) {
        return asOf(name, format, null, knownRevision(name));
    }

    /**
     * As {@link #current(FeedName, FeedFormat)}, for the feed served at {@code url} (its address without
     * extension, which its self link and id name) instead of its public address: a partner's. Held
     * like public feeds, once per change for everyone who is served it at that address.
     */
    public Optional<Rendition> current(FeedName name, FeedFormat format, String url) {
        return asOf(name, format, url, knownRevision(name));
    }

    /**
     * The rendition of a feed's newest change committed in the database, even one this instance has
     * not heard of yet (its notification may still be on the way); empty if no such feed. For the
     * WebSub hub, whose deliveries run on whichever instance claimed them. Reads the change from the
     * database, so it is not for the hot path.
     */
    public Optional<Rendition> latest(FeedName name, FeedFormat format) {
        return asOf(name, format, null, catalog.lastChangeOf(name).revision());
    }

    /** As {@link #latest(FeedName, FeedFormat)}, for the feed served at {@code url} (see {@link #current(FeedName, FeedFormat, String)}). */
    public Optional<Rendition> latest(FeedName name, FeedFormat format, String url) {
        return asOf(name, format, url, catalog.lastChangeOf(name).revision());
    }

    private Optional<Rendition> asOf(FeedName name, FeedFormat format, String url, long revision) {
        // A public key is a path under /feeds/, which never holds "://" (slugs have no ':', tags come after "tags/").
        String file = url == null ? name.path() + "." + format.extension()
                : url + "." + format.extension() + " " + name.path();
        ConcurrentHashMap<String, Held> heldHere = url == null ? held : heldElsewhere;
        while (true) {
            Held current = heldHere.get(file);
            if (current != null && current.revision() >= revision) {
                return Optional.ofNullable(current.rendition());
            }
            CompletableFuture<Held> mine = new CompletableFuture<>();
            CompletableFuture<Held> running = inFlight.putIfAbsent(file, mine);
            if (running != null) {
                Held joined = join(running);
                if (joined.revision() >= revision) {
                    return Optional.ofNullable(joined.rendition());
                }
                // That render read its snapshot before the change we need: render again.
                continue;
            }
            try {
                Held fresh = render(name, format, url);
                // Negative answers are held only for stamped feeds, never for made-up months of an archive.
                if (url != null) {
                    heldElsewhere.merge(file, fresh, FeedRenditions::newer);
                }
                else if (fresh.rendition() != null || (fresh.revision() > 0 && !(name instanceof FeedName.Archive))) {
                    hold(file, fresh);
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
    }

    private void hold(String file, Held fresh) {
        if (fresh.name() instanceof FeedName.Topics && !held.containsKey(file)
                && heldCombinations.incrementAndGet() > MOST_HELD_COMBINATIONS) {
            heldCombinations.decrementAndGet();
            return;
        }
        held.merge(file, fresh, FeedRenditions::newer);
    }

    private static Held newer(Held old, Held candidate) {
        return candidate.revision() >= old.revision() ? candidate : old;
    }

    private long knownRevision(FeedName name) {
        long sum = 0;
        for (String key : name.changeKeys()) {
            sum += revisions.revisionOf(key);
        }
        return sum;
    }

    /**
     * Renders the new changes of the feeds this instance holds as soon as it learns of them, so that
     * the first reader after a change gets bytes instead of waiting for a render. The feeds render
     * side by side, off the thread that learned of the change; readers that come meanwhile wait for
     * the same render.
     */
    @EventListener
    void renderAhead(FeedsChanged changed) {
        Stream.concat(held.values().stream(), heldElsewhere.values().stream())
                .filter(stale -> stale.name().changeKeys().stream().anyMatch(changed.feeds()::contains))
                .forEach(stale -> renderers.execute(() -> {
                    try {
                        asOf(stale.name(), stale.format(), stale.url(), knownRevision(stale.name()));
                    }
                    catch (RuntimeException ex) {
                        // Not lost: the next request for the feed renders it and reports the failure.
                        log.warn("Could not render {}.{} ahead of readers: {}", stale.name().path(),
                                stale.format().extension(), ex.toString());
                    }
                }));
    }

    @Override
    public void destroy() {
        renderers.shutdownNow();
    }

    private Held render(FeedName name, FeedFormat format, String url) {
        long start = System.nanoTime();
        record Read(FeedChange change, Optional<Feed> feed) {
        }
        Read read = snapshot.execute(status -> {
            // One snapshot for the change stamp and the entries, so the revision labels exactly these bytes. Set
            // here, sent with the transaction's BEGIN, rather than as the template's isolation level, which
            // costs a round trip to set and another to reset on every render.
            jdbc.sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").update();
            FeedChange change = catalog.lastChangeOf(name);
            return new Read(change, catalog.find(name, change).map(feed -> url == null ? feed : feed.at(url)));
        });
        // A combination's stamp is the latest of its topics', which two changes of different topics in one
        // second can share: it gets no Last-Modified, only its ETag.
        Rendition rendition = read.feed()
                .map(feed -> Rendition.of(format, renderer.render(feed, format),
                        name instanceof FeedName.Topics ? null : feed.updated(), renderer.linkHeader(feed, format)))
                .orElse(null);
        if (rendition != null) {
            renders.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
        return new Held(name, format, url, read.change().revision(), rendition);
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
