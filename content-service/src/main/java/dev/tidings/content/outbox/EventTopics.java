package dev.tidings.content.outbox;

import dev.tidings.content.ContentProperties;
import dev.tidings.events.ContentTopics;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * The Kafka topics content-service writes to, provisioned by this service rather than auto-created
 * by the binder or the broker (which would give them the broker's default partitions and retention).
 *
 * <p>Provisioning runs while the application context starts, before the binder binds its outputs.
 * A broker that is away then does not stop the service from starting: editors keep working, the
 * outbox keeps their events, and the relay provisions the topics before its first send.
 */
@Component
class EventTopics implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(EventTopics.class);

    private static final List<String> NAMES = List.of(ContentTopics.ARTICLES, ContentTopics.TOPICS);

    private final EventTopicProvisioner provisioner;

    private boolean provisioned;

    EventTopics(KafkaAdmin kafkaAdmin, ContentProperties properties) {
        this.provisioner = new EventTopicProvisioner(kafkaAdmin.getConfigurationProperties(),
                properties.eventTopics());
    }

    @Override
    public void afterPropertiesSet() {
        provisioned();
    }

    /** Whether the topics are provisioned, trying once more if they are not yet. */
    synchronized boolean provisioned() {
        if (!provisioned) {
            try {
                provisioner.provision(NAMES);
                provisioned = true;
            }
            catch (IllegalStateException ex) {
                log.warn("Event topics not provisioned yet; the outbox keeps every event until they are: {}",
                        ex.getMessage());
            }
        }
        return provisioned;
    }
}
