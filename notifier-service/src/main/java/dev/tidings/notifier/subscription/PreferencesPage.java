package dev.tidings.notifier.subscription;

import dev.tidings.notifier.topics.KnownTopics;
import dev.tidings.notifier.web.PageException;
import dev.tidings.notifier.web.Pages;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The preference page linked from every email: the subscriber picks their topics. The link's token
 * (an HMAC of the subscriber, see {@link LinkTokens}) proves the mailbox, so changes apply without
 * another confirmation; a GET only shows the form.
 */
@Controller
class PreferencesPage {

    private static final Map<String, String> FREQUENCY_LABELS = Map.of("instant", "Each article as it is published",
            "daily", "A daily digest", "weekly", "A weekly digest");

    /** The choices of frequency, in the order the page lists them. */
    private static final List<Map.Entry<String, String>> FREQUENCIES = Subscriptions.FREQUENCIES.stream()
            .map(frequency -> Map.entry(frequency, FREQUENCY_LABELS.get(frequency))).toList();

    private final Subscriptions subscriptions;

    private final KnownTopics topics;

    private final Pages pages;

    PreferencesPage(Subscriptions subscriptions, KnownTopics topics, Pages pages) {
        this.subscriptions = subscriptions;
        this.topics = topics;
        this.pages = pages;
    }

    @GetMapping("/preferences")
    ResponseEntity<String> show(@RequestParam(required = false) String token) {
        Preferences preferences = subscriptions.preferences(token).orElseThrow(() -> new PageException(
                HttpStatus.NOT_FOUND, "Preferences", TokenState.UNKNOWN.explanation()));
        if (preferences.unsubscribed()) {
            return pages.message(HttpStatus.OK, "Preferences",
                    "You have unsubscribed. Subscribe again at /subscribe to receive emails.");
        }
        return pages.respond(HttpStatus.OK, "preferences", Map.of("email", preferences.email(), "token", token,
                "topics", topics.all(), "chosen", preferences.topics(), "frequencies", FREQUENCIES,
                "frequency", preferences.frequency(), "unsubscribeUrl", preferences.unsubscribeUrl()));
    }

    @PostMapping("/preferences")
    ResponseEntity<String> save(@RequestParam(required = false) String token,
            @RequestParam(required = false) List<String> topics, @RequestParam(required = false) String frequency) {
        TokenState state;
        try {
            state = subscriptions.savePreferences(token, topics, frequency);
        }
        catch (InvalidSubscriptionException ex) {
            throw new PageException(HttpStatus.BAD_REQUEST, "Please check your topics",
                    "We could not save your choice: " + ex.getMessage() + ". To stop all emails, unsubscribe.");
        }
        if (state == TokenState.USED) {
            throw new PageException(HttpStatus.CONFLICT, "Preferences",
                    "You have unsubscribed. Subscribe again at /subscribe to receive emails.");
        }
        if (state != TokenState.VALID) {
            throw new PageException(state.status(), "Preferences", state.explanation());
        }
        return pages.message(HttpStatus.OK, "Preferences saved", "Your topics are saved.");
    }
}
