package io.quarkiverse.restclient.verify.deployment.engine;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on 127.0.0.1 that reads the ClientHello of each connection before passing the bytes on, so that a test
 * can tell which TLS engine made it from what the engine offers, without asking the engine.
 */
final class ClientHelloProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final List<ClientHello> hellos = new CopyOnWriteArrayList<>();

    ClientHelloProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 }));
        Thread acceptor = new Thread(this::accept, "client-hello-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri() {
        return URI.create("https://127.0.0.1:" + listener.getLocalPort());
    }

    /** The ClientHellos seen so far, in order. */
    List<ClientHello> hellos() {
        return List.copyOf(hellos);
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(target.getAddress(), target.getPort());
                Thread thread = new Thread(() -> relay(client, server), "client-hello-proxy-relay");
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(Socket client, Socket server) {
        try {
            DataInputStream in = new DataInputStream(client.getInputStream());
            // The first record: type, version (2), length (2), then the handshake message it carries.
            byte[] header = new byte[5];
            in.readFully(header);
            byte[] body = new byte[((header[3] & 0xff) << 8) | (header[4] & 0xff)];
            in.readFully(body);
            if (header[0] == 0x16) {
                hellos.add(ClientHello.parse(ByteBuffer.wrap(body)));
            }
            OutputStream toServer = server.getOutputStream();
            toServer.write(header);
            toServer.write(body);
            toServer.flush();
            Thread back = new Thread(() -> pump(server, client), "client-hello-proxy-back");
            back.setDaemon(true);
            back.start();
            pump(client, server);
        } catch (IOException | RuntimeException e) {
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    private static void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[16384];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // One side closed; the other side's pump ends with it.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /**
     * What a ClientHello offered: the cipher suites and the key-exchange groups (supported_groups), as their TLS code
     * points.
     */
    record ClientHello(List<Integer> cipherSuites, List<Integer> groups) {

        static final int TLS_EMPTY_RENEGOTIATION_INFO_SCSV = 0x00ff;
        static final int X448 = 0x001e;
        static final int FFDHE2048 = 0x0100;

        static ClientHello parse(ByteBuffer message) {
            if (message.get() != 1) {
                throw new IllegalArgumentException("not a ClientHello");
            }
            skip(message, 3 + 2 + 32); // length, version, random
            skip(message, message.get() & 0xff); // session id
            List<Integer> suites = new ArrayList<>();
            int suitesLength = message.getShort() & 0xffff;
            for (int i = 0; i < suitesLength; i += 2) {
                suites.add(message.getShort() & 0xffff);
            }
            skip(message, message.get() & 0xff); // compression methods
            List<Integer> groups = new ArrayList<>();
            int extensionsLength = message.getShort() & 0xffff;
            int extensionsEnd = message.position() + extensionsLength;
            while (message.position() < extensionsEnd) {
                int type = message.getShort() & 0xffff;
                int length = message.getShort() & 0xffff;
                int next = message.position() + length;
                if (type == 10) { // supported_groups
                    int listLength = message.getShort() & 0xffff;
                    for (int i = 0; i < listLength; i += 2) {
                        groups.add(message.getShort() & 0xffff);
                    }
                }
                message.position(next);
            }
            return new ClientHello(suites, groups);
        }

        private static void skip(ByteBuffer message, int bytes) {
            message.position(message.position() + bytes);
        }

        /**
         * Whether SunJSSE made it: the JDK's client offers the finite-field groups and X448 and signals secure
         * renegotiation with the SCSV cipher suite; BoringSSL implements none of the three and sends the
         * renegotiation_info extension instead.
         */
        boolean fromTheJdk() {
            return groups.contains(FFDHE2048) || groups.contains(X448)
                    || cipherSuites.contains(TLS_EMPTY_RENEGOTIATION_INFO_SCSV);
        }

        @Override
        public String toString() {
            return "cipher suites " + hex(cipherSuites) + ", groups " + hex(groups);
        }

        private static String hex(List<Integer> codes) {
            StringBuilder text = new StringBuilder();
            for (int code : codes) {
                text.append(text.length() == 0 ? "" : ",").append(String.format("%04x", code));
            }
            return text.toString();
        }
    }
}
