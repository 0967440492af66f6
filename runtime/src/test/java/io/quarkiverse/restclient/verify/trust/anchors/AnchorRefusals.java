package io.quarkiverse.restclient.verify.trust.anchors;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;

/** The refusals of the anchor layer, made outside its checks, for tests of what reads them (the diagnosis). */
public final class AnchorRefusals {

    private AnchorRefusals() {
    }

    public static CertificateException distrustedRoot(X509Certificate root, Instant distrustAfter,
            X509Certificate leaf) {
        return new DistrustedRootException(root, distrustAfter, leaf);
    }
}
