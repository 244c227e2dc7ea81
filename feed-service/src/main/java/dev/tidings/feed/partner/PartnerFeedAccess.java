package dev.tidings.feed.partner;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Spring Security's decision on a partner feed route: granted only with a partner's current token,
 * from the path ({@code /partner/{token}/feeds/...}) or else from {@code Authorization: Bearer}. The
 * token is checked against PostgreSQL on every request, so a revoked token fails with the next
 * request on every instance. A refusal reaches the caller as 401 (the request carries no person's
 * credential). The partner found is handed to the controller as a request attribute, so the token
 * is looked up once per request.
 */
class PartnerFeedAccess implements AuthorizationManager<RequestAuthorizationContext> {

    private static final String PARTNER = Partner.class.getName();

    private static final String BEARER = "Bearer ";

    private final Partners partners;

    PartnerFeedAccess(Partners partners) {
        this.partners = partners;
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
            RequestAuthorizationContext context) {
        HttpServletRequest request = context.getRequest();
        String token = context.getVariables().get("token");
        Optional<Partner> partner = partners.findByToken(token != null ? token : bearer(request));
        partner.ifPresent(found -> request.setAttribute(PARTNER, found));
        return new AuthorizationDecision(partner.isPresent());
    }

    /** The partner Spring Security let through; only on the routes this manager guards. */
    static Partner partnerOf(HttpServletRequest request) {
        Object partner = request.getAttribute(PARTNER);
        if (!(partner instanceof Partner found)) {
            throw new IllegalStateException("No partner was authorized for " + request.getRequestURI());
        }
        return found;
    }

    private static String bearer(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).strip()
                : null;
    }
}
