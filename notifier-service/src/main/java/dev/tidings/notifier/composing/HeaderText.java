package dev.tidings.notifier.composing;

/** Makes text safe for a mail header: one line, no control characters (no header injection). */
public final class HeaderText {

    /** {@code text} without control or line-separator characters, whitespace runs collapsed. */
    public static String clean(String text) {
        return text.replaceAll("[\\p{Cntrl}\\u0085\\u2028\\u2029]", " ").replaceAll("\\s+", " ").strip();
    }

    private HeaderText() {
    }
}
