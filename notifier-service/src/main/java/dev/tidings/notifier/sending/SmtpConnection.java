package dev.tidings.notifier.sending;

import dev.tidings.notifier.composing.OutgoingEmail;
import jakarta.mail.MessagingException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One SMTP connection kept open across emails, opened on first use and again after it broke, that
 * sends emails as bytes and pipelines its commands (RFC 2920) when the server offers it.
 *
 * <p>Jakarta Mail waits for the server's reply to each of MAIL FROM, RCPT TO, DATA and the end of
 * the data: four round trips per email. Pipelined, an email's data, its end and the next email's
 * MAIL FROM, RCPT TO and DATA go out in one write, and their replies come back together: one round
 * trip per email. Without PIPELINING each command waits for its reply, as Jakarta Mail does.
 *
 * <p>Settings are Spring's mail settings ({@code spring.mail.*}): host, port, user name and
 * password (AUTH PLAIN or LOGIN), the {@code smtps} protocol or {@code mail.smtp.ssl.enable} for
 * TLS from the start, {@code mail.smtp.starttls.enable} and {@code .required}, and the
 * {@code connectiontimeout}, {@code timeout} and {@code writetimeout} in milliseconds.
 *
 * <p>An email's outcome may be known only while the next one is sent: {@link #send} and {@link
 * #finish} report outcomes through each email's {@link Result}, in order. Not thread-safe: one per
 * sender thread.
 */
final class SmtpConnection implements AutoCloseable {

    /** What became of one email. */
    interface Result {

        /** The server accepted the email (250 after its data). */
        void accepted();

        /** The server refused it ({@link SmtpReplyException}), or the connection broke before it was accepted. */
        void refused(MessagingException why);
    }

    /** Connections writing now, for the watchdog that ends writes a stalled server no longer reads. */
    private static final Set<SmtpConnection> OPEN = ConcurrentHashMap.newKeySet();

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "smtp-write-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    static {
        // A write timeout checked once a second by one thread, not a timer task per write.
        WATCHDOG.scheduleWithFixedDelay(() -> OPEN.forEach(SmtpConnection::endStalledWrite), 1, 1, TimeUnit.SECONDS);
    }

    private static final int LONGEST_REPLY_LINE = 4096;

    private final String host;

    private final int port;

    private final String username;

    private final String password;

    private final boolean implicitTls;

    private final boolean startTls;

    private final boolean startTlsRequired;

    private final int connectTimeout;

    private final int readTimeout;

    private final long writeTimeoutNanos;

    private final String localName;

    /** Volatile for the watchdog, which closes it from its own thread. */
    private volatile Socket socket;

    private InputStream in;

    private OutputStream out;

    private boolean pipelining;

    /** The email whose data went out and whose reply has not been read yet, if any. */
    private Result awaitingReply;

    /** When the write under way started ({@link System#nanoTime}), 0 when not writing. */
    private volatile long writingSince;

    SmtpConnection(JavaMailSenderImpl settings) {
        String protocol = settings.getProtocol() != null ? settings.getProtocol() : "smtp";
        Properties properties = settings.getJavaMailProperties();
        String prefix = "mail." + protocol + ".";
        this.host = settings.getHost() != null ? settings.getHost() : "localhost";
        this.port = settings.getPort() > 0 ? settings.getPort() : ("smtps".equals(protocol) ? 465 : 25);
        this.username = settings.getUsername();
        this.password = settings.getPassword();
        this.implicitTls = "smtps".equals(protocol) || flag(properties, prefix + "ssl.enable");
        this.startTlsRequired = flag(properties, prefix + "starttls.required");
        this.startTls = startTlsRequired || flag(properties, prefix + "starttls.enable");
        this.connectTimeout = millis(properties, prefix + "connectiontimeout");
        this.readTimeout = millis(properties, prefix + "timeout");
        this.writeTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(millis(properties, prefix + "writetimeout"));
        this.localName = properties.getProperty(prefix + "localhost");
    }

    /**
     * Sends {@code email}, reporting its outcome, and the previous email's if it was still open,
     * through their results; a refused email leaves the connection usable, a broken connection is
     * closed and opened again by the next email.
     *
     * @throws SmtpUnavailableException if no connection could be opened: the rest of the batch would
     *     fail alike
     */
    void send(OutgoingEmail email, Result result) throws SmtpUnavailableException {
        if (socket == null) {
            connect();
        }
        try {
            if (pipelining) {
                sendPipelined(email, result);
            }
            else {
                sendStepByStep(email, result);
            }
        }
        catch (IOException ex) {
            broken(ex, result);
        }
    }

    /** Reads the reply of the last email sent; every email sent so far has its outcome after this. */
    void finish() {
        if (awaitingReply == null) {
            return;
        }
        try {
            flush();
            settleAwaiting();
        }
        catch (IOException ex) {
            broken(ex, null);
        }
    }

    private void sendPipelined(OutgoingEmail email, Result result) throws IOException {
        // The previous email's data and end, if any, are still in the buffer: they go out in the same write.
        command("MAIL FROM:<" + email.envelopeFrom() + ">");
        command("RCPT TO:<" + email.recipient() + ">");
        command("DATA");
        flush();
        settleAwaiting();
        Reply mail = read();
        Reply rcpt = read();
        Reply data = read();
        transfer(email, result, mail, rcpt, data);
    }

    private void sendStepByStep(OutgoingEmail email, Result result) throws IOException {
        Reply mail = exchange("MAIL FROM:<" + email.envelopeFrom() + ">");
        Reply rcpt = mail.positive() ? exchange("RCPT TO:<" + email.recipient() + ">") : null;
        Reply data = rcpt != null && rcpt.positive() ? exchange("DATA") : null;
        transfer(email, result, mail, rcpt, data);
        // Without pipelining nothing may follow the data before its reply.
        finish();
    }

    /**
     * Writes the data after a 354, or settles a refused email and resets the transaction. {@code
     * rcpt} and {@code data} are null when an earlier command was refused and they were not sent.
     */
    private void transfer(OutgoingEmail email, Result result, Reply mail, Reply rcpt, Reply data)
            throws IOException {
        boolean dataInvited = data != null && data.code() == 354;
        if (mail.positive() && rcpt.positive() && dataInvited) {
            writeData(email.content());
            awaitingReply = result;
            return;
        }
        if (dataInvited) {
            // A server that takes DATA with no valid recipient gets an empty message, which it refuses.
            writeEnd();
            flush();
            read();
        }
        Reply refusal = !mail.positive() ? mail : !rcpt.positive() ? rcpt : data;
        SmtpReplyException.Step step = refusal == mail ? SmtpReplyException.Step.MAIL_FROM
                : refusal == rcpt ? SmtpReplyException.Step.RCPT_TO : SmtpReplyException.Step.DATA;
        result.refused(new SmtpReplyException(step, refusal.code(), refusal.text()));
        if (refusal.code() == 421) {
            // The server is closing the connection.
            closeSocket();
            return;
        }
        if (!exchange("RSET").positive()) {
            closeSocket();
        }
    }

    private void settleAwaiting() throws IOException {
        if (awaitingReply == null) {
            return;
        }
        Result result = awaitingReply;
        awaitingReply = null;
        Reply reply = read();
        if (reply.code() == 250) {
            result.accepted();
        }
        else {
            result.refused(new SmtpReplyException(SmtpReplyException.Step.END_OF_DATA, reply.code(), reply.text()));
        }
    }

    /** The connection failed: the emails not yet accepted are refused (transient), the socket closed. */
    private void broken(IOException failure, Result current) {
        MessagingException why = new MessagingException("SMTP connection failed: " + failure, failure);
        if (awaitingReply != null) {
            awaitingReply.refused(why);
            awaitingReply = null;
        }
        if (current != null) {
            current.refused(why);
        }
        closeSocket();
    }

    private void connect() throws SmtpUnavailableException {
        try {
            socket = implicitTls ? SSLSocketFactory.getDefault().createSocket() : new Socket();
            socket.connect(new InetSocketAddress(host, port), connectTimeout);
            socket.setSoTimeout(readTimeout);
            socket.setTcpNoDelay(true);
            if (implicitTls) {
                handshake((SSLSocket) socket);
            }
            streams();
            OPEN.add(this);
            expect(read(), 220, "greeting");
            List<String> extensions = hello();
            if (startTls && extensions.contains("STARTTLS")) {
                expect(exchange("STARTTLS"), 220, "STARTTLS");
                SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                        .createSocket(socket, host, port, true);
                handshake(tls);
                socket = tls;
                streams();
                extensions = hello();
            }
            else if (startTlsRequired) {
                throw new IOException("STARTTLS is required but " + host + " does not offer it");
            }
            if (username != null && password != null) {
                authenticate(extensions);
            }
            pipelining = extensions.contains("PIPELINING");
        }
        catch (IOException ex) {
            closeSocket();
            throw new SmtpUnavailableException(ex);
        }
    }

    private static void handshake(SSLSocket socket) throws IOException {
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.startHandshake();
    }

    private void streams() throws IOException {
        in = new BufferedInputStream(socket.getInputStream(), 8192);
        out = new BufferedOutputStream(socket.getOutputStream(), 65536);
    }

    /** EHLO, or HELO if the server does not know it; the extensions the server offers, upper case. */
    private List<String> hello() throws IOException {
        String name = localName != null ? localName : localHostName();
        Reply ehlo = exchange("EHLO " + name);
        List<String> extensions = new ArrayList<>();
        if (ehlo.code() == 250) {
            String[] lines = ehlo.text().split("\n");
            for (int i = 1; i < lines.length; i++) {
                extensions.add(lines[i].length() > 4 ? lines[i].substring(4).toUpperCase(Locale.ROOT) : "");
            }
            // "AUTH PLAIN LOGIN" is an extension with parameters; the keyword alone answers contains().
            List<String> keywords = new ArrayList<>(extensions);
            extensions.forEach(extension -> keywords.add(extension.split(" ")[0]));
            return keywords;
        }
        expect(exchange("HELO " + name), 250, "HELO");
        return extensions;
    }

    private void authenticate(List<String> extensions) throws IOException {
        String mechanisms = extensions.stream().filter(extension -> extension.startsWith("AUTH "))
                .findFirst().orElse("");
        Base64.Encoder base64 = Base64.getEncoder();
        if (mechanisms.contains(" PLAIN")) {
            String credentials = "\0" + username + "\0" + password;
            expect(exchange("AUTH PLAIN " + base64.encodeToString(credentials.getBytes(StandardCharsets.UTF_8))),
                    235, "AUTH PLAIN");
        }
        else if (mechanisms.contains(" LOGIN")) {
            expect(exchange("AUTH LOGIN"), 334, "AUTH LOGIN");
            expect(exchange(base64.encodeToString(username.getBytes(StandardCharsets.UTF_8))), 334, "AUTH LOGIN");
            expect(exchange(base64.encodeToString(password.getBytes(StandardCharsets.UTF_8))), 235, "AUTH LOGIN");
        }
        else {
            throw new IOException(host + " offers neither AUTH PLAIN nor AUTH LOGIN");
        }
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        }
        catch (IOException ex) {
            return "localhost";
        }
    }

    private static void expect(Reply reply, int code, String step) throws IOException {
        if (reply.code() != code) {
            throw new IOException(step + " failed: " + reply.text());
        }
    }

    private Reply exchange(String command) throws IOException {
        command(command);
        flush();
        return read();
    }

    private void command(String command) throws IOException {
        out.write(command.getBytes(StandardCharsets.UTF_8));
        out.write('\r');
        out.write('\n');
    }

    /**
     * The message, dot-stuffed (a line starting with "." gets another) with bare line feeds made
     * CRLF, then the end of data; written in runs between those places, not byte by byte.
     */
    private void writeData(byte[] content) throws IOException {
        int run = 0;
        boolean lineStart = true;
        for (int i = 0; i < content.length; i++) {
            byte b = content[i];
            if (lineStart && b == '.') {
                out.write(content, run, i - run);
                out.write('.');
                run = i;
            }
            else if (b == '\n' && (i == 0 || content[i - 1] != '\r')) {
                out.write(content, run, i - run);
                out.write('\r');
                run = i;
            }
            lineStart = b == '\n';
        }
        out.write(content, run, content.length - run);
        if (content.length > 0 && content[content.length - 1] != '\n') {
            out.write('\r');
            out.write('\n');
        }
        writeEnd();
    }

    private void writeEnd() throws IOException {
        out.write('.');
        out.write('\r');
        out.write('\n');
    }

    private void flush() throws IOException {
        writingSince = System.nanoTime();
        try {
            out.flush();
        }
        finally {
            writingSince = 0;
        }
    }

    private void endStalledWrite() {
        long since = writingSince;
        Socket stalled = socket;
        if (since != 0 && stalled != null && writeTimeoutNanos > 0 && System.nanoTime() - since > writeTimeoutNanos) {
            try {
                // The blocked write fails with a SocketException: the sender thread finds the connection broken.
                stalled.close();
            }
            catch (IOException ex) {
                // It is closed either way.
            }
        }
    }

    /** One reply, all its lines; the text keeps them, joined by line feeds. */
    private Reply read() throws IOException {
        StringBuilder text = new StringBuilder();
        while (true) {
            String line = readLine();
            if (line.length() < 3 || !Character.isDigit(line.charAt(0))) {
                throw new IOException("not an SMTP reply: " + line);
            }
            text.append(line);
            if (line.length() == 3 || line.charAt(3) != '-') {
                return new Reply(Integer.parseInt(line.substring(0, 3)), text.toString());
            }
            text.append('\n');
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the SMTP server closed the connection");
            }
            if (c != '\r') {
                line.append((char) c);
            }
            if (line.length() > LONGEST_REPLY_LINE) {
                throw new IOException("SMTP reply line too long");
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        finish();
        if (socket != null) {
            try {
                exchange("QUIT");
            }
            catch (IOException ex) {
                // Every email has its outcome already; a QUIT that fails changes none of them.
            }
            closeSocket();
        }
    }

    private void closeSocket() {
        OPEN.remove(this);
        if (socket != null) {
            try {
                socket.close();
            }
            catch (IOException ex) {
                // Closing is all that is left to do with it.
            }
            socket = null;
        }
    }

    /** One SMTP reply: its code and its lines. */
    private record Reply(int code, String text) {

        boolean positive() {
            return code >= 200 && code < 400;
        }
    }

    private static boolean flag(Properties properties, String key) {
        return Boolean.parseBoolean(String.valueOf(properties.get(key)));
    }

    private static int millis(Properties properties, String key) {
        Object value = properties.get(key);
        return value == null ? 0 : Integer.parseInt(value.toString().strip());
    }

    /** Connecting to the SMTP server failed. */
    static final class SmtpUnavailableException extends MessagingException {

        SmtpUnavailableException(IOException cause) {
            super("cannot connect to the SMTP server: " + cause.getMessage(), cause);
        }
    }
}
