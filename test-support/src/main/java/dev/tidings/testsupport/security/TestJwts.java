package dev.tidings.testsupport.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * An identity provider for tests: an RSA key pair whose public half a service trusts through
 * {@code spring.security.oauth2.resourceserver.jwt.public-key-location}, and signed JWTs naming a
 * person and their roles.
 */
public final class TestJwts {

    public static final String ISSUER = "https://id.test.example";

    private static final TestJwts INSTANCE = new TestJwts();

    private final KeyPair keys;

    private final Path publicKeyFile;

    private TestJwts() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
            this.publicKeyFile = Files.createTempFile("tidings-test-jwt", ".pub");
            publicKeyFile.toFile().deleteOnExit();
            Files.writeString(publicKeyFile, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static TestJwts get() {
        return INSTANCE;
    }

    /** The value of {@code spring.security.oauth2.resourceserver.jwt.public-key-location}. */
    public String publicKeyLocation() {
        return publicKeyFile.toUri().toString();
    }

    /** A JWT valid for five minutes for {@code name} with these role names (writer, editor, admin). */
    public String token(String name, String... roles) {
        return token(name, Instant.now().plus(Duration.ofMinutes(5)), roles);
    }

    public String token(String name, Instant expiresAt, String... roles) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(UUID.nameUUIDFromBytes(name.getBytes()).toString())
                .claim("preferred_username", name)
                .claim("roles", List.of(roles))
                .issueTime(new Date())
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner(keys.getPrivate()));
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
        return jwt.serialize();
    }
}
