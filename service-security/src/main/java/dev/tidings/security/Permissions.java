package dev.tidings.security;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Checks of a role that depend on what a request touches, not only on its path: correcting a
 * published article needs an editor, while editing a draft needs only a writer.
 */
public class Permissions {

    private final RoleHierarchy hierarchy;

    Permissions(RoleHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    /** Throws {@link AccessDeniedException} (answered with 403) unless the caller has the role. */
    public void require(Role role, String action) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        boolean allowed = caller != null && hierarchy.getReachableGrantedAuthorities(caller.getAuthorities())
                .stream().anyMatch(authority -> role.authority().equals(authority.getAuthority()));
        if (!allowed) {
            throw new RoleRequired(role, action);
        }
    }

    /** A refusal that names the role the request needed, for the caller to read in the 403 problem. */
    static final class RoleRequired extends AccessDeniedException {

        RoleRequired(Role role, String action) {
            super("Only the role " + role.label() + " or above may " + action + ".");
        }
    }
}
