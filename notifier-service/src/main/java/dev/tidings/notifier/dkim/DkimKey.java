package dev.tidings.notifier.dkim;

import dev.tidings.notifier.NotifierProperties;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The configured DKIM key, read and checked once at startup: an RSA key from PEM (PKCS#8
 * {@code BEGIN PRIVATE KEY}, as {@code openssl genpkey} writes it, or PKCS#1 {@code BEGIN RSA PRIVATE KEY}).
 *
 * <p>Ed25519 keys (RFC 8463) are refused: the signing library needs a separate, unmaintained
 * EdDSA provider for them, and receivers that check only RSA would see no valid signature.
 */
record DkimKey(String selector, String domain, RSAPrivateKey privateKey) {

    /** RFC 8301: verifiers must not accept RSA keys shorter than this. */
    private static final int SHORTEST_KEY_BITS = 1024;

    private static final Pattern SELECTOR = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9_-]*)(?:\\.[A-Za-z0-9_-]+)*");

    private static final Pattern DOMAIN = Pattern.compile("(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)+"
            + "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?");

    /** The key of {@code settings}, which must be enabled. */
    static DkimKey of(NotifierProperties.Dkim settings) {
        if (settings.selector() == null || !SELECTOR.matcher(settings.selector()).matches()) {
            throw new DkimSetupException("tidings.notifier.dkim.selector is missing or not a DNS label: "
                    + settings.selector());
        }
        if (settings.domain() == null || !DOMAIN.matcher(settings.domain()).matches()) {
            throw new DkimSetupException("tidings.notifier.dkim.domain is missing or not a domain name: "
                    + settings.domain());
        }
        return new DkimKey(settings.selector(), settings.domain(), read(settings));
    }

    /**
     * The DNS TXT record receivers look up at {@code <selector>._domainkey.<domain>}: the public half
     * of the key, derived from the private key.
     */
    String dnsRecord() {
        if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
            return "(derive it from the key: see README)";
        }
        try {
            byte[] publicKey = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent())).getEncoded();
            return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(publicKey);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("RSA is part of every JDK", ex);
        }
    }

    String dnsName() {
        return selector + "._domainkey." + domain;
    }

    private static RSAPrivateKey read(NotifierProperties.Dkim settings) {
        boolean inline = settings.privateKey() != null && !settings.privateKey().isBlank();
        boolean file = settings.privateKeyFile() != null && !settings.privateKeyFile().isBlank();
        if (inline == file) {
            throw new DkimSetupException(inline
                    ? "both tidings.notifier.dkim.private-key and tidings.notifier.dkim.private-key-file are set"
                    : "neither tidings.notifier.dkim.private-key nor tidings.notifier.dkim.private-key-file is set");
        }
        String source = inline ? "tidings.notifier.dkim.private-key" : "the file " + settings.privateKeyFile();
        try (Reader pem = inline ? new StringReader(settings.privateKey())
                : Files.newBufferedReader(Path.of(settings.privateKeyFile()))) {
            return rsa(new PEMParser(pem).readObject(), source);
        }
        catch (IOException ex) {
            throw new DkimSetupException("the private key cannot be read from " + source + ": " + ex, ex);
        }
    }

    private static RSAPrivateKey rsa(Object pem, String source) throws IOException {
        PrivateKeyInfo info;
        if (pem instanceof PEMKeyPair pair) {
            info = pair.getPrivateKeyInfo();
        }
        else if (pem instanceof PrivateKeyInfo unencrypted) {
            info = unencrypted;
        }
        else {
            throw new DkimSetupException(source + " holds no unencrypted private key in PEM"
                    + (pem == null ? "" : " (found " + pem.getClass().getSimpleName() + ")"));
        }
        PrivateKey key = new JcaPEMKeyConverter().getPrivateKey(info);
        if (!(key instanceof RSAPrivateKey rsa)) {
            throw new DkimSetupException(source + " holds an " + key.getAlgorithm()
                    + " key; only RSA keys are supported (rsa-sha256)");
        }
        int bits = rsa.getModulus().bitLength();
        if (bits < SHORTEST_KEY_BITS) {
            throw new DkimSetupException(source + " holds a " + bits + "-bit RSA key; receivers ignore signatures of"
                    + " keys shorter than " + SHORTEST_KEY_BITS + " bits (RFC 8301), 2048 is usual");
        }
        return rsa;
    }

    @Override
    public String toString() {
        return "DkimKey[" + dnsName() + ", " + privateKey.getModulus().bitLength() + " bits]";
    }
}
