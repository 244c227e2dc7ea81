package dev.tidings.events.consuming;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.messaging.MessageHandlingException;
import org.springframework.messaging.support.GenericMessage;

class ConsumerFailureTests {

    @Test
    void anUnreadableEventIsDeadLetteredHoweverDeeplyTheListenerWrapsIt() {
        UnreadableEventException unreadable = new UnreadableEventException("unknown article event type x");

        assertThat(ConsumerFailure.of(asTheBinderThrowsIt(unreadable))).isEqualTo(ConsumerFailure.UNREADABLE);
        assertThat(ConsumerErrorPolicy.reasonOf(asTheBinderThrowsIt(unreadable))).isSameAs(unreadable);
    }

    @Test
    void bytesThatCannotBeDeserializedAreDeadLettered() {
        assertThat(ConsumerFailure.of(new DeserializationException("bad", new byte[] {1}, false, null)))
                .isEqualTo(ConsumerFailure.UNREADABLE);
        assertThat(ConsumerFailure.of(new RecordDeserializationException(
                RecordDeserializationException.DeserializationExceptionOrigin.VALUE, null, 0, 0, null, null, null,
                null, "bad", null))).isEqualTo(ConsumerFailure.UNREADABLE);
    }

    @Test
    void valuesTheDatabaseRejectsAreDeadLettered() {
        SQLException tooLong = new SQLException("value too long for type character varying(200)", "22001");
        SQLException outOfRange = new SQLException("timestamp out of range", "22008");
        SQLException nulCharacter = new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021");
        SQLException notNull = new SQLException("null value in column \"title\"", "23502");

        assertThat(ConsumerFailure.of(asTheBinderThrowsIt(new DataIntegrityViolationException("x", tooLong))))
                .isEqualTo(ConsumerFailure.REJECTED_BY_DATABASE);
        assertThat(ConsumerFailure.of(asTheBinderThrowsIt(new DuplicateKeyException("x"))))
                .isEqualTo(ConsumerFailure.REJECTED_BY_DATABASE);
        // Whatever Spring's translation made of them, the SQL state alone decides.
        assertThat(ConsumerFailure.of(asTheBinderThrowsIt(new UncategorizedSQLException("insert", "x", outOfRange))))
                .isEqualTo(ConsumerFailure.REJECTED_BY_DATABASE);
        assertThat(ConsumerFailure.of(nulCharacter)).isEqualTo(ConsumerFailure.REJECTED_BY_DATABASE);
        assertThat(ConsumerFailure.of(notNull)).isEqualTo(ConsumerFailure.REJECTED_BY_DATABASE);
        assertThat(ConsumerFailure.REJECTED_BY_DATABASE.deadLetter()).isTrue();
    }

    @Test
    void whatMaySucceedLaterIsRetried() {
        assertThat(ConsumerFailure.of(asTheBinderThrowsIt(new CannotGetJdbcConnectionException("db down",
                new SQLTransientConnectionException("connection refused", "08001", new ConnectException())))))
                .isEqualTo(ConsumerFailure.TRANSIENT);
        assertThat(ConsumerFailure.of(new SQLException("terminating connection", "57P01")))
                .isEqualTo(ConsumerFailure.TRANSIENT);
        assertThat(ConsumerFailure.of(new SQLException("too many connections", "53300")))
                .isEqualTo(ConsumerFailure.TRANSIENT);
        assertThat(ConsumerFailure.of(new CannotAcquireLockException("lock", new SQLException("deadlock", "40P01"))))
                .isEqualTo(ConsumerFailure.TRANSIENT);
        assertThat(ConsumerFailure.of(new QueryTimeoutException("slow"))).isEqualTo(ConsumerFailure.TRANSIENT);
        assertThat(ConsumerFailure.of(new TimeoutException("broker away"))).isEqualTo(ConsumerFailure.TRANSIENT);
        // A schema the code does not match yet is fixed by a migration or a deploy, not by dropping events.
        assertThat(ConsumerFailure.of(new BadSqlGrammarException("select", "x",
                new SQLException("relation does not exist", "42P01")))).isEqualTo(ConsumerFailure.TRANSIENT);
        assertThat(ConsumerFailure.of(new IllegalStateException("bug"))).isEqualTo(ConsumerFailure.TRANSIENT);
        assertThat(ConsumerFailure.of(new SQLException("no state"))).isEqualTo(ConsumerFailure.TRANSIENT);
        assertThat(ConsumerFailure.TRANSIENT.deadLetter()).isFalse();
    }

    @Test
    void aCauseChainThatLoopsEnds() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);

        assertThat(ConsumerFailure.of(second)).isEqualTo(ConsumerFailure.TRANSIENT);
    }

    /** How a Spring Cloud Stream function's exception reaches the container's error handler. */
    private static Exception asTheBinderThrowsIt(Exception thrown) {
        MessageHandlingException handling = new MessageHandlingException(new GenericMessage<>(new byte[0]),
                "error occurred in message handler", thrown);
        return new ListenerExecutionFailedException("Listener failed", "group", handling);
    }
}
