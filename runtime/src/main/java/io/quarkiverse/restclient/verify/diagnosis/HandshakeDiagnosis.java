package io.quarkiverse.restclient.verify.diagnosis;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.net.ssl.SSLException;

import io.quarkiverse.restclient.verify.PresentedCertificate;
import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.SslVerificationException.Reason;
import io.quarkiverse.restclient.verify.trust.Printable;
import io.quarkiverse.restclient.verify.trust.anchors.DistrustedRootException;
import io.quarkiverse.restclient.verify.trust.anchors.JdkDefaultTrust;
import io.quarkiverse.restclient.verify.trust.fetch.CaIssuers;
import io.quarkiverse.restclient.verify.trust.fetch.ChainRepairException;
import io.quarkiverse.restclient.verify.trust.fetch.FetchAttempt;
import io.quarkiverse.restclient.verify.trust.rules.HostNamedOnlyInCommonNameException;
import io.quarkiverse.restclient.verify.trust.rules.NameConstraintViolationException;
import io.quarkiverse.restclient.verify.trust.rules.PathRuleViolationException;

/**
 * Turns a failed TLS handshake into a {@link SslVerificationException} a person can act on: which check failed, in
 * plain words, the evidence, and fixes that name the client's own properties. Pure analysis of what is already known:
 * no network I/O.
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
        // Some layers wrap the TLS exception by its text only (IOException("javax.net.ssl...")), so look at both.
        boolean tls = causes.stream().anyMatch(t -> t instanceof SSLException
                || t.getClass().getName().equals("io.netty.handler.ssl.NotSslRecordException")
                || String.valueOf(t.getMessage()).contains("javax.net.ssl."));
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
        Findings findings = new Findings(context, host, port, chain, all, Instant.now());
        findings.classify();
        return Optional.of(findings.toException(failure));
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
        Findings findings = new Findings(context, host, port, closed.chain(), all, Instant.now());
        findings.classify();
        findings.note = "This client closed its connection to " + findings.hostPort() + " at " + closed.at()
                + " because its trust changed and no longer accepts the chain that connection was established with;"
                + " the request was not sent.";
        return findings.toException(failure);
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

    /** The analysis of one failure. */
    private static final class Findings {
        private final DiagnosisContext context;
        private final String host;
        private final int port;
        private final List<X509Certificate> chain;
        private final List<Throwable> causes;
        private final String messages;
        private final Instant now;
        private Reason reason = Reason.OTHER;
        private String what;
        private final List<String> hints = new ArrayList<>();
        /** A line after the first, when the failure needs more context than the handshake's. */
        private String note;

        Findings(DiagnosisContext context, String host, int port, List<X509Certificate> chain, List<Throwable> causes,
                Instant now) {
            this.context = context;
            this.host = host;
            this.port = port;
            this.chain = chain;
            this.causes = causes;
            this.now = now;
            StringBuilder text = new StringBuilder();
            for (Throwable cause : causes) {
                text.append(cause.getClass().getName()).append(": ").append(cause.getMessage()).append('\n');
            }
            this.messages = text.toString().toLowerCase(Locale.ROOT);
        }

        void classify() {
            Optional<RevocationExplanation> revocation = RevocationExplanation.of(causes, context.keys(),
                    hostPort());
            if (revocation.isPresent()) {
                reason = revocation.get().reason();
                what = revocation.get().what();
                hints.addAll(revocation.get().hints());
            } else if (has("notsslrecordexception") || has("not an ssl/tls record") || has("unrecognized ssl message")
                    || has("plaintext connection")) {
                notTls();
            } else if (has("protocol_version") || has("no appropriate protocol") || has("no cipher suites in common")
                    || has("insufficient_security")
                    || (has("handshake_failure") && chain.isEmpty() && context.acceptedIssuers() == null)) {
                // A handshake_failure alert before the server sent any certificate, or asked for one, is a failed
                // negotiation.
                protocolMismatch();
            } else if (has("certificate_required") || has("after asking for a client certificate")
                    || (has("received fatal alert") && (has("bad_certificate") || has("certificate_unknown")
                            || has("unknown_ca") || has("access_denied")
                            || (has("handshake_failure") && context.acceptedIssuers() != null)))) {
                // Alerts the server sends about the client's certificate, or its absence.
                if (context.clientCertificateConfigured()) {
                    clientCertificateRejected();
                } else {
                    clientCertificateRequired();
                }
            } else if (instance(NameConstraintViolationException.class)) {
                nameConstraintViolation();
            } else if (instance(PathRuleViolationException.class)) {
                pathRuleViolation();
            } else if (instance(HostNamedOnlyInCommonNameException.class)) {
                hostNamedOnlyInCommonName();
            } else if (has("no subject alternative") || has("no name matching")) {
                hostnameMismatch();
            } else if (has("algorithm constraints check failed") || hasReason(
                    CertPathValidatorException.BasicReason.ALGORITHM_CONSTRAINED)) {
                weakAlgorithm();
            } else if (instance(DistrustedRootException.class)) {
                distrustedRoot();
            } else if (instance(CertificateExpiredException.class)
                    || hasReason(CertPathValidatorException.BasicReason.EXPIRED)) {
                expired();
            } else if (instance(CertificateNotYetValidException.class)
                    || hasReason(CertPathValidatorException.BasicReason.NOT_YET_VALID)) {
                notYetValid();
            } else if (has("pkix path") || has("certification path")
                    || has("does not chain with any of the trust anchors") || has("no ca certificate for")) {
                if (chain.isEmpty()) {
                    untrustedUnseenChain();
                } else {
                    untrustedChain();
                }
            } else {
                what = "the TLS handshake failed: " + innermost();
                hints.add("See the cause below; run openssl s_client -connect " + hostPort()
                        + " -showcerts to see what the server sends");
            }
            repairTried();
        }

        /** What fetching the missing issuer tried ({@code verify-fetch-intermediates}), when it ran and failed. */
        private void repairTried() {
            causes.stream().filter(ChainRepairException.class::isInstance).map(ChainRepairException.class::cast)
                    .findFirst().ifPresent(repair -> {
                        what += ". This client tried to fetch the missing issuer (" + prefix()
                                + "verify-fetch-intermediates=true), which did not help: "
                                + (repair.attempts().isEmpty() ? "the server's certificate names no caIssuers URL"
                                        : String.join("; ", repair.attempts().stream().map(FetchAttempt::toString)
                                                .toList()));
                    });
        }

        private void notTls() {
            reason = Reason.NOT_TLS;
            what = "the server at " + hostPort() + " does not speak TLS on this port (it answered in plain text,"
                    + " probably plain HTTP)";
            hints.add("If the service is plain HTTP, use an http:// URL for this client; otherwise use its TLS port");
            hints.add("Check with: curl -v http://" + hostPort() + "/");
        }

        private void protocolMismatch() {
            reason = Reason.PROTOCOL_MISMATCH;
            what = "client and server share no TLS protocol version or cipher suite. This client offers TLSv1.3 and"
                    + " TLSv1.2 with the JDK's default cipher suites; the server's answer: " + innermost();
            hints.add("Find what the server accepts: openssl s_client -connect " + hostPort()
                    + " -tls1_2 (then -tls1_3)");
            hints.add("Find the cipher suites it accepts: nmap --script ssl-enum-ciphers -p " + (port > 0 ? port : 443)
                    + " " + (host == null ? "<host>" : host));
            hints.add("Servers that only speak TLS 1.0/1.1 or offer only obsolete cipher suites are refused by the JDK;"
                    + " upgrade the server's TLS configuration");
        }

        private void clientCertificateRequired() {
            reason = Reason.CLIENT_CERTIFICATE_REQUIRED;
            List<String> accepted = context.acceptedIssuers();
            String wanted = accepted == null ? ""
                    : accepted.isEmpty() ? "; it accepts certificates from any CA"
                            : "; it accepts certificates issued by " + String.join(" or ", accepted.stream()
                                    .map(name -> "'" + name + "'").toList());
            what = "the server at " + hostPort() + " requires a client certificate (mutual TLS) and this client sent"
                    + " none" + wanted;
            hints.add("Configure the client certificate and key for this client: " + prefix() + "cert=/path/to/client.pem"
                    + " and " + prefix() + "cert-key=/path/to/client.key (or a .p12 file as cert, with "
                    + prefix() + "cert-key-password)");
            hints.add("Ask the server's owners which CA must have issued the client certificate");
        }

        private void clientCertificateRejected() {
            reason = Reason.CLIENT_CERTIFICATE_REJECTED;
            List<String> accepted = context.acceptedIssuers();
            what = "the server at " + hostPort() + " rejected the client certificate of this client (" + innermost()
                    + ")" + (accepted == null || accepted.isEmpty() ? ""
                            : "; it accepts certificates issued by " + String.join(" or ", accepted.stream()
                                    .map(name -> "'" + name + "'").toList()));
            hints.add("Check that the client certificate was issued by a CA the server accepts, has not expired, and"
                    + " carries the clientAuth extended key usage: openssl x509 -noout -issuer -dates -ext"
                    + " extendedKeyUsage -in client.pem");
            hints.add("Ask the server's owners which CA must have issued it, and whether this certificate is enrolled");
        }

        private void untrustedUnseenChain() {
            reason = Reason.UNKNOWN_ISSUER;
            what = "the server's certificate chain is not trusted by this client's trust (" + context.trustDescription()
                    + "); the chain itself was not recorded, because this client keeps TLS settings of its own";
            hints.add("Get the chain to find its CA: openssl s_client -connect " + hostPort() + " -showcerts");
            hints.add("Add that CA to the client's own trust store, or let this extension manage the client's trust: "
                    + context.verifyKey() + "=default,/path/to/ca.pem (instead of its trust-store)");
        }

        private void hostnameMismatch() {
            reason = Reason.HOSTNAME_MISMATCH;
            PresentedCertificate leaf = chain.isEmpty() ? null : PresentedCertificate.of(chain.get(0));
            // A client with TLS settings of its own has no recorded chain: say so rather than "names unknown".
            what = "the certificate does not name the host this client called: requested '" + host + "', "
                    + (leaf == null ? "the names the certificate holds were not recorded, because this client keeps"
                            + " TLS settings of its own"
                            : "certificate names " + leaf.names() + " (subject "
                                    + leaf.subject() + ")");
            boolean callByName = false;
            if (leaf == null) {
                hints.add("See the names the certificate holds: openssl s_client -connect " + hostPort()
                        + " </dev/null | openssl x509 -noout -ext subjectAltName; then call the server by one of them"
                        + " in " + prefix() + "url");
            } else if (!(leaf.dnsNames().isEmpty() && leaf.ipAddresses().isEmpty())) {
                String name = !leaf.dnsNames().isEmpty() ? leaf.dnsNames().get(0) : leaf.ipAddresses().get(0);
                hints.add("Call the server by a name its certificate holds, e.g. " + prefix() + "url=https://" + name
                        + (port > 0 ? ":" + port : "") + "/...");
                callByName = true;
            }
            hints.add((callByName ? "Or have" : "Have") + " the server's certificate reissued with '" + host
                    + "' as a subject alternative name");
            hints.add("Last resort, for a known server only: " + prefix() + "verify-host=false turns off the hostname"
                    + " check (the chain is still verified), so any certificate from a trusted CA passes for any host");
        }

        private void hostNamedOnlyInCommonName() {
            reason = Reason.HOSTNAME_MISMATCH;
            what = "the certificate names the host '" + Printable.text(host) + "' only in its subject's CN (common"
                    + " name) and lists no DNS name as a subject alternative name; TLS clients no longer read the CN"
                    + " (browsers, OpenSSL as Python requests uses it, RFC 9525), so neither does this client";
            hints.add("Have the server's certificate reissued with '" + Printable.text(host) + "' as a subject"
                    + " alternative name (DNS), e.g. openssl req ... -addext \"subjectAltName=DNS:" + Printable.text(host)
                    + "\"; every public CA issues them so");
            hints.add("Last resort, for a known server only: " + prefix() + "verify-host=false turns off the hostname"
                    + " check (the chain is still verified), so any certificate from a trusted CA passes for any host");
        }

        /** A sub-case of an unknown issuer: the CA is trusted, but not for this name. */
        private void nameConstraintViolation() {
            reason = Reason.UNKNOWN_ISSUER;
            NameConstraintViolationException violation = (NameConstraintViolationException) causes.stream()
                    .filter(NameConstraintViolationException.class::isInstance).findFirst().orElseThrow();
            what = "the CA '" + violation.constrainingCa() + "' is trusted only for some names, and the server's chain"
                    + " uses it for another: its name constraints " + violation.constraints() + ", yet the certificate '"
                    + violation.certificate() + "' below it holds " + violation.name() + " ("
                    + (violation.excluded() ? "excluded" : "permitted") + " subtree violation, as OpenSSL and Python"
                    + " requests report it; the JDK alone ignores a trust anchor's own constraints)";
            hints.add("Fix the server: have its certificate issued without " + violation.name() + ", or by a CA that may"
                    + " vouch for that name; a CA limited to some names cannot issue for others");
            hints.add("If the server should be called by a name the CA permits, call it by that name in " + prefix()
                    + "url");
            hints.add("If you own '" + violation.constrainingCa() + "' and it should vouch for " + violation.name()
                    + ", reissue that CA with name constraints that include it and put the new certificate in this"
                    + " client's trust (" + context.verifyKey() + ")");
        }

        /** A rule of the path the JDK does not check: one OpenSSL makes too, or one of strict mode. */
        private void pathRuleViolation() {
            reason = Reason.OTHER;
            PathRuleViolationException violation = (PathRuleViolationException) causes.stream()
                    .filter(PathRuleViolationException.class::isInstance).findFirst().orElseThrow();
            String broken = violation.certificate() + " breaks the rule " + violation.rule().id() + " ("
                    + violation.rule().summary() + "): " + violation.detail();
            if (violation.strict()) {
                what = "strict mode refuses the server's chain: " + broken + ". The usual checks, as strict as Python"
                        + " requests, accept it";
                hints.add("Fix the server: have the certificate reissued so that it follows the rule "
                        + violation.rule().id() + "; public CAs issue certificates that do");
                hints.add("If this server's chain comes from a private CA that you trust as it issues, turn strict mode"
                        + " off for this client only: " + context.keys().verifyStrict() + "=false");
            } else {
                what = "the server's chain passes the JDK's checks but not OpenSSL's, as Python requests makes them: "
                        + broken;
                hints.add("Fix the server: have the certificate or its CA reissued so that it follows the rule "
                        + violation.rule().id() + "; every TLS client built on OpenSSL refuses it as it is");
            }
        }

        private void weakAlgorithm() {
            reason = Reason.WEAK_ALGORITHM;
            List<String> weak = new ArrayList<>();
            for (X509Certificate certificate : chain) {
                String algorithm = certificate.getSigAlgName().toUpperCase(Locale.ROOT);
                if (algorithm.contains("SHA1") || algorithm.contains("MD5") || algorithm.contains("MD2")) {
                    weak.add("'" + Printable.name(certificate.getSubjectX500Principal()) + "' is signed with "
                            + certificate.getSigAlgName());
                }
            }
            what = "the chain uses an algorithm the JDK disables (security property jdk.certpath.disabledAlgorithms): "
                    + (weak.isEmpty() ? innermost() : String.join("; ", weak));
            hints.add("Have the certificate reissued with SHA-256 or stronger; SHA-1 and MD5 signatures can be forged");
            hints.add("The JDK's list is jdk.certpath.disabledAlgorithms in $JAVA_HOME/conf/security/java.security;"
                    + " weakening it affects every TLS connection of the JVM");
        }

        private void distrustedRoot() {
            reason = Reason.DISTRUSTED_ROOT;
            DistrustedRootException distrusted = (DistrustedRootException) causes.stream()
                    .filter(DistrustedRootException.class::isInstance).findFirst().orElseThrow();
            what = distrusted.getMessage();
            hints.add("Have the server's certificate reissued by a CA Mozilla trusts today; certificates this root"
                    + " issued up to " + distrusted.distrustAfter() + " still pass until they expire");
            hints.add("Only if you accept that risk for this one server: trust its CA through a file of its own, without"
                    + " mozilla (" + context.verifyKey() + "=/path/to/that-ca.pem); the dates apply whenever mozilla"
                    + " is listed");
        }

        private void expired() {
            reason = Reason.EXPIRED;
            if (anchorOutOfDate()) {
                what = innermostMessage();
                hints.add("Replace that CA certificate in this client's trust (" + context.verifyKey() + "="
                        + context.trustValue() + ") with its renewed version, from the CA's owners");
                hints.add("If the client's clock is wrong, fix its time synchronisation (NTP)");
                return;
            }
            X509Certificate expired = chain.stream().filter(c -> now.isAfter(c.getNotAfter().toInstant()))
                    .findFirst().orElse(null);
            what = expired == null ? "a certificate of the chain has expired (" + innermost() + "); the client's clock"
                    + " is " + now
                    : "the certificate '" + Printable.name(expired.getSubjectX500Principal()) + "' expired on "
                            + expired.getNotAfter().toInstant() + "; the client's clock is " + now;
            hints.add("Renew the certificate on the server (or ask its owners to); nothing on the client should change");
            hints.add("If the client's clock is wrong, fix its time synchronisation (NTP)");
        }

        private void notYetValid() {
            reason = Reason.NOT_YET_VALID;
            if (anchorOutOfDate()) {
                what = innermostMessage();
                hints.add("Check the clocks: a client clock behind the real time (clock skew) is the usual cause;"
                        + " enable time synchronisation (NTP)");
                hints.add("Until that CA is valid, keep its predecessor in this client's trust (" + context.verifyKey()
                        + ")");
                return;
            }
            X509Certificate early = chain.stream().filter(c -> now.isBefore(c.getNotBefore().toInstant()))
                    .findFirst().orElse(null);
            what = early == null ? "a certificate of the chain is not valid yet (" + innermost() + "); the client's"
                    + " clock is " + now
                    : "the certificate '" + Printable.name(early.getSubjectX500Principal()) + "' is valid only from "
                            + early.getNotBefore().toInstant() + "; the client's clock is " + now;
            hints.add("Check the clocks: a client clock behind the real time (clock skew) is the usual cause; enable"
                    + " time synchronisation (NTP)");
            hints.add("If the certificate was issued with a future start date, reissue it on the server");
        }

        private void untrustedChain() {
            X509Certificate top = chain.get(chain.size() - 1);
            boolean selfIssued = top.getSubjectX500Principal().equals(top.getIssuerX500Principal());
            String issuer = Printable.name(top.getIssuerX500Principal());
            if (chain.size() == 1 && selfIssued) {
                reason = Reason.SELF_SIGNED;
                PresentedCertificate self = PresentedCertificate.of(top);
                what = "the server presented a self-signed certificate '" + self.subject() + "' with SHA-256"
                        + " fingerprint " + self.sha256() + ", which this client does not trust";
                hints.add("Compare that fingerprint with the server's owner out of band; if it matches, trust exactly"
                        + " this certificate: openssl s_client -connect " + hostPort() + " </dev/null | openssl x509"
                        + " > server.pem, then " + context.verifyKey() + "=" + extended("/path/to/server.pem"));
                hints.add("Better: have the server use a certificate from a CA you already trust");
            } else if (!selfIssued && top.getBasicConstraints() < 0 && !publicIssuerLeftOut(top)) {
                // Only the leaf arrived: its issuer is a missing intermediate or an untrusted CA; the chain can't tell.
                reason = Reason.INCOMPLETE_CHAIN;
                what = "the server sent only its own certificate '" + Printable.name(top.getSubjectX500Principal())
                        + "', issued by '" + issuer + "', which is not in this client's trust: either the server leaves"
                        + " out the intermediate CA '" + issuer + "' that links it to a trusted CA, or '" + issuer
                        + "' is a CA this client does not trust yet";
                hints.add("If '" + issuer + "' is an intermediate CA, fix the server: it should send its full chain"
                        + " (its certificate followed by '" + issuer + "')");
                hints.add("If you trust '" + issuer + "', or it is the intermediate of a CA you trust, add it to this"
                        + " client's trust: " + context.verifyKey() + "=" + extended("/path/to/issuer.pem"));
                List<String> caIssuers = CaIssuers.urls(top);
                if (!caIssuers.isEmpty() && !instance(ChainRepairException.class)) {
                    hints.add("The certificate names where its issuer can be fetched ("
                            + Printable.text(caIssuers.get(0), Printable.MAX_NAME) + "): "
                            + prefix() + "verify-fetch-intermediates=true lets this client fetch it, as browsers do"
                            + " (the server should still be fixed)");
                }
                hints.add("See what the server sends: openssl s_client -connect " + hostPort() + " -showcerts");
            } else {
                reason = Reason.UNKNOWN_ISSUER;
                String untrusted = selfIssued ? Printable.name(top.getSubjectX500Principal()) : issuer;
                what = "the server's chain leads to the CA '" + untrusted + "', which this client does not trust";
                boolean publicCa = JdkDefaultTrust.hasSubject(selfIssued ? top.getSubjectX500Principal()
                        : top.getIssuerX500Principal());
                if (publicCa && context.replacesDefaultTrust() && context.trustValue() != null) {
                    hints.add("'" + untrusted + "' is a public CA in the JDK default trust, but this client's verify"
                            + " replaces the default trust. Extend it instead: " + context.verifyKey() + "=default,"
                            + context.trustValue());
                }
                hints.add("If you trust that CA, add it to this client's trust: " + context.verifyKey() + "="
                        + extended("/path/to/ca.pem") + " (behind a TLS-inspecting proxy, this is the proxy's CA)");
                hints.add("Get the chain to find the CA: openssl s_client -connect " + hostPort() + " -showcerts");
            }
        }

        /** Whether the certificate comes from a public CA that this client's trust leaves out. */
        private boolean publicIssuerLeftOut(X509Certificate certificate) {
            return context.replacesDefaultTrust() && JdkDefaultTrust.hasSubject(certificate.getIssuerX500Principal());
        }

        /** The client's current trust extended by a path, or the path with default trust. */
        private String extended(String path) {
            String current = context.trustValue();
            if (current == null || current.isBlank() || current.equals("default") || current.equals("true")) {
                return "default," + path;
            }
            return current + "," + path;
        }

        private String prefix() {
            return context.verifyKey().substring(0, context.verifyKey().length() - "verify".length());
        }

        private String hostPort() {
            return (host == null ? "<host>" : host) + ":" + (port > 0 ? port : 443);
        }

        private boolean has(String text) {
            return messages.contains(text);
        }

        private boolean instance(Class<? extends Throwable> type) {
            return causes.stream().anyMatch(type::isInstance);
        }

        private boolean hasReason(CertPathValidatorException.Reason wanted) {
            return causes.stream().anyMatch(t -> t instanceof CertPathValidatorException
                    && ((CertPathValidatorException) t).getReason() == wanted);
        }

        /** Whether the failure is a CA of the client's own trust outside its validity, not a presented one. */
        private boolean anchorOutOfDate() {
            return innermostMessage().contains("in this client's trust, which would anchor");
        }

        private String innermostMessage() {
            return String.valueOf(causes.get(causes.size() - 1).getMessage());
        }

        private String innermost() {
            Throwable last = causes.get(causes.size() - 1);
            // JDK messages quote the server's names; escaped like every other name from the server.
            return last.getClass().getSimpleName() + ": " + Printable.text(String.valueOf(last.getMessage()), 2000);
        }

        SslVerificationException toException(Throwable failure) {
            List<PresentedCertificate> presented = new ArrayList<>();
            for (X509Certificate certificate : chain) {
                presented.add(PresentedCertificate.of(certificate));
            }
            StringBuilder message = new StringBuilder();
            message.append("TLS failed for REST client '").append(context.clientName()).append("' calling ")
                    .append(hostPort()).append(" [").append(reason).append("]: ").append(what).append('.');
            if (note != null) {
                message.append('\n').append(note);
            }
            if (presented.isEmpty()) {
                if (reason == Reason.NOT_TLS || reason == Reason.PROTOCOL_MISMATCH) {
                    message.append("\nThe server presented no certificate.");
                } else if (reason == Reason.CLIENT_CERTIFICATE_REQUIRED
                        || reason == Reason.CLIENT_CERTIFICATE_REJECTED) {
                    message.append("\nThis client accepted the server's certificate chain; the server refused the"
                            + " client.");
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
            message.append("\nHow to fix it, safest first:");
            for (int i = 0; i < hints.size(); i++) {
                message.append("\n  ").append(i + 1).append(". ").append(hints.get(i));
            }
            message.append("\n(JDK: ").append(innermost()).append(')');
            return new SslVerificationException(message.toString(), failure, reason, context.clientName(), host, port,
                    presented, context.trustDescription(), hints);
        }
    }
}
