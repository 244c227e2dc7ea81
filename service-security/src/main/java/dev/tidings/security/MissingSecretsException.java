package dev.tidings.security;

import java.util.List;

/** Thrown at startup outside the {@code local} profile when settings that must be secret are missing. */
public class MissingSecretsException extends IllegalStateException {

    private final List<String> missing;

    MissingSecretsException(List<String> missing) {
        super("Missing settings (a service outside the 'local' profile needs secrets of its own): "
                + String.join("; ", missing));
        this.missing = List.copyOf(missing);
    }

    public List<String> missing() {
        return missing;
    }
}
