package dev.tidings.content.topic;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** What can go wrong with topics, each answered with its own problem. */
public final class TopicExceptions {

    /** 409: {@code POST /api/topics} with a slug that exists. */
    static class TopicExists extends ErrorResponseException {

        TopicExists(String slug) {
            super(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                    "Topic '" + slug + "' already exists."), null);
        }
    }

    /** 404: no topic has this slug. */
    static class TopicNotFound extends ErrorResponseException {

        TopicNotFound(String slug) {
            super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "There is no topic '" + slug + "'."), null);
        }
    }

    /** 400: an article names topics that do not exist; the problem lists them in {@code unknownTopics}. */
    public static class UnknownTopics extends ErrorResponseException {

        public UnknownTopics(List<String> slugs) {
            super(HttpStatus.BAD_REQUEST, problem(slugs), null);
        }

        private static ProblemDetail problem(List<String> slugs) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "Unknown topic(s): " + String.join(", ", slugs));
            problem.setProperty("unknownTopics", slugs);
            problem.setProperty("errors", slugs.stream()
                    .map(slug -> Map.of("field", "topics", "message", "unknown topic '" + slug + "'"))
                    .toList());
            return problem;
        }
    }

    private TopicExceptions() {
    }
}
