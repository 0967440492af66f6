package io.quarkiverse.restclient.verify.diagnosis;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.quarkiverse.restclient.verify.PresentedCertificate;
import io.quarkiverse.restclient.verify.SslVerificationException.Reason;
import io.quarkiverse.restclient.verify.trust.Printable;
import io.quarkiverse.restclient.verify.trust.anchors.DistrustedRootException;
import io.quarkiverse.restclient.verify.trust.anchors.JdkDefaultTrust;
import io.quarkiverse.restclient.verify.trust.anchors.TrustSources;
import io.quarkiverse.restclient.verify.trust.anchors.TrustSources.Verdict;
import io.quarkiverse.restclient.verify.trust.fetch.CaIssuers;
import io.quarkiverse.restclient.verify.trust.fetch.ChainRepairException;
import io.quarkiverse.restclient.verify.trust.fetch.FetchAttempt;
import io.quarkiverse.restclient.verify.trust.fetch.IntermediateFetcher.KnownIssuer;
import io.quarkiverse.restclient.verify.trust.rules.NameConstraintViolationException;

/**
 * The texts of a chain that does not lead to a CA this client trusts for it: an unknown CA, a self-signed certificate,
 * a missing intermediate, a CA trusted only for other names, a root Mozilla distrusts for newer certificates.
 */
final class UntrustedChain {

    /** The reasons this family explains. */
    static final Set<Reason> REASONS = EnumSet.of(Reason.UNKNOWN_ISSUER, Reason.SELF_SIGNED, Reason.INCOMPLETE_CHAIN,
            Reason.DISTRUSTED_ROOT);

    /** The reasons for want of a trusted CA, whose explanations ask the application's other trust. */
    private static final Set<Reason> WANT_OF_A_CA = EnumSet.of(Reason.UNKNOWN_ISSUER, Reason.SELF_SIGNED,
            Reason.INCOMPLETE_CHAIN);

    private UntrustedChain() {
    }

    /** A chain the trust refused, explained by its shape: self-signed, only the leaf, or a chain to an unknown CA. */
    static Explanation of(Failure failure) {
        return failure.chain.isEmpty() ? unseen(failure) : seen(failure);
    }

    private static Explanation unseen(Failure failure) {
        return new Explanation(Reason.UNKNOWN_ISSUER, "the server's certificate chain is not trusted by this client's"
                + " trust (" + failure.context.trustDescription() + "); the chain itself was not recorded, because this"
                + " client keeps TLS settings of its own",
                List.of("Get the chain to find its CA: openssl s_client -connect " + failure.hostPort() + " -showcerts",
                        "Add that CA to the client's own trust store, or let this extension manage the client's"
                                + " trust: " + failure.context.verifyKey() + "=default,/path/to/ca.pem (instead of"
                                + " its trust-store)"));
    }

    private static Explanation seen(Failure failure) {
        List<X509Certificate> chain = failure.chain;
        DiagnosisContext context = failure.context;
        X509Certificate top = chain.get(chain.size() - 1);
        boolean selfIssued = top.getSubjectX500Principal().equals(top.getIssuerX500Principal());
        String issuer = Printable.name(top.getIssuerX500Principal());
        List<String> hints = new ArrayList<>();
        if (chain.size() == 1 && selfIssued) {
            PresentedCertificate self = PresentedCertificate.of(top);
            hints.add("Compare that fingerprint with the server's owner out of band; if it matches, trust exactly"
                    + " this certificate: openssl s_client -connect " + failure.hostPort() + " </dev/null | openssl"
                    + " x509 > server.pem, then " + context.verifyKey() + "=" + failure.extended("/path/to/server.pem"));
            hints.add("Better: have the server use a certificate from a CA you already trust");
            return new Explanation(Reason.SELF_SIGNED, "the server presented a self-signed certificate '"
                    + self.subject() + "' with SHA-256 fingerprint " + self.sha256() + ", which this client does not"
                    + " trust", hints);
        }
        if (!selfIssued && top.getBasicConstraints() < 0 && !publicIssuerLeftOut(context, top)) {
            // Only the leaf arrived: its issuer is a missing intermediate or an untrusted CA; the chain can't tell.
            hints.add("If '" + issuer + "' is an intermediate CA, fix the server: it should send its full chain"
                    + " (its certificate followed by '" + issuer + "')");
            hints.add("If you trust '" + issuer + "', or it is the intermediate of a CA you trust, add it to this"
                    + " client's trust: " + context.verifyKey() + "=" + failure.extended("/path/to/issuer.pem"));
            List<String> caIssuers = CaIssuers.urls(top);
            if (!caIssuers.isEmpty() && !failure.instance(ChainRepairException.class)) {
                hints.add("The certificate names where its issuer can be fetched ("
                        + Printable.text(caIssuers.get(0), Printable.MAX_NAME) + "): "
                        + failure.keys().key("verify-fetch-intermediates") + "=true lets this client fetch it, as"
                        + " browsers do (the server should still be fixed)");
            }
            hints.add("See what the server sends: openssl s_client -connect " + failure.hostPort() + " -showcerts");
            return new Explanation(Reason.INCOMPLETE_CHAIN, "the server sent only its own certificate '"
                    + Printable.name(top.getSubjectX500Principal()) + "', issued by '" + issuer + "', which is not in"
                    + " this client's trust: either the server leaves out the intermediate CA '" + issuer + "' that"
                    + " links it to a trusted CA, or '" + issuer + "' is a CA this client does not trust yet", hints);
        }
        String untrusted = selfIssued ? Printable.name(top.getSubjectX500Principal()) : issuer;
        boolean publicCa = JdkDefaultTrust.hasSubject(selfIssued ? top.getSubjectX500Principal()
                : top.getIssuerX500Principal());
        // By name only where no source is judged: a CA that merely carries a public CA's name is not in that trust.
        if (publicCa && context.replacesDefaultTrust() && context.trustValue() != null
                && !context.otherTrust().enabled()) {
            hints.add("'" + untrusted + "' is a public CA in the JDK default trust, but this client's verify"
                    + " replaces the default trust. Extend it instead: " + context.verifyKey() + "=default,"
                    + context.trustValue());
        }
        hints.add("If you trust that CA, add it to this client's trust: " + context.verifyKey() + "="
                + failure.extended("/path/to/ca.pem") + " (behind a TLS-inspecting proxy, this is the proxy's CA)");
        hints.add("Get the chain to find the CA: openssl s_client -connect " + failure.hostPort() + " -showcerts");
        return new Explanation(Reason.UNKNOWN_ISSUER, "the server's chain leads to the CA '" + untrusted + "', which"
                + " this client does not trust", hints);
    }

    /**
     * What fetching the missing issuer tried ({@code verify-fetch-intermediates}), when it ran and failed, and the root
     * CA the fetched chain leads to when that root is what this client lacks.
     */
    static Explanation repairTried(Failure f, Explanation explanation) {
        return f.cause(ChainRepairException.class).map(repair -> {
            List<String> hints = new ArrayList<>(explanation.hints());
            String root = repair.untrustedRoot().map(name -> ". The fetched chain leads to the root CA '" + name
                    + "', which this client does not trust").orElse("");
            repair.untrustedRoot().ifPresent(name -> hints.add(0, "If you trust the root CA '" + name + "', add it to"
                    + " this client's trust: " + f.context.verifyKey() + "=" + f.extended("/path/to/root-ca.pem")));
            return new Explanation(explanation.reason(), explanation.what() + ". This client tried to fetch the missing"
                    + " issuer (" + f.keys().key("verify-fetch-intermediates") + "=true), which did not help: "
                    + (repair.attempts().isEmpty() ? "the server's certificate names no caIssuers URL"
                            : String.join("; ", repair.attempts().stream().map(FetchAttempt::toString).toList()))
                    + root, hints);
        }).orElse(explanation);
    }

    /**
     * What the application's other trust says about a chain rejected for want of a trusted CA: the first hint becomes
     * the smallest change that would have worked for this client (an intermediate fetched before, which adds no trust,
     * else the accepting source with the fewest certificates); when no source accepts the chain, one line says so and
     * the hints stay as they were.
     */
    static Explanation otherTrust(Failure f, Explanation explanation) {
        OtherTrust other = f.context.otherTrust();
        if (!other.enabled() || f.chain.isEmpty() || !WANT_OF_A_CA.contains(explanation.reason())
                || f.instance(NameConstraintViolationException.class)) {
            return explanation;
        }
        Optional<List<KnownIssuer>> completing = other.completingIntermediates(f.chain);
        List<Verdict> verdicts = other.judge(f.chain, false);
        List<Verdict> accepting = verdicts.stream().filter(Verdict::accepts)
                .sorted(Comparator.comparingInt(Verdict::certificates)).toList();
        if (completing.isEmpty() && accepting.isEmpty()) {
            List<String> checked = verdicts.stream().filter(v -> v.status() != TrustSources.Status.SKIPPED)
                    .map(UntrustedChain::label).toList();
            return checked.isEmpty() ? explanation
                    : new Explanation(explanation.reason(), explanation.what(), explanation.hints(),
                            "none accepts this chain (checked: " + String.join(", ", checked) + ")");
        }
        List<String> found = new ArrayList<>();
        List<String> hints = new ArrayList<>();
        completing.ifPresent(issuers -> {
            found.add("the intermediate " + quoted(issuers) + ", which another client of this application fetched,"
                    + " completes this chain for this client's own trust");
            hints.add(intermediateHint(f, issuers));
        });
        if (!accepting.isEmpty()) {
            found.add(String.join(" and ", accepting.stream().map(UntrustedChain::described).toList())
                    + (accepting.size() == 1 ? " accepts" : " accept") + " this chain");
            boolean java = accepting.stream().anyMatch(v -> v.source().kind() == TrustSources.Kind.JDK_DEFAULT);
            hints.add(sourceHint(f, accepting.get(0), java));
        }
        hints.addAll(explanation.hints());
        return new Explanation(explanation.reason(), explanation.what(), hints, String.join("; ", found));
    }

    /** The change that makes the client trust what this source trusts, keeping what it trusts now. */
    private static String sourceHint(Failure f, Verdict verdict, boolean javaAccepts) {
        String key = f.context.verifyKey();
        String anchor = "'" + verdict.anchor() + "'";
        String current = f.context.trustValue() == null ? "" : "," + f.context.trustValue();
        return switch (verdict.source().kind()) {
            case JDK_DEFAULT -> "The JDK default trust trusts " + anchor + ", which this client's verify leaves out;"
                    + " keep both: " + key + "=default" + current;
            case SYSTEM -> "The operating system trusts " + anchor + (javaAccepts ? ""
                    : " (installed there by your IT, not in Java's trust)") + ": " + key + "=" + f.extended("system");
            case MOZILLA -> "The Mozilla CA bundle trusts " + anchor + ": " + key + "=" + f.extended("mozilla");
            case ENVIRONMENT -> "The " + (verdict.description().startsWith("directory ") ? "directory " : "file ")
                    + Printable.text(verdict.source().location(), Printable.MAX_NAME) + " named by "
                    + String.join(" and ", verdict.source().variables()) + " trusts " + anchor + " (Python requests"
                    + " and curl read it): " + key + "=" + f.extended(verdict.source().location());
        };
    }

    private static String intermediateHint(Failure f, List<KnownIssuer> issuers) {
        KnownIssuer first = issuers.get(0);
        return "The server leaves out the intermediate " + quoted(issuers) + ", which another client of this"
                + " application fetched from " + Printable.text(first.url(), Printable.MAX_NAME) + " and its trust"
                + " accepted; with it this client's own trust accepts the chain: "
                + f.keys().key("verify-fetch-intermediates") + "=true (the server should still send it)";
    }

    private static String quoted(List<KnownIssuer> issuers) {
        return String.join(", ", issuers.stream()
                .map(i -> "'" + Printable.name(i.certificate().getSubjectX500Principal()) + "'").toList());
    }

    /** A source as loaded: {@code system trust /etc/ssl/cert.pem (146 CA certificates)}, with its variable. */
    private static String described(Verdict verdict) {
        return verdict.source().kind() == TrustSources.Kind.ENVIRONMENT
                ? label(verdict) + " (" + verdict.description() + ")"
                : verdict.description();
    }

    /** A source in a few words: {@code the operating system's trust}, {@code REQUESTS_CA_BUNDLE}. */
    private static String label(Verdict verdict) {
        return switch (verdict.source().kind()) {
            case JDK_DEFAULT -> "the JDK default trust";
            case SYSTEM -> "the operating system's trust";
            case MOZILLA -> "the Mozilla CA bundle";
            case ENVIRONMENT -> String.join(" and ", verdict.source().variables());
        };
    }

    /** Whether the certificate comes from a public CA that this client's trust leaves out. */
    private static boolean publicIssuerLeftOut(DiagnosisContext context, X509Certificate certificate) {
        return context.replacesDefaultTrust() && JdkDefaultTrust.hasSubject(certificate.getIssuerX500Principal());
    }

    /** A sub-case of an unknown issuer: the CA is trusted, but not for this name. */
    static Explanation nameConstraintViolation(Failure failure, NameConstraintViolationException violation) {
        return new Explanation(Reason.UNKNOWN_ISSUER, "the CA '" + violation.constrainingCa() + "' is trusted only for"
                + " some names, and the server's chain uses it for another: its name constraints "
                + violation.constraints() + ", yet the certificate '" + violation.certificate() + "' below it holds "
                + violation.name() + " (" + (violation.excluded() ? "excluded" : "permitted") + " subtree violation, as"
                + " OpenSSL and Python requests report it; the JDK alone ignores a trust anchor's own constraints)",
                List.of("Fix the server: have its certificate issued without " + violation.name() + ", or by a CA that"
                        + " may vouch for that name; a CA limited to some names cannot issue for others",
                        "If the server should be called by a name the CA permits, call it by that name in "
                                + failure.keys().key("url"),
                        "If you own '" + violation.constrainingCa() + "' and it should vouch for " + violation.name()
                                + ", reissue that CA with name constraints that include it and put the new certificate"
                                + " in this client's trust (" + failure.context.verifyKey() + ")"));
    }

    static Explanation distrustedRoot(Failure failure, DistrustedRootException distrusted) {
        return new Explanation(Reason.DISTRUSTED_ROOT, distrusted.getMessage(),
                List.of("Have the server's certificate reissued by a CA Mozilla trusts today; certificates this root"
                        + " issued up to " + distrusted.distrustAfter() + " still pass until they expire",
                        "Only if you accept that risk for this one server: trust its CA through a file of its own,"
                                + " without mozilla (" + failure.context.verifyKey() + "=/path/to/that-ca.pem); the"
                                + " dates apply whenever mozilla is listed"));
    }
}
