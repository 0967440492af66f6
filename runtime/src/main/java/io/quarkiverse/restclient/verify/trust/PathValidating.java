package io.quarkiverse.restclient.verify.trust;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager that, when it accepts a server's chain, can tell the path it accepted it along. The checks layered
 * after the anchors (revocation, pins, distrust-after dates) judge that path, never one rebuilt from what the server
 * presented.
 */
public interface PathValidating {

    /**
     * Decides on the server's chain as {@code checkServerTrusted} does (with the engine if given, else the socket if
     * given, else neither) and returns the path it was validated along.
     *
     * @throws CertificateException when the chain is refused, or when its validated path cannot be established
     */
    ValidatedPath checkServerPath(X509Certificate[] chain, String authType, SSLEngine engine, Socket socket)
            throws CertificateException;

    /**
     * The manager's decision and validated path. A manager that cannot tell the path refuses: a check that needs the
     * path must never pass for want of one.
     */
    static ValidatedPath checkServerPath(X509ExtendedTrustManager manager, X509Certificate[] chain, String authType,
            SSLEngine engine, Socket socket) throws CertificateException {
        if (manager instanceof PathValidating) {
            return ((PathValidating) manager).checkServerPath(chain, authType, engine, socket);
        }
        throw new CertificateException("the server's chain cannot be checked for revocation, pins or distrust-after"
                + " dates: the trust manager below (" + manager.getClass().getName() + ") does not tell the path it"
                + " validated, so the chain is refused");
    }

    /** The manager's {@code checkServerTrusted} with the engine if given, else the socket if given, else neither. */
    static void checkServerTrusted(X509ExtendedTrustManager manager, X509Certificate[] chain, String authType,
            SSLEngine engine, Socket socket) throws CertificateException {
        if (engine != null) {
            manager.checkServerTrusted(chain, authType, engine);
        } else if (socket != null) {
            manager.checkServerTrusted(chain, authType, socket);
        } else {
            manager.checkServerTrusted(chain, authType);
        }
    }
}
