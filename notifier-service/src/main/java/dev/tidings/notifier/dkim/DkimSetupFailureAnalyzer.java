package dev.tidings.notifier.dkim;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says in Spring Boot's "APPLICATION FAILED TO START" report what is wrong with the DKIM settings. */
class DkimSetupFailureAnalyzer extends AbstractFailureAnalyzer<DkimSetupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DkimSetupException cause) {
        return new FailureAnalysis(
                "DKIM signing is on (tidings.notifier.dkim.enabled=true), but " + cause.getMessage(),
                """
                Set tidings.notifier.dkim.selector, tidings.notifier.dkim.domain and either \
                tidings.notifier.dkim.private-key-file (a readable PEM file) or tidings.notifier.dkim.private-key \
                (the PEM text) with an unencrypted RSA key of at least 1024 bits, e.g. one made with \
                'openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out dkim.pem'; \
                or set tidings.notifier.dkim.enabled=false.""",
                cause);
    }
}
