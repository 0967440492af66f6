package io.quarkiverse.restclient.verify.trust.revocation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

import io.quarkiverse.restclient.verify.trust.Fingerprints;
import io.quarkiverse.restclient.verify.trust.RecentlyUsed;
import io.quarkiverse.restclient.verify.trust.lookups.LookupAddresses;
import io.quarkiverse.restclient.verify.trust.lookups.LookupDeadline;
import io.quarkiverse.restclient.verify.trust.lookups.PkiLookups;

/**
 * Asks the OCSP responders and CRL distribution points that certificates name, for {@code soft-fail} and
 * {@code hard-fail}: plain http only (OCSP answers and CRLs are signed, and https would need revocation checks of
 * its own), through {@link PkiLookups} (one deadline per look-up within the handshake's budget, allowed addresses
 * only, bounded in size, no credentials, no redirects, concurrent identical look-ups shared), through the client's
 * proxy when it has one. Answers are cached until their nextUpdate; an unreachable responder is reported once. What is
 * kept is bounded by count ({@link #MAX_ANSWERS}, {@link #MAX_UNREACHABLE}, {@link #MAX_WARNED}), the least recently
 * used dropped first.
 * URLs come from certificates nobody trusts yet, so they are shown escaped.
 */
public final class RevocationResponders {

    /** OCSP responses are small; anything bigger is not one. */
    static final int MAX_OCSP_BYTES = 64 * 1024;
    /** Large public CAs publish CRLs of a few MB. */
    static final int MAX_CRL_BYTES = 16 * 1024 * 1024;
    /** How long an answer without nextUpdate is kept. */
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);
    /** How long a responder that did not answer is left alone, so a dead responder does not slow every handshake. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);
    /** Answers kept, one per certificate checked: far above the chains one client meets within their lifetimes. */
    static final int MAX_ANSWERS = 4096;
    /** Responders left alone after a failure: URLs come from certificates, so a server could name new ones forever. */
    static final int MAX_UNREACHABLE = 1024;
    /** Responders warned about: as many as may be left alone, so a warning is not repeated while they are. */
    static final int MAX_WARNED = 1024;

    /**
     * The status of a certificate according to the network.
     *
     * @param status good, revoked, or unknown (also when nobody could be asked)
     * @param revokedAt when revoked
     * @param reason why revoked, or null
     * @param responder who answered or was asked, or null when the certificate names nobody to ask
     * @param problem why there is no answer, for unknown
     */
    public record Answer(OcspAnswer.Status status, Instant revokedAt, String reason, String responder,
            String problem) {
    }

    private record Cached(Answer answer, Instant until) {
    }

    private final Optional<InetSocketAddress> proxy;
    private final Duration timeout;
    private final PkiLookups lookups;
    private final LookupAddresses addresses;
    private final Consumer<String> warnings;
    private final Map<String, Cached> cache = RecentlyUsed.map(MAX_ANSWERS);
    private final Map<String, Instant> unreachable = RecentlyUsed.map(MAX_UNREACHABLE);
    private final Set<String> warned = RecentlyUsed.set(MAX_WARNED);

    /** Responders on public addresses only, asked through requests of their own. */
    public RevocationResponders(Proxy proxy, Duration timeout, Consumer<String> warnings) {
        this(proxy, timeout, new PkiLookups(), LookupAddresses.publicOnly(), warnings);
    }

    /**
     * @param proxy the client's proxy, or {@link Proxy#NO_PROXY}
     * @param timeout the deadline of one look-up (resolving, connecting and the whole answer)
     * @param lookups the requests, shared with other clients so that identical concurrent look-ups are made once
     * @param addresses where look-ups may connect
     * @param warnings where the one warning per unreachable responder goes
     */
    public RevocationResponders(Proxy proxy, Duration timeout, PkiLookups lookups, LookupAddresses addresses,
            Consumer<String> warnings) {
        this.proxy = proxy.address() instanceof InetSocketAddress address ? Optional.of(address) : Optional.empty();
        this.timeout = timeout;
        this.lookups = lookups;
        this.addresses = addresses;
        this.warnings = warnings;
    }

    /** The status of the certificate from its OCSP responder, else from its CRL distribution point. */
    public Answer status(X509Certificate certificate, X509Certificate issuer, Instant now) {
        String key = Fingerprints.sha256(issuer) + '/' + certificate.getSerialNumber().toString(16);
        Cached cached = cache.get(key);
        if (cached != null && now.isBefore(cached.until)) {
            return cached.answer;
        }
        List<String> ocsp = urls(certificate, true);
        List<String> crl = urls(certificate, false);
        String subject = certificate.getSubjectX500Principal().getName();
        if (ocsp.isEmpty() && crl.isEmpty()) {
            return new Answer(OcspAnswer.Status.UNKNOWN, null, null, null,
                    "the certificate names no http OCSP responder or CRL distribution point");
        }
        List<String> problems = new ArrayList<>();
        for (String url : ocsp) {
            Optional<Answer> answer = ask(url, now, problems, () -> {
                byte[] response = post(url, OcspAnswer.request(certificate, issuer), MAX_OCSP_BYTES);
                OcspAnswer read = OcspAnswer.read(response, certificate, issuer, now);
                Answer result = new Answer(read.status(), read.revokedAt(), read.reason(),
                        "OCSP responder " + PkiLookups.shown(url),
                        read.status() == OcspAnswer.Status.UNKNOWN ? "the responder does not know the certificate"
                                : null);
                cache.put(key, new Cached(result, until(read, now)));
                return result;
            });
            if (answer.isPresent() && answer.get().status() != OcspAnswer.Status.UNKNOWN) {
                return answer.get();
            }
        }
        for (String url : crl) {
            Optional<Answer> answer = ask(url, now, problems, () -> {
                X509CRL list = crl(url, issuer, now);
                CrlScope.Verdict verdict = CrlScope.of(list).verdict(certificate);
                X509CRLEntry entry = verdict.use() == CrlScope.Use.NONE ? null
                        : list.getRevokedCertificate(certificate);
                Answer result;
                if (entry != null && CrlScope.revokes(entry)) {
                    result = new Answer(OcspAnswer.Status.REVOKED, entry.getRevocationDate().toInstant(),
                            entry.getRevocationReason() == null ? null
                                    : CrlSet.words(entry.getRevocationReason().name()),
                            "CRL distribution point " + PkiLookups.shown(url), null);
                } else if (verdict.use() == CrlScope.Use.COMPLETE) {
                    result = new Answer(OcspAnswer.Status.GOOD, null, null, "CRL distribution point " + PkiLookups.shown(url),
                            null);
                } else {
                    // Not listed in a CRL that does not answer for the certificate: no answer, never GOOD.
                    throw new GeneralSecurityException("the CRL served there is no complete answer for the"
                            + " certificate: " + verdict.limit());
                }
                cache.put(key, new Cached(result, until(list.getNextUpdate() == null ? null
                        : list.getNextUpdate().toInstant(), now)));
                return result;
            });
            if (answer.isPresent()) {
                return answer.get();
            }
        }
        String asked = String.join(", ", (ocsp.isEmpty() ? crl : ocsp).stream().map(PkiLookups::shown).toList());
        return new Answer(OcspAnswer.Status.UNKNOWN, null, null, asked, String.join("; ", problems));
    }

    /** A look-up that may fail. */
    @FunctionalInterface
    private interface LookUp {
        Answer run() throws IOException, OcspAnswer.Unusable, GeneralSecurityException;
    }

    private Optional<Answer> ask(String url, Instant now, List<String> problems, LookUp lookUp) {
        String shown = PkiLookups.shown(url);
        Instant down = unreachable.get(url);
        if (down != null && now.isBefore(down.plus(RETRY_AFTER))) {
            problems.add(shown + " did not answer " + Duration.between(down, now).toSeconds() + "s ago");
            return Optional.empty();
        }
        if (down != null) {
            // Past the retry delay the entry says nothing more: asked again now, and kept again only if it fails.
            unreachable.remove(url);
        }
        try {
            Answer answer = lookUp.run();
            unreachable.remove(url);
            if (warned.remove(url)) {
                warnings.accept("Revocation responder " + shown + " answers again");
            }
            return Optional.of(answer);
        } catch (IOException | OcspAnswer.Unusable | GeneralSecurityException | RuntimeException e) {
            String problem = shown + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : PkiLookups.shown(e.getMessage()));
            problems.add(problem);
            if (e instanceof PkiLookups.Failure failure && failure.kind() == PkiLookups.Kind.REFUSED) {
                // Not asked at all: nothing to retry later, and the message says how to allow it.
                if (warned.add(url)) {
                    warnings.accept("Revocation responder " + problem);
                }
                return Optional.empty();
            }
            if (e instanceof BudgetUsedUp) {
                return Optional.empty();
            }
            unreachable.put(url, now);
            if (warned.add(url)) {
                warnings.accept("Revocation responder " + shown + " gives no usable answer (" + problem + ");"
                        + " certificates it vouches for are checked again in " + RETRY_AFTER.toSeconds() + "s");
            }
            return Optional.empty();
        }
    }

    private X509CRL crl(String url, X509Certificate issuer, Instant now)
            throws IOException, GeneralSecurityException {
        byte[] bytes = get(url, MAX_CRL_BYTES);
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(bytes));
        if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            throw new GeneralSecurityException("the CRL is issued by '" + crl.getIssuerX500Principal().getName()
                    + "', not by '" + issuer.getSubjectX500Principal().getName() + "'");
        }
        crl.verify(issuer.getPublicKey());
        if (crl.getNextUpdate() != null && now.isAfter(crl.getNextUpdate().toInstant())) {
            throw new GeneralSecurityException("the CRL expired on " + crl.getNextUpdate().toInstant());
        }
        return crl;
    }

    private static Instant until(Instant nextUpdate, Instant now) {
        return nextUpdate != null ? nextUpdate : now.plus(DEFAULT_LIFETIME);
    }

    /** An OCSP answer is kept until it may no longer be used, and at most {@link #DEFAULT_LIFETIME} without nextUpdate. */
    private static Instant until(OcspAnswer answer, Instant now) {
        if (answer.nextUpdate() != null) {
            return answer.nextUpdate();
        }
        Instant shortly = now.plus(DEFAULT_LIFETIME);
        return answer.usableUntil().isBefore(shortly) ? answer.usableUntil() : shortly;
    }

    private byte[] post(String url, byte[] body, int max) throws IOException {
        return body(PkiLookups.Request.post(uri(url), body, "application/ocsp-request", "application/ocsp-response",
                max));
    }

    private byte[] get(String url, int max) throws IOException {
        return body(PkiLookups.Request.get(uri(url), "application/pkix-crl, */*", max, 0));
    }

    private byte[] body(PkiLookups.Request request) throws IOException {
        LookupDeadline deadline = LookupDeadline.forLookUp(timeout);
        if (deadline.passed()) {
            throw new BudgetUsedUp();
        }
        try {
            PkiLookups.Response response = lookups.sendAndWait(request, proxy, addresses, deadline);
            if (response.status() != 200) {
                throw new IOException("HTTP " + response.status());
            }
            return response.body();
        } catch (PkiLookups.Failure e) {
            if (e.kind() == PkiLookups.Kind.REFUSED) {
                throw new PkiLookups.Failure(PkiLookups.Kind.REFUSED, "not asked: " + e.getMessage());
            }
            throw e;
        }
    }

    private static URI uri(String url) throws IOException {
        try {
            return URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IOException("not a valid URL");
        }
    }

    /** How many answers, unreachable responders and warned responders are kept, for tests that bound them. */
    int[] kept() {
        return new int[] { cache.size(), unreachable.size(), warned.size() };
    }

    /** Whether this responder is left alone after a failure, for tests. */
    boolean leftAlone(String url) {
        return unreachable.containsKey(url);
    }

    /** The handshake's look-up budget was used up before this look-up. */
    private static final class BudgetUsedUp extends IOException {
        private static final long serialVersionUID = 1L;

        BudgetUsedUp() {
            super("not asked: the handshake's look-up budget of " + LookupDeadline.HANDSHAKE_BUDGET.toMillis()
                    + " ms is used up");
        }
    }

    /** The http URLs of the certificate's OCSP responders ({@code ocsp}) or CRL distribution points. */
    static List<String> urls(X509Certificate certificate, boolean ocsp) {
        List<String> urls = new ArrayList<>();
        try {
            if (ocsp) {
                byte[] value = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
                if (value == null) {
                    return urls;
                }
                ASN1Primitive parsed = JcaX509ExtensionUtils.parseExtensionValue(value);
                for (AccessDescription description : AuthorityInformationAccess.getInstance(parsed)
                        .getAccessDescriptions()) {
                    if (AccessDescription.id_ad_ocsp.equals(description.getAccessMethod())) {
                        addHttp(urls, description.getAccessLocation());
                    }
                }
            } else {
                byte[] value = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
                if (value == null) {
                    return urls;
                }
                for (DistributionPoint point : CRLDistPoint.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value))
                        .getDistributionPoints()) {
                    DistributionPointName name = point.getDistributionPoint();
                    if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                        for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
                            addHttp(urls, general);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // A malformed extension names nobody to ask.
        }
        return urls;
    }

    private static void addHttp(List<String> urls, GeneralName name) {
        if (name.getTagNo() == GeneralName.uniformResourceIdentifier) {
            String url = name.getName().toString();
            if (url.toLowerCase(Locale.ROOT).startsWith("http://")) {
                urls.add(url);
            }
        }
    }
}
