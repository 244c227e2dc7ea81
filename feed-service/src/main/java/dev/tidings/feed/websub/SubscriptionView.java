package dev.tidings.feed.websub;

import java.time.Instant;

/**
 * A subscription as admins see it, never with its secret: {@code state} is {@code active} or
 * {@code expired} (until the hub removes it), {@code lastDeliveryStatus} the callback's status code
 * or what went wrong, {@code failures} the failed attempts since the last success, {@code givenUp}
 * the deliveries abandoned after every attempt failed, and {@code deliveryPending} whether a change
 * waits to be delivered.
 */
record SubscriptionView(long id, String topic, String callback, String state, boolean signed, long leaseSeconds,
        Instant subscribedAt, Instant expiresAt, Instant lastDeliveryAt, String lastDeliveryStatus, int failures,
        int givenUp, boolean deliveryPending) {

    SubscriptionView withTopic(String shownTopic) {
        return new SubscriptionView(id, shownTopic, callback, state, signed, leaseSeconds, subscribedAt, expiresAt,
                lastDeliveryAt, lastDeliveryStatus, failures, givenUp, deliveryPending);
    }
}
