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
 * Unsubscribing. A GET shows a button (scanners must not unsubscribe anyone); the POST, from that
 * button or from a mail client's RFC 8058 one-click ({@code List-Unsubscribe=One-Click} in the body,
 * token in the URL), unsubscribes. Repeating it is harmless.
 */
@Controller
class UnsubscribePage {

    private final Subscriptions subscriptions;

    private final Pages pages;

    UnsubscribePage(Subscriptions subscriptions, Pages pages) {
        this.subscriptions = subscriptions;
        this.pages = pages;
    }

    @GetMapping("/unsubscribe")
    ResponseEntity<String> show(@RequestParam(required = false) String token) {
        failUnlessValid(subscriptions.inspectUnsubscribe(token));
        return pages.respond(HttpStatus.OK, "unsubscribe", Map.of("token", token));
    }

    @PostMapping("/unsubscribe")
    ResponseEntity<String> unsubscribe(@RequestParam(required = false) String token) {
        failUnlessValid(subscriptions.unsubscribe(token));
        return pages.message(HttpStatus.OK, "You are unsubscribed", "You will not receive any more emails from us.");
    }

    private static void failUnlessValid(TokenState state) {
        if (state != TokenState.VALID) {
            throw new PageException(state.status(), "Unsubscribe failed", state.explanation());
        }
    }
}
