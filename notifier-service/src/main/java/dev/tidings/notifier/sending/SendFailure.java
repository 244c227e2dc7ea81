package dev.tidings.notifier.sending;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;

/**
 * Why one message did not go out, and whether trying again can help.
 *
 * <p>Only an SMTP 5xx reply or an address that cannot be parsed is permanent; 4xx replies
 * (greylisting, throttling) and connection problems are transient: treating them as permanent is
 * how newsletter tools lose subscribers during a provider's bad hour.
 */
record SendFailure(boolean permanent, boolean mailboxRejected, String reason) {

    SendFailure(boolean permanent, String reason) {
        this(permanent, false, reason);
    }

    /**
     * Why {@code failure} happened. {@code mailboxRejected} is a 5xx reply to the recipient: that
     * address should get nothing more. A 5xx to the sender or the message itself (content refused)
     * is permanent for this email only.
     */
    static SendFailure of(Exception failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof SmtpReplyException reply && reply.code() >= 400) {
                boolean permanent = reply.code() >= 500;
                return new SendFailure(permanent, permanent && reply.step() == SmtpReplyException.Step.RCPT_TO,
                        describe(cause));
            }
            if (cause instanceof AddressException) {
                return new SendFailure(true, describe(cause));
            }
        }
        return new SendFailure(false, describe(failure));
    }

    private static Throwable next(Throwable failure) {
        if (failure instanceof MessagingException messaging && messaging.getNextException() != null) {
            return messaging.getNextException();
        }
        return failure.getCause() == failure ? null : failure.getCause();
    }

    private static String describe(Throwable failure) {
        String message = String.valueOf(failure.getMessage()).strip();
        return message.length() > 500 ? message.substring(0, 500) : message;
    }
}
