package dev.tidings.feed.partner;

import dev.tidings.feed.readmodel.Topics;
import dev.tidings.security.Actor;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/admin/partners} (admins only, as all of {@code /api/admin/**}): create a partner (its
 * token is in the answer, once), list partners with their request counts, change a partner's topics,
 * revoke its token (it stops working with the next request) or issue a new one.
 */
@RestController
@RequestMapping("/api/admin/partners")
class PartnerAdminController {

    private final Partners partners;

    private final PartnerRequestCounts counts;

    private final Topics topics;

    private final Clock clock;

    PartnerAdminController(Partners partners, PartnerRequestCounts counts, Topics topics, Clock clock) {
        this.partners = partners;
        this.counts = counts;
        this.topics = topics;
        this.clock = clock;
    }

    @GetMapping
    List<PartnerSummary> list() {
        return partners.list().stream().map(counts::withPending).toList();
    }

    @PostMapping
    ResponseEntity<NewToken> create(@RequestBody PartnerInput.NewPartner request) {
        String name = PartnerInput.name(request.name());
        List<String> slugs = PartnerInput.topics(request.topics(), topics);
        Actor admin = Actor.current();
        Partners.Created created = partners.create(name, slugs, admin.name() + " (" + admin.credential() + ")",
                clock.instant());
        return ResponseEntity.created(URI.create("/api/admin/partners/" + created.partner().id()))
                .body(NewToken.of(created));
    }

    @PutMapping("/{id}/topics")
    PartnerSummary changeTopics(@PathVariable UUID id, @RequestBody PartnerInput.TopicsChange request) {
        List<String> slugs = PartnerInput.topics(request.topics(), topics);
        return partners.changeTopics(id, slugs).map(counts::withPending).orElseThrow(() -> unknown(id));
    }

    @DeleteMapping("/{id}/token")
    ResponseEntity<Void> revokeToken(@PathVariable UUID id) {
        partners.revokeToken(id, clock.instant()).orElseThrow(() -> unknown(id));
        return ResponseEntity.noContent().build();
    }

    /** A new token for the partner; the one it had stops working at once. */
    @PostMapping("/{id}/token")
    ResponseEntity<NewToken> issueToken(@PathVariable UUID id) {
        Partners.Created issued = partners.issueToken(id, clock.instant()).orElseThrow(() -> unknown(id));
        return ResponseEntity.status(HttpStatus.CREATED).body(NewToken.of(issued));
    }

    private static ErrorResponseException unknown(UUID id) {
        return new ErrorResponseException(HttpStatus.NOT_FOUND,
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no partner " + id + "."), null);
    }

    /** A partner and its new token, shown only here: the service keeps only its SHA-256. */
    record NewToken(UUID id, String name, List<String> topics, String token) {

        static NewToken of(Partners.Created created) {
            PartnerSummary partner = created.partner();
            return new NewToken(partner.id(), partner.name(), partner.topics(), created.token());
        }
    }
}
