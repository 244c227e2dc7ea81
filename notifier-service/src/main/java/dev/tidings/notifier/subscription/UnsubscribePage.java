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
 * Unsubscribing. A GET shows a button (scanners must not unsubscribe anyone); the POST, from that
 * button or from a mail client's RFC 8058 one-click ({@code List-Unsubscribe=One-Click} in the body,
 * token in the URL), unsubscribes. Repeating it is harmless.
 */
@Controller
class UnsubscribePage {

    private final Subscriptions subscriptions;

    UnsubscribePage(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @GetMapping("/unsubscribe")
    ResponseEntity<String> show(@RequestParam(required = false) String token) {
        failUnlessValid(subscriptions.inspectUnsubscribe(token));
        return new HtmlPage("Unsubscribe", """
                <p>Press the button to stop all Tidings emails to your address.</p>
                <form method="post" action="/unsubscribe?token=%1$s">
                <input type="hidden" name="List-Unsubscribe" value="One-Click">
                <button type="submit">Unsubscribe</button>
                </form>
                """.formatted(HtmlPage.escape(token))).respond(HttpStatus.OK);
    }

    @PostMapping("/unsubscribe")
    ResponseEntity<String> unsubscribe(@RequestParam(required = false) String token) {
        failUnlessValid(subscriptions.unsubscribe(token));
        return HtmlPage.message("You are unsubscribed", "You will not receive any more emails from Tidings.")
                .respond(HttpStatus.OK);
    }

    private static void failUnlessValid(TokenState state) {
        if (state != TokenState.VALID) {
            throw new PageException(state.status(), "Unsubscribe failed", state.explanation());
        }
    }
}
