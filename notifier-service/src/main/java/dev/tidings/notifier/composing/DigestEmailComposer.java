package dev.tidings.notifier.composing;

import jakarta.mail.internet.AddressException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Turns the articles of a period into one digest email: title, summary and link of each. */
@Component
public class DigestEmailComposer {

    /** One article as the digest lists it; {@code link} is null when the article has no web address. */
    public record Item(String title, String summary, String link) {
    }

    private final NewsletterEnvelope envelope;

    private final EmailTemplates templates;

    DigestEmailComposer(NewsletterEnvelope envelope, EmailTemplates templates) {
        this.envelope = envelope;
        this.templates = templates;
    }

    /**
     * The email of {@code digest} to {@code recipient}. Each digest lists its own
     * articles, so its HTML is rendered per email; digests go out once a day or week, not in bursts.
     */
    public OutgoingEmail compose(DigestEmail digest, Recipient recipient) throws AddressException {
        String heading = "Your " + digest.kind() + " Tidings digest";
        int count = digest.items().size();
        String subject = heading + ": " + count + (count == 1 ? " article" : " articles");
        StringBuilder text = new StringBuilder(heading).append("\n\n");
        List<Item> items = new ArrayList<>();
        for (RenderedArticle item : digest.items()) {
            text.append("* ").append(HeaderText.clean(item.title())).append('\n');
            if (!item.summary().isBlank()) {
                text.append("  ").append(item.summary()).append('\n');
            }
            String link = InstantEmailComposer.isWebLink(item.canonicalUrl()) ? item.canonicalUrl() : null;
            if (link != null) {
                text.append("  ").append(link).append('\n');
            }
            text.append('\n');
            items.add(new Item(item.title(), item.summary(), link));
        }
        text.append("-- \nChoose your topics and how often: ").append(recipient.preferencesUrl())
                .append("\nUnsubscribe: ").append(recipient.unsubscribeUrl()).append('\n');
        String html = templates.render("digest", Map.of("heading", heading, "subject", subject, "items", items,
                "preferencesUrl", recipient.preferencesUrl(), "unsubscribeUrl", recipient.unsubscribeUrl()));
        return envelope.prepare(subject, ListId.ofDigest(digest.kind(), envelope.sendingDomain()), text.toString(),
                html).to(recipient);
    }
}
