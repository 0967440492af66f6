package io.quarkiverse.restclient.verify.trust.anchors;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.security.auth.x500.X500Principal;

import io.quarkiverse.restclient.verify.trust.PathValidating;
import io.quarkiverse.restclient.verify.trust.Printable;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;
import io.quarkiverse.restclient.verify.trust.ValidatedPath;

/**
 * Trust that includes OpenSSL hashed CA directories: like OpenSSL's capath, the issuers a chain needs are looked up
 * by subject hash when a handshake happens, so a CA file added to the directory later is found without a reload.
 * <p>
 * The CA certificates found for a handshake are added to the fixed anchors and the JDK's PKIX trust manager decides,
 * which keeps hostname verification and every other JDK check; anchors count only while valid. The presented
 * certificates are looked up too, so a pinned server certificate or intermediate decides as it does in a bundle file.
 * Trust managers per set of anchors are cached; the validated path of a chain is built over the anchors looked up for
 * it.
 */
final class DirectoryTrustManager extends X509ExtendedTrustManager implements PathValidating {

    /** How far to chase issuers found in a directory (cross-signed or deep hierarchies). */
    private static final int MAX_DEPTH = 8;
    private static final int CACHE_SIZE = 32;

    private final List<X509Certificate> fixedAnchors;
    private final X509ExtendedTrustManager fixed;
    private final List<CaDirectory> directories;
    // Keyed by the certificates themselves: their equality is their encoding, and their hash code is cached.
    private final Map<Set<X509Certificate>, X509ExtendedTrustManager> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Set<X509Certificate>, X509ExtendedTrustManager> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    DirectoryTrustManager(List<X509Certificate> fixedAnchors, X509ExtendedTrustManager fixed,
            List<CaDirectory> directories) {
        this.fixedAnchors = fixedAnchors;
        this.fixed = fixed;
        this.directories = directories;
    }

    @Override
    public ValidatedPath checkServerPath(X509Certificate[] chain, String authType, SSLEngine engine, Socket socket)
            throws CertificateException {
        return PathValidating.checkServerPath(delegateFor(chain), chain, authType, engine, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegateFor(chain).checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegateFor(chain).checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegateFor(chain).checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegateFor(chain).checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegateFor(chain).checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegateFor(chain).checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        // Directory entries are found per handshake; announcing them would mean reading the whole directory.
        return fixedAnchors.toArray(new X509Certificate[0]);
    }

    private X509ExtendedTrustManager delegateFor(X509Certificate[] chain) throws CertificateException {
        List<X509Certificate> found = lookUpIssuers(chain);
        if (found.isEmpty()) {
            if (fixed != null) {
                return fixed;
            }
            throw noIssuerFound(chain);
        }
        Set<X509Certificate> key = new HashSet<>(found);
        synchronized (cache) {
            X509ExtendedTrustManager cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        List<X509Certificate> anchors = new ArrayList<>(fixedAnchors);
        anchors.addAll(found);
        X509ExtendedTrustManager created = new ValidAnchorsTrustManager(anchors);
        synchronized (cache) {
            cache.putIfAbsent(key, created);
        }
        return created;
    }

    /**
     * The presented certificates and their issuers as found in the directories, chased up to a root. A bundle file
     * anchors with every certificate it holds, pinned server certificates included; looking up the presented subjects
     * too makes a directory of the same certificates decide the same.
     */
    private List<X509Certificate> lookUpIssuers(X509Certificate[] chain) {
        List<X509Certificate> found = new ArrayList<>();
        Set<X509Certificate> seen = new HashSet<>();
        Deque<X500Principal> wanted = new ArrayDeque<>();
        Set<X500Principal> asked = new HashSet<>();
        for (X509Certificate certificate : chain) {
            wanted.add(certificate.getIssuerX500Principal());
        }
        for (X509Certificate certificate : chain) {
            wanted.add(certificate.getSubjectX500Principal());
        }
        int rounds = 0;
        while (!wanted.isEmpty() && rounds++ < MAX_DEPTH * Math.max(1, 2 * chain.length)) {
            X500Principal issuer = wanted.poll();
            if (!asked.add(issuer)) {
                continue;
            }
            for (CaDirectory directory : directories) {
                for (X509Certificate candidate : directory.findBySubject(issuer)) {
                    if (seen.add(candidate)) {
                        found.add(candidate);
                        if (!candidate.getIssuerX500Principal().equals(candidate.getSubjectX500Principal())) {
                            wanted.add(candidate.getIssuerX500Principal());
                        }
                    }
                }
            }
        }
        return found;
    }

    private CertificateException noIssuerFound(X509Certificate[] chain) {
        StringBuilder looked = new StringBuilder();
        for (X509Certificate certificate : chain) {
            X500Principal issuer = certificate.getIssuerX500Principal();
            if (looked.length() > 0) {
                looked.append(", ");
            }
            looked.append('\'').append(Printable.name(issuer)).append("' (");
            try {
                looked.append(OpenSslSubjectHash.of(issuer)).append(".N)");
            } catch (TrustMaterialException e) {
                // Explained rather than thrown: the chain is rejected all the same, and the diagnosis gets evidence.
                looked.append("no subject hash, so it cannot be in a hashed directory: ").append(
                        e.getMessage().substring(e.getMessage().indexOf("hash: ") + "hash: ".length())).append(')');
            }
        }
        List<String> paths = new ArrayList<>();
        for (CaDirectory directory : directories) {
            paths.add(directory.path().toString());
        }
        return new CertificateException("PKIX path building failed: no CA certificate for " + looked
                + " in " + String.join(", ", paths));
    }
}
