package dev.tidings.feed.partner;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A partner as admins see it, never with its token: whether it has a valid one, since when, the
 * topics it may read, and how often it asked for its feeds ({@code requests}, {@code lastAccessAt}:
 * what every instance has stored, plus what this instance has counted since its last flush).
 */
public record PartnerSummary(UUID id, String name, List<String> topics, boolean tokenActive, Instant tokenIssuedAt,
        Instant tokenRevokedAt, Instant createdAt, String createdBy, long requests, Instant lastAccessAt) {

    public PartnerSummary {
        topics = List.copyOf(topics);
    }

    PartnerSummary counting(long moreRequests, Instant lastAccess) {
        Instant latest = lastAccess == null || (lastAccessAt != null && lastAccessAt.isAfter(lastAccess))
                ? lastAccessAt : lastAccess;
        return new PartnerSummary(id, name, topics, tokenActive, tokenIssuedAt, tokenRevokedAt, createdAt, createdBy,
                requests + moreRequests, latest);
    }
}
