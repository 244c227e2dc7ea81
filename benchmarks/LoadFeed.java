import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Loads a realistic feed for the feed benchmark: one topic and {@code count} health articles of a
 * few paragraphs each, sent to Kafka exactly as content-service sends them (CloudEvents binary
 * mode, JSON payload), so the feed service consumes them the way it does in production.
 * Usage: java -cp <kafka-clients and slf4j-api jars> LoadFeed.java <bootstrap> <topic slug> <count>
 */
public class LoadFeed {

    // Words of the demo publisher's subject; sentences drawn from them (seeded, so every run loads the same feed)
    // compress about as well as real prose, unlike a few paragraphs repeated.
    private static final String[] WORDS = ("eczema skin barrier emollient itch scratch cycle flare trigger child adult "
            + "microbiome gut axis immune response probiotic strain trial evidence study researchers dermatologist "
            + "moisturiser bathing cream ointment steroid topical inflammation redness dryness water loss allergen "
            + "irritant soap wool heat sweat stress sleep diet fibre bacteria diversity antibiotic infant early life "
            + "season winter humidity clothing cotton detergent family history asthma hay fever atopic march "
            + "treatment guideline nurse pharmacist prescription dose twice daily week month improvement relapse "
            + "quality of life school work night scratching bandage wet wrap bleach bath colonisation staphylococcus "
            + "aureus filaggrin gene mutation protein lipid ceramide layer cells keratinocyte signal cytokine").split(" ");

    private static final java.util.Random RANDOM = new java.util.Random(42);

    private static String sentence() {
        StringBuilder sentence = new StringBuilder();
        int words = 8 + RANDOM.nextInt(14);
        for (int w = 0; w < words; w++) {
            String word = WORDS[RANDOM.nextInt(WORDS.length)];
            sentence.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word)
                    .append(w == words - 1 ? ". " : RANDOM.nextInt(9) == 0 ? ", " : " ");
        }
        return sentence.toString();
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        int count = Integer.parseInt(args[2]);
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrap);
        config.put("key.serializer", StringSerializer.class.getName());
        config.put("value.serializer", ByteArraySerializer.class.getName());
        config.put("acks", "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            send(producer, "content.topics.v1", topic, "topic.upserted", topic, """
                    {"slug":"%s","version":1,"title":"Eczema","description":"Living with atopic eczema."}"""
                    .formatted(topic));
            Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(count, ChronoUnit.HOURS);
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                Instant at = start.plus(i, ChronoUnit.HOURS);
                StringBuilder body = new StringBuilder();
                for (int p = 0; p < 3; p++) {
                    body.append("<p>").append(sentence()).append(sentence()).append("<strong>").append(sentence())
                            .append("</strong>").append(sentence()).append("</p>");
                }
                String json = """
                        {"id":"%s","version":1,"slug":"eczema-notes-%d","title":"Eczema notes, part %d",\
                        "summary":"What helps the skin barrier, and what the research on the gut-skin axis says.",\
                        "bodyHtml":"%s","canonicalUrl":"https://health.example/articles/eczema-notes-%d",\
                        "author":"Dr. Mara Lind","topics":["%s"],"tags":["emollients","microbiome"],\
                        "publishedAt":"%s","updatedAt":"%s"}"""
                        .formatted(id, i, i, body.toString().replace("\"", "\\\""), i, topic, at, at);
                send(producer, "content.articles.v1", id.toString(), "article.published", id.toString(), json);
            }
            producer.flush();
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, String kafkaTopic, String key, String type,
            String subject, String json) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(kafkaTopic, key,
                json.getBytes(StandardCharsets.UTF_8));
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", UUID.randomUUID().toString());
        header(record, "ce_source", "/benchmarks/load-feed");
        header(record, "ce_type", type);
        header(record, "ce_time", Instant.now().toString());
        header(record, "ce_subject", subject);
        header(record, "content-type", "application/json");
        producer.send(record).get();
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
