package dev.tidings.feed.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.events.TopicSnapshot;
import dev.tidings.feed.FeedServiceIntegrationTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The directory page as a browser gets it: inert whatever the topics say, styled by a cacheable stylesheet. */
class DirectoryPageIntegrationTests extends FeedServiceIntegrationTest {

    private static final String HOSTILE_TITLE = "<script>alert('t')</script>\"><img src=x onerror=alert(1)>";

    private static final String HOSTILE_DESCRIPTION = "' onmouseover='alert(2)\r\nSet-Cookie: x=1 <b>bold</b>";

    @Test
    void hostileTopicNamesAndDescriptionsRenderAsText() {
        String topic = uniqueSlug("hostile");
        kafka.send(new TopicSnapshot(topic, 1, HOSTILE_TITLE, HOSTILE_DESCRIPTION));
        await().atMost(PATIENCE).until(() -> page().contains("/feeds/" + topic + ".atom"));

        Document page = Jsoup.parse(page());

        assertThat(page.select("script, img, b")).isEmpty();
        for (Element element : page.getAllElements()) {
            assertThat(element.attributes().asList()).extracting(Attribute::getKey)
                    .noneMatch(name -> name.toLowerCase().startsWith("on"));
        }
        assertThat(page.select(".feed-name strong").eachText()).contains(HOSTILE_TITLE);
        assertThat(page.select(".feed-name small").eachText()).anyMatch(text -> text.contains("onmouseover"));
        assertThat(page.select("head link[rel=alternate]").eachAttr("title"))
                .contains("Tidings: " + HOSTILE_TITLE + " (Atom)");
    }

    @Test
    void thePageLinksTheSharedStylesheetUnderAContentHashedNameCachedForAYear() {
        Document page = Jsoup.parse(page());
        String stylesheet = page.selectFirst("link[rel=stylesheet]").attr("href");
        assertThat(stylesheet).matches("/css/tidings-[0-9a-f]{32}\\.css");

        HttpResponse<byte[]> css = get(stylesheet);

        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/css"));
        assertThat(css.headers().firstValue("Cache-Control")).hasValue("max-age=31536000, public");
        assertThat(new String(css.body(), StandardCharsets.UTF_8)).contains(".masthead");
        assertThat(exchange("HEAD", stylesheet).statusCode()).isEqualTo(200);
        assertThat(get("/css/missing.css").statusCode()).isEqualTo(404);
    }

    private String page() {
        return new String(get("/").body(), StandardCharsets.UTF_8);
    }
}
