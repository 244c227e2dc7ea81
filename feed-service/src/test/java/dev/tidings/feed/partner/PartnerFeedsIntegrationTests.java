package dev.tidings.feed.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.feed.FeedServiceIntegrationTest;
import io.micrometer.core.instrument.Counter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Partner feeds over HTTP: an admin creates partners and manages their tokens and topics; a partner
 * reads full-content feeds of its topics with its token in the path or in a header; revoked, forged
 * and missing tokens are refused, and so are other partners' topics; requests are counted.
 */
class PartnerFeedsIntegrationTests extends FeedServiceIntegrationTest {

    private static final String ADMIN = "local-admin-key";

    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PartnerRequestCounts counts;

    private List<String> topics;

    private ArticleSnapshot inFirst;

    private ArticleSnapshot inSecond;

    private ArticleSnapshot inThird;

    @BeforeEach
    void threeTopicsWithAnArticleEach() {
        topics = Stream.of(uniqueSlug("partner-a"), uniqueSlug("partner-b"), uniqueSlug("partner-c")).sorted().toList();
        for (String topic : topics) {
            createTopic(topic, "Topic " + topic);
        }
        inFirst = article(UUID.randomUUID(), 1, "Emollients", "<p>Apply <strong>twice</strong> a day.</p>",
                List.of(topics.get(0)));
        inSecond = article(UUID.randomUUID(), 2, "Probiotics", "<p>Evidence is mixed.</p>", List.of(topics.get(1)));
        inThird = article(UUID.randomUUID(), 3, "Sleep", "<p>Not for partners.</p>", List.of(topics.get(2)));
        Stream.of(inFirst, inSecond, inThird).forEach(article -> kafka.send(ArticleEventType.PUBLISHED, article));
        await().atMost(PATIENCE).until(() -> entryOf("/feeds/" + topics.get(2) + ".atom", inThird.id()).isPresent()
                && entryOf("/feeds/" + topics.get(1) + ".atom", inSecond.id()).isPresent()
                && entryOf("/feeds/" + topics.get(0) + ".atom", inFirst.id()).isPresent());
    }

    @Test
    void aPartnerReadsFullContentFeedsOfItsTopicsWithItsTokenInThePathOrInAHeader() {
        HttpResponse<String> created = admin("POST", "/api/admin/partners",
                "{\"name\":\"Skin Weekly\",\"topics\":[\"" + topics.get(1) + "\",\"" + topics.get(0) + "\"]}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode partner = json.readTree(created.body());
        String token = partner.get("token").asString();
        assertThat(token).startsWith("tdp_").hasSize(47);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/admin/partners/" + partner.get("id").asString());
        assertThat(partner.get("topics").values()).extracting(JsonNode::asString).containsExactly(topics.get(0),
                topics.get(1));

        HttpResponse<byte[]> inPath = get("/partner/" + token + "/feeds/all.atom");
        assertThat(inPath.statusCode()).isEqualTo(200);
        assertThat(inPath.headers().firstValue("Content-Type")).hasValue("application/atom+xml;charset=UTF-8");
        assertThat(inPath.headers().firstValue("Cache-Control")).hasValueSatisfying(value -> assertThat(value)
                .contains("private").doesNotContain("public"));
        SyndFeed feed = parse(inPath.body());
        assertThat(feed.getUri()).isEqualTo("http://localhost:8082/partner/feeds/all.atom");
        assertThat(feed.getLinks()).extracting(SyndLink::getRel, SyndLink::getHref)
                .contains(org.assertj.core.groups.Tuple.tuple("self", "http://localhost:8082/partner/feeds/all.atom"));
        assertThat(feed.getEntries()).extracting(SyndEntry::getUri)
                .containsExactly("urn:uuid:" + inSecond.id(), "urn:uuid:" + inFirst.id());
        assertThat(feed.getEntries().get(1).getContents().get(0).getValue())
                .isEqualTo("<p>Apply <strong>twice</strong> a day.</p>");
        assertThat(new String(inPath.body(), StandardCharsets.UTF_8)).doesNotContain(token);

        HttpResponse<byte[]> inHeader = get("/partner/feeds/all.rss", "Authorization", "Bearer " + token);
        assertThat(inHeader.statusCode()).isEqualTo(200);
        assertThat(parse(inHeader.body()).getEntries()).extracting(SyndEntry::getUri)
                .containsExactly("urn:uuid:" + inSecond.id(), "urn:uuid:" + inFirst.id());
        HttpResponse<byte[]> oneTopic = get("/partner/feeds/" + topics.get(0) + ".json", "Authorization",
                "Bearer " + token);
        assertThat(oneTopic.statusCode()).isEqualTo(200);
        JsonNode jsonFeed = json.readTree(oneTopic.body());
        assertThat(jsonFeed.get("feed_url").asString())
                .isEqualTo("http://localhost:8082/partner/feeds/" + topics.get(0) + ".json");
        assertThat(jsonFeed.get("items").values()).extracting(item -> item.get("content_html").asString())
                .containsExactly("<p>Apply <strong>twice</strong> a day.</p>");

        String etag = inPath.headers().firstValue("ETag").orElseThrow();
        assertThat(get("/partner/" + token + "/feeds/all.atom", "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(get("/partner/feeds/all.atom", "Authorization", "Bearer " + token, "If-None-Match", etag)
                .statusCode()).isEqualTo(304);

        // A new article in one of its topics reaches the partner's feed; the admin list never shows a token.
        ArticleSnapshot later = article(UUID.randomUUID(), 4, "Bathing", "<p>Short and lukewarm.</p>",
                List.of(topics.get(1)));
        kafka.send(ArticleEventType.PUBLISHED, later);
        await().atMost(PATIENCE).until(() -> parse(get("/partner/" + token + "/feeds/all.atom").body()).getEntries()
                .get(0).getUri().equals("urn:uuid:" + later.id()));
        assertThat(admin("GET", "/api/admin/partners", null).body()).doesNotContain(token).contains("Skin Weekly");
    }

    @Test
    void aRevokedTokenStopsWorkingWithTheNextRequestAndANewTokenReplacesIt() {
        JsonNode partner = createPartner("Revoked Ltd", topics.get(0));
        String id = partner.get("id").asString();
        String token = partner.get("token").asString();
        assertThat(get("/partner/" + token + "/feeds/all.atom").statusCode()).isEqualTo(200);

        assertThat(admin("DELETE", "/api/admin/partners/" + id + "/token", null).statusCode()).isEqualTo(204);

        assertThat(get("/partner/" + token + "/feeds/all.atom").statusCode()).isEqualTo(401);
        assertThat(get("/partner/feeds/all.atom", "Authorization", "Bearer " + token).statusCode()).isEqualTo(401);
        assertThat(summaryOf(id).get("tokenActive").asBoolean()).isFalse();
        assertThat(summaryOf(id).get("tokenRevokedAt").isNull()).isFalse();

        HttpResponse<String> issued = admin("POST", "/api/admin/partners/" + id + "/token", null);
        assertThat(issued.statusCode()).isEqualTo(201);
        String newToken = json.readTree(issued.body()).get("token").asString();
        assertThat(newToken).startsWith("tdp_").isNotEqualTo(token);
        assertThat(get("/partner/" + newToken + "/feeds/all.atom").statusCode()).isEqualTo(200);
        assertThat(get("/partner/" + token + "/feeds/all.atom").statusCode()).isEqualTo(401);

        // Issuing again replaces the token at once.
        String third = json.readTree(admin("POST", "/api/admin/partners/" + id + "/token", null).body())
                .get("token").asString();
        assertThat(get("/partner/" + newToken + "/feeds/all.atom").statusCode()).isEqualTo(401);
        assertThat(get("/partner/" + third + "/feeds/all.atom").statusCode()).isEqualTo(200);
        assertThat(admin("DELETE", "/api/admin/partners/" + UUID.randomUUID() + "/token", null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void forgedMissingAndForeignTokensAreRefusedWith401() {
        String real = createPartner("Real", topics.get(0)).get("token").asString();
        String forged = "tdp_" + "A".repeat(43);
        String tampered = real.substring(0, real.length() - 1) + (real.endsWith("A") ? "B" : "A");

        for (String path : List.of("/partner/" + forged + "/feeds/all.atom", "/partner/" + tampered + "/feeds/all.atom",
                "/partner/not-a-token/feeds/all.atom", "/partner/feeds/all.atom")) {
            HttpResponse<byte[]> refused = get(path);
            assertThat(refused.statusCode()).as(path).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
        }
        assertThat(get("/partner/feeds/all.atom", "Authorization", "Bearer " + forged).statusCode()).isEqualTo(401);
        // People's credentials are no partner tokens, not even an admin's.
        assertThat(get("/partner/feeds/all.atom", "Authorization", "Bearer " + ADMIN).statusCode()).isEqualTo(401);
        // A partner token is no credential outside partner feeds.
        assertThat(get("/api/admin/partners", "Authorization", "Bearer " + real).statusCode()).isEqualTo(401);
        // Spring Security sees the routed path: tricks get the same answer, ambiguous paths a 400.
        assertThat(get("/p%61rtner/feeds/all.atom").statusCode()).isEqualTo(401);
        assertThat(get("/p%61rtner/feeds/all.atom", "Authorization", "Bearer " + real).statusCode()).isEqualTo(200);
        assertThat(get("/PARTNER/feeds/all.atom", "Authorization", "Bearer " + real).statusCode()).isEqualTo(401);
        assertThat(get("/partner;x=1/feeds/all.atom", "Authorization", "Bearer " + real).statusCode()).isEqualTo(400);
        assertThat(get("//partner/feeds/all.atom", "Authorization", "Bearer " + real).statusCode()).isEqualTo(400);
    }

    @Test
    void aTopicNotGivenToThePartnerIsNoFeedOfItsUntilAnAdminGivesIt() {
        JsonNode partner = createPartner("One Topic", topics.get(0));
        String token = partner.get("token").asString();
        String other = createPartner("Other Topic", topics.get(2)).get("token").asString();

        HttpResponse<byte[]> refused = get("/partner/" + token + "/feeds/" + topics.get(2) + ".atom");
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains(topics.get(0)).doesNotContain(token);
        assertThat(get("/partner/" + other + "/feeds/" + topics.get(2) + ".atom").statusCode()).isEqualTo(200);
        assertThat(get("/partner/" + token + "/feeds/all.xml").statusCode()).isEqualTo(404);
        assertThat(parse(get("/partner/" + token + "/feeds/all.atom").body()).getEntries())
                .extracting(SyndEntry::getUri).containsExactly("urn:uuid:" + inFirst.id());

        HttpResponse<String> changed = admin("PUT", "/api/admin/partners/" + partner.get("id").asString() + "/topics",
                "{\"topics\":[\"" + topics.get(2) + "\",\"" + topics.get(0) + "\"]}");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(json.readTree(changed.body()).get("topics").values()).extracting(JsonNode::asString)
                .containsExactly(topics.get(0), topics.get(2));
        assertThat(get("/partner/" + token + "/feeds/" + topics.get(2) + ".atom").statusCode()).isEqualTo(200);
        assertThat(parse(get("/partner/" + token + "/feeds/all.atom").body()).getEntries())
                .extracting(SyndEntry::getUri)
                .containsExactly("urn:uuid:" + inThird.id(), "urn:uuid:" + inFirst.id());
    }

    @Test
    void eachPartnersRequestsAreCountedInMetricsAndStoredInBatches() {
        JsonNode busy = createPartner("Busy", topics.get(0));
        JsonNode quiet = createPartner("Quiet", topics.get(1));
        String busyToken = busy.get("token").asString();
        get("/partner/" + busyToken + "/feeds/all.atom");
        get("/partner/feeds/all.rss", "Authorization", "Bearer " + busyToken);
        get("/partner/" + busyToken + "/feeds/" + topics.get(2) + ".atom");
        get("/partner/" + quiet.get("token").asString() + "/feeds/all.json");
        get("/partner/" + "tdp_" + "B".repeat(43) + "/feeds/all.json");

        String busyId = busy.get("id").asString();
        assertThat(meters.find("tidings.feed.partner.requests").tag("partner", busyId).counter())
                .extracting(Counter::count).isEqualTo(3.0);
        assertThat(summaryOf(busyId).get("requests").asLong()).isEqualTo(3);
        assertThat(summaryOf(busyId).get("lastAccessAt").isNull()).isFalse();
        assertThat(summaryOf(quiet.get("id").asString()).get("requests").asLong()).isEqualTo(1);

        counts.flush();

        assertThat(storedRequests(busyId)).isEqualTo(3);
        assertThat(storedRequests(quiet.get("id").asString())).isEqualTo(1);
        assertThat(summaryOf(busyId).get("requests").asLong()).isEqualTo(3);
        get("/partner/" + busyToken + "/feeds/all.atom");
        assertThat(summaryOf(busyId).get("requests").asLong()).isEqualTo(4);
    }

    @Test
    void badAdminInputIsRefusedWithProblems() {
        String topic = topics.get(0);
        for (String body : List.of("{\"name\":\"<script>alert(1)</script>\",\"topics\":[\"" + topic + "\"]}",
                "{\"name\":\"Evil\\r\\nX-Injected: yes\",\"topics\":[\"" + topic + "\"]}",
                "{\"name\":\" \",\"topics\":[\"" + topic + "\"]}",
                "{\"name\":\"" + "n".repeat(201) + "\",\"topics\":[\"" + topic + "\"]}",
                "{\"name\":\"No topics\",\"topics\":[]}",
                "{\"name\":\"No topics\"}",
                "{\"name\":\"Unknown\",\"topics\":[\"" + topic + "\",\"no-such-topic\"]}",
                "{\"name\":\"All\",\"topics\":[\"all\"]}",
                "{\"name\":\"Broken\",\"topics\":[",
                "[]", "")) {
            HttpResponse<String> refused = admin("POST", "/api/admin/partners", body);
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).as(body).hasValue("application/problem+json");
        }
        assertThat(admin("POST", "/api/admin/partners", "{\"name\":\"Unknown\",\"topics\":[\"no-such-topic\"]}")
                .body()).contains("no-such-topic");
        String id = createPartner("Fine", topic).get("id").asString();
        assertThat(admin("PUT", "/api/admin/partners/" + id + "/topics", "{\"topics\":[\"nope\"]}").statusCode())
                .isEqualTo(400);
        assertThat(admin("PUT", "/api/admin/partners/" + UUID.randomUUID() + "/topics",
                "{\"topics\":[\"" + topic + "\"]}").statusCode()).isEqualTo(404);
        assertThat(admin("PUT", "/api/admin/partners/not-a-uuid/topics", "{\"topics\":[\"" + topic + "\"]}")
                .statusCode()).isEqualTo(400);
        assertThat(withJson("POST", "/api/admin/partners", "local-editor-key",
                "{\"name\":\"Editor\",\"topics\":[\"" + topic + "\"]}").statusCode()).isEqualTo(403);
        assertThat(withJson("GET", "/api/admin/partners", null, null).statusCode()).isEqualTo(401);
    }

    private JsonNode createPartner(String name, String topic) {
        HttpResponse<String> created = admin("POST", "/api/admin/partners",
                "{\"name\":\"" + name + "\",\"topics\":[\"" + topic + "\"]}");
        assertThat(created.statusCode()).isEqualTo(201);
        return json.readTree(created.body());
    }

    private JsonNode summaryOf(String id) {
        return json.readTree(admin("GET", "/api/admin/partners", null).body()).values().stream()
                .filter(partner -> partner.get("id").asString().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private long storedRequests(String id) {
        return jdbc.sql("SELECT requests FROM partners WHERE id = :id").param("id", UUID.fromString(id))
                .query(Long.class).single();
    }

    private HttpResponse<String> admin(String method, String path, String body) {
        return withJson(method, path, ADMIN, body);
    }
}
