package dev.tidings.notifier.composing;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.web.util.HtmlUtils;

/**
 * An email's HTML rendered once for every recipient, cut where each recipient's own links go. A
 * fan-out renders the template once per article and, per email, only joins the pieces with the
 * recipient's escaped links: rendering per email would cost a template pass for each of them.
 *
 * @param pieces the HTML around the links; one more than {@code slots}
 * @param slots which link goes between two pieces
 */
public record PersonalizableHtml(List<String> pieces, List<Slot> slots) {

    /** A place for one of the recipient's links. */
    public enum Slot {
        UNSUBSCRIBE(Recipient::unsubscribeUrl), PREFERENCES(Recipient::preferencesUrl);

        private final Function<Recipient, String> link;

        Slot(Function<Recipient, String> link) {
            this.link = link;
        }

        /** The recipient's link for this place, unescaped. */
        String of(Recipient recipient) {
            return link.apply(recipient);
        }
    }

    public PersonalizableHtml {
        pieces = List.copyOf(pieces);
        slots = List.copyOf(slots);
    }

    /**
     * Renders {@code template} with placeholder links and cuts its output at them. The placeholders
     * hold a random id, so no text of the article can be mistaken for one.
     *
     * @param template renders the HTML, given the placeholder of each slot
     */
    public static PersonalizableHtml render(Function<Function<Slot, String>, String> template) {
        String nonce = UUID.randomUUID().toString();
        Function<Slot, String> placeholder = slot -> "urn:x-tidings-link:" + nonce + ":" + slot.name();
        String html = template.apply(placeholder);
        List<String> pieces = new ArrayList<>();
        List<Slot> slots = new ArrayList<>();
        int from = 0;
        while (true) {
            Slot next = null;
            int at = -1;
            for (Slot slot : Slot.values()) {
                int found = html.indexOf(placeholder.apply(slot), from);
                if (found >= 0 && (at < 0 || found < at)) {
                    at = found;
                    next = slot;
                }
            }
            if (next == null) {
                break;
            }
            pieces.add(html.substring(from, at));
            slots.add(next);
            from = at + placeholder.apply(next).length();
        }
        pieces.add(html.substring(from));
        return new PersonalizableHtml(pieces, slots);
    }

    /** The HTML for {@code recipient}: the pieces joined by their links, HTML-escaped. */
    public String fill(Recipient recipient) {
        String[] links = new String[Slot.values().length];
        for (Slot slot : Slot.values()) {
            links[slot.ordinal()] = HtmlUtils.htmlEscape(slot.link.apply(recipient));
        }
        StringBuilder html = new StringBuilder(length() + 512);
        for (int i = 0; i < slots.size(); i++) {
            html.append(pieces.get(i)).append(links[slots.get(i).ordinal()]);
        }
        return html.append(pieces.get(pieces.size() - 1)).toString();
    }

    /** The length of the HTML without links. */
    public int length() {
        return pieces.stream().mapToInt(String::length).sum();
    }

    /** The HTML with empty links: what every email shares, for deciding its transfer encoding. */
    public String shared() {
        return String.join("", pieces);
    }
}
