package io.quarkiverse.restclient.verify.trust.anchors;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import io.quarkiverse.restclient.verify.trust.PathValidating;
import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkiverse.restclient.verify.trust.ValidatedPath;
import io.quarkiverse.restclient.verify.trust.ValidatedPaths;

/**
 * A trust manager that decides with whatever trust material is current. Each check reads the material once, so a
 * handshake that runs while a bundle is swapped is judged wholly by the old or wholly by the new material, and so is
 * the validated path it hands to the checks layered above it.
 */
public final class ReloadingTrustManager extends X509ExtendedTrustManager implements PathValidating {

    private final Reloadable<TrustMaterial> material;
    // For material whose trust manager is the JDK's own (verify=default), which cannot tell its path: the paths are
    // built over the same anchors, for the material they were made for.
    private volatile JdkPaths jdkPaths;

    private record JdkPaths(TrustMaterial material, ValidatedPaths paths) {
    }

    /** Decides with the current value of this material. */
    public ReloadingTrustManager(Reloadable<TrustMaterial> material) {
        this.material = material;
    }

    private X509ExtendedTrustManager delegate() {
        return material.current().trustManager();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServer(delegate(), chain, authType, engine, null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServer(delegate(), chain, authType, null, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        checkServer(delegate(), chain, authType, null, null);
    }

    @Override
    public ValidatedPath checkServerPath(X509Certificate[] chain, String authType, SSLEngine engine, Socket socket)
            throws CertificateException {
        TrustMaterial current = material.current();
        X509ExtendedTrustManager delegate = current.trustManager();
        if (delegate instanceof PathValidating) {
            return ((PathValidating) delegate).checkServerPath(chain, authType, engine, socket);
        }
        checkServer(delegate, chain, authType, engine, socket);
        return jdkPaths(current).of(chain);
    }

    private ValidatedPaths jdkPaths(TrustMaterial current) {
        JdkPaths paths = jdkPaths;
        if (paths == null || paths.material() != current) {
            paths = new JdkPaths(current, new ValidatedPaths(current.anchors()));
            jdkPaths = paths;
        }
        return paths.paths();
    }

    /** The delegate's decision; an unchecked exception out of the JDK's validation is a rejection too. */
    private static void checkServer(X509ExtendedTrustManager delegate, X509Certificate[] chain, String authType,
            SSLEngine engine, Socket socket) throws CertificateException {
        try {
            PathValidating.checkServerTrusted(delegate, chain, authType, engine, socket);
        } catch (RuntimeException e) {
            throw ValidatedPaths.uncheckable(chain, e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate().checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate().checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate().checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate().getAcceptedIssuers();
    }
}
