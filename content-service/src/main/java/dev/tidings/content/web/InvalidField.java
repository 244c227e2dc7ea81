package dev.tidings.content.web;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request whose fields passed their declared constraints but failed a rule checked later (for
 * example a title that is empty once its markup is removed). Answered with 400 and the same
 * {@code errors} property as a Bean Validation failure.
 */
public class InvalidField extends ErrorResponseException {

    public InvalidField(String field, String message) {
        super(HttpStatus.BAD_REQUEST, problem(field, message), null);
    }

    private static ProblemDetail problem(String field, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Invalid request content: " + field + " " + message);
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return problem;
    }
}
