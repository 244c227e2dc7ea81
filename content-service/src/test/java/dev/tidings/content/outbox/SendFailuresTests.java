package dev.tidings.content.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.MessageHandlingException;

class SendFailuresTests {

    @Test
    void aRecordTooLargeDeepInTheBindersExceptionIsTheRecordsFault() {
        Exception failure = new MessageHandlingException(null, "send failed",
                new ExecutionException(new RecordTooLargeException("1500490 bytes")));

        assertThat(SendFailures.refusesTheRecord(failure)).isTrue();
    }

    @Test
    void anAbsentOrStrugglingOrMisconfiguredBrokerIsNeverTheRecordsFault() {
        assertThat(SendFailures.refusesTheRecord(new MessageHandlingException(null, "send failed",
                new TimeoutException("Topic not present in metadata after 10000 ms")))).isFalse();
        assertThat(SendFailures.refusesTheRecord(new NotEnoughReplicasException("1 of 2"))).isFalse();
        assertThat(SendFailures.refusesTheRecord(new AuthorizationException("no ACL"))).isFalse();
        assertThat(SendFailures.refusesTheRecord(new IllegalStateException("producer closed"))).isFalse();
    }
}
