package dev.tidings.feed.websub;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The verified subscriptions, one per (topic, callback), with their lease and delivery record. */
@Repository
class Subscriptions {

    private final JdbcClient jdbc;

    Subscriptions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a subscription, or renews it (new lease, secret and change keys) if the callback has one to the topic. */
    void subscribe(String topic, String callback, List<String> changeKeys, String secret, long leaseSeconds,
            Instant now) {
        jdbc.sql("""
                INSERT INTO websub_subscriptions (topic, callback, change_keys, secret, lease_seconds, expires_at,
                                                  subscribed_at)
                VALUES (:topic, :callback, CAST(:changeKeys AS text[]), :secret, :leaseSeconds, :expiresAt, :now)
                ON CONFLICT (topic, callback) DO UPDATE
                    SET change_keys = EXCLUDED.change_keys, secret = EXCLUDED.secret,
                        lease_seconds = EXCLUDED.lease_seconds, expires_at = EXCLUDED.expires_at,
                        subscribed_at = EXCLUDED.subscribed_at
                """)
                .param("topic", topic)
                .param("callback", callback)
                .param("changeKeys", new SqlParameterValue(Types.ARRAY, changeKeys.toArray(String[]::new)))
                .param("secret", secret)
                .param("leaseSeconds", leaseSeconds)
                .param("expiresAt", utc(now.plusSeconds(leaseSeconds)))
                .param("now", utc(now))
                .update();
    }

    /** Removes the callback's subscription to the topic, with any delivery pending for it. */
    void unsubscribe(String topic, String callback) {
        jdbc.sql("DELETE FROM websub_subscriptions WHERE topic = :topic AND callback = :callback")
                .param("topic", topic)
                .param("callback", callback)
                .update();
    }

    /** Removes the subscriptions whose lease ended before {@code now}, with their pending deliveries. */
    int removeExpired(Instant now) {
        return jdbc.sql("DELETE FROM websub_subscriptions WHERE expires_at <= :now")
                .param("now", utc(now))
                .update();
    }

    Optional<Subscription> find(long id) {
        return jdbc.sql("SELECT id, topic, callback, secret FROM websub_subscriptions WHERE id = :id")
                .param("id", id)
                .query((rs, row) -> new Subscription(rs.getLong("id"), rs.getString("topic"),
                        rs.getString("callback"), rs.getString("secret")))
                .optional();
    }

    List<SubscriptionView> all(Instant now) {
        return jdbc.sql("""
                SELECT s.*, d.subscription_id IS NOT NULL AS pending
                FROM websub_subscriptions s LEFT JOIN websub_deliveries d ON d.subscription_id = s.id
                ORDER BY s.topic, s.callback
                """)
                .query((rs, row) -> view(rs, now))
                .list();
    }

    void recordSuccess(long id, String status, Instant at) {
        jdbc.sql("""
                UPDATE websub_subscriptions SET last_delivery_at = :at, last_delivery_status = :status, failures = 0
                WHERE id = :id
                """)
                .param("id", id)
                .param("status", status)
                .param("at", utc(at))
                .update();
    }

    void recordFailure(long id, String status, Instant at, boolean gaveUp) {
        jdbc.sql("""
                UPDATE websub_subscriptions SET last_delivery_at = :at, last_delivery_status = :status,
                    failures = failures + 1, given_up = given_up + CASE WHEN :gaveUp THEN 1 ELSE 0 END
                WHERE id = :id
                """)
                .param("id", id)
                .param("status", status)
                .param("at", utc(at))
                .param("gaveUp", gaveUp)
                .update();
    }

    private static SubscriptionView view(ResultSet rs, Instant now) throws SQLException {
        Instant expiresAt = instant(rs, "expires_at");
        return new SubscriptionView(rs.getLong("id"), rs.getString("topic"), rs.getString("callback"),
                expiresAt.isAfter(now) ? "active" : "expired", rs.getString("secret") != null,
                rs.getLong("lease_seconds"), instant(rs, "subscribed_at"), expiresAt,
                instant(rs, "last_delivery_at"), rs.getString("last_delivery_status"), rs.getInt("failures"),
                rs.getInt("given_up"), rs.getBoolean("pending"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
