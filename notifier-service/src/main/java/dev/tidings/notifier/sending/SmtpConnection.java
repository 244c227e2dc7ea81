package dev.tidings.notifier.sending;

import dev.tidings.notifier.dkim.DkimSigning;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One SMTP connection kept open across messages, opened on first use and again after it broke.
 * Spring's {@code JavaMailSender} opens one per {@code send} call; a fan-out would spend most of
 * its time in handshakes. Not thread-safe: one per sender thread.
 */
final class SmtpConnection implements AutoCloseable {

    private final JavaMailSenderImpl settings;

    private final Session session;

    private final DkimSigning dkim;

    private Transport transport;

    SmtpConnection(JavaMailSenderImpl settings, DkimSigning dkim) {
        this.settings = settings;
        this.session = settings.getSession();
        this.dkim = dkim;
    }

    Session session() {
        return session;
    }

    /**
     * Sends one message, DKIM-signed when signing is on. A {@link SendFailedException} means the
     * server refused this message and the connection is still good; any other failure closes the
     * connection, and the next message opens a new one.
     *
     * @throws SmtpUnavailableException if no connection could be opened: the rest of the batch would
     *     fail alike
     */
    void send(MimeMessage message) throws MessagingException {
        if (transport == null) {
            connect();
        }
        message.setSentDate(new Date());
        message.saveChanges();
        MimeMessage signed = dkim.sign(message);
        try {
            transport.sendMessage(signed, message.getAllRecipients());
        }
        catch (MessagingException ex) {
            // isConnected() asks the server (NOOP): a 421 reply or a dropped socket leaves nothing to reuse.
            if (!(ex instanceof SendFailedException) || !transport.isConnected()) {
                close();
            }
            throw ex;
        }
    }

    private void connect() throws SmtpUnavailableException {
        try {
            String protocol = settings.getProtocol() != null ? settings.getProtocol() : "smtp";
            Transport opened = session.getTransport(protocol);
            opened.connect(settings.getHost(), settings.getPort(), settings.getUsername(), settings.getPassword());
            transport = opened;
        }
        catch (MessagingException ex) {
            throw new SmtpUnavailableException(ex);
        }
    }

    @Override
    public void close() {
        if (transport != null) {
            try {
                transport.close();
            }
            catch (MessagingException ex) {
                // The messages are sent or failed already; a QUIT that fails changes none of that.
            }
            transport = null;
        }
    }

    /** Connecting to the SMTP server failed. */
    static final class SmtpUnavailableException extends MessagingException {

        SmtpUnavailableException(MessagingException cause) {
            super("cannot connect to the SMTP server: " + cause.getMessage(), cause);
        }
    }
}
