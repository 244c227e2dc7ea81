package dev.tidings.localstack.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * An SMTP server (GreenMail) that accepts mail for any recipient and keeps every message in
 * memory, in the order received. Nothing is relayed anywhere.
 */
public final class MailCatcher implements Mailbox, AutoCloseable {

    private final GreenMail greenMail;

    private MailCatcher(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /** Starts SMTP on {@code 127.0.0.1:port}, or on a free port when {@code port} is 0. */
    public static MailCatcher start(int port) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        GreenMail greenMail = new GreenMail(port == 0 ? setup.dynamicPort() : setup);
        greenMail.start();
        return new MailCatcher(greenMail);
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    /** Every message received so far, oldest first; the index of each is its position here. */
    @Override
    public List<CapturedMail> messages() {
        MimeMessage[] received = greenMail.getReceivedMessages();
        List<CapturedMail> messages = new ArrayList<>(received.length);
        for (int index = 0; index < received.length; index++) {
            messages.add(CapturedMail.of(index, received[index]));
        }
        return messages;
    }

    /** Messages to {@code recipient} (an address, compared without case). */
    public Stream<CapturedMail> messagesTo(String recipient) {
        return messages().stream().filter(mail -> mail.to().stream().anyMatch(recipient::equalsIgnoreCase));
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
