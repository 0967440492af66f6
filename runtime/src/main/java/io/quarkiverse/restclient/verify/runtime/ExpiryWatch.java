package io.quarkiverse.restclient.verify.runtime;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.jboss.logging.Logger;

import io.quarkiverse.restclient.verify.trust.Fingerprints;
import io.quarkiverse.restclient.verify.trust.Printable;
import io.quarkiverse.restclient.verify.trust.RecentlyUsed;

/**
 * Watches the certificates the application configured itself (CA certificates from its bundles, client
 * certificates) for expiry within {@code quarkus.rest-client.verify-expiry-warning}. The JDK's and the operating
 * system's CAs are left to their maintainers.
 */
public final class ExpiryWatch {

    private static final Logger LOG = Logger.getLogger(ExpiryWatch.class);

    private final Duration window;
    /**
     * Certificates warned about, by fingerprint: rotations bring new ones for as long as the application runs. Far above
     * the certificates configured at one time; past it the oldest may be warned about again, never piled up.
     */
    static final int MAX_WARNED = 1024;

    private final Set<String> warned = RecentlyUsed.set(MAX_WARNED);

    ExpiryWatch(Duration window) {
        this.window = window;
    }

    /** How many certificates are remembered as warned about, for tests that bound it. */
    int warnedCount() {
        return warned.size();
    }

    /** The client's certificates that expire within the window or have expired, one line each. */
    public List<String> expiring(ClientTrust client, Instant now) {
        List<String> result = new ArrayList<>();
        for (Expiring expiring : find(client, now)) {
            result.add(expiring.description(now));
        }
        return result;
    }

    /** Logs one WARN per certificate that entered the window since the last look; never twice for one certificate. */
    public void warnOnce(Collection<ClientTrust> clients, Instant now) {
        for (ClientTrust client : clients) {
            for (Expiring expiring : find(client, now)) {
                if (expiring.certificate.getNotAfter().toInstant().isAfter(now)
                        && warned.add(Fingerprints.sha256(expiring.certificate))) {
                    LOG.warnf("REST client '%s' [%s]: %s. Fix: %s", client.clientName(), expiring.property,
                            expiring.description(now), expiring.fix);
                }
            }
        }
    }

    private List<Expiring> find(ClientTrust client, Instant now) {
        List<Expiring> result = new ArrayList<>();
        Instant limit = now.plus(window);
        client.material().ifPresent(material -> {
            for (X509Certificate ca : material.configuredAnchors()) {
                if (ca.getNotAfter().toInstant().isBefore(limit)) {
                    result.add(new Expiring("CA", ca, client.origin().description(),
                            "add the CA's successor to the bundle before then"));
                }
            }
        });
        client.certificate().ifPresent(certificate -> {
            X509Certificate leaf = certificate.chain().get(0);
            if (leaf.getNotAfter().toInstant().isBefore(limit)) {
                result.add(new Expiring("client certificate", leaf, client.keys().cert(),
                        "renew it and replace the files (they are reloaded with verify-reload-period)"));
            }
        });
        return result;
    }

    private record Expiring(String kind, X509Certificate certificate, String property, String fix) {

        String description(Instant now) {
            Instant notAfter = certificate.getNotAfter().toInstant();
            String subject = Printable.name(certificate.getSubjectX500Principal());
            if (!notAfter.isAfter(now)) {
                return kind + " '" + subject + "' expired on " + notAfter;
            }
            long days = ChronoUnit.DAYS.between(now, notAfter);
            String in = days == 0 ? "today" : days == 1 ? "in 1 day" : "in " + days + " days";
            return kind + " '" + subject + "' expires on " + notAfter + " (" + in + ")";
        }
    }
}
