package dev.tidings.notifier.sending;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

class SendFailureTests {

    @Test
    void aPermanentSmtpReplyIsPermanent() throws Exception {
        SMTPAddressFailedException noSuchUser = new SMTPAddressFailedException(
                new InternetAddress("gone@example.test"), "RCPT TO", 550, "550 5.1.1 no such user");
        MessagingException wrapped = new MessagingException("send failed", noSuchUser);

        assertThat(SendFailure.of(wrapped).permanent()).isTrue();
        assertThat(SendFailure.of(wrapped).mailboxRejected()).as("the address is suppressed").isTrue();
    }

    @Test
    void aMessageRefusedForGoodLeavesTheAddressAlone() {
        SMTPSendFailedException spam = new SMTPSendFailedException("DATA", 554,
                "554 5.7.1 message refused", null, null, null, null);

        assertThat(SendFailure.of(spam).permanent()).isTrue();
        assertThat(SendFailure.of(spam).mailboxRejected()).isFalse();
    }

    @Test
    void throttlingAndGreylistingAreTransient() {
        SMTPSendFailedException throttled = new SMTPSendFailedException("DATA", 451,
                "451 4.7.1 try again later", null, null, null, null);

        assertThat(SendFailure.of(throttled).permanent()).isFalse();
        assertThat(SendFailure.of(throttled).reason()).contains("451");
    }

    @Test
    void connectionProblemsAreTransient() {
        MessagingException refused = new MessagingException("could not connect", new ConnectException("refused"));

        assertThat(SendFailure.of(refused).permanent()).isFalse();
    }
}
