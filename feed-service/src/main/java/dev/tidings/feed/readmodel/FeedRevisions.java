package dev.tidings.feed.readmodel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The newest revision of every feed as this instance knows it, so that a request can tell whether
 * the bytes it holds are current without asking the database.
 *
 * <p>Kept current by PostgreSQL: every transaction that changes feeds sends
 * {@code NOTIFY feed_changes} with their new revisions and names, delivered to every instance when
 * (and only if) it commits, whichever instance consumed the event. One thread per instance listens
 * on its own connection and takes the revisions from the notifications; the instance that committed
 * a change learns it at once, from the statement ({@link #learn}). After (re)connecting, and every
 * {@link #SWEEP} as a check that the connection still works, it reads them all, so a notification
 * sent while it was not listening is never missed for longer than a reconnect. Between a commit on
 * another instance and its notification (milliseconds) this instance answers with the previous
 * content, as if the request had come a moment earlier. Each time it learns of newer revisions it
 * publishes {@link FeedsChanged}.
 */
@Component
public class FeedRevisions implements SmartLifecycle {

    static final String CHANNEL = "feed_changes";

    private static final Logger log = LoggerFactory.getLogger(FeedRevisions.class);

    private static final Duration SWEEP = Duration.ofSeconds(30);

    private static final Duration WAIT = Duration.ofSeconds(1);

    private static final Duration RECONNECT = Duration.ofSeconds(2);

    // NOTIFY payloads are limited to 8000 bytes; an empty one asks listeners to read every feed.
    static final int LONGEST_PAYLOAD = 7000;

    private static final Pattern NUMBERED = Pattern.compile("(\\d{1,18}) (.+)");

    private final ConcurrentHashMap<String, Long> revisions = new ConcurrentHashMap<>();

    private final DataSource dataSource;

    private final ApplicationEventPublisher events;

    private volatile Thread listener;

    FeedRevisions(DataSource dataSource, ApplicationEventPublisher events) {
        this.dataSource = dataSource;
        this.events = events;
    }

    /** The newest revision of the feed known here, 0 for a feed that never changed (or not yet heard of). */
    public long revisionOf(String feed) {
        Long revision = revisions.get(feed);
        return revision == null ? 0 : revision;
    }

    @Override
    public void start() {
        Thread thread = new Thread(this::listen, "feed-revisions");
        thread.setDaemon(true);
        listener = thread;
        thread.start();
    }

    @Override
    public void stop() {
        Thread thread = listener;
        listener = null;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return listener != null;
    }

    private void listen() {
        while (listener == Thread.currentThread()) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection notifications = connection.unwrap(PGConnection.class);
                readAll(connection);
                long nextSweep = System.nanoTime() + SWEEP.toNanos();
                while (listener == Thread.currentThread()) {
                    PGNotification[] received = notifications.getNotifications((int) WAIT.toMillis());
                    if (received != null && received.length > 0) {
                        read(connection, received);
                    }
                    else if (System.nanoTime() - nextSweep > 0) {
                        readAll(connection);
                        nextSweep = System.nanoTime() + SWEEP.toNanos();
                    }
                }
            }
            catch (SQLException | RuntimeException ex) {
                if (listener != Thread.currentThread()) {
                    return;
                }
                log.warn("Lost the feed change notifications ({}); reconnecting in {}", ex.toString(), RECONNECT);
                try {
                    Thread.sleep(RECONNECT.toMillis());
                }
                catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /**
     * New revisions committed by this instance, learned from the statement that moved them: the feeds
     * render without waiting for the notification, which then changes nothing.
     */
    void learn(Map<String, Long> committed) {
        Set<String> changed = new HashSet<>();
        committed.forEach((feed, revision) -> remember(feed, revision, changed));
        announce(changed);
    }

    private void read(Connection connection, PGNotification[] received) throws SQLException {
        Map<String, Long> notified = new HashMap<>();
        Set<String> unnumbered = new HashSet<>();
        for (PGNotification notification : received) {
            if (notification.getParameter().isEmpty()) {
                readAll(connection);
                return;
            }
            // Lines "<revision> <feed>" (a tag's feed name may hold spaces). A line with a name only, from an
            // instance of an older release during a rolling upgrade, never starts with digits and a space (slugs
            // have no spaces, tag feeds start with "tag:"); its revision is read.
            for (String line : notification.getParameter().split("\n")) {
                Matcher numbered = NUMBERED.matcher(line);
                if (numbered.matches()) {
                    notified.merge(numbered.group(2), Long.parseLong(numbered.group(1)), Math::max);
                }
                else {
                    unnumbered.add(line);
                }
            }
        }
        Set<String> changed = new HashSet<>();
        notified.forEach((feed, revision) -> remember(feed, revision, changed));
        if (!unnumbered.isEmpty()) {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT feed, revision FROM feed_changes WHERE feed = ANY(?)")) {
                select.setArray(1, connection.createArrayOf("text", unnumbered.toArray()));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        remember(rows.getString("feed"), rows.getLong("revision"), changed);
                    }
                }
            }
        }
        announce(changed);
    }

    private void readAll(Connection connection) throws SQLException {
        try (Statement select = connection.createStatement()) {
            remember(select.executeQuery("SELECT feed, revision FROM feed_changes"));
        }
    }

    private void remember(ResultSet rows) throws SQLException {
        Set<String> changed = new HashSet<>();
        try (rows) {
            while (rows.next()) {
                remember(rows.getString("feed"), rows.getLong("revision"), changed);
            }
        }
        announce(changed);
    }

    private void remember(String feed, long revision, Set<String> changed) {
        // Revisions only grow; a late answer must not move one back.
        if (revisions.merge(feed, revision, Math::max) == revision) {
            changed.add(feed);
        }
    }

    private void announce(Set<String> changed) {
        if (!changed.isEmpty()) {
            events.publishEvent(new FeedsChanged(changed));
        }
    }
}
