package dev.tidings.notifier.privacy;

import dev.tidings.notifier.suppression.Suppressions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything this service stores about one address (GDPR articles 15 and 17): the subscriber, their
 * topics, their subscribe requests, the emails sent or owed to them, and a suppression. Erasing
 * removes all of it but the SHA-256 of the address on the suppression list, so that nothing is
 * mailed to it by accident; confirming a new subscription lifts that.
 */
@Repository
class PersonalData {

    private final JdbcClient jdbc;

    private final Suppressions suppressions;

    PersonalData(JdbcClient jdbc, Suppressions suppressions) {
        this.jdbc = jdbc;
        this.suppressions = suppressions;
    }

    /** All stored about {@code email} as a JSON-ready map; empty if nothing is. */
    @Transactional(readOnly = true)
    public Optional<Map<String, Object>> export(String email) {
        Optional<Map<String, Object>> subscriber = jdbc.sql("""
                SELECT id, created_at, confirmed_at, unsubscribed_at, frequency FROM subscribers WHERE email = :email
                """)
                .param("email", email)
                .query((rs, row) -> map("id", rs.getObject("id"), "createdAt", instant(rs, "created_at"),
                        "confirmedAt", instant(rs, "confirmed_at"), "unsubscribedAt", instant(rs, "unsubscribed_at"),
                        "frequency", rs.getString("frequency")))
                .optional();
        List<Map<String, Object>> subscriptions = jdbc.sql("""
                SELECT sub.topic_slug, sub.requested_at, sub.confirmed_at
                FROM subscriptions sub JOIN subscribers s ON s.id = sub.subscriber_id
                WHERE s.email = :email ORDER BY sub.topic_slug
                """)
                .param("email", email)
                .query((rs, row) -> map("topic", rs.getString("topic_slug"), "requestedAt",
                        instant(rs, "requested_at"), "confirmedAt", instant(rs, "confirmed_at")))
                .list();
        List<Map<String, Object>> requests = jdbc.sql("""
                SELECT id, topics, requested_at, status, sent_at, confirmed_at FROM confirmation_requests
                WHERE email = :email ORDER BY requested_at
                """)
                .param("email", email)
                .query((rs, row) -> map("id", rs.getObject("id"), "topics",
                        Arrays.asList((String[]) rs.getArray("topics").getArray()), "requestedAt",
                        instant(rs, "requested_at"), "status", rs.getString("status"), "sentAt", instant(rs, "sent_at"),
                        "confirmedAt", instant(rs, "confirmed_at")))
                .list();
        List<Map<String, Object>> emails = jdbc.sql("""
                SELECT d.article_id, a.title, d.kind, d.status, d.attempts, d.created_at, d.sent_at, d.last_error
                FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id JOIN articles a ON a.id = d.article_id
                WHERE s.email = :email ORDER BY d.created_at, d.id
                """)
                .param("email", email)
                .query((rs, row) -> map("articleId", rs.getObject("article_id"), "articleTitle", rs.getString("title"),
                        "kind", rs.getString("kind"), "status", rs.getString("status"), "attempts",
                        rs.getInt("attempts"), "queuedAt", instant(rs, "created_at"), "sentAt", instant(rs, "sent_at"),
                        "lastError", rs.getString("last_error")))
                .list();
        Optional<Object> suppression = suppressions.find(email).map(found -> found);
        if (subscriber.isEmpty() && requests.isEmpty() && suppression.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(map("email", email, "subscriber", subscriber.orElse(null), "subscriptions", subscriptions,
                "subscribeRequests", requests, "emails", emails, "suppression", suppression.orElse(null)));
    }

    /** Erases everything stored about {@code email} but the hash that keeps it suppressed; false if nothing was. */
    @Transactional
    public boolean erase(String email) {
        // Deleting the subscriber deletes their subscriptions and ledger rows with it (ON DELETE CASCADE).
        int removed = jdbc.sql("DELETE FROM subscribers WHERE email = :email").param("email", email).update()
                + jdbc.sql("DELETE FROM confirmation_requests WHERE email = :email").param("email", email).update();
        boolean suppressed = suppressions.find(email).isPresent();
        if (removed == 0 && !suppressed) {
            return false;
        }
        suppressions.keepOnlyHash(email);
        return true;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** An insertion-ordered map that, unlike Map.of, keeps null values (an unsent email has no sentAt). */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
