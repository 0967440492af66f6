package io.quarkiverse.restclient.verify.trust.rules;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

import io.quarkiverse.restclient.verify.trust.LayeredTrustManager;

/**
 * Host names are matched against the certificate's subject alternative names only, as OpenSSL does for Python
 * requests and urllib3 2 ({@code X509_CHECK_FLAG_NEVER_CHECK_SUBJECT}) and as browsers do: the JDK's HTTPS check falls
 * back to the subject's common name when a certificate lists no DNS name, and this layer refuses exactly those
 * chains. It runs after the layers below accepted the chain and the JDK matched the name, and only when the host name
 * is checked at all ({@code verify-host=false} switches the endpoint identification off, and this check with it).
 */
public final class SubjectAltNamesOnlyTrustManager extends LayeredTrustManager {

    private static final int DNS_NAME = 2;

    /** Wraps the trust manager that decides the chain and the host name. */
    public SubjectAltNamesOnlyTrustManager(X509ExtendedTrustManager delegate) {
        super(delegate);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate.checkServerTrusted(chain, authType, engine);
        if (engine != null && checksHostName(engine.getSSLParameters())) {
            check(chain, hostName(engine.getHandshakeSession(), engine.getPeerHost()));
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate.checkServerTrusted(chain, authType, socket);
        if (socket instanceof SSLSocket && checksHostName(((SSLSocket) socket).getSSLParameters())) {
            SSLSession session = ((SSLSocket) socket).getHandshakeSession();
            check(chain, hostName(session, session == null ? null : session.getPeerHost()));
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        // No connection, so no host name to check: the JDK checks none either.
        delegate.checkServerTrusted(chain, authType);
    }

    private static boolean checksHostName(SSLParameters parameters) {
        String algorithm = parameters == null ? null : parameters.getEndpointIdentificationAlgorithm();
        return algorithm != null && algorithm.equalsIgnoreCase("HTTPS");
    }

    /** The name the JDK checks too: the SNI host name the client sent, else the host it connected to. */
    private static String hostName(SSLSession session, String peerHost) {
        if (session instanceof ExtendedSSLSession) {
            try {
                List<SNIServerName> names = ((ExtendedSSLSession) session).getRequestedServerNames();
                for (SNIServerName name : names) {
                    if (name instanceof SNIHostName) {
                        return ((SNIHostName) name).getAsciiName();
                    }
                }
            } catch (UnsupportedOperationException e) {
                // A session that does not know the names it was asked for: the peer host is what was called.
            }
        }
        return peerHost;
    }

    /** Refuses a certificate without a DNS subject alternative name when a DNS name (not an address) was called. */
    static void check(X509Certificate[] chain, String host) throws CertificateException {
        if (chain == null || chain.length == 0 || host == null || host.isEmpty() || isAddress(host)) {
            // Addresses are matched against iPAddress names only, by the JDK as by OpenSSL.
            return;
        }
        X509Certificate leaf = chain[0];
        Collection<List<?>> names;
        try {
            names = leaf.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            throw new CertificateException("the server's certificate has a subject alternative name extension that"
                    + " cannot be read: " + e.getMessage(), e);
        }
        if (names != null) {
            for (List<?> name : names) {
                if (name.size() >= 2 && name.get(0) instanceof Integer && (Integer) name.get(0) == DNS_NAME) {
                    return;
                }
            }
        }
        throw new HostNamedOnlyInCommonNameException(host, leaf);
    }

    /**
     * An IPv6 literal, or an IPv4 literal in any of the dotted forms the JDK reads as an address ({@code 127.0.0.1},
     * {@code 127.1}): a name of digits and dots is never a DNS name, since no top-level domain is all digits.
     */
    static boolean isAddress(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }
}
