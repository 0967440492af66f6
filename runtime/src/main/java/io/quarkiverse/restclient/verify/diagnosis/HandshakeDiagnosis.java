package io.quarkiverse.restclient.verify.diagnosis;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLException;

import io.quarkiverse.restclient.verify.PresentedCertificate;
import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.SslVerificationException.Reason;
import io.quarkiverse.restclient.verify.trust.anchors.AnchorOutOfDate;
import io.quarkiverse.restclient.verify.trust.anchors.DistrustedRootException;
import io.quarkiverse.restclient.verify.trust.anchors.Keyword;
import io.quarkiverse.restclient.verify.trust.anchors.SystemTrust;
import io.quarkiverse.restclient.verify.trust.revocation.PinMismatchException;
import io.quarkiverse.restclient.verify.trust.revocation.RevocationUnknownException;
import io.quarkiverse.restclient.verify.trust.revocation.RevokedCertificateException;
import io.quarkiverse.restclient.verify.trust.rules.HostNamedOnlyInCommonNameException;
import io.quarkiverse.restclient.verify.trust.rules.NameConstraintViolationException;
import io.quarkiverse.restclient.verify.trust.rules.PathRuleViolationException;

/**
 * Turns a failed TLS handshake into a {@link SslVerificationException} a person can act on: which check failed, in
 * plain words, the evidence, and fixes that name the client's own properties. Pure analysis of what is already known:
 * no network I/O.
 * <p>
 * This class classifies a failure into a {@link Reason} and writes the frame every message shares; the words for each
 * reason live in one class per family: {@link UntrustedChain}, {@link Dates}, {@link HostName}, {@link MutualTls},
 * {@link Protocol}, {@link Revocation}, {@link Pins} and {@link Other}.
 */
public final class HandshakeDiagnosis {

    private HandshakeDiagnosis() {
    }

    /**
     * The explanation of a failure, or empty when the failure has nothing to do with TLS.
     *
     * @param failure what the REST client threw
     * @param context the client
     * @param evidence what the client's trust manager saw, if it ran
     */
    public static Optional<SslVerificationException> explain(Throwable failure, DiagnosisContext context,
            Optional<HandshakeEvidence> evidence) {
        if (failure instanceof SslVerificationException) {
            return Optional.of((SslVerificationException) failure);
        }
        List<Throwable> causes = causes(failure);
        // Some layers wrap the TLS exception by its text only (IOException("javax.net.ssl..."), or on BoringSSL
        // IOException("...OpenSslException: error:...:OPENSSL_internal:..."): a TLS 1.3 server's alert after the
        // handshake), so look at both.
        boolean tls = causes.stream().anyMatch(t -> t instanceof SSLException
                || t.getClass().getName().equals("io.netty.handler.ssl.NotSslRecordException")
                || String.valueOf(t.getMessage()).contains("javax.net.ssl.")
                || BoringSslAlerts.isBoringSslError(t.getMessage()));
        Optional<HandshakeEvidence> relevant = evidence.filter(e -> e.failure() != null)
                .filter(e -> causes.contains(e.failure()) || tls);
        if (!tls && relevant.isEmpty()) {
            return Optional.empty();
        }
        List<Throwable> all = new ArrayList<>(causes);
        relevant.ifPresent(e -> all.addAll(causes(e.failure())));
        List<X509Certificate> chain = relevant.map(HandshakeEvidence::chain)
                .or(() -> evidence.map(HandshakeEvidence::chain)).orElse(List.of());
        String host = context.host() != null ? context.host() : evidence.map(HandshakeEvidence::host).orElse(null);
        int port = context.port() > 0 ? context.port() : evidence.map(HandshakeEvidence::port).orElse(-1);
        Failure facts = new Failure(context, host, port, chain, all, Instant.now());
        return Optional.of(frame(failure, facts, classify(facts), null));
    }

    /**
     * A request that failed because this client closed its connection when its trust changed: the connection's
     * handshake was accepted by the trust before the change, and the trust now in use rejects its chain. Explained as
     * a handshake with the trust now in use would have failed, saying why the connection closed.
     *
     * @param failure the request's failure (the connection was closed)
     * @param closed the closed connection's chain and the new trust's rejection of it
     */
    public static SslVerificationException explainClosedConnection(Throwable failure, DiagnosisContext context,
            HandshakeEvidence closed) {
        List<Throwable> all = new ArrayList<>(causes(failure));
        all.addAll(causes(closed.failure()));
        String host = context.host() != null ? context.host() : closed.host();
        int port = context.port() > 0 ? context.port() : closed.port();
        Failure facts = new Failure(context, host, port, closed.chain(), all, Instant.now());
        return frame(failure, facts, classify(facts), "This client closed its connection to " + facts.hostPort()
                + " at " + closed.at() + " because its trust changed and no longer accepts the chain that connection"
                + " was established with; the request was not sent.");
    }

    /**
     * The evidence that a rejected handshake carries with its failure, or empty when the failure did not come from
     * the client's trust manager (no TLS, no common protocol, a refused client certificate).
     */
    public static Optional<HandshakeEvidence> evidenceOf(Throwable failure) {
        for (Throwable t : causes(failure)) {
            if (t instanceof ChainRejectedException) {
                return Optional.ofNullable(((ChainRejectedException) t).evidence());
            }
        }
        return Optional.empty();
    }

    /** The failure and its causes, outermost first. */
    public static List<Throwable> causesOf(Throwable failure) {
        return causes(failure);
    }

    static List<Throwable> causes(Throwable failure) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable t = failure; t != null && !causes.contains(t); t = t.getCause()) {
            causes.add(t);
        }
        return causes;
    }

    /**
     * The reason of a failure and the family that explains it. Our own layers throw types carrying their data and are
     * told apart by type; text is read only where the JDK or Netty report a failure as text (alerts, host names).
     */
    static Explanation classify(Failure failure) {
        Explanation explanation = classified(failure);
        return systemLimitation(failure,
                UntrustedChain.otherTrust(failure, UntrustedChain.repairTried(failure, explanation)));
    }

    /**
     * On a JDK where {@code verify=system} lacks the operating system's public roots (macOS before JDK 23), every
     * failure of a client that trusts {@code system} without {@code default} says so, with the value that adds them.
     */
    static Explanation systemLimitation(Failure f, Explanation explanation) {
        String value = f.context.trustValue();
        if (value == null) {
            return explanation;
        }
        List<Keyword> words = new ArrayList<>();
        for (String token : value.split(",")) {
            Keyword.forWord(token.trim()).ifPresent(words::add);
        }
        if (!words.contains(Keyword.SYSTEM) || words.contains(Keyword.DEFAULT)) {
            return explanation;
        }
        return SystemTrust.limitation().map(limitation -> {
            List<String> hints = new ArrayList<>(explanation.hints());
            hints.add("On this JDK, system holds only the CAs installed by the user or IT, not Apple's system roots"
                    + " (those need JDK 23 or later, KeychainStore-ROOT); to trust them too: " + f.context.verifyKey()
                    + "=default," + value.trim());
            return new Explanation(explanation.reason(), explanation.what(), hints, explanation.otherTrust());
        }).orElse(explanation);
    }

    private static Explanation classified(Failure f) {
        for (Throwable cause : f.causes) {
            if (cause instanceof RevokedCertificateException) {
                return Revocation.revoked(f, (RevokedCertificateException) cause);
            }
            if (cause instanceof PinMismatchException) {
                return Pins.mismatch(f, (PinMismatchException) cause);
            }
            if (cause instanceof RevocationUnknownException) {
                return Revocation.unknown(f, (RevocationUnknownException) cause);
            }
        }
        if (f.has("notsslrecordexception") || f.has("not an ssl/tls record") || f.has("unrecognized ssl message")
                || f.has("plaintext connection")) {
            return Protocol.notTls(f);
        }
        if (f.has("protocol_version") || f.has("no appropriate protocol") || f.has("no cipher suites in common")
                || f.has("insufficient_security")
                || (f.has("handshake_failure") && f.chain.isEmpty() && f.context.acceptedIssuers() == null)) {
            // A handshake_failure alert before the server sent any certificate, or asked for one, is a failed
            // negotiation.
            return Protocol.protocolMismatch(f);
        }
        if (f.has("certificate_required") || f.instance(ClosedAfterCertificateRequestException.class)
                || (f.has("received fatal alert") && (f.has("bad_certificate") || f.has("certificate_unknown")
                        || f.has("unknown_ca") || f.has("access_denied")
                        || (f.has("handshake_failure") && f.context.acceptedIssuers() != null)))) {
            // Alerts the server sends about the client's certificate, or its absence.
            return f.context.clientCertificateConfigured() ? MutualTls.rejected(f) : MutualTls.required(f);
        }
        Optional<NameConstraintViolationException> constraints = f.cause(NameConstraintViolationException.class);
        if (constraints.isPresent()) {
            return UntrustedChain.nameConstraintViolation(f, constraints.get());
        }
        Optional<PathRuleViolationException> rule = f.cause(PathRuleViolationException.class);
        if (rule.isPresent()) {
            return Other.pathRuleViolation(f, rule.get());
        }
        if (f.instance(HostNamedOnlyInCommonNameException.class)) {
            return HostName.onlyInCommonName(f);
        }
        if (f.has("no subject alternative") || f.has("no name matching")) {
            return HostName.mismatch(f);
        }
        if (f.has("algorithm constraints check failed")
                || f.hasReason(CertPathValidatorException.BasicReason.ALGORITHM_CONSTRAINED)) {
            return Protocol.weakAlgorithm(f);
        }
        Optional<DistrustedRootException> distrusted = f.cause(DistrustedRootException.class);
        if (distrusted.isPresent()) {
            return UntrustedChain.distrustedRoot(f, distrusted.get());
        }
        Optional<AnchorOutOfDate> anchor = f.cause(AnchorOutOfDate.class);
        if (anchor.isPresent()) {
            return Dates.anchorOutOfDate(f, anchor.get());
        }
        if (f.instance(CertificateExpiredException.class) || f.hasReason(CertPathValidatorException.BasicReason.EXPIRED)) {
            return Dates.expired(f);
        }
        if (f.instance(CertificateNotYetValidException.class)
                || f.hasReason(CertPathValidatorException.BasicReason.NOT_YET_VALID)) {
            return Dates.notYetValid(f);
        }
        if (f.has("pkix path") || f.has("certification path") || f.has("does not chain with any of the trust anchors")) {
            return UntrustedChain.of(f);
        }
        return Other.unnamed(f);
    }

    /** The frame every message shares: the first line, the note, the presented chain, the trust, the fixes, the JDK. */
    private static SslVerificationException frame(Throwable failure, Failure f, Explanation explanation, String note) {
        Reason reason = explanation.reason();
        List<String> hints = explanation.hints();
        List<PresentedCertificate> presented = new ArrayList<>();
        for (X509Certificate certificate : f.chain) {
            presented.add(PresentedCertificate.of(certificate));
        }
        DiagnosisContext context = f.context;
        StringBuilder message = new StringBuilder();
        message.append("TLS failed for REST client '").append(context.clientName()).append("' calling ")
                .append(f.hostPort()).append(" [").append(reason).append("]: ").append(explanation.what()).append('.');
        if (note != null) {
            message.append('\n').append(note);
        }
        if (presented.isEmpty()) {
            if (reason == Reason.NOT_TLS || reason == Reason.PROTOCOL_MISMATCH) {
                message.append("\nThe server presented no certificate.");
                Protocol.plainTextAnswer(f).ifPresent(text -> message.append(" Its answer begins: '").append(text)
                        .append('\''));
            } else if (reason == Reason.CLIENT_CERTIFICATE_REQUIRED || reason == Reason.CLIENT_CERTIFICATE_REJECTED) {
                message.append("\nThis client accepted the server's certificate chain; the server refused the client.");
            }
        } else {
            message.append("\nThe server presented:");
            for (int i = 0; i < presented.size(); i++) {
                PresentedCertificate c = presented.get(i);
                message.append("\n  [").append(i).append("] ").append(c.subject())
                        .append("\n      issued by ").append(c.issuer())
                        .append("\n      valid ").append(c.notBefore()).append(" to ").append(c.notAfter())
                        .append("; ").append(c.names())
                        .append("\n      SHA-256 ").append(c.sha256());
            }
        }
        message.append("\nThis client trusts: ").append(context.trustDescription());
        if (explanation.otherTrust() != null) {
            message.append("\nOther trust this application could use: ").append(explanation.otherTrust()).append('.');
        }
        message.append("\nHow to fix it, safest first:");
        for (int i = 0; i < hints.size(); i++) {
            message.append("\n  ").append(i + 1).append(". ").append(hints.get(i));
        }
        message.append("\n(").append(f.innermostSource()).append(": ").append(f.innermost()).append(')');
        return new SslVerificationException(message.toString(), failure, reason, context.clientName(), f.host, f.port,
                presented, context.trustDescription(), hints);
    }
}
