package dev.tidings.notifier.subscription;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Random link tokens (256 bits from {@link SecureRandom}, URL-safe base64) and their SHA-256
 * hashes. Only hashes are stored: whoever reads the database cannot confirm or unsubscribe anyone.
 */
@Component
public class OpaqueTokens {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final SecureRandom random = new SecureRandom();

    /** A fresh token to put in a link. */
    public String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code token} could be one of ours; anything else is rejected before a lookup. */
    public boolean wellFormed(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    /** The stored form of a token. */
    public byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every JVM has SHA-256", ex);
        }
    }
}
