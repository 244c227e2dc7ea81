package dev.tidings.notifier.sending;

import dev.tidings.notifier.NotifierProperties;
import dev.tidings.notifier.composing.DigestEmailComposer;
import dev.tidings.notifier.composing.InstantEmailComposer;
import dev.tidings.notifier.composing.RenderedArticles;
import dev.tidings.notifier.dkim.DkimSigning;
import dev.tidings.notifier.ledger.Deliveries;
import dev.tidings.notifier.subscription.SubscriberLinks;
import dev.tidings.notifier.suppression.Suppressions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Senders on the application's own ledger with a mail server and a clock of a test's choosing, and
 * ledger rows queued for tomorrow, which the application's own senders leave alone until a test's
 * sender, whose clock is days ahead, sends them.
 */
final class LedgerSenders {

    private LedgerSenders() {
    }

    static DeliverySender on(ApplicationContext context, JavaMailSenderImpl mail, Clock clock) {
        return new DeliverySender(context.getBean(Deliveries.class), context.getBean(RenderedArticles.class),
                context.getBean(InstantEmailComposer.class), context.getBean(DigestEmailComposer.class),
                context.getBean(SubscriberLinks.class), mail,
                context.getBean(SendRate.class), context.getBean(Suppressions.class),
                context.getBean(NotifierProperties.class), clock, context.getBean(MeterRegistry.class),
                context.getBean(ObservationRegistry.class),
                context.getBean(DkimSigning.class));
    }

    /** A mail sender to a scripted SMTP server, with timeouts so a test never hangs. */
    static JavaMailSenderImpl mailTo(ScriptedSmtpServer smtp) {
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(smtp.port());
        mail.getJavaMailProperties().put("mail.smtp.timeout", "10000");
        mail.getJavaMailProperties().put("mail.smtp.connectiontimeout", "5000");
        return mail;
    }

    static void queueTomorrow(JdbcClient jdbc, String email, UUID articleId) {
        jdbc.sql("""
                INSERT INTO deliveries (subscriber_id, article_id, kind, status, attempts, next_attempt_at, created_at)
                SELECT id, :article, 'instant', 'PENDING', 0, :due, now() FROM subscribers WHERE email = :email
                """).param("article", articleId).param("due", Timestamp.from(Instant.now().plus(Duration.ofDays(1))))
                .param("email", email).update();
    }

    static String statusOf(JdbcClient jdbc, String email, UUID articleId) {
        return jdbc.sql("""
                SELECT d.status FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
                WHERE s.email = :email AND d.article_id = :article
                """).param("email", email).param("article", articleId).query(String.class).single();
    }
}
