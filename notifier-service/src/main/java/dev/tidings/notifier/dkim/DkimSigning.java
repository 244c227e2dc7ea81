package dev.tidings.notifier.dkim;

import dev.tidings.notifier.NotifierProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Signs every outgoing email with DKIM when {@code tidings.notifier.dkim.enabled}, through Simple
 * Java Mail's {@code utils-mail-dkim}; hands emails back unchanged otherwise.
 *
 * <p>Signing happens last, on the email as personalised for its reader (the signature covers the
 * headers and the body with the reader's links), when it is written to the SMTP server. Headers
 * signed: the library's defaults (From, To, Subject, Date, Message-ID, MIME and List-* headers) and
 * {@code List-Unsubscribe-Post}, which RFC 8058 wants signed for one-click unsubscribing to count.
 * Relaxed canonicalization on both, so relays that refold headers or trim trailing spaces do not
 * break the signature.
 */
@Component
public class DkimSigning {

    private static final Logger log = LoggerFactory.getLogger(DkimSigning.class);

    /** Null when signing is off. */
    private final DkimKey key;

    DkimSigning(NotifierProperties properties) {
        this.key = properties.dkim().enabled() ? DkimKey.of(properties.dkim()) : null;
        if (key != null) {
            log.info("DKIM signing on with {}; receivers look the public key up as TXT {}: {}", key, key.dnsName(),
                    key.dnsRecord());
        }
    }

    /**
     * {@code message} ready to send: signed when signing is on, as it is when written. Call it once
     * everything else is set; the result is a copy, so later changes to {@code message} do not reach it.
     */
    public MimeMessage sign(MimeMessage message) throws MessagingException {
        if (key == null) {
            return message;
        }
        // A signer per message: it holds a Signature and a MessageDigest, which are not thread-safe,
        // and costs microseconds against the RSA signature's millisecond.
        DkimSigner signer = new DkimSigner(key.domain(), key.selector(), key.privateKey());
        signer.setHeaderCanonicalization(Canonicalization.RELAXED);
        signer.setBodyCanonicalization(Canonicalization.RELAXED);
        signer.addHeaderToSign("List-Unsubscribe-Post");
        // The key's DNS record is the operator's business; looking it up per email would cost a query each.
        signer.setCheckDomainKey(false);
        return new DkimMessage(message, signer);
    }
}
