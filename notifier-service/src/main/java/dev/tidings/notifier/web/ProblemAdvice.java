package dev.tidings.notifier.web;

import dev.tidings.notifier.ratelimit.TooManyRequestsException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into an RFC 9457 problem ({@code application/problem+json}) for the API, and
 * into an HTML error page for the pages people open in a browser: their own failures ({@link
 * PageException}) and Spring MVC's (a form posted with the wrong content type, say) alike.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    private final Pages pages;

    ProblemAdvice(Pages pages) {
        this.pages = pages;
    }

    /** Whether {@code request} is for a reader's page rather than the JSON API. */
    static boolean isPage(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !path.startsWith("/api/") && !path.startsWith("/actuator");
    }

    @ExceptionHandler(PageException.class)
    ResponseEntity<String> page(PageException ex) {
        return pages.message(ex.status(), ex.title(), ex.getMessage());
    }

    /** 429 with {@code Retry-After}: a problem for the API, an HTML page for the form. */
    @ExceptionHandler(TooManyRequestsException.class)
    ResponseEntity<?> tooManyRequests(TooManyRequestsException ex, HandlerMethod handler) {
        String retryAfter = String.valueOf(ex.retryAfterSeconds());
        if (AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ResponseBody.class)) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, retryAfter)
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, ex.getMessage()));
        }
        ResponseEntity<String> page = pages.message(HttpStatus.TOO_MANY_REQUESTS, "Please wait a moment",
                ex.getMessage());
        return ResponseEntity.status(page.getStatusCode()).headers(page.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, retryAfter).body(page.getBody());
    }

    /** Spring MVC's own refusals (415, 405, a missing parameter): an HTML page when a page was asked for. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> problem = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (problem == null || !(request instanceof ServletWebRequest servlet) || !isPage(servlet.getRequest())) {
            return problem;
        }
        String detail = problem.getBody() instanceof ProblemDetail details && details.getDetail() != null
                ? details.getDetail() : "The request could not be handled.";
        ResponseEntity<String> page = pages.message(problem.getStatusCode(), "This did not work", detail);
        HttpHeaders answer = new HttpHeaders();
        answer.putAll(problem.getHeaders());
        answer.setContentType(page.getHeaders().getContentType());
        return new ResponseEntity<>(page.getBody(), answer, problem.getStatusCode());
    }

    @ExceptionHandler(RequestTooLargeException.class)
    ResponseEntity<?> tooLarge(RequestTooLargeException ex, HttpServletRequest request) {
        return answer(request, HttpStatus.CONTENT_TOO_LARGE, ex.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (causedByTooLarge(ex)) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                            "The request body is too large."));
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body is not valid JSON of the expected shape.");
        problem.setTitle("Unreadable request");
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** Anything unforeseen: logged in full, answered without internals. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<?> unexpected(Exception ex, HttpServletRequest request) {
        if (causedByTooLarge(ex)) {
            return answer(request, HttpStatus.CONTENT_TOO_LARGE, "The request body is too large.");
        }
        log.error("Unexpected failure", ex);
        return answer(request, HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side.");
    }

    private ResponseEntity<?> answer(HttpServletRequest request, HttpStatus status, String detail) {
        if (isPage(request)) {
            return pages.message(status, status.getReasonPhrase(), detail);
        }
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }

    private static boolean causedByTooLarge(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestTooLargeException) {
                return true;
            }
        }
        return false;
    }
}
