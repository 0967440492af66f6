package io.quarkiverse.restclient.verify.trust.anchors;

import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * A certificate of the client's own trust would anchor the server's chain but is outside its validity, so it anchors
 * nothing. Thrown as the JDK's own expired or not-yet-valid exception, so that code reading those types reads these too;
 * the type carries the anchor and the dates, and {@link #describe} is the only place that writes its sentence.
 */
public sealed interface AnchorOutOfDate permits AnchorOutOfDate.Expired, AnchorOutOfDate.NotYetValid {

    /** The certificate of the client's trust that would anchor the chain. */
    X509Certificate anchor();

    /** The clock reading the anchor was judged against. */
    Instant now();

    /** Whether the anchor has expired; otherwise it is not valid yet. */
    default boolean expired() {
        return this instanceof Expired;
    }

    /** The anchor's notAfter when it has expired, else its notBefore. */
    default Instant boundary() {
        return (expired() ? anchor().getNotAfter() : anchor().getNotBefore()).toInstant();
    }

    /** The failure for an anchor outside its validity at {@code now}. */
    static CertificateException of(X509Certificate anchor, Instant now) {
        return now.isBefore(anchor.getNotBefore().toInstant()) ? new NotYetValid(anchor, now)
                : new Expired(anchor, now);
    }

    private static String describe(X509Certificate anchor, Instant now, boolean expired) {
        String subject = anchor.getSubjectX500Principal().getName();
        return expired
                ? "the certificate '" + subject + "' in this client's trust, which would anchor the server's chain,"
                        + " expired on " + anchor.getNotAfter().toInstant() + " (now " + now + "), so it anchors"
                        + " nothing: replace it with its renewed version"
                : "the certificate '" + subject + "' in this client's trust, which would anchor the server's chain,"
                        + " is valid only from " + anchor.getNotBefore().toInstant() + " (now " + now + "), so it"
                        + " anchors nothing yet";
    }

    /** An anchor past its notAfter. */
    final class Expired extends CertificateExpiredException implements AnchorOutOfDate {

        private static final long serialVersionUID = 1L;

        private final transient X509Certificate anchor;
        private final Instant now;

        Expired(X509Certificate anchor, Instant now) {
            super(describe(anchor, now, true));
            this.anchor = anchor;
            this.now = now;
        }

        @Override
        public X509Certificate anchor() {
            return anchor;
        }

        @Override
        public Instant now() {
            return now;
        }
    }

    /** An anchor before its notBefore. */
    final class NotYetValid extends CertificateNotYetValidException implements AnchorOutOfDate {

        private static final long serialVersionUID = 1L;

        private final transient X509Certificate anchor;
        private final Instant now;

        NotYetValid(X509Certificate anchor, Instant now) {
            super(describe(anchor, now, false));
            this.anchor = anchor;
            this.now = now;
        }

        @Override
        public X509Certificate anchor() {
            return anchor;
        }

        @Override
        public Instant now() {
            return now;
        }
    }
}
