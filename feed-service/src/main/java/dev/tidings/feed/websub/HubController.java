package dev.tidings.feed.websub;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The WebSub hub endpoint, {@code POST /hub} with a form ({@code application/x-www-form-urlencoded}):
 * 202 Accepted once the request passed {@link HubRequests}' checks, then the subscriber's intent is
 * verified asynchronously ({@link IntentVerifier}). Refusals are RFC 9457 problems: 400 for a bad
 * request, 503 with {@code Retry-After} while too many verifications wait.
 */
@RestController
class HubController {

    // A hub request is a handful of short parameters; anything larger is not one.
    static final long LARGEST_REQUEST_BYTES = 8 * 1024;

    private final HubRequests requests;

    private final IntentVerifier verifier;

    HubController(HubRequests requests, IntentVerifier verifier) {
        this.requests = requests;
        this.verifier = verifier;
    }

    @PostMapping(path = "/hub", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<ProblemDetail> request(HttpServletRequest http) {
        if (http.getContentLengthLong() > LARGEST_REQUEST_BYTES) {
            throw new BadHubRequestException("A hub request is at most " + LARGEST_REQUEST_BYTES + " bytes.");
        }
        HubRequest request = requests.read(http.getParameterMap());
        if (!verifier.verifyLater(request)) {
            ProblemDetail busy = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "Too many subscription requests wait for verification; ask again in a minute.");
            busy.setTitle("Hub busy");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "60").body(busy);
        }
        return ResponseEntity.accepted().build();
    }

    @ExceptionHandler
    ProblemDetail badRequest(BadHubRequestException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
        problem.setTitle("Bad hub request");
        return problem;
    }
}
