package dev.tidings.localstack;

import dev.tidings.localstack.stack.LocalStack;
import java.time.Duration;

/** The block printed once the stack is up: what to open, how to call the API, where the logs are. */
record StartupReport(LocalStack.Endpoints endpoints, LocalStackProperties properties, int mailPort,
        Duration took) {

    String render() {
        String feeds = endpoints.feedUrl().toString();
        StringBuilder out = new StringBuilder("\n");
        out.append("================ Tidings local stack is up (")
                .append(String.format("%.1f", took.toMillis() / 1000.0)).append(" s) ================\n");
        if (properties.startServices()) {
            out.append(line("Feeds directory", feeds + "/"))
                    .append(line("Topic feed, RSS", feeds + "/feeds/eczema.rss"))
                    .append(line("Topic feed, Atom", feeds + "/feeds/eczema.atom"))
                    .append(line("All articles, Atom", feeds + "/feeds/all.atom"))
                    .append(line("Subscribe page", endpoints.notifierUrl() + "/subscribe"))
                    .append(line("Mail catcher", "http://localhost:" + mailPort + "/"))
                    .append(line("Content API", endpoints.contentUrl() + "/api/articles"))
                    .append("    curl -H 'Authorization: Bearer ").append(properties.adminKey()).append("' '")
                    .append(endpoints.contentUrl()).append("/api/articles?status=PUBLISHED'\n")
                    .append(properties.instances() == 1 ? "" : line("Instances", properties.instances()
                            + " of each service; content " + endpoints.contentPorts() + ", feed " + endpoints.feedPorts()
                            + ", notifier " + endpoints.notifierPorts()))
                    .append(line("API keys", "local-writer-key, local-editor-key, local-admin-key"
                            + " (the local profile's writer, editor and admin)"))
                    .append(line("Service logs", properties.workDirectory().resolve("logs").toAbsolutePath()
                            + "/{content,feed,notifier}-service.log"));
            if (properties.loadDemo()) {
                out.append(line("Demo reader", properties.demoReader()
                        + " (subscribed to every topic; newsletters in the mail catcher)"));
            }
        }
        else {
            out.append(line("Mail catcher", "http://localhost:" + mailPort + "/"))
                    .append("  Services not started (--tidings.local-stack.start-services=false).\n");
        }
        out.append(line("Kafka", endpoints.kafkaBootstrapServers()))
                .append(line("PostgreSQL", "localhost:" + endpoints.postgresPort()
                        + " (user postgres, password postgres; databases content, feed, notifier)"))
                .append(line("SMTP", "localhost:" + endpoints.smtpPort()))
                .append("Press Ctrl-C to stop everything.\n");
        return out.toString();
    }

    private static String line(String label, String value) {
        return String.format("  %-20s %s%n", label, value);
    }
}
