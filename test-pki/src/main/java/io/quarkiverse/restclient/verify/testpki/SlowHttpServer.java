package io.quarkiverse.restclient.verify.testpki;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 that never gives a complete answer: it either accepts and stays silent, or trickles one
 * byte of an endless header every interval, the way a hostile responder holds a client that only has read time-outs.
 */
public final class SlowHttpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final ExecutorService executor;
    private final long trickleMillis;
    private final AtomicInteger connections = new AtomicInteger();

    private SlowHttpServer(long trickleMillis) {
        this.trickleMillis = trickleMillis;
        try {
            socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "slow-http-server");
            thread.setDaemon(true);
            return thread;
        });
        executor.execute(this::accept);
    }

    /** A server that accepts connections and never sends a byte. */
    public static SlowHttpServer silent() {
        return new SlowHttpServer(-1);
    }

    /** A server that sends a status line, then one header byte every interval, forever. */
    public static SlowHttpServer trickling(long intervalMillis) {
        return new SlowHttpServer(intervalMillis);
    }

    /** The URL of a path on this server. */
    public String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    /** How many connections it accepted. */
    public int connections() {
        return connections.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                connections.incrementAndGet();
                executor.execute(() -> hold(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void hold(Socket client) {
        try (client) {
            if (trickleMillis < 0) {
                // Read whatever comes and never answer; the client's deadline has to end this.
                while (client.getInputStream().read() >= 0) {
                    continue;
                }
                return;
            }
            OutputStream out = client.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            while (!socket.isClosed()) {
                Thread.sleep(trickleMillis);
                out.write('a');
                out.flush();
            }
        } catch (IOException e) {
            // The client gave up, as it should.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        executor.shutdownNow();
    }
}
