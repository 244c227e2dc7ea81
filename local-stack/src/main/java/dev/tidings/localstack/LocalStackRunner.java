package dev.tidings.localstack;

import dev.tidings.localstack.client.ContentApi;
import dev.tidings.localstack.client.NotifierApi;
import dev.tidings.localstack.demo.DemoContent;
import dev.tidings.localstack.demo.DemoPublisher;
import dev.tidings.localstack.mail.Mailbox;
import dev.tidings.localstack.stack.LocalStack;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Starts the stack once the mail catcher's page is up, loads the demo content and prints where
 * everything is. Stopping is left to Spring's shutdown hook (see {@link LocalStack#close()}).
 */
@Component
class LocalStackRunner implements ApplicationRunner {

    private final LocalStack stack;

    private final LocalStackProperties properties;

    private final Mailbox mailbox;

    private final WebServerApplicationContext context;

    private final Clock clock;

    LocalStackRunner(LocalStack stack, LocalStackProperties properties, Mailbox mailbox,
            WebServerApplicationContext context, Clock clock) {
        this.stack = stack;
        this.properties = properties;
        this.mailbox = mailbox;
        this.context = context;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        // From the JVM's start, so the figure includes Spring's own start-up and the page's web server.
        Instant begin = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        stack.start();
        LocalStack.Endpoints endpoints = stack.endpoints();
        if (properties.startServices() && properties.loadDemo()) {
            DemoContent demo = DemoContent.load();
            new DemoPublisher(new ContentApi(endpoints.contentUrl(), properties.adminKey()),
                    new NotifierApi(endpoints.notifierUrl()), mailbox, endpoints.feedUrl())
                    .publish(demo, properties.demoReader());
        }
        Duration took = Duration.between(begin, clock.instant());
        System.out.println(new StartupReport(endpoints, properties, context.getWebServer().getPort(), took)
                .render());
    }
}
