package io.quarkiverse.restclient.verify.devmode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import io.restassured.RestAssured;

/**
 * A port for the application in dev mode, chosen free by the system instead of the fixed 8080 that another build on a
 * shared machine may hold. Fixed for the whole test: dev-mode restarts keep serving on it.
 */
final class FreePort {

    private FreePort() {
    }

    /** A port nobody listens on right now, on the loopback interface. */
    static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The application property that puts the application on this port, and REST Assured's requests with it. */
    static String use(int port) {
        RestAssured.port = port;
        return "quarkus.http.port=" + port;
    }
}
