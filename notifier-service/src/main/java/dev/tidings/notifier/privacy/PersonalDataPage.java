package dev.tidings.notifier.privacy;

import dev.tidings.notifier.subscription.Subscriptions;
import dev.tidings.notifier.web.PageException;
import dev.tidings.notifier.web.Pages;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The reader's own export and erasure, reached from the preference page: the preferences token of
 * their emails proves the mailbox. A GET of the erase link only shows a button, so a link scanner
 * cannot erase anyone.
 */
@Controller
class PersonalDataPage {

    private final Subscriptions subscriptions;

    private final PersonalData data;

    private final Pages pages;

    PersonalDataPage(Subscriptions subscriptions, PersonalData data, Pages pages) {
        this.subscriptions = subscriptions;
        this.data = data;
        this.pages = pages;
    }

    @GetMapping(path = "/preferences/export", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Map<String, Object>> export(@RequestParam(required = false) String token) {
        Map<String, Object> export = data.export(owner(token)).orElseThrow(this::unknown);
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"tidings-data.json\"")
                .body(export);
    }

    @GetMapping("/preferences/erase")
    ResponseEntity<String> confirm(@RequestParam(required = false) String token) {
        return pages.respond(HttpStatus.OK, "erase", Map.of("email", owner(token), "token", token));
    }

    @PostMapping(path = "/preferences/erase", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> erase(@RequestParam(required = false) String token) {
        data.erase(owner(token));
        return pages.message(HttpStatus.OK, "Your data is erased",
                "We no longer store anything about you, and you will get no more emails.");
    }

    private String owner(String token) {
        return subscriptions.addressOf(token).orElseThrow(this::unknown);
    }

    private PageException unknown() {
        return new PageException(HttpStatus.NOT_FOUND, "Your data",
                "This link is not valid, or the data it points to was erased already.");
    }
}
