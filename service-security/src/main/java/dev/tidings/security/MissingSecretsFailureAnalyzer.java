package dev.tidings.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the missing secrets as Spring Boot's "APPLICATION FAILED TO START" report, one per line. */
class MissingSecretsFailureAnalyzer extends AbstractFailureAnalyzer<MissingSecretsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingSecretsException cause) {
        return new FailureAnalysis(
                "The service runs outside the 'local' profile and these settings are missing or too weak:\n  - "
                        + String.join("\n  - ", cause.missing()),
                "Set them (environment variables or a secret store), or run with --spring.profiles.active=local"
                        + " for a machine of your own.",
                cause);
    }
}
