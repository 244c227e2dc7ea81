package dev.tidings.feed.rendering;

/**
 * A feed's place in its RFC 5005 history: the addresses (with extension) of the {@code current}
 * subscription document and of the archive pages before ({@code prevArchive}) and after
 * ({@code nextArchive}) it, each null where there is none, and whether the document itself is an
 * archive page ({@code fh:archive}).
 */
public record History(String current, String prevArchive, String nextArchive, boolean archive) {

    /** A feed without archives. */
    public static final History NONE = new History(null, null, null, false);
}
