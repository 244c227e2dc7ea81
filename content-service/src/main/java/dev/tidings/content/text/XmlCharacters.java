package dev.tidings.content.text;

/**
 * The XML 1.0 {@code Char} production. Text leaves this service in RSS, Atom and mail; one character
 * outside it makes a whole feed unreadable, so such text is refused at the door.
 */
public final class XmlCharacters {

    /** Whether every code point of {@code text} may appear in an XML 1.0 document. */
    public static boolean allLegal(CharSequence text) {
        return text.codePoints().allMatch(XmlCharacters::legal);
    }

    static boolean legal(int c) {
        return c == 0x9 || c == 0xA || c == 0xD
                || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

    private XmlCharacters() {
    }
}
