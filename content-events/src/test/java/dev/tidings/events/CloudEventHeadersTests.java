package dev.tidings.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudEventHeadersTests {

    private final CloudEventHeaders headers = new CloudEventHeaders("7d0c1c9e-0001", "/content-service",
            "article.published", Instant.parse("2026-11-20T08:30:00.123Z"), ExampleEvents.ARTICLE_ID.toString());

    @Test
    void writesEveryBinaryModeAttributeAsRawUtf8() {
        Map<String, Object> kafkaHeaders = headers.toKafkaHeaders();

        assertThat(kafkaHeaders.keySet()).containsExactly("ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time",
                "ce_subject", "content-type");
        assertThat(new String((byte[]) kafkaHeaders.get("ce_specversion"), StandardCharsets.UTF_8)).isEqualTo("1.0");
        assertThat(new String((byte[]) kafkaHeaders.get("ce_time"), StandardCharsets.UTF_8))
                .isEqualTo("2026-11-20T08:30:00.123Z");
        assertThat(new String((byte[]) kafkaHeaders.get("content-type"), StandardCharsets.UTF_8))
                .isEqualTo("application/json");
    }

    @Test
    void readsBackWhatItWrote() {
        assertThat(CloudEventHeaders.from(headers.toKafkaHeaders())).isEqualTo(headers);
    }

    @Test
    void rejectsAMissingTypeAndAForeignSpecVersion() {
        Map<String, Object> withoutType = new HashMap<>(headers.toKafkaHeaders());
        withoutType.remove("ce_type");
        Map<String, Object> oldSpec = new HashMap<>(headers.toKafkaHeaders());
        oldSpec.put("ce_specversion", "0.3");

        assertThatIllegalArgumentException().isThrownBy(() -> CloudEventHeaders.from(withoutType))
                .withMessageContaining("ce_type");
        assertThatIllegalArgumentException().isThrownBy(() -> CloudEventHeaders.from(oldSpec))
                .withMessageContaining("specversion");
    }
}
