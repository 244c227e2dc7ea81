package dev.tidings.notifier.sending;

import jakarta.mail.MessagingException;

/**
 * The SMTP server answered a command of one email with an error (4xx or 5xx).
 *
 * @see SendFailure
 */
final class SmtpReplyException extends MessagingException {

    /** Which step of an email's transaction a reply answered. */
    enum Step {
        MAIL_FROM, RCPT_TO, DATA, END_OF_DATA
    }

    private final Step step;

    private final int code;

    SmtpReplyException(Step step, int code, String reply) {
        super(step + ": " + reply);
        this.step = step;
        this.code = code;
    }

    Step step() {
        return step;
    }

    int code() {
        return code;
    }
}
