package dev.tidings.notifier.subscription;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A subscription request that cannot be accepted as sent; the message says what to fix. It carries
 * its own 400 problem (with extra members such as the unknown topics), which Spring MVC answers as
 * is, so the web layer needs to know nothing of subscriptions.
 */
public class InvalidSubscriptionException extends ErrorResponseException {

    private final String reason;

    InvalidSubscriptionException(String message) {
        this(message, Map.of());
    }

    InvalidSubscriptionException(String message, Map<String, Object> details) {
        super(HttpStatus.BAD_REQUEST, problem(message, details), null);
        this.reason = message;
    }

    /** What is wrong, in words a reader can act on. */
    @Override
    public String getMessage() {
        return reason;
    }

    private static ProblemDetail problem(String message, Map<String, Object> details) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, message);
        problem.setTitle("Invalid subscription");
        details.forEach(problem::setProperty);
        return problem;
    }
}
