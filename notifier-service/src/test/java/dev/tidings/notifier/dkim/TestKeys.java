package dev.tidings.notifier.dkim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/** Key pairs made by a test, and their PEM text and DNS record as an operator would write them. */
final class TestKeys {

    private TestKeys() {
    }

    static KeyPair generate(String algorithm, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (bits > 0) {
                generator.initialize(bits);
            }
            return generator.generateKeyPair();
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The private key as {@code openssl genpkey} writes it (PKCS#8 PEM). */
    static String pem(KeyPair keys) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    static Path pemFile(KeyPair keys) {
        return file(pem(keys));
    }

    static Path file(String content) {
        try {
            Path file = Files.createTempFile("dkim-", ".pem");
            file.toFile().deleteOnExit();
            return Files.writeString(file, content);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The TXT record to publish at {@code <selector>._domainkey.<domain>}. */
    static String dnsRecord(KeyPair keys) {
        return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }
}
