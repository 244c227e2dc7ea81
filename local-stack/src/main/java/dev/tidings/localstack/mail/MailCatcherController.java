package dev.tidings.localstack.mail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The mail catcher's web pages: the inbox ({@code /}), one message ({@code /messages/{index}}),
 * its HTML part alone in a CSP sandbox ({@code /messages/{index}/html}), and the inbox as JSON
 * ({@code /api/messages}) for scripts.
 */
@RestController
public class MailCatcherController {

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private final Mailbox mailbox;

    public MailCatcherController(Mailbox mailbox) {
        this.mailbox = mailbox;
    }

    @GetMapping("/")
    public ResponseEntity<String> inbox() {
        return ResponseEntity.ok().contentType(HTML).body(MailPages.inbox(mailbox.messages()));
    }

    @GetMapping("/messages/{index}")
    public ResponseEntity<String> message(@PathVariable int index) {
        return find(index)
                .map(mail -> ResponseEntity.ok().contentType(HTML).body(MailPages.message(mail)))
                .orElseGet(() -> notFound(index));
    }

    /** The HTML part as sent, sandboxed: no scripts, no forms, no access to this origin. */
    @GetMapping("/messages/{index}/html")
    public ResponseEntity<String> htmlPart(@PathVariable int index) {
        Optional<CapturedMail> mail = find(index);
        if (mail.isEmpty() || mail.get().html().isEmpty()) {
            return notFound(index);
        }
        return ResponseEntity.ok()
                .contentType(HTML)
                .header("Content-Security-Policy",
                        "sandbox; default-src 'none'; img-src * data:; style-src 'unsafe-inline'")
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(mail.get().html().get());
    }

    @GetMapping("/api/messages")
    public List<MessageSummary> summaries() {
        return mailbox.messages().stream().map(mail -> new MessageSummary(mail.index(), mail.from(), mail.to(),
                mail.subject(), mail.sentAt())).toList();
    }

    private Optional<CapturedMail> find(int index) {
        List<CapturedMail> messages = mailbox.messages();
        return index >= 0 && index < messages.size() ? Optional.of(messages.get(index)) : Optional.empty();
    }

    private static ResponseEntity<String> notFound(int index) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(HTML)
                .body(MailPages.notFound("There is no message " + index + " (or it has no HTML part)."));
    }

    /** One line of the inbox, for scripts. */
    public record MessageSummary(int index, String from, List<String> to, String subject, Instant sentAt) {
    }
}
