package dev.tidings.notifier.subscription;

import dev.tidings.notifier.NotifierProperties;
import dev.tidings.notifier.NotifierProperties.LinkKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

/**
 * Link tokens that need no stored row: the id of what a link names (a subscriber, a confirmation
 * request) with an HMAC-SHA256 over purpose, key id and id, in URL-safe base64. A link works from
 * the moment it is written into an email, whatever happens to the transaction around the send.
 *
 * <p>The key ring comes from {@code tidings.notifier.link-keys}: the last key signs, every key
 * verifies, and each token names the key that signed it, so keys can rotate without breaking the
 * links already in people's inboxes. Thread-safe.
 */
@Component
class LinkTokens {

    /** 128 bits of the HMAC: far beyond guessing, and links stay short. */
    private static final int MAC_BYTES = 16;

    private static final int ID_BYTES = 16;

    private static final int MAX_TOKEN_CHARS = 120;

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]+");

    private static final String ALGORITHM = "HmacSHA256";

    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    private final String signingKeyId;

    /** Never used itself, only cloned: a Mac is not thread-safe. */
    private final Map<String, Mac> prototypes = new ConcurrentHashMap<>();

    @Autowired
    LinkTokens(NotifierProperties properties) {
        this(properties.linkKeys());
    }

    /** A ring of {@code ring}'s keys, the last one signing. */
    LinkTokens(List<LinkKey> ring) {
        Assert.notEmpty(ring, "tidings.notifier.link-keys must list at least one key");
        for (LinkKey key : ring) {
            SecretKeySpec previous = keys.put(key.id(),
                    new SecretKeySpec(key.secret().getBytes(StandardCharsets.UTF_8), ALGORITHM));
            Assert.isNull(previous, () -> "tidings.notifier.link-keys: key id " + key.id() + " is listed twice");
        }
        this.signingKeyId = ring.get(ring.size() - 1).id();
    }

    /** A token for {@code id}, signed with the newest key. */
    String sign(LinkPurpose purpose, UUID id) {
        byte[] keyId = signingKeyId.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer token = ByteBuffer.allocate(1 + keyId.length + ID_BYTES + MAC_BYTES);
        token.put((byte) keyId.length).put(keyId).put(bytes(id)).put(mac(purpose, signingKeyId, id));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
    }

    /** The id a genuine token of {@code purpose} names; empty for anything else, forged or malformed. */
    Optional<UUID> verify(LinkPurpose purpose, String token) {
        byte[] raw = decode(token);
        if (raw == null) {
            return Optional.empty();
        }
        String keyId = new String(raw, 1, raw[0], StandardCharsets.US_ASCII);
        if (!keys.containsKey(keyId)) {
            return Optional.empty();
        }
        ByteBuffer rest = ByteBuffer.wrap(raw, 1 + raw[0], ID_BYTES + MAC_BYTES);
        UUID id = new UUID(rest.getLong(), rest.getLong());
        byte[] mac = Arrays.copyOfRange(raw, raw.length - MAC_BYTES, raw.length);
        // Constant-time comparison: timing must not tell a forger how much of a guess was right.
        return MessageDigest.isEqual(mac, mac(purpose, keyId, id)) ? Optional.of(id) : Optional.empty();
    }

    /**
     * Why {@link #verify} refused {@code token}: {@link TokenState#MALFORMED} when it cannot be one
     * of ours (cut off, wrong characters), else {@link TokenState#UNKNOWN} (forged, tampered, a
     * retired key, or another purpose).
     */
    TokenState rejection(String token) {
        return decode(token) == null ? TokenState.MALFORMED : TokenState.UNKNOWN;
    }

    /** The token's bytes if it has the shape of a token: key id length, key id, id and MAC. */
    private static byte[] decode(String token) {
        if (token == null || token.length() > MAX_TOKEN_CHARS || !SHAPE.matcher(token).matches()) {
            return null;
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        }
        catch (IllegalArgumentException ex) {
            // Not base64 at all: malformed, like any other bad shape.
            return null;
        }
        boolean fits = raw.length > 0 && raw[0] > 0 && raw.length == 1 + raw[0] + ID_BYTES + MAC_BYTES;
        // Only the canonical spelling counts: the decoder ignores the last character's spare bits.
        boolean canonical = fits && Base64.getUrlEncoder().withoutPadding().encodeToString(raw).equals(token);
        return canonical ? raw : null;
    }

    private byte[] mac(LinkPurpose purpose, String keyId, UUID id) {
        try {
            Mac mac = initialized(keyId);
            mac.update((purpose.name() + "\0" + keyId + "\0").getBytes(StandardCharsets.US_ASCII));
            return Arrays.copyOf(mac.doFinal(bytes(id)), MAC_BYTES);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("every JVM has " + ALGORITHM, ex);
        }
    }

    /**
     * A MAC keyed with {@code keyId}'s key, cloned from one set up once per key: a fan-out signs two
     * links per email, and looking the algorithm up and keying it each time cost more than the MAC.
     */
    private Mac initialized(String keyId) throws GeneralSecurityException {
        Mac prototype = prototypes.computeIfAbsent(keyId, id -> {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(keys.get(id));
                return mac;
            }
            catch (GeneralSecurityException ex) {
                throw new IllegalStateException("every JVM has " + ALGORITHM, ex);
            }
        });
        try {
            return (Mac) prototype.clone();
        }
        catch (CloneNotSupportedException ex) {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(keys.get(keyId));
            return mac;
        }
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(ID_BYTES).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits()).array();
    }
}
