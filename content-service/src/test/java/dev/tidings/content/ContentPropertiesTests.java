package dev.tidings.content;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

class ContentPropertiesTests {

    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void eventTopicsFitASingleBrokerOrAThreeBrokerCluster() {
        assertThat(validator.validate(new ContentProperties.EventTopics(6, 1, 1))).isEmpty();
        assertThat(validator.validate(new ContentProperties.EventTopics(24, 3, 2))).isEmpty();
    }

    @Test
    void moreInSyncReplicasThanCopiesWouldRefuseEveryWrite() {
        assertThat(validator.validate(new ContentProperties.EventTopics(6, 1, 2)))
                .extracting(ConstraintViolation::getMessage).containsExactly("must not exceed replicationFactor");
        assertThat(validator.validate(new ContentProperties.EventTopics(0, 1, 1))).hasSize(1);
    }
}
