package dev.tidings.feed.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every exception into an RFC 9457 problem ({@code application/problem+json}). Spring MVC's
 * own exceptions (unknown path, wrong method, not acceptable, ...) are handled by the base class.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler
    ProblemDetail unknownFeed(UnknownFeedException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
        problem.setTitle("Unknown feed");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail unexpected(Exception ex) {
        // Logged in full here because the client only gets a generic problem.
        log.error("Request failed", ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The feed service could not answer this request.");
        problem.setTitle("Internal error");
        return problem;
    }
}
