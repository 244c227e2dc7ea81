package dev.tidings.security;

import java.time.Instant;
import java.util.UUID;

/** A person's API key as stored: everything but the secret, which only the creator ever saw. */
public record ApiKey(UUID id, String person, Role role, Instant createdAt, String createdBy, Instant revokedAt) {
}
