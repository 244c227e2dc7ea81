package dev.tidings.notifier.subscription;

import dev.tidings.notifier.topics.KnownTopics;
import dev.tidings.notifier.web.HtmlPage;
import dev.tidings.notifier.web.PageException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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

    private final Subscriptions subscriptions;

    private final KnownTopics topics;

    PreferencesPage(Subscriptions subscriptions, KnownTopics topics) {
        this.subscriptions = subscriptions;
        this.topics = topics;
    }

    @GetMapping("/preferences")
    ResponseEntity<String> show(@RequestParam(required = false) String token) {
        Preferences preferences = subscriptions.preferences(token).orElseThrow(() -> new PageException(
                HttpStatus.NOT_FOUND, "Preferences", TokenState.UNKNOWN.explanation()));
        if (preferences.unsubscribed()) {
            return HtmlPage.message("Preferences",
                    "You have unsubscribed. Subscribe again at /subscribe to receive emails.").respond(HttpStatus.OK);
        }
        String checkboxes = topics.all().stream()
                .map(topic -> "<label><input type=\"checkbox\" name=\"topics\" value=\"%s\"%s> %s</label>".formatted(
                        HtmlPage.escape(topic.slug()), preferences.topics().contains(topic.slug()) ? " checked" : "",
                        HtmlPage.escape(topic.title())))
                .collect(Collectors.joining("\n"));
        String frequencies = Subscriptions.FREQUENCIES.stream()
                .map(frequency -> "<label><input type=\"radio\" name=\"frequency\" value=\"%s\"%s> %s</label>"
                        .formatted(frequency, frequency.equals(preferences.frequency()) ? " checked" : "",
                                FREQUENCY_LABELS.get(frequency)))
                .collect(Collectors.joining("\n"));
        return new HtmlPage("Your topics", """
                <p>Emails to %1$s. Choose the topics you want to hear about.</p>
                <form method="post" action="/preferences">
                <input type="hidden" name="token" value="%2$s">
                <fieldset><legend>Topics</legend>
                %3$s
                </fieldset>
                <fieldset><legend>How often</legend>
                %4$s
                </fieldset>
                <p><button type="submit">Save</button></p>
                </form>
                <p><a href="%5$s">Unsubscribe from everything</a></p>
                <p><a href="/preferences/export?token=%2$s">Download your data</a> ·
                <a href="/preferences/erase?token=%2$s">Erase your data</a></p>
                """.formatted(HtmlPage.escape(preferences.email()), HtmlPage.escape(token), checkboxes, frequencies,
                HtmlPage.escape(preferences.unsubscribeUrl())))
                .respond(HttpStatus.OK);
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
        return HtmlPage.message("Preferences saved", "Your topics are saved.").respond(HttpStatus.OK);
    }
}
