package dev.tidings.content.outbox;

import dev.tidings.security.AuditTrail;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * What admins do with outbox rows the relay parked: look at them, send them again, or drop them.
 * Either of the last two releases the later events of the same article or topic.
 */
@Component
class ParkedEvents {

    private static final Logger log = LoggerFactory.getLogger(ParkedEvents.class);

    private final OutboxRows rows;

    private final ApplicationEventPublisher events;

    ParkedEvents(OutboxRows rows, ApplicationEventPublisher events) {
        this.rows = rows;
        this.events = events;
    }

    List<ParkedEvent> all() {
        return rows.parked();
    }

    ParkedEvent one(UUID id) {
        return rows.parked(id).orElseThrow(() -> new NotParked(id));
    }

    /** Makes the row pending again, with a fresh count of attempts; the relay runs once this commits. */
    @Transactional
    void retry(UUID id) {
        if (!rows.unpark(id)) {
            throw new NotParked(id);
        }
        log.info("Parked outbox event {} goes back to the relay", id);
        events.publishEvent(new OutboxEventAppended());
    }

    /** Deletes the row for good; the later events of its article or topic then flow. */
    @Transactional
    void drop(UUID id) {
        ParkedEvent dropped = one(id);
        rows.dropParked(id);
        AuditTrail.note("dropped " + dropped.type() + " of " + dropped.subject() + " on " + dropped.destination());
        log.warn("Dropped parked outbox event {} ({} of {} on {}); consumers never see it", id, dropped.type(),
                dropped.subject(), dropped.destination());
        events.publishEvent(new OutboxEventAppended());
    }

    /** 404: no parked outbox event has this id (it may be pending, published, or never existed). */
    static class NotParked extends ErrorResponseException {

        NotParked(UUID id) {
            super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "There is no parked outbox event " + id + "."), null);
        }
    }
}
