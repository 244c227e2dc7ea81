package dev.tidings.content.article;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/articles}: the editorial API. Every response with one article carries its ETag. */
@RestController
@RequestMapping("/api/articles")
class ArticleController {

    private final Articles articles;

    private final EditorialDesk desk;

    ArticleController(Articles articles, EditorialDesk desk) {
        this.articles = articles;
        this.desk = desk;
    }

    @GetMapping
    List<Article> list(@RequestParam(required = false) ArticleStatus status) {
        return articles.list(status);
    }

    @GetMapping("/{id}")
    ResponseEntity<Article> one(@PathVariable UUID id) {
        return withEtag(articles.find(id).orElseThrow(() -> new ArticleExceptions.ArticleNotFound(id)));
    }

    @PostMapping
    ResponseEntity<Article> draft(@Valid @RequestBody ArticleRequests.ArticleInput input) {
        Article article = desk.draft(input);
        return ResponseEntity.created(URI.create("/api/articles/" + article.id()))
                .eTag(IfMatch.etagOf(article.version()))
                .body(article);
    }

    @PutMapping("/{id}")
    ResponseEntity<Article> edit(@PathVariable UUID id, @Valid @RequestBody ArticleRequests.ArticleInput input,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        IfMatch precondition = IfMatch.required(ifMatch);
        return withEtag(desk.edit(id, input, precondition));
    }

    /** Publishes now when there is no body; {@code {"at": "<instant>"}} schedules the publication. */
    @PostMapping("/{id}/publish")
    ResponseEntity<Article> publish(@PathVariable UUID id,
            @RequestBody(required = false) ArticleRequests.Publication publication,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return withEtag(desk.publish(id, publication == null ? null : publication.at(), IfMatch.optional(ifMatch)));
    }

    @PostMapping("/{id}/retract")
    ResponseEntity<Article> retract(@PathVariable UUID id, @Valid @RequestBody ArticleRequests.Retraction retraction,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return withEtag(desk.retract(id, retraction.reason(), IfMatch.optional(ifMatch)));
    }

    private static ResponseEntity<Article> withEtag(Article article) {
        return ResponseEntity.ok().eTag(IfMatch.etagOf(article.version())).body(article);
    }
}
