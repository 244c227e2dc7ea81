package dev.tidings.localstack;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Confirmed readers written straight into notifier-service's database, thousands in one statement:
 * subscribing that many through the API would take longer than the fan-out under test.
 */
final class SeededReaders {

    private SeededReaders() {
    }

    /** {@code count} confirmed readers of {@code topic}, {@code <prefix>-1@example.com} and on. */
    static void confirm(Connection notifierDb, String topic, String prefix, int count) throws SQLException {
        try (Statement statement = notifierDb.createStatement()) {
            statement.execute("""
                    INSERT INTO subscribers (id, email, created_at, confirmed_at)
                    SELECT CAST(md5('%1$s-' || n) AS uuid), '%1$s-' || n || '@example.com', now(), now()
                    FROM generate_series(1, %2$d) AS n
                    """.formatted(prefix, count));
            statement.execute("""
                    INSERT INTO subscriptions (subscriber_id, topic_slug, requested_at, confirmed_at)
                    SELECT id, '%s', now(), now() FROM subscribers WHERE email LIKE '%s-%%@example.com'
                    """.formatted(topic, prefix));
        }
    }
}
