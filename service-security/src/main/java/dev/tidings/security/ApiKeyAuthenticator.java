package dev.tidings.security;

import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * Finds the person behind an API key: first among the keys of the configuration (held as hashes,
 * compared in constant time), then among the stored ones. A revoked key stops working with the
 * next request: nothing is cached.
 */
class ApiKeyAuthenticator {

    private final List<HashedKey> configured;

    private final ApiKeys stored;

    ApiKeyAuthenticator(SecurityProperties properties, ApiKeys stored) {
        this.configured = properties.keys().stream()
                .map(key -> new HashedKey(key.person(), key.role(), ApiKeySecrets.hash(key.key())))
                .toList();
        this.stored = stored;
    }

    Optional<ApiKeyAuthentication> authenticate(String presented) {
        byte[] hash = ApiKeySecrets.hash(presented);
        for (HashedKey key : configured) {
            if (MessageDigest.isEqual(key.hash(), hash)) {
                return Optional.of(new ApiKeyAuthentication(new Actor(key.person(), "config-key:" + key.person()),
                        key.role()));
            }
        }
        return stored.findActive(hash)
                .map(key -> new ApiKeyAuthentication(new Actor(key.person(), "api-key:" + key.id()), key.role()));
    }

    private record HashedKey(String person, Role role, byte[] hash) {
    }
}
