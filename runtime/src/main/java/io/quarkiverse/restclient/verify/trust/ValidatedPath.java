package io.quarkiverse.restclient.verify.trust;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The certification path a trusted chain was validated along, as PKIX built it: the server's certificate, each
 * issuer up to the trust anchor, and the anchor. Certificates the server sent that are not on it (appended ones,
 * decoys with an intermediate's name and key but another issuer) play no part, which is what keeps pins, revocation
 * and distrust-after dates honest (CVE-2016-2402: a pin must not be satisfied by a certificate merely appended).
 */
public final class ValidatedPath {

    private final List<X509Certificate> certificates;
    private final X509Certificate anchor;

    ValidatedPath(List<X509Certificate> certificates, X509Certificate anchor) {
        this.certificates = List.copyOf(certificates);
        this.anchor = anchor;
    }

    /**
     * The certificates of the path, the server's first, without the anchor; empty when the server's certificate is
     * itself trusted.
     */
    public List<X509Certificate> certificates() {
        return certificates;
    }

    /** The certificate of the client's trust the path ends at. */
    public X509Certificate anchor() {
        return anchor;
    }

    /** The issuer of the path's i-th certificate: the next one, or the anchor for the last. */
    public X509Certificate issuerOf(int i) {
        return i + 1 < certificates.size() ? certificates.get(i + 1) : anchor;
    }

    /** The whole path, the server's certificate first and the anchor last: what pins are matched on. */
    public List<X509Certificate> withAnchor() {
        List<X509Certificate> all = new ArrayList<>(certificates);
        all.add(anchor);
        return all;
    }
}
