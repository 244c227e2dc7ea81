package dev.tidings.feed.partner;

import dev.tidings.feed.readmodel.Topics;
import dev.tidings.feed.rendering.FeedCatalog;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Request bodies of the partner admin API and their checks, each failure a 400 problem that names
 * the field: a name is one line of plain text (it ends up in logs and admin pages), topics are
 * known topics.
 */
final class PartnerInput {

    static final int MOST_TOPICS = 100;

    private static final int LONGEST_NAME = 200;

    // No control characters (CR, LF, ...), nothing that reads as markup, nothing XML cannot carry.
    private static final Pattern PLAIN_NAME = Pattern.compile("[^\\p{Cntrl}<>\\x{FFFE}\\x{FFFF}\\p{Cs}]+");

    /** {@code POST /api/admin/partners}. */
    record NewPartner(String name, List<String> topics) {
    }

    /** {@code PUT /api/admin/partners/{id}/topics}. */
    record TopicsChange(List<String> topics) {
    }

    static String name(String name) {
        if (name == null || name.isBlank()) {
            throw invalid("name", "must not be blank");
        }
        String stripped = name.strip();
        if (stripped.length() > LONGEST_NAME) {
            throw invalid("name", "must be at most " + LONGEST_NAME + " characters");
        }
        if (!PLAIN_NAME.matcher(stripped).matches()) {
            throw invalid("name", "must be a plain name on one line, without markup or control characters");
        }
        return stripped;
    }

    /** The topics, each once and sorted, if every one is a topic with a feed. */
    static List<String> topics(List<String> topics, Topics known) {
        if (topics == null || topics.isEmpty() || topics.stream().anyMatch(Objects::isNull)) {
            throw invalid("topics", "must name at least one topic");
        }
        List<String> distinct = topics.stream().distinct().sorted().toList();
        if (distinct.size() > MOST_TOPICS) {
            throw invalid("topics", "must name at most " + MOST_TOPICS + " topics");
        }
        List<String> unknown = distinct.stream()
                .filter(slug -> FeedCatalog.ALL.equals(slug) || known.find(slug).isEmpty())
                .toList();
        if (!unknown.isEmpty()) {
            throw invalid("topics", "must name known topics; unknown: " + String.join(", ", unknown));
        }
        return distinct;
    }

    private static ErrorResponseException invalid(String field, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Invalid request content: " + field + " " + message);
        problem.setProperty("field", field);
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    private PartnerInput() {
    }
}
