package dev.tidings.feed.partner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * New partner tokens and their hashes. A token carries 256 random bits, so a plain SHA-256 is enough
 * to store it (there is nothing to brute-force), and it is URL-safe, so it can stand in a path.
 */
final class PartnerTokens {

    /** Marks a partner token, so a leaked one is easy to find in code and logs, and tells it from an API key. */
    static final String PREFIX = "tdp_";

    private static final Pattern SHAPE = Pattern.compile(PREFIX + "[A-Za-z0-9_-]{43}");

    private static final SecureRandom RANDOM = new SecureRandom();

    static String newToken() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** Whether {@code token} could be a partner token at all; anything else is refused without a query. */
    static boolean wellFormed(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java runtime has SHA-256", ex);
        }
    }

    private PartnerTokens() {
    }
}
