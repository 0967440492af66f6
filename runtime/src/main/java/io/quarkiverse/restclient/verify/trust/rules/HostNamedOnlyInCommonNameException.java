package io.quarkiverse.restclient.verify.trust.rules;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import io.quarkiverse.restclient.verify.trust.Printable;

/**
 * The server's certificate names the host the client called only in its subject's common name and lists no DNS name
 * as a subject alternative name. The JDK would accept it (it falls back to the CN); OpenSSL's host check as Python
 * requests and urllib3 2 use it, browsers and RFC 9525 do not read the CN, so neither does this client.
 */
public final class HostNamedOnlyInCommonNameException extends CertificateException {

    private static final long serialVersionUID = 1L;

    private final String host;
    private final String subject;

    HostNamedOnlyInCommonNameException(String host, X509Certificate leaf) {
        super("No subject alternative DNS name matching " + Printable.text(host) + " found: the certificate '"
                + Printable.name(leaf.getSubjectX500Principal()) + "' names its host only in the CN (common name),"
                + " which TLS clients no longer read");
        this.host = host;
        this.subject = Printable.name(leaf.getSubjectX500Principal());
    }

    /** The host name the client called. */
    public String host() {
        return host;
    }

    /** The subject of the server's certificate, printable. */
    public String subject() {
        return subject;
    }
}
