package dev.tidings.notifier.sending;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A real, minimal SMTP server whose RCPT replies are scripted per address, for the failure paths
 * GreenMail cannot produce (a 550 for one recipient, a 451 for another, within one connection). A
 * script may also change over time: an address answered 451 a number of times and then accepted,
 * and the first connections turned away with 421. With or without PIPELINING.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket socket;

    private final Map<String, List<String>> rcptReplies;

    private final Map<String, AtomicInteger> rcptCounts = new ConcurrentHashMap<>();

    private final AtomicInteger busyConnectionsLeft;

    private final AtomicInteger connections = new AtomicInteger();

    private final List<String> deliveredTo = new CopyOnWriteArrayList<>();

    private final boolean pipelining;

    ScriptedSmtpServer(Map<String, String> rcptReplies, boolean pipelining) throws IOException {
        this(rcptReplies.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))),
                0, pipelining);
    }

    /**
     * @param rcptReplies per address the replies to its RCPTs in turn, the last one repeated
     * @param busyConnections how many connections at first are greeted with 421 and closed
     * @param pipelining whether EHLO offers PIPELINING (RFC 2920): commands then arrive in groups,
     *     which this server answers in turn like any other
     */
    ScriptedSmtpServer(Map<String, List<String>> rcptReplies, int busyConnections, boolean pipelining)
            throws IOException {
        this.pipelining = pipelining;
        this.rcptReplies = rcptReplies;
        this.busyConnectionsLeft = new AtomicInteger(busyConnections);
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::serve, "scripted-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    /** The recipient of every message accepted after DATA. */
    List<String> deliveredTo() {
        return deliveredTo;
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                connections.incrementAndGet();
                converse(client);
            }
            catch (IOException ex) {
                if (!socket.isClosed()) {
                    throw new UncheckedIOException(ex);
                }
            }
        }
    }

    private void converse(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(
                new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII);
        if (busyConnectionsLeft.getAndDecrement() > 0) {
            reply(out, "421 4.3.2 too busy, try again later");
            return;
        }
        reply(out, "220 scripted ESMTP");
        String recipient = null;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String command = line.toUpperCase();
            if (command.startsWith("RCPT TO:")) {
                String address = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                List<String> script = rcptReplies.getOrDefault(address, List.of("250 OK"));
                int turn = rcptCounts.computeIfAbsent(address, ignored -> new AtomicInteger()).getAndIncrement();
                String scripted = script.get(Math.min(turn, script.size() - 1));
                recipient = scripted.startsWith("250") ? address : recipient;
                reply(out, scripted);
            }
            else if (command.startsWith("DATA") && recipient == null) {
                // As RFC 2920 has it: a pipelined DATA after a refused RCPT is refused too.
                reply(out, "554 5.5.1 no valid recipients");
            }
            else if (command.startsWith("DATA")) {
                reply(out, "354 go ahead");
                for (String data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
                    // the message content itself does not matter here
                }
                deliveredTo.add(recipient);
                reply(out, "250 accepted");
            }
            else if (command.startsWith("EHLO")) {
                reply(out, pipelining ? "250-scripted\r\n250 PIPELINING" : "250 scripted");
            }
            else if (command.startsWith("QUIT")) {
                reply(out, "221 bye");
                return;
            }
            else if (command.startsWith("MAIL FROM:") || command.startsWith("RSET")) {
                recipient = null;
                reply(out, "250 OK");
            }
            else {
                reply(out, "250 OK");
            }
        }
    }

    private static void reply(Writer out, String line) throws IOException {
        out.write(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
