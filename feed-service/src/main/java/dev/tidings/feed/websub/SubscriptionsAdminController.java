package dev.tidings.feed.websub;

import java.time.Clock;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admins' view of the hub ({@code /api/admin/**} is for admins only): every subscription and how its deliveries go. */
@RestController
class SubscriptionsAdminController {

    private final Subscriptions subscriptions;

    private final Clock clock;

    SubscriptionsAdminController(Subscriptions subscriptions, Clock clock) {
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    @GetMapping("/api/admin/websub/subscriptions")
    List<SubscriptionView> subscriptions() {
        return subscriptions.all(clock.instant());
    }
}
