package dev.tidings.notifier.subscription;

import dev.tidings.notifier.web.HtmlPage;
import dev.tidings.notifier.web.PageException;
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

    ConfirmationPage(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @GetMapping("/subscriptions/confirm")
    ResponseEntity<String> show(@RequestParam(required = false) String token) {
        failUnlessValid(subscriptions.inspectConfirmation(token));
        return new HtmlPage("Confirm your subscription", """
                <p>One more step: press the button to start receiving Tidings.</p>
                <form method="post" action="/subscriptions/confirm">
                <input type="hidden" name="token" value="%s">
                <button type="submit">Confirm my subscription</button>
                </form>
                """.formatted(HtmlPage.escape(token))).respond(HttpStatus.OK);
    }

    @PostMapping("/subscriptions/confirm")
    ResponseEntity<String> confirm(@RequestParam(required = false) String token) {
        failUnlessValid(subscriptions.confirm(token));
        return HtmlPage.message("You are subscribed",
                "Thank you! You will get an email whenever we publish on your topics.").respond(HttpStatus.OK);
    }

    private static void failUnlessValid(TokenState state) {
        if (state != TokenState.VALID) {
            throw new PageException(state.status(), "Confirmation failed", state.explanation());
        }
    }
}
