package dev.tidings.content.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** URL path segments made of lower-case letters, digits and single hyphens. */
public final class Slugs {

    /** What every slug must match. */
    public static final String PATTERN = "^[a-z0-9]+(?:-[a-z0-9]+)*$";

    private static final Pattern DIACRITICS = Pattern.compile("\\p{M}+");

    private static final Pattern SEPARATORS = Pattern.compile("[^a-z0-9]+");

    private static final int MAX_LENGTH = 80;

    /** A slug derived from a title; empty when the title has no Latin letters or digits. */
    public static String fromTitle(String title) {
        String ascii = DIACRITICS.matcher(Normalizer.normalize(title, Normalizer.Form.NFKD)).replaceAll("");
        String slug = SEPARATORS.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("-");
        if (slug.length() > MAX_LENGTH) {
            slug = slug.substring(0, MAX_LENGTH);
        }
        return slug.replaceAll("^-+|-+$", "");
    }

    private Slugs() {
    }
}
