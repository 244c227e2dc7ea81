package dev.tidings.feed.rendering;

/**
 * Removes what XML 1.0 cannot carry: every character outside the {@code Char} production (C0
 * controls other than tab, line feed and carriage return, lone surrogates, U+FFFE, U+FFFF). One
 * such character would make Rome's JDOM throw and the whole feed fail.
 */
final class XmlCharacters {

    static String strip(String text) {
        if (text == null) {
            return null;
        }
        if (text.codePoints().allMatch(XmlCharacters::allowed)) {
            return text;
        }
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().filter(XmlCharacters::allowed).forEach(clean::appendCodePoint);
        return clean.toString();
    }

    // String.codePoints() yields a lone surrogate as itself, so the surrogate range excludes it here.
    private static boolean allowed(int c) {
        return c == 0x9 || c == 0xA || c == 0xD
                || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

    private XmlCharacters() {
    }
}
