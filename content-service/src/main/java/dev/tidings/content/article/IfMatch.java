package dev.tidings.content.article;

/**
 * The {@code If-Match} precondition of a request, compared with an article's ETag
 * ({@code "<version>"}) by strong comparison, as RFC 9110 requires for If-Match.
 */
record IfMatch(String header) {

    /** No precondition: allowed for publish and retract, where the status already guards the change. */
    static final IfMatch ANY = new IfMatch("*");

    /** The precondition of a request that must carry one. */
    static IfMatch required(String header) {
        if (header == null || header.isBlank()) {
            throw new ArticleExceptions.VersionRequired();
        }
        return new IfMatch(header);
    }

    /** The precondition of a request that may carry one. */
    static IfMatch optional(String header) {
        return header == null || header.isBlank() ? ANY : new IfMatch(header);
    }

    static String etagOf(long version) {
        return "\"" + version + "\"";
    }

    boolean matches(long version) {
        String etag = etagOf(version);
        for (String candidate : header.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
