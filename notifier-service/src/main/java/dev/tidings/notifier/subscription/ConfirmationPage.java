package dev.tidings.notifier.subscription;

import dev.tidings.notifier.web.PageException;
import dev.tidings.notifier.web.Pages;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The confirmation link. A GET only shows a button: link scanners in mail gateways fetch every
 * link, and must not subscribe anyone. The button's POST confirms.
 */
@Controller
class ConfirmationPage {

    private final Subscriptions subscriptions;

    private final Pages pages;

    ConfirmationPage(Subscriptions subscriptions, Pages pages) {
        this.subscriptions = subscriptions;
        this.pages = pages;
    }

    @GetMapping("/subscriptions/confirm")
    ResponseEntity<String> show(@RequestParam(required = false) String token) {
        failUnlessValid(subscriptions.inspectConfirmation(token));
        return pages.respond(HttpStatus.OK, "confirm", Map.of("token", token));
    }

    @PostMapping("/subscriptions/confirm")
    ResponseEntity<String> confirm(@RequestParam(required = false) String token) {
        failUnlessValid(subscriptions.confirm(token));
        return pages.message(HttpStatus.OK, "You are subscribed",
                "Thank you! You will get an email whenever we publish on your topics.");
    }

    private static void failUnlessValid(TokenState state) {
        if (state != TokenState.VALID) {
            throw new PageException(state.status(), "Confirmation failed", state.explanation());
        }
    }
}
