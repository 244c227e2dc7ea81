package dev.tidings.localstack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.localstack.client.ContentApi.ArticleRequest;
import dev.tidings.localstack.client.ContentApi.TopicRequest;
import dev.tidings.localstack.demo.DemoContent.DemoArticle;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoContentTests {

    private final DemoContent demo = DemoContent.load();

    @Test
    void shipsTheFiveTopicsOfTheFirstPublisher() {
        assertThat(demo.topics()).extracting(TopicRequest::slug)
                .containsExactly("gut-skin-axis", "eczema", "microbiome", "probiotics", "healthy-habits");
        assertThat(demo.topics()).allSatisfy(topic -> {
            assertThat(topic.title()).isNotBlank();
            assertThat(topic.description()).isNotBlank();
        });
    }

    @Test
    void shipsSixToTenShortCompleteArticlesOnKnownTopics() {
        List<String> slugs = demo.topics().stream().map(TopicRequest::slug).toList();
        assertThat(demo.articles()).hasSizeBetween(6, 10);
        assertThat(demo.articles()).allSatisfy(article -> {
            ArticleRequest request = article.article();
            assertThat(request.title()).as(article.file()).isNotBlank();
            assertThat(request.summary()).as(article.file()).isNotBlank();
            assertThat(request.author()).as(article.file()).isNotBlank();
            assertThat(request.tags()).as(article.file()).isNotEmpty();
            assertThat(request.topics()).as(article.file()).isNotEmpty().allMatch(slugs::contains);
            assertThat(words(request.body())).as(article.file() + " word count").isBetween(150, 400);
            assertThat(request.slug()).as(article.file()).matches("[a-z0-9]+(-[a-z0-9]+)*");
        });
        assertThat(demo.articles()).extracting(article -> article.article().slug()).doesNotHaveDuplicates();
    }

    @Test
    void correctsTheProbioticsClaimWithTheCochraneReview() {
        List<DemoArticle> corrected = demo.articles().stream().filter(a -> a.correction().isPresent()).toList();
        assertThat(corrected).hasSize(1);
        DemoArticle probiotics = corrected.get(0);
        assertThat(probiotics.article().body()).contains("may help eczema");
        ArticleRequest correction = probiotics.correction().orElseThrow();
        assertThat(correction.title()).isEqualTo(probiotics.article().title());
        assertThat(correction.body()).contains("2018 Cochrane review").contains("39 randomised controlled trials")
                .doesNotContain("Probiotics may help eczema");
        assertThat(words(correction.body())).isBetween(150, 400);
    }

    @Test
    void retractsExactlyOneSupplementClaimWithAReason() {
        List<DemoArticle> retracted = demo.articles().stream().filter(a -> a.retractionReason().isPresent()).toList();
        assertThat(retracted).hasSize(1);
        assertThat(retracted.get(0).article().tags()).contains("supplements");
        assertThat(retracted.get(0).retractionReason().orElseThrow()).contains("withdrawn");
    }

    private static int words(String markdown) {
        return markdown.strip().split("\\s+").length;
    }
}
