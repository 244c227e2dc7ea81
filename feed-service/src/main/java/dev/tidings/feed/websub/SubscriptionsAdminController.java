package dev.tidings.feed.websub;

import java.time.Clock;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admins' view of the hub ({@code /api/admin/**} is for admins only): every subscription and how its deliveries go. */
@RestController
class SubscriptionsAdminController {

    private final Subscriptions subscriptions;

    private final TopicSources topics;

    private final Clock clock;

    SubscriptionsAdminController(Subscriptions subscriptions, TopicSources topics, Clock clock) {
        this.subscriptions = subscriptions;
        this.topics = topics;
        this.clock = clock;
    }

    /** Topics as their sources show them: a partner's token in a topic URL is a credential, not for the page. */
    @GetMapping("/api/admin/websub/subscriptions")
    List<SubscriptionView> subscriptions() {
        return subscriptions.all(clock.instant()).stream()
                .map(view -> view.withTopic(topics.shownAs(view.topic())))
                .toList();
    }
}
