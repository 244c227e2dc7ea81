package dev.tidings.feed.web;

import java.util.Enumeration;

/**
 * Matches the entity-tag lists of {@code If-Match} and {@code If-None-Match} (RFC 9110 §8.8.3):
 * several tags per header line and several lines, weak ({@code W/"..."}) and strong forms, and
 * {@code *}. A malformed list matches nothing, as if the header were absent. Lists are scanned
 * in place, without allocation, because every conditional GET goes through here.
 */
final class EntityTags {

    enum Comparison {
        /** Both tags strong and equal: {@code If-Match}. */
        STRONG,
        /** The opaque parts equal, {@code W/} ignored: {@code If-None-Match}. */
        WEAK
    }

    /** True if any line of the header is {@code *} or names a tag equal to {@code etag} under {@code comparison}. */
    static boolean anyMatches(Enumeration<String> lines, String etag, Comparison comparison) {
        while (lines.hasMoreElements()) {
            if (matches(lines.nextElement(), etag, comparison)) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(String list, String etag, Comparison comparison) {
        boolean ourWeak = etag.startsWith("W/");
        int ourStart = ourWeak ? 2 : 0;
        int ourLength = etag.length() - ourStart;
        int i = 0;
        int n = list.length();
        while (i < n) {
            char c = list.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
                continue;
            }
            if (c == '*') {
                return true;
            }
            boolean weak = false;
            if (c == 'W' && i + 1 < n && list.charAt(i + 1) == '/') {
                weak = true;
                i += 2;
            }
            if (i >= n || list.charAt(i) != '"') {
                return false;
            }
            int end = list.indexOf('"', i + 1);
            if (end < 0) {
                return false;
            }
            int length = end + 1 - i;
            boolean sameOpaque = length == ourLength && list.regionMatches(i, etag, ourStart, length);
            if (sameOpaque && (comparison == Comparison.WEAK || (!weak && !ourWeak))) {
                return true;
            }
            i = end + 1;
        }
        return false;
    }

    private EntityTags() {
    }
}
