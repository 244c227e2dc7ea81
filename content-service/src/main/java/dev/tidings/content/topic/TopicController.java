package dev.tidings.content.topic;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/topics}: public reads, authenticated writes. */
@RestController
@RequestMapping("/api/topics")
class TopicController {

    private final Topics topics;

    private final TopicEditor editor;

    TopicController(Topics topics, TopicEditor editor) {
        this.topics = topics;
        this.editor = editor;
    }

    @GetMapping
    List<Topic> all() {
        return topics.all();
    }

    @GetMapping("/{slug}")
    Topic one(@PathVariable String slug) {
        return topics.find(slug).orElseThrow(() -> new TopicExceptions.TopicNotFound(slug));
    }

    @PostMapping
    ResponseEntity<Topic> create(@Valid @RequestBody TopicRequests.NewTopic request) {
        Topic topic = editor.create(request);
        return ResponseEntity.created(URI.create("/api/topics/" + topic.slug())).body(topic);
    }

    @PutMapping("/{slug}")
    Topic change(@PathVariable String slug, @Valid @RequestBody TopicRequests.TopicChange request) {
        return editor.change(slug, request);
    }
}
