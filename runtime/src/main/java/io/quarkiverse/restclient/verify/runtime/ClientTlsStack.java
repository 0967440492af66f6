package io.quarkiverse.restclient.verify.runtime;

import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import javax.net.ssl.X509ExtendedTrustManager;

import io.quarkiverse.restclient.verify.diagnosis.ClientCertificateRequests;
import io.quarkiverse.restclient.verify.diagnosis.DiagnosingTrustManager;
import io.quarkiverse.restclient.verify.diagnosis.RecordingKeyManager;
import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkiverse.restclient.verify.trust.anchors.ReloadingTrustManager;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;
import io.quarkiverse.restclient.verify.trust.client.ClientCertificate;
import io.quarkiverse.restclient.verify.trust.revocation.RevocationPolicy;
import io.quarkiverse.restclient.verify.trust.revocation.RevocationTrustManager;
import io.quarkiverse.restclient.verify.trust.rules.StrictTrustManager;
import io.quarkiverse.restclient.verify.trust.rules.SubjectAltNamesOnlyTrustManager;

/**
 * The one place that builds a managed client's trust and key managers: the REST client's TLS configuration and the
 * Dev UI's Inspect server both use it, so an inspection decides as a real call does.
 */
public final class ClientTlsStack {

    /** What the JDK's HTTPS client offers; a TLS registry configuration would offer TLS 1.3 only. */
    public static final Set<String> PROTOCOLS = Set.of("TLSv1.3", "TLSv1.2");

    private ClientTlsStack() {
    }

    /**
     * The trust manager of a client with this material: it follows reloads, judges the validated path by the strict
     * rules when the client asks for them ({@code verify-strict}), applies the client's revocation checks and pins on
     * that path, matches host names against subject alternative names only (never the CN), repairs a chain
     * that lacks an intermediate when the client fetches them, and
     * rejects with the evidence of the handshake; {@code verify=false} accepts everything.
     *
     * @param repair the intermediate-fetching layer, or the identity; it sits outside the revocation checks so that
     *        they see the completed chain
     */
    public static X509ExtendedTrustManager trustManager(Reloadable<TrustMaterial> material, RevocationPolicy revocation,
            UnaryOperator<X509ExtendedTrustManager> repair) {
        if (material.current().insecure()) {
            return material.current().trustManager();
        }
        return new DiagnosingTrustManager(new SubjectAltNamesOnlyTrustManager(
                repair.apply(RevocationTrustManager.wrap(
                        StrictTrustManager.wrap(new ReloadingTrustManager(material), revocation.strict()), revocation))));
    }

    /** The key manager: offers the client certificate if there is one, and records which CAs a server asks for. */
    public static RecordingKeyManager keyManager(Optional<Reloadable<ClientCertificate>> certificate,
            ClientCertificateRequests requests) {
        return new RecordingKeyManager(requests, certificate.orElse(null));
    }
}
