package dev.tidings.notifier.subscription;

import java.util.List;

/** A request to receive emails for some topics, from the API or the subscribe form; not yet checked. */
public record SubscriptionRequest(String email, List<String> topics) {
}
