package dev.tidings.notifier.subscription;

import dev.tidings.notifier.topics.Topic;
import dev.tidings.notifier.topics.KnownTopics;
import dev.tidings.notifier.web.HtmlPage;
import dev.tidings.notifier.web.PageException;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The HTML sign-up form and its submission. */
@Controller
class SubscribePage {

    private final KnownTopics topics;

    private final SubscribeRequests requests;

    SubscribePage(KnownTopics topics, SubscribeRequests requests) {
        this.topics = topics;
        this.requests = requests;
    }

    @GetMapping("/")
    ResponseEntity<Void> home() {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/subscribe")).build();
    }

    @GetMapping("/subscribe")
    ResponseEntity<String> form() {
        List<Topic> known = topics.all();
        String checkboxes = known.stream()
                .map(topic -> "<label><input type=\"checkbox\" name=\"topics\" value=\"%s\"> %s</label>"
                        .formatted(HtmlPage.escape(topic.slug()), HtmlPage.escape(topic.title())))
                .collect(Collectors.joining("\n"));
        String body = known.isEmpty() ? "<p>There are no topics yet. Please come back later.</p>" : """
                <p>Get an email whenever we publish an article on a topic you choose.</p>
                <form method="post" action="/subscribe">
                <label>Email <input type="email" name="email" required maxlength="254"></label>
                <fieldset><legend>Topics</legend>
                %s
                </fieldset>
                <p><button type="submit">Subscribe</button></p>
                </form>
                """.formatted(checkboxes);
        return new HtmlPage("Subscribe to Tidings", body).respond(HttpStatus.OK);
    }

    @PostMapping(path = "/subscribe", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> submit(@RequestParam(required = false) String email,
            @RequestParam(required = false) List<String> topics) {
        try {
            requests.subscribe(new SubscriptionRequest(email, topics));
        }
        catch (InvalidSubscriptionException ex) {
            throw new PageException(HttpStatus.BAD_REQUEST, "Please check your subscription",
                    "We could not subscribe you: " + ex.getMessage() + ".");
        }
        return HtmlPage.message("Check your inbox",
                "We sent you an email with a link. Open it to confirm your subscription.").respond(HttpStatus.OK);
    }
}
