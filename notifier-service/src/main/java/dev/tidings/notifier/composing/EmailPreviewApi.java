package dev.tidings.notifier.composing;

import dev.tidings.notifier.NotifierProperties;
import dev.tidings.notifier.articles.ArticleStates;
import dev.tidings.notifier.articles.StoredArticle;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The admin email preview (behind the admin bearer token): the HTML part of the email subscribers
 * get for an article, with placeholder personal links, rendered exactly as the sender renders it,
 * so an editor can check it in a browser without sending anything.
 */
@RestController
class EmailPreviewApi {

    private final ArticleStates articles;

    private final InstantEmailComposer composer;

    private final NotifierProperties properties;

    EmailPreviewApi(ArticleStates articles, InstantEmailComposer composer, NotifierProperties properties) {
        this.articles = articles;
        this.composer = composer;
        this.properties = properties;
    }

    @GetMapping(path = "/api/deliveries/preview", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> preview(@RequestParam UUID articleId) {
        StoredArticle article = articles.find(articleId).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "no article " + articleId + " has been received"));
        String html = composer.render(article).html().fill(new Recipient("subscriber@example.invalid",
                properties.baseUrl() + "/unsubscribe?token=preview", properties.baseUrl() + "/preferences?token=preview"));
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8)).body(html);
    }
}
