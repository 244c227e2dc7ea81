package dev.tidings.events.consuming;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;

/**
 * What a rebuild from the log ({@link TopicReplay}) does with an event the live consumers would
 * dead-letter (see {@link ConsumerFailure}): skips it, counts it and logs it; any other failure is
 * thrown, which stops the rebuild. Thread-safe, as the writers run at once.
 */
public final class ReplaySkips {

    private static final Logger log = LoggerFactory.getLogger(ReplaySkips.class);

    private final AtomicLong skipped = new AtomicLong();

    /** How many events were skipped so far. */
    public long count() {
        return skipped.get();
    }

    /** Skips {@code what} if the live consumers would dead-letter it for {@code ex}; throws {@code ex} otherwise. */
    public void skip(RuntimeException ex, String what) {
        if (!ConsumerFailure.of(ex).deadLetter()) {
            throw ex;
        }
        skipped.incrementAndGet();
        log.warn("Skipped {} as the live consumers dead-letter it: {}", what, ex.getMessage());
    }

    /** Skips the record, named by its topic, partition and offset, as {@link #skip(RuntimeException, String)}. */
    public void skip(RuntimeException ex, ConsumerRecord<?, ?> record) {
        skip(ex, record.topic() + "-" + record.partition() + "@" + record.offset());
    }

    /** Reads each record's message, skipping those that cannot be read. */
    public <T> List<T> readEach(List<ConsumerRecord<String, byte[]>> records, Function<Message<byte[]>, T> read) {
        List<T> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(read.apply(TopicReplay.messageOf(record)));
            }
            catch (RuntimeException ex) {
                skip(ex, record);
            }
        }
        return events;
    }

    /**
     * Applies the events at once; should the database reject one of them, which fails them all,
     * applies them one by one to skip just that one (named by {@code describe}).
     */
    public <T> void applyAll(List<T> events, Consumer<List<T>> apply, Function<T, String> describe) {
        try {
            apply.accept(events);
        }
        catch (RuntimeException ex) {
            if (!ConsumerFailure.of(ex).deadLetter()) {
                throw ex;
            }
            for (T event : events) {
                try {
                    apply.accept(List.of(event));
                }
                catch (RuntimeException rejected) {
                    skip(rejected, describe.apply(event));
                }
            }
        }
    }
}
