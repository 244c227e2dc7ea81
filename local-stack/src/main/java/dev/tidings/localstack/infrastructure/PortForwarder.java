package dev.tidings.localstack.infrastructure;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Forwards every TCP connection made to a fixed loopback port to another local port, byte for
 * byte, in both directions.
 *
 * <p>Kafka's KRaft test kit binds its listeners to ports it picks itself, whatever it is told
 * (spring-kafka issue 2916). A client bootstrapping through the fixed port learns the broker's real
 * address from the metadata it gets back, so only the bootstrap connections pass through here.
 */
final class PortForwarder implements AutoCloseable {

    private final ServerSocket server;

    private final int targetPort;

    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private PortForwarder(ServerSocket server, int targetPort) {
        this.server = server;
        this.targetPort = targetPort;
    }

    static PortForwarder start(int port, int targetPort) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            PortForwarder forwarder = new PortForwarder(server, targetPort);
            daemon("forward-" + port, forwarder::acceptLoop);
            return forwarder;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("port " + port + " is not free", ex);
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(target);
                daemon("forward-in", () -> pump(client, target));
                daemon("forward-out", () -> pump(target, client));
            }
            catch (IOException ex) {
                // Closed while accepting (shutdown), or the target refused one connection: the
                // client sees its connection drop and retries, as it would with the broker itself.
            }
        }
    }

    private void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        }
        catch (IOException ex) {
            // One side went away; closing both below ends the other direction too.
        }
        finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        }
        catch (IOException ex) {
            // Already closed by the other direction.
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        try {
            server.close();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        finally {
            open.forEach(this::closeQuietly);
        }
    }
}
