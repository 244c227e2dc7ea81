package dev.tidings.localstack.demo;

import dev.tidings.localstack.client.ContentApi.ArticleRequest;
import dev.tidings.localstack.client.ContentApi.TopicRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The demo publisher's topics and articles, read from the class path:
 * {@code demo/topics.txt} (one {@code slug | title | description} a line) and
 * {@code demo/articles/NN-slug.md}, each a Markdown body under a small front-matter header
 * ({@code title}, {@code summary}, {@code author}, {@code topics} and {@code tags} as
 * comma-separated lists). Two optional keys play the lifecycle: {@code correction} names a file
 * under {@code demo/} whose summary and body replace the published ones, {@code retraction} gives
 * the reason the article is withdrawn. Articles are published in file-name order.
 */
public record DemoContent(List<TopicRequest> topics, List<DemoArticle> articles) {

    public DemoContent {
        topics = List.copyOf(topics);
        articles = List.copyOf(articles);
    }

    /** Loads the demo content that ships in this jar. */
    public static DemoContent load() {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        try {
            List<TopicRequest> topics = read(resolver.getResource("classpath:demo/topics.txt")).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(DemoContent::topic)
                    .toList();
            List<DemoArticle> articles = Arrays.stream(resolver.getResources("classpath:demo/articles/*.md"))
                    .sorted(Comparator.comparing(Resource::getFilename))
                    .map(resource -> article(resolver, resource))
                    .toList();
            return new DemoContent(topics, articles);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("could not read the demo content", ex);
        }
    }

    private static TopicRequest topic(String line) {
        String[] fields = line.split("\\|", 3);
        if (fields.length != 3) {
            throw new IllegalStateException("demo/topics.txt: expected 'slug | title | description': " + line);
        }
        return new TopicRequest(fields[0].strip(), fields[1].strip(), fields[2].strip());
    }

    private static DemoArticle article(PathMatchingResourcePatternResolver resolver, Resource resource) {
        String file = Objects.requireNonNull(resource.getFilename());
        FrontMatter article = FrontMatter.parse(file, read(resource));
        String slug = file.replaceFirst("^\\d+-", "").replaceFirst("\\.md$", "");
        ArticleRequest request = new ArticleRequest(article.required("title"), article.required("summary"),
                article.body(), article.required("author"), article.list("topics"), article.list("tags"), slug,
                null);
        Optional<ArticleRequest> correction = article.optional("correction").map(path -> {
            FrontMatter corrected = FrontMatter.parse(path, read(resolver.getResource("classpath:demo/" + path)));
            return new ArticleRequest(request.title(), corrected.required("summary"), corrected.body(),
                    request.author(), request.topics(), request.tags(), request.slug(), null);
        });
        return new DemoArticle(file, request, correction, article.optional("retraction"));
    }

    private static String read(Resource resource) {
        try {
            return resource.getContentAsString(StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("could not read demo/" + resource.getFilename(), ex);
        }
    }

    /** One demo article and what happens to it after it is published. */
    public record DemoArticle(String file, ArticleRequest article, Optional<ArticleRequest> correction,
            Optional<String> retractionReason) {
    }

    /** A {@code ---}-delimited header of {@code key: value} lines above a Markdown body. */
    private record FrontMatter(String file, Map<String, String> fields, String body) {

        static FrontMatter parse(String file, String text) {
            String normalized = text.replace("\r\n", "\n");
            if (!normalized.startsWith("---\n")) {
                throw new IllegalStateException(file + ": no front matter");
            }
            int end = normalized.indexOf("\n---\n", 3);
            if (end < 0) {
                throw new IllegalStateException(file + ": front matter not closed by ---");
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (String line : normalized.substring(4, end).split("\n")) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalStateException(file + ": not a 'key: value' line: " + line);
                }
                fields.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
            return new FrontMatter(file, fields, normalized.substring(end + 5).strip() + "\n");
        }

        String required(String key) {
            return optional(key).orElseThrow(() -> new IllegalStateException(file + ": no '" + key + "'"));
        }

        Optional<String> optional(String key) {
            return Optional.ofNullable(fields.get(key)).filter(value -> !value.isEmpty());
        }

        List<String> list(String key) {
            return Arrays.stream(required(key).split(",")).map(String::strip).filter(item -> !item.isEmpty())
                    .toList();
        }
    }
}
