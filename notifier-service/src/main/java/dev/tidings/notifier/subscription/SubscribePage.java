package dev.tidings.notifier.subscription;

import dev.tidings.notifier.topics.KnownTopics;
import dev.tidings.notifier.web.PageException;
import dev.tidings.notifier.web.Pages;
import java.net.URI;
import java.util.List;
import java.util.Map;
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

    private final Pages pages;

    SubscribePage(KnownTopics topics, SubscribeRequests requests, Pages pages) {
        this.topics = topics;
        this.requests = requests;
        this.pages = pages;
    }

    @GetMapping("/")
    ResponseEntity<Void> home() {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/subscribe")).build();
    }

    @GetMapping("/subscribe")
    ResponseEntity<String> form() {
        return pages.respond(HttpStatus.OK, "subscribe", Map.of("topics", topics.all()));
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
        return pages.message(HttpStatus.OK, "Check your inbox",
                "We sent you an email with a link. Open it to confirm your subscription.");
    }
}
