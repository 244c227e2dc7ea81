package dev.tidings.content.outbox;

import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admins' view of the outbox rows Kafka refused too often (admin role, as everything under /api/admin). */
@RestController
@RequestMapping("/api/admin/outbox/parked")
class ParkedEventController {

    private final ParkedEvents parked;

    ParkedEventController(ParkedEvents parked) {
        this.parked = parked;
    }

    /** Every parked event, oldest first, without payloads. */
    @GetMapping
    List<ParkedEvent> all() {
        return parked.all();
    }

    /** One parked event with its payload. */
    @GetMapping("/{id}")
    ParkedEvent one(@PathVariable UUID id) {
        return parked.one(id);
    }

    /** Sends it again (after the cause was fixed, such as a larger {@code max.message.bytes}); 202. */
    @PostMapping("/{id}/retry")
    ResponseEntity<Void> retry(@PathVariable UUID id) {
        parked.retry(id);
        return ResponseEntity.accepted().build();
    }

    /** Gives up on it; 204. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> drop(@PathVariable UUID id) {
        parked.drop(id);
        return ResponseEntity.noContent().build();
    }
}
