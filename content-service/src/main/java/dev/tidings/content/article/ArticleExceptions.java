package dev.tidings.content.article;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** What can go wrong with an article request, each answered with its own problem. */
final class ArticleExceptions {

    /** 404. */
    static class ArticleNotFound extends ErrorResponseException {

        ArticleNotFound(UUID id) {
            super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "There is no article " + id + "."), null);
        }
    }

    /** 428: a change of an article must say which version it changes. */
    static class VersionRequired extends ErrorResponseException {

        VersionRequired() {
            super(HttpStatus.PRECONDITION_REQUIRED, ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_REQUIRED,
                    "Send If-Match with the ETag of the version you edited."), null);
        }
    }

    /** 412: someone changed the article since the caller read it. */
    static class StaleVersion extends ErrorResponseException {

        StaleVersion(long current) {
            super(HttpStatus.PRECONDITION_FAILED, problem(current), null);
        }

        private static ProblemDetail problem(long current) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED,
                    "The article changed since you read it; it is now at version " + current + ".");
            problem.setProperty("currentVersion", current);
            return problem;
        }
    }

    /** 409: the article's status does not allow this change. */
    static class WrongStatus extends ErrorResponseException {

        WrongStatus(ArticleStatus status, String action) {
            super(HttpStatus.CONFLICT, problem(status, action), null);
        }

        private static ProblemDetail problem(ArticleStatus status, String action) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                    "A " + status.name().toLowerCase() + " article cannot be " + action + ".");
            problem.setProperty("articleStatus", status.name());
            return problem;
        }
    }

    /** 409: another article has this slug, or a published article's slug would change. */
    static class SlugConflict extends ErrorResponseException {

        SlugConflict(String detail) {
            super(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail), null);
        }
    }

    private ArticleExceptions() {
    }
}
