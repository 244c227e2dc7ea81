package dev.tidings.events.consuming;

/**
 * What a rebuild from the log checks before it writes: that it fills a fresh database. Applying the
 * log to a filled one would change nothing (every event's version is already stored), so rows there
 * mean that {@code spring.datasource.url} names the wrong database.
 */
public final class FreshDatabase {

    private FreshDatabase() {
    }

    /**
     * @param storedRows the articles and topics the target database already holds
     * @throws IllegalStateException if it holds any
     */
    public static void require(long storedRows) {
        if (storedRows > 0) {
            throw new IllegalStateException("A rebuild fills a fresh database; this one already holds " + storedRows
                    + " articles and topics: point spring.datasource.url at an empty one");
        }
    }
}
