package dev.tidings.content.outbox;

import dev.tidings.content.ContentProperties;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates event topics with the configured partitions, replication and retention, or brings
 * existing ones up to them: more partitions (never fewer), and the topic configs below.
 *
 * <p>Every topic is compacted and never deleted by age ({@code retention.ms=-1}): each event carries
 * the whole state of its article or topic, keyed by its id, so the latest record per key is all a
 * new read model needs. The replication factor of an existing topic is only reported, since
 * changing it means a partition reassignment, an operator's job.
 */
class EventTopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(EventTopicProvisioner.class);

    private static final long TIMEOUT_SECONDS = 30;

    private final Map<String, Object> adminConfig;

    private final ContentProperties.EventTopics settings;

    EventTopicProvisioner(Map<String, Object> adminConfig, ContentProperties.EventTopics settings) {
        this.adminConfig = Map.copyOf(adminConfig);
        this.settings = settings;
    }

    /** The topic configs every event topic gets. */
    Map<String, String> topicConfigs() {
        return Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                // Applies only if someone adds "delete" to the cleanup policy; then nothing expires by age either.
                TopicConfig.RETENTION_MS_CONFIG, "-1",
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(settings.minInsyncReplicas()));
    }

    /**
     * Provisions the named topics; safe to run from several instances at once.
     *
     * @throws IllegalStateException if the broker does not answer or refuses a change
     */
    void provision(Collection<String> names) {
        try (Admin admin = Admin.create(adminConfig)) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<String> missing = names.stream().filter(name -> !existing.contains(name)).toList();
            List<String> present = new ArrayList<>(names.stream().filter(existing::contains).toList());
            present.addAll(create(admin, missing));
            if (!present.isEmpty()) {
                adjust(admin, present);
            }
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException("Could not provision the event topics " + names + ": " + ex.getCause(),
                    ex.getCause());
        }
        catch (TimeoutException ex) {
            throw new IllegalStateException("Kafka did not answer within " + TIMEOUT_SECONDS
                    + " s while provisioning the event topics " + names, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while provisioning the event topics " + names, ex);
        }
    }

    /** Creates the topics and returns those another instance created first. */
    private List<String> create(Admin admin, List<String> names) throws InterruptedException, TimeoutException,
            ExecutionException {
        List<String> createdElsewhere = new ArrayList<>();
        Map<String, KafkaFuture<Void>> results = admin.createTopics(names.stream()
                .map(name -> new NewTopic(name, settings.partitions(), (short) settings.replicationFactor())
                        .configs(topicConfigs()))
                .toList()).values();
        for (String name : names) {
            try {
                results.get(name).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                log.info("Created event topic {}: {} partitions, replication factor {}, {}", name,
                        settings.partitions(), settings.replicationFactor(), topicConfigs());
            }
            catch (ExecutionException ex) {
                if (!(ex.getCause() instanceof TopicExistsException)) {
                    throw ex;
                }
                createdElsewhere.add(name);
            }
        }
        return createdElsewhere;
    }

    private void adjust(Admin admin, List<String> names) throws InterruptedException, TimeoutException,
            ExecutionException {
        Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        for (TopicDescription topic : descriptions.values()) {
            int partitions = topic.partitions().size();
            if (partitions < settings.partitions()) {
                admin.createPartitions(Map.of(topic.name(), NewPartitions.increaseTo(settings.partitions())))
                        .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                // Keys hash to other partitions from now on: consumers rely on event versions, not on
                // partition order, across this one change (see ADR 0015).
                log.warn("Increased the partitions of event topic {} from {} to {}", topic.name(), partitions,
                        settings.partitions());
            }
            else if (partitions > settings.partitions()) {
                log.info("Event topic {} keeps its {} partitions (configured {}; partitions are never removed)",
                        topic.name(), partitions, settings.partitions());
            }
            int replicas = topic.partitions().get(0).replicas().size();
            if (replicas != settings.replicationFactor()) {
                log.warn("Event topic {} has replication factor {}, configured {}: reassign its partitions "
                        + "(kafka-reassign-partitions.sh) to change it", topic.name(), replicas,
                        settings.replicationFactor());
            }
        }
        alignConfigs(admin, names);
    }

    private void alignConfigs(Admin admin, List<String> names) throws InterruptedException, TimeoutException,
            ExecutionException {
        List<ConfigResource> resources = names.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        Map<ConfigResource, Config> current = admin.describeConfigs(resources).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        current.forEach((resource, config) -> {
            List<AlterConfigOp> ops = topicConfigs().entrySet().stream()
                    .filter(wanted -> {
                        ConfigEntry entry = config.get(wanted.getKey());
                        return entry == null || !wanted.getValue().equals(entry.value());
                    })
                    .map(wanted -> new AlterConfigOp(new ConfigEntry(wanted.getKey(), wanted.getValue()),
                            AlterConfigOp.OpType.SET))
                    .toList();
            if (!ops.isEmpty()) {
                changes.put(resource, ops);
            }
        });
        if (changes.isEmpty()) {
            return;
        }
        admin.incrementalAlterConfigs(changes).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        changes.forEach((resource, ops) -> log.warn("Changed the configs of event topic {}: {}", resource.name(),
                ops.stream().map(op -> op.configEntry().name() + "=" + op.configEntry().value()).toList()));
    }
}
