package dev.tidings.security;

import java.util.Locale;
import java.util.Optional;

/**
 * What a person may do. Each role includes the ones below it (see {@link SecurityConfiguration}'s
 * role hierarchy): an admin can also publish, an editor can also write drafts.
 */
public enum Role {

    /** Writes and edits drafts. */
    WRITER,

    /** Publishes, corrects and retracts articles. */
    EDITOR,

    /** Manages topics, partners, credentials, subscriber data and deliveries; reads the audit log. */
    ADMIN;

    /** The authority Spring Security checks, e.g. {@code ROLE_EDITOR}. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** The name people type and configure: {@code writer}, {@code editor}, {@code admin}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role with this label, whatever its case. */
    public static Optional<Role> fromLabel(String label) {
        if (label == null) {
            return Optional.empty();
        }
        for (Role role : values()) {
            if (role.label().equalsIgnoreCase(label.strip())) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
