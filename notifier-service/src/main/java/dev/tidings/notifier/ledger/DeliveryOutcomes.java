package dev.tidings.notifier.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What became of the rows of one claimed batch, collected while the batch is sent and written to
 * the ledger in one short transaction afterwards. Not thread-safe: one per batch.
 */
public final class DeliveryOutcomes {

    final List<Long> sent = new ArrayList<>();

    final List<Retry> retries = new ArrayList<>();

    final List<Failure> failures = new ArrayList<>();

    final List<Long> released = new ArrayList<>();

    /** The SMTP server accepted the email of this row. */
    public void sent(long id) {
        sent.add(id);
    }

    /** A transient failure: try again at {@code nextAttemptAt}. */
    public void retry(long id, Instant nextAttemptAt, String error) {
        retries.add(new Retry(id, nextAttemptAt, error));
    }

    /** A permanent failure, or the last attempt failed. */
    public void failed(long id, String error) {
        failures.add(new Failure(id, error));
    }

    /** Not attempted: the row goes back unchanged, due at once for any sender. */
    public void release(long id) {
        released.add(id);
    }

    public int sentCount() {
        return sent.size();
    }

    /** Nothing but sent rows, or nothing at all. */
    boolean onlySent() {
        return retries.isEmpty() && failures.isEmpty() && released.isEmpty();
    }

    record Retry(long id, Instant nextAttemptAt, String error) {
    }

    record Failure(long id, String error) {
    }
}
