package dev.tidings.feed.readmodel;

import java.time.Instant;
import java.util.UUID;

/** A retracted article as its feeds' tombstones show it; {@code reason} may be empty. */
public record Retraction(UUID id, Instant retractedAt, String reason) {
}
