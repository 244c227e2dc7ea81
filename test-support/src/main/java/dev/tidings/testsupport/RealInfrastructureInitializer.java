package dev.tidings.testsupport;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a test context at the shared broker and at a database of its own, so that contexts with
 * different configurations never see each other's rows.
 */
public class RealInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String application = context.getEnvironment().getProperty("spring.application.name", "test");
        SharedInfrastructure.Database database = SharedInfrastructure.newDatabase(application);
        String brokers = SharedInfrastructure.kafkaBootstrapServers();
        TestPropertyValues.of(
                "spring.datasource.url=" + database.jdbcUrl(),
                "spring.datasource.username=" + database.username(),
                "spring.datasource.password=" + database.password(),
                "spring.kafka.bootstrap-servers=" + brokers,
                "spring.cloud.stream.kafka.binder.brokers=" + brokers)
                .applyTo(context);
    }
}
