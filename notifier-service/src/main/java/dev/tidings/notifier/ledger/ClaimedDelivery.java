package dev.tidings.notifier.delivery;

import java.util.UUID;

/** A claimed ledger row with everything needed to compose its email. */
record DueDelivery(long id, UUID subscriberId, String email, String kind, int attempts, UUID articleId, String title,
        String summary, String bodyHtml, String canonicalUrl) {
}
