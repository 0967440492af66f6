package io.quarkiverse.restclient.verify.trust.anchors;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Security;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import io.quarkiverse.restclient.verify.trust.TrustMaterialException;

/**
 * The main class of a JVM started with another {@code os.name}: puts {@link OperatingSystemStoresProvider} first,
 * loads {@code verify=system} and prints what it found as {@code key=value} lines, then connects to each port given
 * and prints whether the loaded trust accepted the server (with the machine's own {@code os.name} again).
 */
public final class SystemTrustProbe {

    /** The property that carries this machine's own {@code os.name} into the probe. */
    static final String REAL_OS_NAME = "verify.test.real-os.name";

    private SystemTrustProbe() {
    }

    public static void main(String[] ports) {
        Security.insertProviderAt(new OperatingSystemStoresProvider(), 1);
        print("os.name", System.getProperty("os.name"));
        ClassLoader loader = SystemTrustProbe.class.getClassLoader();
        try {
            SystemTrust system = SystemTrust.load();
            print("stores", system.stores().stream().map(part -> part.name() + " " + part.count())
                    .collect(Collectors.joining(", ")));
            print("limitation", SystemTrust.limitation().orElse(""));
            print("certificates", String.valueOf(system.certificates().size()));
            print("description", system.description());
            TrustMaterial material = TrustMaterial.load(TrustSpec.parse("system"), loader);
            print("material", material.description());
            print("warnings", String.join(" | ", material.warnings()));
            print("default,system warnings",
                    String.join(" | ", TrustMaterial.load(TrustSpec.parse("default,system"), loader).warnings()));
            // The JDK's own networking picks its socket options class by os.name (WindowsSocketOptions on "Windows
            // 11", missing here), so the handshakes run with the real name again.
            System.setProperty("os.name", System.getProperty(REAL_OS_NAME));
            for (String port : ports) {
                print("handshake " + port, handshake(material, Integer.parseInt(port)));
            }
        } catch (TrustMaterialException e) {
            print("error", e.getMessage());
        }
    }

    private static String handshake(TrustMaterial material, int port) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { material.trustManager() }, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                return "accepted";
            }
        } catch (IOException | GeneralSecurityException e) {
            return "rejected: " + e.getMessage();
        }
    }

    private static void print(String key, String value) {
        // One line per key, whatever the value holds, so the test can read the output back.
        System.out.println(key + "=" + value.replace("\r", "\\r").replace("\n", "\\n"));
    }
}
