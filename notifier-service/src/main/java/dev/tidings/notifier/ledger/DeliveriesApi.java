package dev.tidings.notifier.ledger;

import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The admin view of the delivery ledger (behind the admin bearer token, see the web filters). */
@RestController
class DeliveriesApi {

    private final Deliveries deliveries;

    DeliveriesApi(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @GetMapping(path = "/api/deliveries", produces = MediaType.APPLICATION_JSON_VALUE)
    List<DeliveryView> ofArticle(@RequestParam UUID articleId) {
        return deliveries.ofArticle(articleId);
    }
}
