package dev.tidings.notifier.sending;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class SendFailureTests {

    @Test
    void aPermanentSmtpReplyIsPermanent() throws Exception {
        SmtpReplyException noSuchUser = new SmtpReplyException(SmtpReplyException.Step.RCPT_TO, 550,
                "550 5.1.1 no such user");
        MessagingException wrapped = new MessagingException("send failed", noSuchUser);

        assertThat(SendFailure.of(wrapped).permanent()).isTrue();
        assertThat(SendFailure.of(wrapped).mailboxRejected()).as("the address is suppressed").isTrue();
    }

    @Test
    void aMessageRefusedForGoodLeavesTheAddressAlone() {
        SmtpReplyException spam = new SmtpReplyException(SmtpReplyException.Step.END_OF_DATA, 554,
                "554 5.7.1 message refused");

        assertThat(SendFailure.of(spam).permanent()).isTrue();
        assertThat(SendFailure.of(spam).mailboxRejected()).isFalse();
    }

    @Test
    void throttlingAndGreylistingAreTransient() {
        SmtpReplyException throttled = new SmtpReplyException(SmtpReplyException.Step.RCPT_TO, 451,
                "451 4.7.1 try again later");

        assertThat(SendFailure.of(throttled).permanent()).isFalse();
        assertThat(SendFailure.of(throttled).reason()).contains("451");
    }

    @Test
    void connectionProblemsAreTransient() {
        MessagingException refused = new MessagingException("could not connect", new ConnectException("refused"));

        assertThat(SendFailure.of(refused).permanent()).isFalse();
    }
}
