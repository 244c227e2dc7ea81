package dev.tidings.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Writes every write request of an authenticated caller to the {@link AuditLog} once it is
 * answered: who, what, when, with which credential and with what outcome, refusals by the handler
 * included. Requests Spring Security refuses by their path never reach a handler and are not
 * here; anonymous writes (a reader's subscription or unsubscribe) are not audited either.
 */
public class AuditTrail implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private static final String NOTE = AuditTrail.class.getName() + ".note";

    private final AuditLog auditLog;

    AuditTrail(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    /** Adds what the path does not tell to the audit entry of the current request. */
    public static void note(String note) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(NOTE, note, RequestAttributes.SCOPE_REQUEST);
        }
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
        if (!WRITES.contains(request.getMethod())) {
            return;
        }
        Actor actor = Actor.current();
        if (actor == Actor.SYSTEM) {
            return;
        }
        String action = handler instanceof HandlerMethod method
                ? method.getBeanType().getSimpleName() + "." + method.getMethod().getName()
                : String.valueOf(handler);
        String location = response.getHeader(HttpHeaders.LOCATION);
        String target = location != null ? location : request.getRequestURI();
        Object note = request.getAttribute(NOTE);
        int status = response.getStatus();
        if (ex instanceof AccessDeniedException) {
            // Answered with 403 by Spring Security's filter after this interceptor ran.
            status = HttpStatus.FORBIDDEN.value();
        }
        else if (ex != null && status < 400) {
            status = HttpStatus.INTERNAL_SERVER_ERROR.value();
        }
        try {
            auditLog.record(actor, request.getMethod(), action, target, status, note == null ? null : note.toString());
        }
        catch (RuntimeException failure) {
            // The write itself is committed and answered; losing its audit entry must be loud, not fatal.
            log.error("Could not write the audit entry of {} {} by {}", request.getMethod(), target, actor, failure);
        }
    }
}
