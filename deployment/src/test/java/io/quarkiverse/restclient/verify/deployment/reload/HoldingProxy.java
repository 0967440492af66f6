package io.quarkiverse.restclient.verify.deployment.reload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 that holds the server's bytes once the client has spoken twice: under TLS 1.2 that is the
 * server's last flight (ChangeCipherSpec, Finished), after the client's trust manager has accepted the chain and before
 * the client's connection is established. The test changes trust in between, then releases the flight.
 */
final class HoldingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    HoldingProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "holding-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri() {
        return URI.create("https://localhost:" + listener.getLocalPort());
    }

    /** Waits until the server's last flight is held. */
    boolean awaitHolding(long seconds) throws InterruptedException {
        return holding.await(seconds, TimeUnit.SECONDS);
    }

    void release() {
        released.countDown();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(target.getAddress(), target.getPort());
                AtomicInteger clientReads = new AtomicInteger();
                pump(client, server, clientReads, false);
                pump(server, client, clientReads, true);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, AtomicInteger clientReads, boolean fromServer) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0;) {
                    if (!fromServer) {
                        clientReads.incrementAndGet();
                    } else if (clientReads.get() >= 2 && released.getCount() > 0) {
                        holding.countDown();
                        released.await(30, TimeUnit.SECONDS);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // The other side closed.
            } finally {
                close(from);
                close(to);
            }
        }, "holding-proxy-pump");
        pump.setDaemon(true);
        pump.start();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        release();
        listener.close();
    }
}
