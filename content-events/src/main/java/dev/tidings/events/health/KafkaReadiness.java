package dev.tidings.events.health;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * The {@code kafka} health contributor, part of readiness (ADR 0024): UP while the cluster answers
 * within two seconds. Asked on every probe, unlike the binder's indicator, which reads partition
 * leaders from metadata its consumer cached and stays UP after the broker died. Liveness leaves it
 * out: a process waiting for the broker is not broken, what it would send or read waits in the
 * outbox or in Kafka. Every service that reaches Kafka imports it.
 */
@Component("kafka")
public class KafkaReadiness implements HealthIndicator, DisposableBean {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Admin admin;

    public KafkaReadiness(KafkaAdmin kafkaAdmin) {
        // One client kept open: a probe every few seconds must not open and close connections each time.
        this.admin = Admin.create(kafkaAdmin.getConfigurationProperties());
    }

    @Override
    public Health health() {
        try {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .nodes().get(TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS).size();
            return Health.up().withDetail("brokers", brokers).build();
        }
        catch (ExecutionException ex) {
            return Health.down().withDetail("error", String.valueOf(ex.getCause())).build();
        }
        catch (TimeoutException ex) {
            return Health.down().withDetail("error", "no answer within " + TIMEOUT.toSeconds() + " s").build();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return Health.down().withDetail("error", "interrupted").build();
        }
    }

    @Override
    public void destroy() {
        admin.close(Duration.ZERO);
    }
}
