package dev.tidings.notifier.suppression;

import dev.tidings.notifier.ledger.Deliveries;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The suppression list: addresses that get no newsletter email any more, whatever they subscribed
 * to. The ledger checks it when it queues an article and again when it claims a row to send, so an
 * address suppressed in between is skipped too. Addresses are kept lowercased and looked up by the
 * SHA-256 of that form.
 */
@Repository
public class Suppressions {

    private final JdbcClient jdbc;

    private final Deliveries deliveries;

    private final Clock clock;

    Suppressions(JdbcClient jdbc, Deliveries deliveries, Clock clock) {
        this.jdbc = jdbc;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    /**
     * Suppresses {@code email} (idempotent: the first reason stays) and cancels every email to it not
     * yet sent. Returns whether it was newly suppressed.
     */
    @Transactional
    public boolean suppress(String email, SuppressionReason reason, String source, String detail) {
        boolean added = jdbc.sql("""
                INSERT INTO suppressions (address_hash, email, reason, source, detail, suppressed_at)
                VALUES (sha256(convert_to(lower(:email), 'UTF8')), lower(:email), :reason, :source, :detail, :at)
                ON CONFLICT (address_hash) DO NOTHING
                """)
                .param("email", email)
                .param("reason", reason.value())
                .param("source", source)
                .param("detail", detail)
                .param("at", Timestamp.from(clock.instant()))
                .update() > 0;
        deliveries.cancelPendingOfAddress(email, "suppressed: " + reason.value());
        return added;
    }

    /** Every suppressed address, the newest first. */
    public List<Suppression> list() {
        return jdbc.sql("""
                SELECT email, reason, source, detail, suppressed_at FROM suppressions ORDER BY suppressed_at DESC, email
                """)
                .query((rs, row) -> new Suppression(rs.getString("email"), rs.getString("reason"),
                        rs.getString("source"), rs.getString("detail"), rs.getTimestamp("suppressed_at").toInstant()))
                .list();
    }

    /**
     * Forgets {@code email} but keeps it suppressed: any suppression of it keeps only the hash, and
     * an address that was not suppressed becomes so as {@code erased}.
     */
    public void keepOnlyHash(String email) {
        jdbc.sql("""
                UPDATE suppressions SET email = NULL, detail = NULL
                WHERE address_hash = sha256(convert_to(lower(:email), 'UTF8'))
                """)
                .param("email", email)
                .update();
        jdbc.sql("""
                INSERT INTO suppressions (address_hash, email, reason, source, detail, suppressed_at)
                VALUES (sha256(convert_to(lower(:email), 'UTF8')), NULL, 'erased', 'erasure', NULL, :at)
                ON CONFLICT (address_hash) DO NOTHING
                """)
                .param("email", email)
                .param("at", Timestamp.from(clock.instant()))
                .update();
    }

    /**
     * Lifts the suppression an erasure left, when the same person subscribes and confirms again;
     * bounces and complaints stay.
     */
    public void liftErasure(String email) {
        jdbc.sql("DELETE FROM suppressions WHERE address_hash = sha256(convert_to(lower(:email), 'UTF8')) "
                + "AND reason = 'erased'")
                .param("email", email)
                .update();
    }

    /**
     * Whether a confirmation email to {@code email} would go to a mailbox that rejected us, bounced
     * or complained. An erasure does not count: subscribing again is how an erased person comes back.
     */
    public boolean refusesConfirmations(String email) {
        return find(email).filter(found -> !SuppressionReason.ERASED.value().equals(found.reason())).isPresent();
    }

    /** The suppression of {@code email}, if any. */
    public java.util.Optional<Suppression> find(String email) {
        return jdbc.sql("""
                SELECT email, reason, source, detail, suppressed_at FROM suppressions
                WHERE address_hash = sha256(convert_to(lower(:email), 'UTF8'))
                """)
                .param("email", email)
                .query((rs, row) -> new Suppression(rs.getString("email"), rs.getString("reason"),
                        rs.getString("source"), rs.getString("detail"), rs.getTimestamp("suppressed_at").toInstant()))
                .optional();
    }

    /** Lifts the suppression of {@code email}; false if it was not suppressed. */
    public boolean lift(String email) {
        return jdbc.sql("DELETE FROM suppressions WHERE address_hash = sha256(convert_to(lower(:email), 'UTF8'))")
                .param("email", email)
                .update() > 0;
    }
}
