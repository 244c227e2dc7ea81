package dev.tidings.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every example payload, serialized as the producer serializes it, satisfies the schema of its
 * type; a payload missing what a consumer needs does not.
 */
class EventSchemaTests {

    private final JsonMapper json = JsonMapper.builder().build();

    private final com.fasterxml.jackson.databind.ObjectMapper schemaReader =
            new com.fasterxml.jackson.databind.ObjectMapper();

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of(ArticleEventType.PUBLISHED.schemaResource(), ExampleEvents.published()),
                Arguments.of(ArticleEventType.UPDATED.schemaResource(), ExampleEvents.updated()),
                Arguments.of(ArticleEventType.RETRACTED.schemaResource(), ExampleEvents.retracted()),
                Arguments.of(TopicSnapshot.SCHEMA_RESOURCE, ExampleEvents.topic()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleSatisfiesItsSchema(String schema, Object example) throws Exception {
        String serialized = json.writeValueAsString(example);

        assertThat(validate(schema, serialized)).isEmpty();
        assertThat(json.readValue(serialized, example.getClass())).isEqualTo(example);
    }

    @Test
    void timesTravelAsRfc3339StringsWithMilliseconds() throws Exception {
        String serialized = json.writeValueAsString(ExampleEvents.published());

        assertThat(serialized).contains("\"publishedAt\":\"2026-11-20T08:30:00.123Z\"");
    }

    @Test
    void aRetractionWithoutRetractionTimeIsRejected() throws Exception {
        String serialized = json.writeValueAsString(ExampleEvents.published());

        assertThat(validate(ArticleEventType.RETRACTED.schemaResource(), serialized))
                .anySatisfy(message -> assertThat(message.getMessage()).contains("retractedAt"));
    }

    @Test
    void anArticleWithoutTopicsOrTitleIsRejected() throws Exception {
        String serialized = json.writeValueAsString(ExampleEvents.published())
                .replace("\"title\":\"What is the gut–skin axis?\",", "")
                .replace("\"topics\":[\"gut-skin-axis\",\"microbiome\"]", "\"topics\":[]");

        assertThat(validate(ArticleEventType.PUBLISHED.schemaResource(), serialized))
                .extracting(ValidationMessage::getMessage)
                .anyMatch(message -> message.contains("title"))
                .anyMatch(message -> message.contains("topics"));
    }

    @Test
    void anEditorWithoutCredentialIsRejected() throws Exception {
        String serialized = json.writeValueAsString(ExampleEvents.published())
                .replace(",\"credential\":\"api-key:0c8e4f5a-3b7d-4e2a-9f61-2d5c8b1a7e93\"", "");

        assertThat(serialized).contains("\"editor\":{\"name\":\"Dr. Mara Lind\"}");
        assertThat(validate(ArticleEventType.PUBLISHED.schemaResource(), serialized))
                .extracting(ValidationMessage::getMessage)
                .anyMatch(message -> message.contains("credential"));
    }

    @Test
    void aCorrectionNoteIsOneLineWithoutMarkup() throws Exception {
        String serialized = json.writeValueAsString(ExampleEvents.updated());

        assertThat(serialized).contains("\"correctionNote\":\"The second sentence said");
        assertThat(validate(ArticleEventType.UPDATED.schemaResource(),
                serialized.replace("The second sentence", "The <b>second</b>\\r\\nsentence")))
                .extracting(ValidationMessage::getMessage)
                .anyMatch(message -> message.contains("correctionNote"));
    }

    @Test
    void anEventWrittenBeforeCorrectionNotesReadsWithoutOne() throws Exception {
        String serialized = json.writeValueAsString(ExampleEvents.updated())
                .replaceFirst(",\"correctionNote\":\"[^\"]*\"", "");

        assertThat(serialized).doesNotContain("correctionNote");
        assertThat(validate(ArticleEventType.UPDATED.schemaResource(), serialized)).isEmpty();
        assertThat(json.readValue(serialized, ArticleSnapshot.class).correctionNote()).isNull();
    }

    private Set<ValidationMessage> validate(String schemaResource, String payload) throws Exception {
        try (InputStream schemaStream = getClass().getResourceAsStream(schemaResource)) {
            assertThat(schemaStream).as(schemaResource).isNotNull();
            JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            JsonSchema schema = factory.getSchema(schemaStream, config);
            return schema.validate(schemaReader.readTree(payload));
        }
    }
}
