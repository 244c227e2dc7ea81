package dev.tidings.localstack.mail;

import java.util.List;

/** The messages caught so far, oldest first (empty while the SMTP server is not up yet). */
@FunctionalInterface
public interface Mailbox {

    List<CapturedMail> messages();
}
