package dev.tidings.content.outbox;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Tells a record Kafka refuses (it would be refused again, whatever the broker's state) from a
 * broker that is away or busy. Only the first costs the row an attempt; anything not known to
 * be the record's fault counts as the broker's, so an outage never parks rows.
 */
final class SendFailures {

    /** Whether some cause of {@code failure} says Kafka refuses this very record. */
    static boolean refusesTheRecord(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
                    || cause instanceof InvalidRecordException || cause instanceof InvalidTopicException
                    || cause instanceof SerializationException) {
                return true;
            }
        }
        return false;
    }

    private SendFailures() {
    }
}
