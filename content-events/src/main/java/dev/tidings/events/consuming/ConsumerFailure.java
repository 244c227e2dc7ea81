package dev.tidings.events.consuming;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.messaging.converter.MessageConversionException;

/**
 * Why a consumer failed on an event, and so what to do with it: an event that can never succeed is
 * dead-lettered, anything that may succeed later is retried.
 *
 * <p>Only what is known to be permanent is dead-lettered; everything else (database or broker down,
 * a timeout, a lock, a bug fixed by the next deploy) is retried, because skipping an event loses it
 * from the read model for good.
 */
public enum ConsumerFailure {

    /** The event breaks the contract or cannot be decoded: it will read the same way next time. */
    UNREADABLE(true),

    /**
     * The database refuses the event's values (a value too long or out of range, a character it cannot
     * store, a constraint): the same insert fails the same way on every retry.
     */
    REJECTED_BY_DATABASE(true),

    /** Anything else: it may succeed once the database, the broker or the code is back in shape. */
    TRANSIENT(false);

    private final boolean deadLetter;

    ConsumerFailure(boolean deadLetter) {
        this.deadLetter = deadLetter;
    }

    /** True if the event goes to the dead-letter topic rather than being retried. */
    public boolean deadLetter() {
        return deadLetter;
    }

    /** The metric tag of this failure. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Classifies {@code failure} by the first cause in its chain that says something definite. */
    public static ConsumerFailure of(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof UnreadableEventException || cause instanceof DeserializationException
                    || cause instanceof SerializationException || cause instanceof MessageConversionException) {
                return UNREADABLE;
            }
            if (cause instanceof DataIntegrityViolationException || isDataRejection(cause)) {
                return REJECTED_BY_DATABASE;
            }
        }
        return TRANSIENT;
    }

    /**
     * SQLSTATE class 22 (data exception: too long, out of range, invalid text) and 23 (integrity
     * constraint violation) depend only on the values sent; connection (08), resource (53), lock
     * (40, 55) and every other class may clear up.
     */
    private static boolean isDataRejection(Throwable cause) {
        if (!(cause instanceof SQLException sql) || sql.getSQLState() == null) {
            return false;
        }
        return sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23");
    }
}
