package dev.tidings.notifier.web;

import dev.tidings.notifier.NotifierProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the admin API ({@code /api/deliveries}) with the configured bearer token, before any
 * parameter is even parsed, so that an anonymous caller learns nothing (not even a 400).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class AdminAuthentication extends OncePerRequestFilter {

    private final byte[] expected;

    private final ProblemResponses problems;

    AdminAuthentication(NotifierProperties properties, ProblemResponses problems) {
        this.expected = ("Bearer " + properties.adminToken()).getBytes(StandardCharsets.UTF_8);
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !(path.equals("/api/deliveries") || path.startsWith("/api/deliveries/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        // Constant-time comparison: response timing must not reveal how much of a guess was right.
        if (authorization == null
                || !MessageDigest.isEqual(expected, authorization.getBytes(StandardCharsets.UTF_8))) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "A valid admin bearer token is required.");
            return;
        }
        chain.doFilter(request, response);
    }
}
